/**
 * The Loan Prime Rate (LPR, 贷款市场报价利率) as effective-dated rate tables, one per tenor. Loans
 * are priced as a benchmark LPR plus a spread; the benchmark names the tenor.
 */
import type { BusinessDate } from '../../calendar/businessDate.js';
import { ProductsError, describeValue } from '../../errors.js';
import { closedRecord } from '../../interest/input.js';
import { rateOn, rateTable, type RateTable } from '../../rates/rateTable.js';

/** The published LPR tenors a loan can be priced on: one year, and over five years (mortgages). */
export type Benchmark = 'LPR1Y' | 'LPR5Y';

/** Every benchmark, for validation. */
export const BENCHMARKS: readonly Benchmark[] = Object.freeze(['LPR1Y', 'LPR5Y']);

/** Both LPR tenors' histories, each a {@link RateTable} of percent-per-year strings. */
export type LprTable = Readonly<Record<Benchmark, RateTable>>;

/** LPR history as given (JSON): per tenor, entries `{from, ratePercent}` in increasing date order. */
export type LprTableInput = Readonly<Record<Benchmark, readonly { readonly from: string; readonly ratePercent: string }[]>>;

/**
 * Checks both tenors' histories (unknown fields refused) and returns them frozen.
 * @throws ProductsError `input_not_object`, `field_unknown`, `field_missing`, `rate_table_invalid`, `date_invalid`, `rate_invalid`.
 */
export function lprTable(input: LprTableInput): LprTable {
  const record = closedRecord(input, BENCHMARKS);
  const tableOf = (benchmark: Benchmark): RateTable => {
    const entries = record[benchmark];
    if (entries === undefined) throw new ProductsError('field_missing', benchmark, benchmark);
    if (!Array.isArray(entries)) throw new ProductsError('rate_table_invalid', describeValue(entries), benchmark);
    return rateTable(entries.map((entry: unknown) => closedRecord(entry, ['from', 'ratePercent']) as { from: string; ratePercent: string }));
  };
  return Object.freeze({ LPR1Y: tableOf('LPR1Y'), LPR5Y: tableOf('LPR5Y') });
}

/**
 * The LPR of `benchmark` in force on `date` (published rates apply from their publication date).
 * @throws ProductsError `benchmark_unknown`, `rate_not_posted` (before the table's first entry).
 */
export function lprOn(table: LprTable, benchmark: Benchmark, date: BusinessDate): string {
  if (!(BENCHMARKS as readonly string[]).includes(benchmark)) throw new ProductsError('benchmark_unknown', describeValue(benchmark), 'benchmark');
  return rateOn(table[benchmark], date);
}
