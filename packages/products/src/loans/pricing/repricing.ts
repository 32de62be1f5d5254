/**
 * Floating-rate re-pricing (the PBoC's 2019 LPR reform rules): the contract rate is the benchmark
 * LPR plus a fixed spread; it is set at the start from the LPR in force then, and changes only on
 * the contract's reset dates, to the LPR in force on each reset date plus the same spread. A reset
 * is yearly, on the contract's anniversary or on 1 January, or never (a fixed rate).
 */
import { addMonths, businessDate, dateParts, type BusinessDate } from '../../calendar/businessDate.js';
import { ProductsError, describeValue } from '../../errors.js';
import { closedRecord } from '../../interest/input.js';
import { MAX_TERM_MONTHS } from '../../limits.js';
import { rateOn, type RateTable } from '../../rates/rateTable.js';
import { lprOn, type Benchmark, type LprTable } from './lprTable.js';
import { basisPointsOf, priceRate } from './priceRate.js';

/** When a floating contract re-prices: never, or yearly on the anniversary or on 1 January. */
export type LoanReset = { readonly frequency: 'none' } | { readonly frequency: 'annual'; readonly on: 'anniversary' | 'jan1' };

/** Checks a reset (unknown fields refused). @throws ProductsError `input_not_object`, `field_unknown`, `reset_invalid`. */
export function loanReset(input: unknown, field = 'reset'): LoanReset {
  if (typeof input !== 'object' || input === null) throw new ProductsError('reset_invalid', describeValue(input), field);
  const frequency = (input as { frequency?: unknown }).frequency;
  if (frequency === 'none') {
    closedRecord(input, ['frequency']);
    return Object.freeze({ frequency });
  }
  const record = closedRecord(input, ['frequency', 'on']);
  const on = record['on'];
  if (frequency !== 'annual' || (on !== 'anniversary' && on !== 'jan1')) throw new ProductsError('reset_invalid', `${describeValue(frequency)}, ${describeValue(on)}`, field);
  return Object.freeze({ frequency, on });
}

const checkedPeriod = (start: BusinessDate, maturity: BusinessDate): void => {
  businessDate(start, 'start');
  businessDate(maturity, 'maturity');
  if (maturity <= start) throw new ProductsError('period_reversed', `maturity ${maturity} is not after start ${start}`, 'maturity');
  // Bounds the number of reset dates: one a year over at most MAX_TERM_MONTHS.
  if (maturity > addMonths(start, MAX_TERM_MONTHS)) throw new ProductsError('months_invalid', `the contract runs past ${MAX_TERM_MONTHS} months`, 'maturity');
};

/**
 * The re-pricing dates strictly after `start` and strictly before `maturity`, in order: each
 * anniversary (start + 12k months, month-end rule), or each 1 January; none for a fixed rate.
 * @throws ProductsError `date_invalid`, `period_reversed`, `months_invalid` (longer than MAX_TERM_MONTHS), `reset_invalid`.
 */
export function resetDates(start: BusinessDate, maturity: BusinessDate, reset: LoanReset): readonly BusinessDate[] {
  checkedPeriod(start, maturity);
  const checked = loanReset(reset);
  if (checked.frequency === 'none') return Object.freeze([]);
  const dates: BusinessDate[] = [];
  const startYear = dateParts(start).year;
  // Anniversaries are counted from the start (never from the previous reset) so that a 31 January
  // or 29 February start does not drift to an earlier day after a short month.
  // At most one reset a year over at most MAX_TERM_MONTHS (checkedPeriod): the loop is bounded.
  for (let k = 1; k <= MAX_TERM_MONTHS / 12 + 1; k += 1) {
    const date = checked.on === 'anniversary' ? addMonths(start, 12 * k) : businessDate(`${String(startYear + k).padStart(4, '0')}-01-01`);
    if (date >= maturity) break;
    dates.push(date);
  }
  return Object.freeze(dates);
}

/** What fixes a floating contract's rate over its life. */
export interface RepricingTerms {
  readonly start: BusinessDate;
  readonly maturity: BusinessDate;
  readonly benchmark: Benchmark;
  /** Whole basis points over the benchmark, as a string ("45", "-20"). */
  readonly spreadBps: string;
  readonly reset: LoanReset;
}

/**
 * The contract's rates over its life as a {@link RateTable}: the priced rate from `start`, and a
 * new entry on each reset date whose priced rate differs from the one before (an unchanged LPR
 * makes no entry). Interest accrual reads it like any posted-rate table.
 * @throws ProductsError `rate_not_posted` (the LPR table starts after a pricing date), and the codes of {@link resetDates} and {@link priceRate}.
 */
export function repricingSchedule(lpr: LprTable, terms: RepricingTerms): RateTable {
  basisPointsOf(terms.spreadBps);
  const pricingDates = [terms.start, ...resetDates(terms.start, terms.maturity, terms.reset)];
  const schedule: { from: BusinessDate; ratePercent: string }[] = [];
  for (const date of pricingDates) {
    const ratePercent = priceRate(lprOn(lpr, terms.benchmark, date), terms.spreadBps);
    if (schedule[schedule.length - 1]?.ratePercent !== ratePercent) schedule.push(Object.freeze({ from: date, ratePercent }));
  }
  return Object.freeze(schedule);
}

/**
 * The contract rate on `date` (start ≤ date; maturity and later keep the last rate, for overdue
 * interest). @throws ProductsError `rate_not_posted` when `date` precedes the contract's start.
 */
export const loanRateOn = (schedule: RateTable, date: BusinessDate): string => rateOn(schedule, businessDate(date));
