import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryDate } from '../../test-kit/arbitraries.js';
import { addDays, addMonths, businessDate, daysBetween, daysInMonth, type BusinessDate } from './businessDate.js';
import { errorCodeOf } from '../../test-kit/errorCode.js';

const d = (text: string): BusinessDate => businessDate(text);

describe('business dates', () => {
  it('accepts real calendar days YYYY-MM-DD within 1900..2199 and rejects everything else', () => {
    for (const ok of ['2024-02-29', '2000-02-29', '1900-01-01', '2199-12-31', '2026-12-31']) expect(businessDate(ok)).toBe(ok);
    for (const bad of ['2023-02-29', '1900-02-29', '2100-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-1-01', '20260101', '2026-01-01T00:00', ' 2026-01-01', '1899-12-31', '2200-01-01', '']) {
      expect(errorCodeOf(() => businessDate(bad)), bad).toBe('date_invalid');
    }
    expect(errorCodeOf(() => businessDate(20260101 as unknown as string))).toBe('field_not_string');
  });

  it('reads a date character by character exactly as the YYYY-MM-DD pattern and the calendar would', () => {
    // The reference: the regular expression the checker used before, then the same calendar checks.
    const reference = (value: string): boolean => {
      const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(value);
      if (match === null) return false;
      const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
      return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && value >= '1900-01-01' && value <= '2199-12-31';
    };
    const nearDate = fc
      .tuple(fc.integer({ min: 1800, max: 2300 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.array(fc.tuple(fc.nat(9), fc.constantFrom('/', ' ', '', '9', '-', 'a', '\u0660')), { maxLength: 2 }))
      .map(([year, month, day, edits]) => {
        let text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
        for (const [at, by] of edits) text = text.slice(0, at) + by + text.slice(at + 1);
        return text;
      });
    fc.assert(
      fc.property(fc.oneof(nearDate, fc.string({ maxLength: 12 })), (value) => {
        const accepted = errorCodeOf(() => businessDate(value)) === undefined;
        expect(accepted).toBe(reference(value));
      }),
      { numRuns: 5_000 },
    );
  });

  it('adds days within the supported range and refuses to leave it', () => {
    fc.assert(
      fc.property(arbitraryDate(), fc.integer({ min: -200_000, max: 200_000 }), (date, days) => {
        const reference = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)) + days)).toISOString().slice(0, 10);
        if (reference >= '1900-01-01' && reference <= '2199-12-31') expect(addDays(date, days)).toBe(reference);
        else expect(errorCodeOf(() => addDays(date, days))).toBe('date_invalid');
      }),
    );
  });

  it('counts actual days, across leap days and year ends', () => {
    expect(daysBetween(d('2024-01-01'), d('2025-01-01'))).toBe(366);
    expect(daysBetween(d('2025-01-01'), d('2026-01-01'))).toBe(365);
    expect(daysBetween(d('2026-01-01'), d('2026-04-01'))).toBe(90);
    expect(daysBetween(d('2026-04-01'), d('2026-01-01'))).toBe(-90);
    expect(addDays(d('2024-02-28'), 1)).toBe('2024-02-29');
    expect(addDays(d('2024-12-31'), 1)).toBe('2025-01-01');
  });

  it('adds months with the month-end rule', () => {
    expect(addMonths(d('2025-01-31'), 1)).toBe('2025-02-28');
    expect(addMonths(d('2024-01-31'), 1)).toBe('2024-02-29');
    expect(addMonths(d('2024-01-31'), 3)).toBe('2024-04-30');
    expect(addMonths(d('2024-02-29'), 12)).toBe('2025-02-28');
    expect(addMonths(d('2026-11-15'), 2)).toBe('2027-01-15');
    expect(addMonths(d('2026-03-15'), -3)).toBe('2025-12-15');
    expect(errorCodeOf(() => addMonths(d('2199-12-01'), 1))).toBe('date_invalid');
  });

  it('fuzz: the calendar functions refuse anything but dates and integer counts with a ProductsError', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        for (const run of [
          () => businessDate(value as string),
          () => daysBetween(value as BusinessDate, d('2026-01-01')),
          () => addDays(value as BusinessDate, 1),
          () => addDays(d('2026-01-01'), value as number),
          () => addMonths(d('2026-01-01'), value as number),
        ]) {
          const code = errorCodeOf(run);
          if (code !== undefined) expect(['field_not_string', 'date_invalid', 'days_invalid', 'months_invalid']).toContain(code);
        }
      }),
    );
    expect(errorCodeOf(() => addMonths(d('2026-01-01'), 1.5))).toBe('months_invalid');
    expect(errorCodeOf(() => addDays(d('2026-01-01'), Number.NaN))).toBe('days_invalid');
    expect(errorCodeOf(() => daysBetween('2026-13-01' as BusinessDate, d('2026-01-01')))).toBe('date_invalid');
  });

  it('property: daysBetween is additive and inverts addDays', () => {
    fc.assert(
      fc.property(arbitraryDate(), arbitraryDate(), arbitraryDate(), (a, b, c) => {
        expect(daysBetween(a, b) + daysBetween(b, c)).toBe(daysBetween(a, c));
        expect(addDays(a, daysBetween(a, b))).toBe(b);
      }),
    );
  });

  it('property: addMonths never moves past the target month and keeps the day when it exists', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 60 }), (n, months) => {
        const date = addDays(d('1900-01-01'), n);
        const result = addMonths(date, months);
        const [y, m, day] = date.split('-').map(Number) as [number, number, number];
        const [ry, rm, rday] = result.split('-').map(Number) as [number, number, number];
        expect(ry * 12 + rm - 1).toBe(y * 12 + m - 1 + months);
        expect(rday).toBe(Math.min(day, daysInMonth(ry, rm)));
      }),
    );
  });
});
