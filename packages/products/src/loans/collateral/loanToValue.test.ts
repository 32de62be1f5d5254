import { JPY } from '@ecoledger/ledger';
import { describe, expect, it } from 'vitest';
import { errorCodeOf } from '../../../test-kit/errorCode.js';
import { isLtvAbove, loanToValue } from './loanToValue.js';

describe('loanToValue: known answers', () => {
  it('700,000.00 owed on a 1,000,000.00 property: 70.00 % without haircut, 77.78 % (half-up) with 10 %', () => {
    const plain = loanToValue('700000.00', [{ valuation: '1000000.00', haircutPercent: '0' }]);
    expect(plain).toMatchObject({ outstanding: '700000.00', collateralValue: '1000000.00', ltvPercent: '70.00', ltvRounding: 'half-up' });
    const cut = loanToValue('700000.00', [{ valuation: '1000000.00', haircutPercent: '10' }]);
    expect(cut).toMatchObject({ collateralValue: '900000.00', ltvPercent: '77.78', ltvRounding: 'half-up' });
  });

  it('sums several collaterals, each with its own haircut', () => {
    // 600,000 × 0.9 + 400,000 × 0.75 = 840,000; 420,000 / 840,000 = 50 %.
    const ltv = loanToValue('420000', [{ valuation: '600000', haircutPercent: '10' }, { valuation: '400000', haircutPercent: '25' }]);
    expect(ltv).toMatchObject({ collateralValue: '840000.00', ltvPercent: '50.00' });
  });

  it('rounds the collateral value down and the percent half-up; compares the exact ratio', () => {
    // 1.00 × (1 − 0.333) = 0.667 → 0.66 (down); 0.50 / 0.667 = 74.96… %.
    const ltv = loanToValue('0.50', [{ valuation: '1.00', haircutPercent: '33.3' }]);
    expect(ltv).toMatchObject({ collateralValue: '0.66', collateralRounding: 'down', ltvPercent: '74.96' });
    // 700.04 / 1,000 = 70.004 % shows as 70.00 but is above a 70 % limit.
    const edge = loanToValue('700.04', [{ valuation: '1000.00' }]);
    expect(edge.ltvPercent).toBe('70.00');
    expect(isLtvAbove(edge, '70')).toBe(true);
    expect(isLtvAbove(loanToValue('700.00', [{ valuation: '1000.00' }]), '70')).toBe(false);
    // A tie rounds up: 0.01 / 8.00 = 0.125 % → 0.13.
    expect(loanToValue('0.01', [{ valuation: '8.00' }]).ltvPercent).toBe('0.13');
  });

  it('no debt is 0.00 %; a debt without collateral value is uncovered and above any limit', () => {
    expect(loanToValue('0', []).ltvPercent).toBe('0.00');
    const uncovered = loanToValue('1.00', []);
    expect(uncovered.ltvPercent).toBeUndefined();
    expect(isLtvAbove(uncovered, '100')).toBe(true);
    expect(isLtvAbove(loanToValue('0', []), '0')).toBe(false);
  });

  it('works in the asset’s minor units', () => {
    expect(loanToValue('3', [{ valuation: '9' }], JPY)).toMatchObject({ outstanding: '3', collateralValue: '9', ltvPercent: '33.33' });
  });
});

describe('loanToValue: bad input', () => {
  it('refuses it with specific codes', () => {
    expect(errorCodeOf(() => loanToValue(700000 as never, []))).toBe('field_not_string');
    expect(errorCodeOf(() => loanToValue('-1', []))).toBe('amount_negative');
    expect(errorCodeOf(() => loanToValue('1.001', []))).toBe('amount_invalid');
    expect(errorCodeOf(() => loanToValue('1', {} as never))).toBe('ltv_input_invalid');
    expect(errorCodeOf(() => loanToValue('1', Array.from({ length: 101 }, () => ({ valuation: '1' }))))).toBe('ltv_input_invalid');
    expect(errorCodeOf(() => loanToValue('1', [{ valuation: '1', extra: '1' } as never]))).toBe('field_unknown');
    expect(errorCodeOf(() => loanToValue('1', [{} as never]))).toBe('field_missing');
    expect(errorCodeOf(() => loanToValue('1', [{ valuation: '1', haircutPercent: '100' }]))).toBe('haircut_invalid');
    expect(errorCodeOf(() => loanToValue('1', [null as never]))).toBe('input_not_object');
    expect(errorCodeOf(() => isLtvAbove(loanToValue('1', []), '1e2'))).toBe('rate_invalid');
  });
});
