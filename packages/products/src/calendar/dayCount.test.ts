import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProductsError } from '../errors.js';
import { arbitraryDate } from '../../test-kit/arbitraries.js';
import { businessDate, daysBetween } from './businessDate.js';
import { DAY_COUNTS, days30360, formatYearFraction, yearFraction, type YearFraction } from './dayCount.js';

const d = businessDate;

/** A year fraction as an exact fraction [num, den], to compare sums without rounding. */
const exact = (fraction: YearFraction): [bigint, bigint] =>
  fraction.terms.reduce<[bigint, bigint]>(([n, m], { days, basis }) => [n * BigInt(basis) + BigInt(days) * m, m * BigInt(basis)], [0n, 1n]);
const same = ([a, b]: [bigint, bigint], [c, e]: [bigint, bigint]): boolean => a * e === c * b;
const plus = ([a, b]: [bigint, bigint], [c, e]: [bigint, bigint]): [bigint, bigint] => [a * e + c * b, b * e];

describe('day counts', () => {
  it('ACT/365 Fixed and ACT/360 divide actual days by a fixed basis', () => {
    expect(formatYearFraction(yearFraction(d('2024-01-01'), d('2025-01-01'), 'ACT/365'))).toBe('366/365');
    expect(formatYearFraction(yearFraction(d('2026-01-01'), d('2026-04-01'), 'ACT/360'))).toBe('90/360');
  });

  it('30/360 bond basis (ISDA 2006 4.16(f)): known cases', () => {
    const cases: [string, string, number][] = [
      ['2007-01-15', '2007-02-15', 30],
      ['2007-01-31', '2007-02-28', 28], // D1 31 → 30
      ['2007-02-28', '2007-03-31', 33], // no February end-of-month rule; D2 31 stays as D1 < 30
      ['2007-01-30', '2007-03-31', 60], // D2 31 → 30 because D1 is 30
      ['2007-03-31', '2007-04-30', 30],
      ['2007-01-15', '2008-01-15', 360],
      ['2007-08-31', '2008-02-29', 179],
      ['2024-02-29', '2024-03-31', 32],
    ];
    for (const [from, to, days] of cases) {
      expect(days30360(d(from), d(to)), `${from}..${to}`).toBe(days);
      expect(formatYearFraction(yearFraction(d(from), d(to), '30/360'))).toBe(`${days}/360`);
    }
  });

  it('ACT/ACT ISDA splits a period at year ends: the ISDA example 2003-11-01..2004-05-01 is 61/365 + 121/366', () => {
    expect(formatYearFraction(yearFraction(d('2003-11-01'), d('2004-05-01'), 'ACT/ACT'))).toBe('61/365+121/366');
    expect(formatYearFraction(yearFraction(d('2024-01-01'), d('2025-01-01'), 'ACT/ACT'))).toBe('366/366');
    expect(formatYearFraction(yearFraction(d('2023-12-31'), d('2026-01-02'), 'ACT/ACT'))).toBe('1/365+366/366+365/365+1/365');
    expect(formatYearFraction(yearFraction(d('2026-05-05'), d('2026-05-05'), 'ACT/ACT'))).toBe('0/365');
  });

  it('rejects a reversed period and an unknown convention with specific codes', () => {
    expect(() => yearFraction(d('2026-02-01'), d('2026-01-01'), 'ACT/360')).toThrow(expect.objectContaining({ code: 'period_reversed' }) as Error);
    for (const bad of ['ACT/364', 'act/360', '30E/360', '', 360]) {
      expect(() => yearFraction(d('2026-01-01'), d('2026-02-01'), bad as 'ACT/360')).toThrow(ProductsError);
      expect(() => yearFraction(d('2026-01-01'), d('2026-02-01'), bad as 'ACT/360')).toThrow(/day_count_unknown/);
    }
  });

  it('property: the ACT conventions are additive over any split of a period', () => {
    fc.assert(
      fc.property(fc.array(arbitraryDate(), { minLength: 2, maxLength: 6 }), fc.constantFrom('ACT/365', 'ACT/360', 'ACT/ACT' as const), (dates, dayCount) => {
        const sorted = [...dates].sort();
        const first = sorted[0]!;
        const last = sorted[sorted.length - 1]!;
        let sum: [bigint, bigint] = [0n, 1n];
        for (let i = 1; i < sorted.length; i++) sum = plus(sum, exact(yearFraction(sorted[i - 1]!, sorted[i]!, dayCount)));
        expect(same(sum, exact(yearFraction(first, last, dayCount)))).toBe(true);
        expect(yearFraction(first, last, dayCount).days).toBe(daysBetween(first, last));
      }),
    );
  });

  it('property: 30/360 is additive over splits on days 1..30 (where no day is clamped)', () => {
    const clean = arbitraryDate().filter((date) => date.slice(8) !== '31');
    fc.assert(
      fc.property(clean, clean, clean, (a, b, c) => {
        const [x, y, z] = [a, b, c].sort() as [typeof a, typeof a, typeof a];
        expect(days30360(x, y) + days30360(y, z)).toBe(days30360(x, z));
      }),
    );
  });

  it('lists exactly the four conventions', () => {
    expect(DAY_COUNTS).toEqual(['ACT/365', 'ACT/360', '30/360', 'ACT/ACT']);
  });
});
