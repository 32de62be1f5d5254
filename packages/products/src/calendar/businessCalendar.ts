/**
 * A bank's business calendar: which days it books on, and the business date a transaction at a
 * given instant belongs to. Weekends and public holidays are closed, except China's adjusted
 * working weekends (调休), which are open. Interest still accrues by calendar day (the value date),
 * also on closed days.
 */
import { ProductsError, describeValue } from '../errors.js';
import { closedRecord } from '../interest/input.js';
import { MAX_CALENDAR_DATES, MAX_CLOSED_RUN_DAYS } from '../limits.js';
import { businessDate, dateOfEpochDay, epochDayOf, isoWeekdayOfEpochDay, type BusinessDate } from './businessDate.js';
import { zonedReader, type ZonedReader } from './zonedTime.js';

declare const calendarBrand: unique symbol;

/** A checked business calendar, made by {@link businessCalendar} only. */
export interface BusinessCalendar {
  /** Closed dates besides the weekend, ascending. */
  readonly holidays: readonly BusinessDate[];
  /** ISO days of the week that are closed: 1 Monday … 7 Sunday. */
  readonly weekendDays: readonly number[];
  /** Weekend dates that are open (adjusted working days), ascending. */
  readonly extraWorkingDays: readonly BusinessDate[];
  /** Local time `HH:MM` from which a transaction belongs to the next business day; `24:00` for none. */
  readonly cutOff: string;
  /** IANA time zone of the calendar's dates and cut-off. */
  readonly timeZone: string;
  readonly [calendarBrand]: true;
}

/** What {@link businessCalendar} takes. */
export interface BusinessCalendarInput {
  readonly holidays: readonly string[];
  /** ISO days of the week (1 Monday … 7 Sunday); default Saturday and Sunday, `[6, 7]`. */
  readonly weekendDays?: readonly number[];
  readonly extraWorkingDays?: readonly string[];
  readonly cutOff: string;
  /** Default `Asia/Shanghai`. */
  readonly timeZone?: string;
}

interface Internals {
  readonly closedWeekday: readonly boolean[];
  readonly holidays: ReadonlySet<number>;
  readonly workingDays: ReadonlySet<number>;
  readonly cutOffMinute: number;
  readonly read: ZonedReader;
}

// Only calendars this module built are accepted: the checks below then hold for every call.
const internals = new WeakMap<object, Internals>();

const CUT_OFF_SHAPE = /^(?:([01][0-9]|2[0-3]):([0-5][0-9])|24:00)$/;

const cutOffMinuteOf = (value: unknown): number => {
  const match = typeof value === 'string' ? CUT_OFF_SHAPE.exec(value) : null;
  if (match === null) throw new ProductsError('cut_off_invalid', describeValue(value), 'cutOff');
  const minute = match[1] === undefined ? 24 * 60 : Number(match[1]) * 60 + Number(match[2]);
  // A cut-off at midnight would move every transaction to the next day: surely a typo for 24:00.
  if (minute === 0) throw new ProductsError('cut_off_invalid', '00:00 would close every day; 24:00 means no cut-off', 'cutOff');
  return minute;
};

const dateList = (value: unknown, field: string): BusinessDate[] => {
  if (!Array.isArray(value) || value.length > MAX_CALENDAR_DATES) {
    throw new ProductsError('calendar_invalid', `${field} must be an array of at most ${MAX_CALENDAR_DATES} dates, got ${describeValue(value)}`, field);
  }
  const dates = value.map((date: unknown, index) => businessDate(date as string, `${field}[${index}]`)).sort();
  for (let i = 1; i < dates.length; i += 1) {
    if (dates[i] === dates[i - 1]) throw new ProductsError('calendar_invalid', `${dates[i]} is listed twice`, field);
  }
  return dates;
};

