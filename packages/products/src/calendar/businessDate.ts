import { ProductsError, describeValue } from '../errors.js';
import { MAX_BUSINESS_DATE, MIN_BUSINESS_DATE } from '../limits.js';

declare const businessDateBrand: unique symbol;
/** A calendar date `YYYY-MM-DD` between 1900-01-01 and 2199-12-31, checked by {@link businessDate}. */
export type BusinessDate = string & { readonly [businessDateBrand]: true };

const MS_PER_DAY = 86_400_000;

/** True for a leap year of the proleptic Gregorian calendar. */
export const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** Days in `month` (1..12) of `year`. */
export const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

/** Year, month (1..12) and day of a business date. */
export interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const format = ({ year, month, day }: DateParts): string => `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;

/** The digits at `start..end` of `value` as a number, or -1 when one is not an ASCII digit. */
const digitsAt = (value: string, start: number, end: number): number => {
  let n = 0;
  for (let i = start; i < end; i++) {
    const code = value.charCodeAt(i) - 48;
    if (code < 0 || code > 9) return -1;
    n = n * 10 + code;
  }
  return n;
};

/**
 * Checks a `YYYY-MM-DD` string (a real calendar day, 1900-01-01..2199-12-31) and returns it typed.
 * Read character by character rather than by a regular expression: every accrual day passes here.
 * @throws ProductsError `field_not_string`, `date_invalid`.
 */
export function businessDate(value: string, field = 'date'): BusinessDate {
  if (typeof value !== 'string') throw new ProductsError('field_not_string', describeValue(value), field);
  const year = value.length === 10 && value.charCodeAt(4) === 45 && value.charCodeAt(7) === 45 ? digitsAt(value, 0, 4) : -1;
  const month = year < 0 ? -1 : digitsAt(value, 5, 7);
  const day = month < 0 ? -1 : digitsAt(value, 8, 10);
  if (day < 1 || month < 1 || month > 12 || day > daysInMonth(year, month) || value < MIN_BUSINESS_DATE || value > MAX_BUSINESS_DATE) {
    throw new ProductsError('date_invalid', describeValue(value), field);
  }
  return value as BusinessDate;
}

/** Year, month and day of a business date. */
export const dateParts = (date: BusinessDate): DateParts => ({
  year: Number(date.slice(0, 4)),
  month: Number(date.slice(5, 7)),
  day: Number(date.slice(8, 10)),
});

// Dates are whole days: UTC midnight, so no time zone or daylight saving shifts a day.
const dayNumber = (date: BusinessDate): number => {
  const { year, month, day } = dateParts(date);
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
};

/** Calendar days from `from` to `to` (negative when `to` is earlier): the ACT day count. */
export const daysBetween = (from: BusinessDate, to: BusinessDate): number => dayNumber(businessDate(to, 'to')) - dayNumber(businessDate(from, 'from'));

// Day and month counts are counts, not money: plain integers, bounded by the date range anyway.
const assertCount = (value: number, code: 'days_invalid' | 'months_invalid', field: string): void => {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new ProductsError(code, describeValue(value), field);
};

/**
 * `date` plus `days` calendar days. @throws ProductsError `date_invalid` (also outside the supported
 * range), `days_invalid` (not an integer).
 */
export const addDays = (date: BusinessDate, days: number): BusinessDate => {
  businessDate(date);
  assertCount(days, 'days_invalid', 'days');
  const d = new Date((dayNumber(date) + days) * MS_PER_DAY);
  // A day built from a Date is a real calendar day: only the supported range is left to check.
  const next = format({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
  if (!(next >= MIN_BUSINESS_DATE && next <= MAX_BUSINESS_DATE)) throw new ProductsError('date_invalid', describeValue(next), 'date');
  return next as BusinessDate;
};

/**
 * `date` plus `months` calendar months with the month-end rule: a day past the end of the target
 * month becomes its last day (Jan 31 + 1 month = Feb 28, or Feb 29 in a leap year). Adding months
 * one at a time can drift (Jan 31 → Feb 28 → Mar 28); add to the start date instead.
 * @throws ProductsError `date_invalid` (also outside the supported range), `months_invalid`.
 */
export const addMonths = (date: BusinessDate, months: number): BusinessDate => {
  businessDate(date);
  assertCount(months, 'months_invalid', 'months');
  const { year, month, day } = dateParts(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return businessDate(format({ year: y, month: m, day: Math.min(day, daysInMonth(y, m)) }));
};

/** Days from 1970-01-01 to `date` (whole UTC days): integer day arithmetic for loops over many days. */
export const epochDayOf = (date: BusinessDate): number => dayNumber(businessDate(date));

/** The date `epochDay` days after 1970-01-01. @throws ProductsError `date_invalid` outside the supported range. */
export const dateOfEpochDay = (epochDay: number): BusinessDate => {
  assertCount(epochDay, 'days_invalid', 'epochDay');
  const d = new Date(epochDay * MS_PER_DAY);
  return businessDate(format({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }));
};

/** ISO 8601 day of the week of `date`: 1 Monday … 7 Sunday. */
export const isoWeekdayOf = (date: BusinessDate): number => isoWeekdayOfEpochDay(epochDayOf(date));

/** ISO 8601 day of the week of an epoch day (1970-01-01 was a Thursday, 4). */
export const isoWeekdayOfEpochDay = (epochDay: number): number => ((((epochDay + 3) % 7) + 7) % 7) + 1;
