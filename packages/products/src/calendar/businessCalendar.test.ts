import { describe, expect, it } from 'vitest';
import { china2026Calendar, CHINA_2026_EXTRA_WORKING_DAYS, CHINA_2026_HOLIDAYS } from '../../test-kit/chinaCalendar2026.js';
import { errorCodeOf } from '../../test-kit/errorCode.js';
import { addDays, businessDate, type BusinessDate } from './businessDate.js';
import {
  addBusinessDays,
  businessCalendar,
  businessDateOf,
  isBusinessDay,
  nextBusinessDay,
  previousBusinessDay,
  valueDateOf,
  type BusinessCalendar,
  type BusinessCalendarInput,
} from './businessCalendar.js';

const d = (text: string): BusinessDate => businessDate(text);
const cal = china2026Calendar();
const beijing = (local: string): Date => new Date(`${local}+08:00`);

describe('the 2026 China calendar', () => {
  it('closes weekends and holidays and opens the adjusted working weekends', () => {
    const open = (date: string): boolean => isBusinessDay(cal, d(date));
    for (const holiday of CHINA_2026_HOLIDAYS) expect(open(holiday), holiday).toBe(false);
    for (const working of CHINA_2026_EXTRA_WORKING_DAYS) expect(open(working), working).toBe(true);
    expect(open('2026-02-13')).toBe(true); // Friday before Spring Festival
    expect(open('2026-02-24')).toBe(true); // Tuesday after it
    expect(open('2026-03-07')).toBe(false); // an ordinary Saturday
    expect(open('2026-03-08')).toBe(false); // an ordinary Sunday
    expect(open('2026-03-09')).toBe(true);
  });

  it('counts 2026 business days: 365 days minus 104 weekend days minus 19 weekday holidays plus 6 working weekends', () => {
    let count = 0;
    for (let date = d('2026-01-01'); date <= '2026-12-31'; date = addDays(date, 1)) if (isBusinessDay(cal, date)) count += 1;
    expect(count).toBe(365 - 104 - 19 + 6);
  });

  it('steps across the Spring Festival and National Day breaks', () => {
    expect(nextBusinessDay(cal, d('2026-02-13'))).toBe('2026-02-14'); // the adjusted Saturday
    expect(nextBusinessDay(cal, d('2026-02-14'))).toBe('2026-02-24');
    expect(previousBusinessDay(cal, d('2026-02-24'))).toBe('2026-02-14');
    expect(nextBusinessDay(cal, d('2026-09-30'))).toBe('2026-10-08');
    expect(previousBusinessDay(cal, d('2026-10-08'))).toBe('2026-09-30');
    expect(nextBusinessDay(cal, d('2026-10-09'))).toBe('2026-10-10');
    expect(nextBusinessDay(cal, d('2025-12-31'))).toBe('2026-01-04'); // New Year, then the adjusted Sunday
  });

  it('adds business days: T+1 over a holiday, backwards, zero, and from a closed day', () => {
    expect(addBusinessDays(cal, d('2026-02-13'), 2)).toBe('2026-02-24');
    expect(addBusinessDays(cal, d('2026-02-24'), -2)).toBe('2026-02-13');
    expect(addBusinessDays(cal, d('2026-02-24'), 0)).toBe('2026-02-24');
    expect(addBusinessDays(cal, d('2026-03-07'), 1)).toBe('2026-03-09'); // Saturday + 1 = Monday
    expect(addBusinessDays(cal, d('2026-03-09'), 5)).toBe('2026-03-16');
    expect(errorCodeOf(() => addBusinessDays(cal, d('2026-03-09'), 1.5))).toBe('days_invalid');
    expect(errorCodeOf(() => addBusinessDays(cal, d('2199-12-20'), 30))).toBe('date_invalid');
  });
});

