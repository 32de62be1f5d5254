import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorCodeOf } from '../../../test-kit/errorCode.js';
import { arbitraryRatePercent, arbitrarySpreadBps } from '../../../test-kit/loans/pricingArbitraries.js';
import { basisPointsOf, priceRate } from './priceRate.js';

describe('priceRate', () => {
  it('adds the spread in basis points exactly', () => {
    expect(priceRate('3.10', '45')).toBe('3.55');
    expect(priceRate('3.50', '-20')).toBe('3.30');
    expect(priceRate('3.00', '0')).toBe('3.00');
    expect(priceRate('3.1', '2000')).toBe('23.10');
    expect(priceRate('3.125', '1')).toBe('3.135');
    expect(priceRate('0.20', '-20')).toBe('0.00');
  });

  it('refuses a negative result, a fractional or numeric spread and a bad benchmark', () => {
    expect(errorCodeOf(() => priceRate('0.10', '-20'))).toBe('rate_out_of_range');
    expect(errorCodeOf(() => priceRate('3.10', '1.5'))).toBe('basis_points_invalid');
    expect(errorCodeOf(() => priceRate('3.10', '045'))).toBe('basis_points_invalid');
    expect(errorCodeOf(() => priceRate('3.10', '10001'))).toBe('basis_points_invalid');
    expect(errorCodeOf(() => priceRate('3.10', 45 as unknown as string))).toBe('field_not_string');
    expect(errorCodeOf(() => priceRate('3.1e0', '45'))).toBe('rate_invalid');
  });

  it('parses spreads at the limits', () => {
    expect(basisPointsOf('-10000')).toBe(-10_000n);
    expect(basisPointsOf('10000')).toBe(10_000n);
    expect(errorCodeOf(() => basisPointsOf('-0'))).toBe('basis_points_invalid');
  });

  it('property: taking the spread off again gives the benchmark back', () => {
    fc.assert(
      fc.property(arbitraryRatePercent(), arbitrarySpreadBps(), (lpr, spread) => {
        fc.pre(!(BigInt(spread) < 0n && BigInt(lpr.replace('.', '')) < -BigInt(spread)));
        const priced = priceRate(lpr, spread);
        expect(priceRate(priced, spread === '0' ? '0' : String(-BigInt(spread)))).toBe(lpr);
      }),
    );
  });
});
