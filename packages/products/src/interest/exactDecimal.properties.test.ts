import fc from 'fast-check';
import { ROUNDING_MODES } from '@ecoledger/ledger';
import { describe, expect, it } from 'vitest';
import { exactRatioToDecimal } from './exactDecimal.js';
import { decimalJsRatioToDecimal, ratioToDecimal } from './ratio.js';

const fraction = fc.record({
  num: fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.bigInt({ min: 0n, max: 1000n }), fc.bigInt({ min: 0n, max: 10n ** 90n })),
  den: fc.oneof(fc.bigInt({ min: 1n, max: 10n ** 12n }), fc.constantFrom(1n, 3n, 360n, 365n, 36_000_000n, 36_500_000n, 7n * 10n ** 70n)),
});

describe('exactRatioToDecimal', () => {
  it('equals ratioToDecimal (decimal.js) for every fraction, scale and mode', () => {
    fc.assert(
      fc.property(fraction, fc.integer({ min: 0, max: 8 }), fc.constantFrom(...ROUNDING_MODES), (value, scale, mode) => {
        expect(exactRatioToDecimal(value, scale, mode)).toBe(decimalJsRatioToDecimal(value, scale, mode));
      }),
      { numRuns: 3000 },
    );
  });

  it('ratioToDecimal gives the decimal.js text for any fraction, negative ones included', () => {
    fc.assert(
      fc.property(fraction, fc.boolean(), fc.integer({ min: 0, max: 8 }), fc.constantFrom(...ROUNDING_MODES), (value, negative, scale, mode) => {
        const signed = negative ? { num: -value.num, den: value.den } : value;
        expect(ratioToDecimal(signed, scale, mode)).toBe(decimalJsRatioToDecimal(signed, scale, mode));
      }),
      { numRuns: 2000 },
    );
  });

  it('known answers: a day of 10,000.00 at 0.36 % ACT/360, exact and rounded at 60 digits', () => {
    // 1,000,000 fen × 0.36 % ÷ 360 = 10 fen = 0.1.
    expect(exactRatioToDecimal({ num: 1_000_000n * 36n, den: 10_000n * 360n }, 2, 'half-even')).toBe('0.1');
    expect(exactRatioToDecimal({ num: 1n, den: 3n }, 2, 'half-up')).toBe(`0.00${'3'.repeat(60)}`);
    expect(exactRatioToDecimal({ num: 2n, den: 3n }, 0, 'down')).toBe(`0.${'6'.repeat(60)}`);
    expect(exactRatioToDecimal({ num: 2n, den: 3n }, 0, 'half-even')).toBe(`0.${'6'.repeat(59)}7`);
    expect(exactRatioToDecimal({ num: 0n, den: 7n }, 2, 'up')).toBe('0');
    expect(exactRatioToDecimal({ num: 10n ** 70n + 1n, den: 1n }, 0, 'up')).toBe(`1${'0'.repeat(58)}1${'0'.repeat(11)}`);
  });
});
