import fc from 'fast-check';
import { decimalToMinor, minorToDecimal } from '@ecoledger/ledger';
import { describe, expect, it } from 'vitest';
import { isLtvAbove, loanToValue, type CollateralValue } from './loanToValue.js';

const amount = (max: bigint) => fc.bigInt({ min: 0n, max }).map((minor) => minorToDecimal(minor, 2));
const collateralValue: fc.Arbitrary<CollateralValue> = fc.record({
  valuation: fc.bigInt({ min: 1n, max: 10n ** 12n }).map((minor) => minorToDecimal(minor, 2)),
  haircutPercent: fc.integer({ min: 0, max: 9_999 }).map((bp) => minorToDecimal(BigInt(bp), 2)),
});
const ratioLess = (a: { num: bigint; den: bigint }, b: { num: bigint; den: bigint }): boolean => a.num * b.den <= b.num * a.den;

describe('loanToValue: properties', () => {
  it('is monotone in the outstanding amount (exact ratio and displayed percent)', () => {
    fc.assert(
      fc.property(amount(10n ** 14n), amount(10n ** 14n), fc.array(collateralValue, { minLength: 1, maxLength: 5 }), (a, b, collateral) => {
        const [low, high] = decimalToMinor(a, 2) <= decimalToMinor(b, 2) ? [a, b] : [b, a];
        const lowLtv = loanToValue(low, collateral);
        const highLtv = loanToValue(high, collateral);
        expect(ratioLess(lowLtv.exact, highLtv.exact)).toBe(true);
        expect(decimalToMinor(lowLtv.ltvPercent!, 2) <= decimalToMinor(highLtv.ltvPercent!, 2)).toBe(true);
        // Above a limit stays above as the debt grows.
        if (isLtvAbove(lowLtv, '80')) expect(isLtvAbove(highLtv, '80')).toBe(true);
      }),
    );
  });

  it('a haircut never lowers the LTV', () => {
    fc.assert(
      fc.property(amount(10n ** 12n), collateralValue, (outstanding, value) => {
        const cut = loanToValue(outstanding, [value]);
        const whole = loanToValue(outstanding, [{ valuation: value.valuation }]);
        expect(ratioLess(whole.exact, cut.exact)).toBe(true);
      }),
    );
  });
});
