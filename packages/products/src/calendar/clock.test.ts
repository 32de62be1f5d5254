import { describe, expect, it } from 'vitest';
import { china2026Calendar } from '../../test-kit/chinaCalendar2026.js';
import { errorCodeOf } from '../../test-kit/errorCode.js';
import type { BusinessCalendar } from './businessCalendar.js';
import { businessClock, fixedClock, steppingClock, systemClock } from './clock.js';

const cal = china2026Calendar();

describe('clocks', () => {
  it('a fixed clock always reads the same instant, and a caller cannot change it', () => {
    const clock = fixedClock(new Date('2026-03-10T08:00:00Z'));
    const first = clock();
    first.setTime(0);
    expect(clock().toISOString()).toBe('2026-03-10T08:00:00.000Z');
  });

  it('a stepping clock starts at its start and moves by its step at each read', () => {
    const clock = steppingClock(new Date('2026-03-10T08:00:00Z'), 60_000);
    expect([clock(), clock(), clock()].map((d) => d.toISOString())).toEqual(['2026-03-10T08:00:00.000Z', '2026-03-10T08:01:00.000Z', '2026-03-10T08:02:00.000Z']);
    const still = steppingClock(new Date('2026-03-10T08:00:00Z'), 0);
    expect(still().getTime()).toBe(still().getTime());
  });

  it('refuses bad instants and steps', () => {
    expect(errorCodeOf(() => fixedClock(new Date('nope')))).toBe('instant_invalid');
    expect(errorCodeOf(() => fixedClock('2026-03-10' as unknown as Date))).toBe('instant_invalid');
    for (const step of [-1, 1.5, 366 * 86_400_000 + 1, Number.NaN, '1000']) {
      expect(errorCodeOf(() => steppingClock(new Date(0), step as number)), String(step)).toBe('clock_invalid');
    }
    const runaway = steppingClock(new Date(8.64e15), 1);
    runaway();
    expect(errorCodeOf(() => runaway())).toBe('instant_invalid');
  });

  it('the system clock reads a valid Date', () => {
    expect(Number.isNaN(systemClock().getTime())).toBe(false);
  });
});

describe('business clock', () => {
  it('gives the business date and value date of now in the calendar zone', () => {
    // Friday 2026-02-13 18:00 Beijing: after the cut-off, so the adjusted Saturday the 14th.
    const clock = businessClock(fixedClock(new Date('2026-02-13T10:00:00Z')), cal);
    expect(clock.now().toISOString()).toBe('2026-02-13T10:00:00.000Z');
    expect(clock.businessDate()).toBe('2026-02-14');
    expect(clock.valueDate()).toBe('2026-02-13');
  });

  it('walks through a holiday with a stepping clock: value dates advance daily, business dates jump', () => {
    const clock = businessClock(steppingClock(new Date('2026-09-30T02:00:00Z'), 86_400_000), cal);
    const days = Array.from({ length: 4 }, () => clock.now());
    expect(days.map((d) => [businessClockOf(d).valueDate(), businessClockOf(d).businessDate()])).toEqual([
      ['2026-09-30', '2026-09-30'],
      ['2026-10-01', '2026-10-08'],
      ['2026-10-02', '2026-10-08'],
      ['2026-10-03', '2026-10-08'],
    ]);
  });

  it('refuses a forged calendar at once, and a clock that returns no Date when read', () => {
    expect(errorCodeOf(() => businessClock(fixedClock(new Date()), { ...cal } as BusinessCalendar))).toBe('calendar_invalid');
    expect(errorCodeOf(() => businessClock('now' as unknown as () => Date, cal))).toBe('clock_invalid');
    const broken = businessClock(() => new Date(Number.NaN), cal);
    expect(errorCodeOf(() => broken.businessDate())).toBe('instant_invalid');
  });
});

const businessClockOf = (instant: Date) => businessClock(fixedClock(instant), cal);
