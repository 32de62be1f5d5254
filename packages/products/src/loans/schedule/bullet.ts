import type { PlanPeriod } from './amortize.js';
import type { InstallmentPeriod, RepaymentFrequency } from './dueDates.js';
import { periodFraction } from './periodInterest.js';
import type { ScheduleDayCount } from './scheduleInput.js';

/**
 * Bullet: one installment at maturity repays the principal with simple interest over the whole
 * term (the term's periods ÷ periods a year under the periodic rule, else the day count from the
 * start to the last due date).
 */
export const bulletPeriods = (periods: readonly InstallmentPeriod[], dayCount: ScheduleDayCount, frequency: RepaymentFrequency): PlanPeriod[] => {
  const whole = { from: periods[0]!.from, to: periods[periods.length - 1]!.to };
  return [{ ...whole, fraction: periodFraction(whole, dayCount, frequency, periods.length) }];
};