const weekendOf = (value: unknown): number[] => {
  if (value === undefined) return [6, 7];
  const ok =
    Array.isArray(value) &&
    value.length <= 6 &&
    value.every((day: unknown) => typeof day === 'number' && Number.isInteger(day) && day >= 1 && day <= 7) &&
    new Set(value).size === value.length;
  // At most six closed weekdays: a calendar must have a working day in every week.
  if (!ok) throw new ProductsError('calendar_invalid', `weekendDays must be distinct ISO weekdays 1..7, at most 6, got ${describeValue(value)}`, 'weekendDays');
  return [...(value as number[])].sort((a, b) => a - b);
};

const isOpen = (calendar: Internals, day: number): boolean =>
  calendar.workingDays.has(day) || (!calendar.holidays.has(day) && !calendar.closedWeekday[isoWeekdayOfEpochDay(day)]);

// Every run of closed days holding a holiday is at most MAX_CLOSED_RUN_DAYS long (weekend-only runs
// are at most six days), so that every search for a business day below is bounded.
const assertClosedRunsBounded = (calendar: Internals, holidays: readonly number[]): void => {
  let checkedUpTo = -Infinity;
  for (const holiday of holidays) {
    if (holiday <= checkedUpTo || isOpen(calendar, holiday)) continue;
    let start = holiday;
    while (holiday - start <= MAX_CLOSED_RUN_DAYS && !isOpen(calendar, start - 1)) start -= 1;
    let end = holiday;
    while (end - start < MAX_CLOSED_RUN_DAYS && !isOpen(calendar, end + 1)) end += 1;
    if (end - start + 1 > MAX_CLOSED_RUN_DAYS || !isOpen(calendar, end + 1)) {
      throw new ProductsError('calendar_invalid', `more than ${MAX_CLOSED_RUN_DAYS} consecutive closed days around ${dateOfEpochDay(holiday)}`, 'holidays');
    }
    checkedUpTo = end;
  }
};

/**
 * Checks a business calendar. @throws ProductsError `input_not_object`, `field_unknown`,
 * `field_missing`, `calendar_invalid` (a date listed twice or in both lists, an extra working day
 * that is not a weekend day, bad weekend days, too many dates, or more than
 * {@link MAX_CLOSED_RUN_DAYS} closed days in a row), `date_invalid`, `cut_off_invalid`,
 * `time_zone_invalid`.
 */
export function businessCalendar(input: BusinessCalendarInput): BusinessCalendar {
  const record = closedRecord(input, ['holidays', 'weekendDays', 'extraWorkingDays', 'cutOff', 'timeZone']);
  if (record.holidays === undefined) throw new ProductsError('field_missing', 'holidays', 'holidays');
  if (record.cutOff === undefined) throw new ProductsError('field_missing', 'cutOff', 'cutOff');
  const holidays = dateList(record.holidays, 'holidays');
  const extraWorkingDays = dateList(record.extraWorkingDays ?? [], 'extraWorkingDays');
  const weekendDays = weekendOf(record.weekendDays);
  const cutOffMinute = cutOffMinuteOf(record.cutOff);
  const timeZone = record.timeZone === undefined ? 'Asia/Shanghai' : record.timeZone;
  const read = zonedReader(timeZone);
  const closedWeekday = Array.from({ length: 8 }, (_, day) => weekendDays.includes(day));
  const holidayDays = holidays.map(epochDayOf);
  const workingDays = extraWorkingDays.map(epochDayOf);
  const holidaySet = new Set(holidayDays);
  for (const [index, day] of workingDays.entries()) {
    const date = extraWorkingDays[index]!;
    if (holidaySet.has(day)) throw new ProductsError('calendar_invalid', `${date} is both a holiday and a working day`, 'extraWorkingDays');
    if (!closedWeekday[isoWeekdayOfEpochDay(day)]) throw new ProductsError('calendar_invalid', `${date} is not a weekend day, so it is a working day already`, 'extraWorkingDays');
  }
  const inner: Internals = { closedWeekday, holidays: holidaySet, workingDays: new Set(workingDays), cutOffMinute, read };
  assertClosedRunsBounded(inner, holidayDays);
  const calendar = Object.freeze({
    holidays: Object.freeze(holidays),
    weekendDays: Object.freeze(weekendDays),
    extraWorkingDays: Object.freeze(extraWorkingDays),
    cutOff: record.cutOff as string,
    timeZone: timeZone as string,
  }) as BusinessCalendar;
  internals.set(calendar, inner);
  return calendar;
}

