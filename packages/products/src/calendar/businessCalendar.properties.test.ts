import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { china2026Calendar } from '../../test-kit/chinaCalendar2026.js';
import { addDays, businessDate, daysBetween, type BusinessDate } from './businessDate.js';
import { addBusinessDays, businessCalendar, businessDateOf, isBusinessDay, nextBusinessDay, previousBusinessDay, valueDateOf, type BusinessCalendar } from './businessCalendar.js';

// Dates around 2026, where the fixture has its holidays, and random calendars anywhere in 2025..2027.
const near2026 = (): fc.Arbitrary<BusinessDate> => fc.integer({ min: 0, max: 3 * 366 }).map((n) => addDays(businessDate('2025-01-01'), n));
const instants = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 11, 1) }).map((ms) => new Date(ms));
const randomCalendar: fc.Arbitrary<BusinessCalendar> = fc
  .record({
    holidays: fc.uniqueArray(near2026(), { maxLength: 40 }),
    weekendDays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { maxLength: 3 }),
    cutOff: fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => (h === 0 && m === 0 ? '24:00' : `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`)),
    timeZone: fc.constantFrom('Asia/Shanghai', 'UTC', 'America/New_York', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Asia/Kathmandu'),
  })
  .map((input) => businessCalendar(input));
const calendars = fc.oneof(fc.constant(china2026Calendar()), randomCalendar);

describe('business calendar properties', () => {
  it('the next business day is a business day, and no day between is', () => {
    fc.assert(
      fc.property(calendars, near2026(), (cal, date) => {
        const next = nextBusinessDay(cal, date);
        expect(next > date && isBusinessDay(cal, next)).toBe(true);
        for (let day = addDays(date, 1); day < next; day = addDays(day, 1)) expect(isBusinessDay(cal, day)).toBe(false);
        const previous = previousBusinessDay(cal, date);
        expect(previous < date && isBusinessDay(cal, previous)).toBe(true);
        for (let day = addDays(previous, 1); day < date; day = addDays(day, 1)) expect(isBusinessDay(cal, day)).toBe(false);
      }),
    );
  });

  it('adding n business days and then -n returns to a business day', () => {
    fc.assert(
      fc.property(calendars, near2026(), fc.integer({ min: 1, max: 40 }), (cal, date, n) => {
        const start = isBusinessDay(cal, date) ? date : nextBusinessDay(cal, date);
        expect(addBusinessDays(cal, addBusinessDays(cal, start, n), -n)).toBe(start);
        expect(addBusinessDays(cal, start, n)).toBe(addBusinessDays(cal, addBusinessDays(cal, start, n - 1), 1));
      }),
    );
  });

  it('the business date is monotone in the instant, a business day, and never before the value date', () => {
    fc.assert(
      fc.property(calendars, instants, fc.integer({ min: 0, max: 10 * 86_400_000 }), (cal, instant, later) => {
        const first = businessDateOf(cal, instant);
        const second = businessDateOf(cal, new Date(instant.getTime() + later));
        expect(first <= second).toBe(true);
        expect(isBusinessDay(cal, first)).toBe(true);
        expect(first >= valueDateOf(cal, instant)).toBe(true);
        expect(daysBetween(valueDateOf(cal, instant), valueDateOf(cal, new Date(instant.getTime() + later))) >= 0).toBe(true);
      }),
    );
  });
});
