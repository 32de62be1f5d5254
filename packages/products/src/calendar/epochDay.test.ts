import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryDate } from '../../test-kit/arbitraries.js';
import { errorCodeOf } from '../../test-kit/errorCode.js';
import { addDays, businessDate, dateOfEpochDay, daysBetween, epochDayOf, isoWeekdayOf } from './businessDate.js';

describe('epoch days and weekdays', () => {
  it('counts from 1970-01-01 and names ISO weekdays', () => {
    expect(epochDayOf(businessDate('1970-01-01'))).toBe(0);
    expect(epochDayOf(businessDate('1969-12-31'))).toBe(-1);
    expect(dateOfEpochDay(20_522)).toBe('2026-03-10'); // Date.UTC(2026, 2, 10) / 86,400,000
    expect(isoWeekdayOf(businessDate('1970-01-01'))).toBe(4); // Thursday
    expect(isoWeekdayOf(businessDate('2026-02-15'))).toBe(7); // Sunday
    expect(isoWeekdayOf(businessDate('1900-01-01'))).toBe(1); // Monday
    expect(errorCodeOf(() => dateOfEpochDay(1e9))).toBe('date_invalid');
    expect(errorCodeOf(() => dateOfEpochDay(0.5))).toBe('days_invalid');
  });

  it('round-trips, agrees with daysBetween, and advances the weekday by one a day', () => {
    fc.assert(
      fc.property(arbitraryDate(), (date) => {
        expect(dateOfEpochDay(epochDayOf(date))).toBe(date);
        expect(epochDayOf(date)).toBe(daysBetween(businessDate('1970-01-01'), date));
        if (date < '2199-12-31') expect(isoWeekdayOf(addDays(date, 1))).toBe((isoWeekdayOf(date) % 7) + 1);
      }),
    );
  });
});