const internalsOf = (calendar: BusinessCalendar): Internals => {
  const inner = typeof calendar === 'object' && calendar !== null ? internals.get(calendar) : undefined;
  if (inner === undefined) throw new ProductsError('calendar_invalid', 'not a calendar made by businessCalendar()', 'calendar');
  return inner;
};

/** True when the bank books on `date`. @throws ProductsError `calendar_invalid`, `date_invalid`. */
export const isBusinessDay = (calendar: BusinessCalendar, date: BusinessDate): boolean => isOpen(internalsOf(calendar), epochDayOf(date));

// The calendar's closed runs are bounded, so one step past the bound always finds an open day.
const step = (inner: Internals, from: number, direction: 1 | -1): number => {
  let day = from + direction;
  while (!isOpen(inner, day)) day += direction;
  return day;
};

/**
 * The first business day after `date` (strictly). @throws ProductsError `calendar_invalid`,
 * `date_invalid` (also when the answer would pass 2199-12-31).
 */
export const nextBusinessDay = (calendar: BusinessCalendar, date: BusinessDate): BusinessDate =>
  dateOfEpochDay(step(internalsOf(calendar), epochDayOf(date), 1));

/** The last business day before `date` (strictly). @throws like {@link nextBusinessDay}. */
export const previousBusinessDay = (calendar: BusinessCalendar, date: BusinessDate): BusinessDate =>
  dateOfEpochDay(step(internalsOf(calendar), epochDayOf(date), -1));

/**
 * The `days`-th business day after `date` (before it when negative; `date` itself when zero), so
 * that a Saturday plus one business day is Monday. @throws ProductsError `days_invalid` (not an
 * integer, or beyond the supported date range), `calendar_invalid`, `date_invalid`.
 */
export const addBusinessDays = (calendar: BusinessCalendar, date: BusinessDate, days: number): BusinessDate => {
  const inner = internalsOf(calendar);
  // Every business day is at least a calendar day, so more than the range's days cannot land in it.
  if (typeof days !== 'number' || !Number.isSafeInteger(days) || Math.abs(days) > 110_000) throw new ProductsError('days_invalid', describeValue(days), 'days');
  let day = epochDayOf(date);
  const direction = days < 0 ? -1 : 1;
  for (let i = 0; i < Math.abs(days); i += 1) {
    day = step(inner, day, direction);
    dateOfEpochDay(day); // stop at the edge of the supported range, not far beyond it
  }
  return dateOfEpochDay(day);
};

/**
 * The business date a transaction at `instant` belongs to: its local date in the calendar's zone,
 * or the next business day when that date is closed or the local time is at or after the cut-off.
 * @throws ProductsError `calendar_invalid`, `instant_invalid`, `date_invalid` (past 2199-12-31).
 */
export const businessDateOf = (calendar: BusinessCalendar, instant: Date): BusinessDate => {
  const inner = internalsOf(calendar);
  const { date, minuteOfDay } = inner.read(instant);
  const day = epochDayOf(date);
  return isOpen(inner, day) && minuteOfDay < inner.cutOffMinute ? date : dateOfEpochDay(step(inner, day, 1));
};

/**
 * The value date of `instant`: its calendar date in the calendar's zone, open or closed, because
 * interest accrues by calendar day, holidays included. @throws ProductsError `calendar_invalid`,
 * `instant_invalid`.
 */
export const valueDateOf = (calendar: BusinessCalendar, instant: Date): BusinessDate => internalsOf(calendar).read(instant).date;
