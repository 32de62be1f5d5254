import { daysBetween } from '../../calendar/businessDate.js';
import { formatYearFraction, yearFraction, type YearFractionTerm } from '../../calendar/dayCount.js';
import { RATE_DENOMINATOR } from '../../interest/input.js';
import { addRatio, ratio, type Ratio } from '../../interest/ratio.js';
import type { InstallmentPeriod, RepaymentFrequency } from './dueDates.js';
import { periodsPerYear } from './dueDates.js';
import type { ScheduleDayCount } from './scheduleInput.js';

/** The year fraction of an installment period as exact terms, with its text. @internal */
export interface PeriodFraction {
  /** Days the convention counts (30/360: 30-day months); actual days for `periodic`. */
  readonly days: number;
  readonly terms: readonly YearFractionTerm[];
  /** "1/12" (periodic), "31/365", or "31/365+59/366" across a year end under ACT/ACT. */
  readonly text: string;
}

/**
 * The year fraction of `period`: `periods`/12 (or /26, /52) under the periodic rule, otherwise the
 * day count between its dates. `periods` is 1 except for a bullet's single period over the term.
 */
export const periodFraction = (period: InstallmentPeriod, dayCount: ScheduleDayCount, frequency: RepaymentFrequency, periods = 1): PeriodFraction => {
  if (dayCount === 'periodic') {
    const basis = periodsPerYear(frequency);
    return { days: daysBetween(period.from, period.to), terms: [{ days: periods, basis }], text: `${periods}/${basis}` };
  }
  const fraction = yearFraction(period.from, period.to, dayCount);
  return { days: fraction.days, terms: fraction.terms, text: formatYearFraction(fraction) };
};

/** Exact interest, in the balance's units, of `balance` at `rateUnits` (10^-8 percent a year) over `fraction`. @internal */
export const periodInterest = (balance: bigint, rateUnits: bigint, fraction: PeriodFraction): Ratio =>
  fraction.terms.reduce<Ratio>((sum, { days, basis }) => addRatio(sum, ratio(balance * rateUnits * BigInt(days), RATE_DENOMINATOR * BigInt(basis))), ratio(0n));
