import { ProductsError, describeValue } from '../errors.js';
import { businessDate, dateParts, daysBetween, isLeapYear, type BusinessDate } from './businessDate.js';

/**
 * A day-count convention, as product data:
 * - `ACT/365`: ACT/365 Fixed: actual days ÷ 365, leap years included.
 * - `ACT/360`: actual days ÷ 360 (money-market basis).
 * - `30/360`: the ISDA 2006 §4.16(f) "30/360, 360/360, Bond Basis" (US bond basis without the
 *   February end-of-month rule): D1 = 31 becomes 30; D2 = 31 becomes 30 when D1 is 30 or 31;
 *   days = 360·(Y2−Y1) + 30·(M2−M1) + (D2−D1), ÷ 360.
 * - `ACT/ACT`: ACT/ACT ISDA: the days falling in a leap year ÷ 366 plus the other days ÷ 365.
 */
export type DayCount = 'ACT/365' | 'ACT/360' | '30/360' | 'ACT/ACT';

/** Every day-count convention, for validation and exhaustive tests. */
export const DAY_COUNTS: readonly DayCount[] = Object.freeze(['ACT/365', 'ACT/360', '30/360', 'ACT/ACT']);

/** Checks an untyped day-count name. @throws ProductsError `day_count_unknown`. */
export function assertDayCount(value: unknown, field = 'dayCount'): asserts value is DayCount {
  if (typeof value !== 'string' || !(DAY_COUNTS as readonly string[]).includes(value)) {
    throw new ProductsError('day_count_unknown', describeValue(value), field);
  }
}

/** One exact term of a year fraction: `days ÷ basis`. */
export interface YearFractionTerm {
  readonly days: number;
  readonly basis: number;
}

/**
 * The year fraction of a period as exact terms (one term, or for ACT/ACT one per calendar year the
 * period touches), so that interest is computed without rounding the fraction.
 */
export interface YearFraction {
  readonly dayCount: DayCount;
  /** The days the convention counts (30/360: its 30-day months; the others: actual days). */
  readonly days: number;
  readonly terms: readonly YearFractionTerm[];
}

/** Days the 30/360 bond basis counts from `from` to `to`. */
export const days30360 = (from: BusinessDate, to: BusinessDate): number => {
  businessDate(from, 'from');
  businessDate(to, 'to');
  const a = dateParts(from);
  const b = dateParts(to);
  const d1 = a.day === 31 ? 30 : a.day;
  const d2 = b.day === 31 && d1 >= 30 ? 30 : b.day;
  return 360 * (b.year - a.year) + 30 * (b.month - a.month) + (d2 - d1);
};

const yearStart = (year: number): BusinessDate => `${String(year).padStart(4, '0')}-01-01` as BusinessDate;

/**
 * The year fraction from `from` (included) to `to` (excluded) under `dayCount`.
 * @throws ProductsError `period_reversed` when `to` is before `from`, `day_count_unknown`.
 */
export function yearFraction(from: BusinessDate, to: BusinessDate, dayCount: DayCount): YearFraction {
  assertDayCount(dayCount);
  const actual = daysBetween(from, to);
  if (actual < 0) throw new ProductsError('period_reversed', `${from} to ${to}`);
  switch (dayCount) {
    case 'ACT/365':
      return { dayCount, days: actual, terms: [{ days: actual, basis: 365 }] };
    case 'ACT/360':
      return { dayCount, days: actual, terms: [{ days: actual, basis: 360 }] };
    case '30/360': {
      const days = days30360(from, to);
      return { dayCount, days, terms: [{ days, basis: 360 }] };
    }
    case 'ACT/ACT': {
      const terms: YearFractionTerm[] = [];
      const last = dateParts(to).year;
      let cursor = from;
      for (let year = dateParts(from).year; year <= last && cursor < to; year++) {
        const end = year === last ? to : yearStart(year + 1);
        const days = daysBetween(cursor, end);
        if (days > 0) terms.push({ days, basis: isLeapYear(year) ? 366 : 365 });
        cursor = end;
      }
      return { dayCount, days: actual, terms: terms.length === 0 ? [{ days: 0, basis: 365 }] : terms };
    }
  }
}

/** A year fraction as exact text: "90/360", or "31/365+59/366" for ACT/ACT across a year end. */
export const formatYearFraction = (fraction: YearFraction): string =>
  fraction.terms.map(({ days, basis }) => `${days}/${basis}`).join('+');
