/**
 * A product's posted rates over time (a bank posts its demand rate, and changes it, by effective
 * date). Accrual reads the rate of each day from the table; a time deposit broken early earns the
 * demand rate posted on the withdrawal date. Rates are percent-per-year decimal strings.
 */
import { businessDate, type BusinessDate } from '../calendar/businessDate.js';
import { ProductsError, describeValue } from '../errors.js';
import { rateOf } from '../interest/input.js';
import { MAX_RATE_CHANGES } from '../limits.js';

/** One posted rate, in force from `from` (included) until the next entry's `from`. */
export interface PostedRate {
  readonly from: BusinessDate;
  /** Annual rate in percent ("0.35"). */
  readonly ratePercent: string;
}

/** Posted rates in strictly increasing `from` order; the first entry opens the table. */
export type RateTable = readonly PostedRate[];

/**
 * Checks a rate table: at least one entry, dates strictly increasing, rates valid percent strings.
 * @throws ProductsError `rate_table_invalid`, `date_invalid`, `rate_invalid`, `rate_out_of_range`.
 */
export function rateTable(entries: readonly { readonly from: string; readonly ratePercent: string }[]): RateTable {
  if (!Array.isArray(entries) || entries.length === 0 || entries.length > MAX_RATE_CHANGES) {
    throw new ProductsError('rate_table_invalid', `expected 1..${MAX_RATE_CHANGES} entries, got ${describeValue(entries)}`, 'rates');
  }
  const table: PostedRate[] = [];
  for (const [index, entry] of entries.entries()) {
    const from = businessDate(entry.from, `rates[${index}].from`);
    rateOf(entry.ratePercent, `rates[${index}].ratePercent`);
    const previous = table[table.length - 1];
    if (previous !== undefined && from <= previous.from) {
      throw new ProductsError('rate_table_invalid', `rates[${index}].from ${from} is not after ${previous.from}`, `rates[${index}].from`);
    }
    table.push(Object.freeze({ from, ratePercent: entry.ratePercent }));
  }
  return Object.freeze(table);
}

/**
 * The rate in force on `date`.
 * @throws ProductsError `rate_not_posted` when the date precedes the table's first entry.
 */
export function rateOn(table: RateTable, date: BusinessDate): string {
  // Tables are short (a few changes a year): a backwards scan is the clearest and fast enough.
  for (let i = table.length - 1; i >= 0; i -= 1) {
    const entry = table[i]!;
    if (entry.from <= date) return entry.ratePercent;
  }
  throw new ProductsError('rate_not_posted', `no rate in force on ${date}`, 'date');
}