describe('business date and value date of an instant', () => {
  it('books before the cut-off on the day, at or after it on the next business day', () => {
    expect(businessDateOf(cal, beijing('2026-03-10T16:59:59.999'))).toBe('2026-03-10');
    expect(businessDateOf(cal, beijing('2026-03-10T17:00:00'))).toBe('2026-03-11');
    expect(businessDateOf(cal, beijing('2026-03-13T18:00:00'))).toBe('2026-03-16'); // Friday evening → Monday
    expect(businessDateOf(cal, beijing('2026-02-13T17:30:00'))).toBe('2026-02-14'); // → the adjusted Saturday
    expect(businessDateOf(cal, beijing('2026-02-14T17:30:00'))).toBe('2026-02-24'); // → after the festival
  });

  it('books a transaction on a closed day on the next business day, whatever the time', () => {
    expect(businessDateOf(cal, beijing('2026-10-03T09:00:00'))).toBe('2026-10-08');
    expect(businessDateOf(cal, beijing('2026-03-08T00:00:00'))).toBe('2026-03-09');
  });

  it('reads the date in the calendar zone, not in UTC', () => {
    // 2026-03-10 16:30 UTC is 00:30 on the 11th in Beijing.
    expect(valueDateOf(cal, new Date('2026-03-10T16:30:00Z'))).toBe('2026-03-11');
    expect(businessDateOf(cal, new Date('2026-03-10T15:59:00Z'))).toBe('2026-03-11'); // 23:59 Beijing, after cut-off
    const newYork = businessCalendar({ holidays: [], cutOff: '24:00', timeZone: 'America/New_York' });
    expect(valueDateOf(newYork, new Date('2026-03-10T03:00:00Z'))).toBe('2026-03-09');
    // The day clocks go forward (8 March 2026): 03:30 local exists, and is still that Sunday.
    expect(valueDateOf(newYork, new Date('2026-03-08T07:30:00Z'))).toBe('2026-03-08');
  });

  it('gives the calendar date as value date, holidays included', () => {
    expect(valueDateOf(cal, beijing('2026-10-03T09:00:00'))).toBe('2026-10-03');
    expect(valueDateOf(cal, beijing('2026-03-10T23:59:00'))).toBe('2026-03-10');
  });

  it('has no cut-off at 24:00', () => {
    const noCutOff = china2026Calendar('24:00');
    expect(businessDateOf(noCutOff, beijing('2026-03-10T23:59:59'))).toBe('2026-03-10');
  });

  it('refuses instants that are not valid dates or fall outside the supported range', () => {
    expect(errorCodeOf(() => valueDateOf(cal, new Date(Number.NaN)))).toBe('instant_invalid');
    expect(errorCodeOf(() => valueDateOf(cal, '2026-03-10T00:00:00Z' as unknown as Date))).toBe('instant_invalid');
    expect(errorCodeOf(() => valueDateOf(cal, new Date('1899-12-31T00:00:00Z')))).toBe('instant_invalid');
    expect(errorCodeOf(() => valueDateOf(cal, new Date(-8.64e15)))).toBe('instant_invalid');
    expect(errorCodeOf(() => valueDateOf(cal, new Date('2200-01-01T00:00:00Z')))).toBe('instant_invalid');
    expect(valueDateOf(cal, new Date('2199-12-31T15:59:59Z'))).toBe('2199-12-31');
  });
});

describe('calendar validation', () => {
  const base: BusinessCalendarInput = { holidays: ['2026-10-01'], cutOff: '17:00' };
  const codeFor = (input: unknown): string | undefined => errorCodeOf(() => businessCalendar(input as BusinessCalendarInput));

  it('accepts a minimal calendar with the defaults (Saturday and Sunday, Asia/Shanghai)', () => {
    const made = businessCalendar(base);
    expect(made.weekendDays).toEqual([6, 7]);
    expect(made.timeZone).toBe('Asia/Shanghai');
    expect(Object.isFrozen(made)).toBe(true);
  });

  it('names what is wrong', () => {
    expect(codeFor(null)).toBe('input_not_object');
    expect(codeFor({ ...base, holiday: [] })).toBe('field_unknown');
    expect(codeFor({ cutOff: '17:00' })).toBe('field_missing');
    expect(codeFor({ holidays: [] })).toBe('field_missing');
    expect(codeFor({ ...base, holidays: '2026-10-01' })).toBe('calendar_invalid');
    expect(codeFor({ ...base, holidays: ['2026-10-01', '2026-10-01'] })).toBe('calendar_invalid');
    expect(codeFor({ ...base, holidays: ['2026-10-32'] })).toBe('date_invalid');
    expect(codeFor({ ...base, holidays: Array.from({ length: 10_001 }, () => '2026-10-01') })).toBe('calendar_invalid');
    expect(codeFor({ ...base, extraWorkingDays: ['2026-10-01'] })).toBe('calendar_invalid'); // a holiday, and a Thursday
    expect(codeFor({ ...base, extraWorkingDays: ['2026-10-05'] })).toBe('calendar_invalid'); // a Monday: open already
    expect(codeFor({ ...base, holidays: ['2026-10-10'], extraWorkingDays: ['2026-10-10'] })).toBe('calendar_invalid');
    for (const weekendDays of [[0], [8], [6, 6], [1, 2, 3, 4, 5, 6, 7], [6.5], ['6'], 6]) {
      expect(codeFor({ ...base, weekendDays }), JSON.stringify(weekendDays)).toBe('calendar_invalid');
    }
    for (const cutOff of ['00:00', '24:01', '17:60', '7:00', '17:00:00', 1700, '']) expect(codeFor({ ...base, cutOff }), String(cutOff)).toBe('cut_off_invalid');
    for (const timeZone of ['Mars/Olympus', '', 'x'.repeat(65), 8]) expect(codeFor({ ...base, timeZone }), String(timeZone)).toBe('time_zone_invalid');
  });

  it('refuses more than 31 closed days in a row, counting the weekends around the holidays', () => {
    const run = (n: number): string[] => Array.from({ length: n }, (_, i) => addDays(d('2026-07-06'), i)); // from a Monday
    // 29 holidays from Monday 6 July to Monday 3 August, with Saturday 4 and Sunday 5 July: 31 closed days.
    expect(codeFor({ ...base, holidays: run(29) })).toBeUndefined();
    expect(nextBusinessDay(businessCalendar({ ...base, holidays: run(29) }), d('2026-07-03'))).toBe('2026-08-04');
    // One more holiday makes 32.
    expect(codeFor({ ...base, holidays: run(30) })).toBe('calendar_invalid');
    // An adjusted working Sunday in the middle splits the run into two short ones.
    expect(codeFor({ ...base, holidays: run(30).filter((date) => date !== '2026-07-19'), extraWorkingDays: ['2026-07-19'] })).toBeUndefined();
  });

  it('refuses a calendar it did not make', () => {
    const forged = { ...cal } as BusinessCalendar;
    expect(errorCodeOf(() => isBusinessDay(forged, d('2026-03-09')))).toBe('calendar_invalid');
  });
});
