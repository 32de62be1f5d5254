import { describe, expect, it } from 'vitest';
import { DEFAULT_ROUNDING, ROUNDING_MODES, divideRounded, isRoundingMode, type RoundingMode } from './rounding.js';
import { expectMoneyError } from '../../test-kit/money/testSupport.js';

// Values are tenths: divideRounded(25n, 10n) rounds 2.5.
const table: Record<RoundingMode, Record<string, bigint>> = {
  'half-even': { '2.5': 2n, '3.5': 4n, '-2.5': -2n, '-3.5': -4n, '2.4': 2n, '2.6': 3n, '-2.4': -2n, '-2.6': -3n, '2.0': 2n, '-2.0': -2n, '0.5': 0n, '-0.5': 0n },
  'half-up': { '2.5': 3n, '3.5': 4n, '-2.5': -3n, '-3.5': -4n, '2.4': 2n, '2.6': 3n, '-2.4': -2n, '-2.6': -3n, '2.0': 2n, '-2.0': -2n, '0.5': 1n, '-0.5': -1n },
  'half-down': { '2.5': 2n, '3.5': 3n, '-2.5': -2n, '-3.5': -3n, '2.4': 2n, '2.6': 3n, '-2.4': -2n, '-2.6': -3n, '2.0': 2n, '-2.0': -2n, '0.5': 0n, '-0.5': 0n },
  down: { '2.5': 2n, '3.5': 3n, '-2.5': -2n, '-3.5': -3n, '2.4': 2n, '2.6': 2n, '-2.4': -2n, '-2.6': -2n, '2.0': 2n, '-2.0': -2n, '0.5': 0n, '-0.5': 0n },
  up: { '2.5': 3n, '3.5': 4n, '-2.5': -3n, '-3.5': -4n, '2.4': 3n, '2.6': 3n, '-2.4': -3n, '-2.6': -3n, '2.0': 2n, '-2.0': -2n, '0.5': 1n, '-0.5': -1n },
  floor: { '2.5': 2n, '3.5': 3n, '-2.5': -3n, '-3.5': -4n, '2.4': 2n, '2.6': 2n, '-2.4': -3n, '-2.6': -3n, '2.0': 2n, '-2.0': -2n, '0.5': 0n, '-0.5': -1n },
  ceiling: { '2.5': 3n, '3.5': 4n, '-2.5': -2n, '-3.5': -3n, '2.4': 3n, '2.6': 3n, '-2.4': -2n, '-2.6': -2n, '2.0': 2n, '-2.0': -2n, '0.5': 1n, '-0.5': 0n },
};

const tenths = (s: string): bigint => BigInt(s.replace('.', ''));

describe('divideRounded', () => {
  for (const mode of ROUNDING_MODES) {
    describe(mode, () => {
      for (const [value, expected] of Object.entries(table[mode])) {
        it(`${value} → ${expected}`, () => {
          expect(divideRounded(tenths(value), 10n, mode)).toBe(expected);
          // A negative denominator is the same fraction.
          expect(divideRounded(-tenths(value), -10n, mode)).toBe(expected);
        });
      }
    });
  }

  it('rounds thirds and other non-decimal fractions', () => {
    expect(divideRounded(10n, 3n, 'half-even')).toBe(3n);
    expect(divideRounded(-10n, 3n, 'up')).toBe(-4n);
    expect(divideRounded(10n, -3n, 'floor')).toBe(-4n);
    expect(divideRounded(10n, -3n, 'ceiling')).toBe(-3n);
    expect(divideRounded(0n, 7n, 'up')).toBe(0n);
  });

  it('is exact for huge operands', () => {
    const big = 2n ** 200n + 1n;
    expect(divideRounded(big * 10n + 5n, 10n, 'half-even')).toBe(big + 1n); // tie, big is odd → up to even
    expect(divideRounded(big * 10n + 5n, 10n, 'half-down')).toBe(big);
  });

  it('throws division_by_zero', () => {
    expectMoneyError(() => divideRounded(1n, 0n, 'half-even'), 'division_by_zero');
  });

  it('throws rounding_mode_unknown for a bad mode, even on exact division', () => {
    for (const numerator of [15n, 20n]) {
      expectMoneyError(() => divideRounded(numerator, 10n, 'bankers' as RoundingMode), 'rounding_mode_unknown');
    }
  });

  it('has half-even as the default and validates modes', () => {
    expect(DEFAULT_ROUNDING).toBe('half-even');
    expect(isRoundingMode('ceiling')).toBe(true);
    expect(isRoundingMode('HALF_EVEN')).toBe(false);
    expect(isRoundingMode(4)).toBe(false);
  });
});
