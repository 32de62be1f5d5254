import { addDays, addMonths, businessDate, type BusinessDate } from '../../calendar/businessDate.js';
import { ProductsError } from '../../errors.js';

/** How often an installment falls due. */
export type RepaymentFrequency = 'monthly' | 'fortnightly' | 'weekly';

/** Every repayment frequency, for validation and exhaustive tests. */
export const REPAYMENT_FREQUENCIES: readonly RepaymentFrequency[] = Object.freeze(['monthly', 'fortnightly', 'weekly']);

const PERIODS_PER_YEAR: { readonly [F in RepaymentFrequency]: number } = { monthly: 12, fortnightly: 26, weekly: 52 };
const DAYS_PER_PERIOD = { fortnightly: 14, weekly: 7 } as const;

/** Periods in a year: 12, 26 or 52; the `periodic` day count makes each period 1/that of a year. */
export const periodsPerYear = (frequency: RepaymentFrequency): number => PERIODS_PER_YEAR[frequency];

/**
 * The date `count` periods after `anchor`. Months are added to the anchor itself, never chained, so
 * that a loan due on the 31st falls due on 28/29 February and on the 31st again in March.
 */
export const periodsAfter = (anchor: BusinessDate, count: number, frequency: RepaymentFrequency): BusinessDate =>
  frequency === 'monthly' ? addMonths(anchor, count) : addDays(anchor, DAYS_PER_PERIOD[frequency] * count);

/**
 * A first due date: after the start and at most two periods after it (a short or long first
 * period; anything later is a grace period, which the schedule names as such).
 * @throws ProductsError `date_invalid`, `first_due_date_invalid`.
 */
export const firstDueDateOf = (start: BusinessDate, value: string, frequency: RepaymentFrequency): BusinessDate => {
  const date = businessDate(value, 'firstDueDate');
  if (date <= start || date > periodsAfter(start, 2, frequency)) throw new ProductsError('first_due_date_invalid', `${date} after the start ${start}`, 'firstDueDate');
  return date;
};

/** One installment period: interest runs from `from` (included) to the due date `to` (excluded). */
export interface InstallmentPeriod {
  readonly from: BusinessDate;
  readonly to: BusinessDate;
}

/**
 * The periods of a schedule of `count` installments: due one period after another from the first
 * due date (one period after the start when not given), each counted from the anchor.
 * @throws ProductsError `date_invalid` when a due date falls outside the supported dates.
 */
export const installmentPeriods = (start: BusinessDate, count: number, frequency: RepaymentFrequency, firstDueDate?: BusinessDate): InstallmentPeriod[] => {
  const periods: InstallmentPeriod[] = [];
  let from = start;
  for (let k = 0; k < count; k++) {
    const to = firstDueDate === undefined ? periodsAfter(start, k + 1, frequency) : periodsAfter(firstDueDate, k, frequency);
    periods.push({ from, to });
    from = to;
  }
  return periods;
};
