import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { productInput, testProduct } from '../../../test-kit/deposits/time/timeDeposit.fixture.js';
import { productsErrorMessages } from '../../errors.js';
import { timeDepositProduct } from './product.js';
import { errorCodeOf } from '../../../test-kit/errorCode.js';

const codeOf = (input: unknown): string | undefined => errorCodeOf(() => timeDepositProduct(input));

describe('timeDepositProduct', () => {
  it('fills the defaults: CNY, half-up, no compounding, days basis, no withholding tax', () => {
    expect(testProduct()).toMatchObject({ asset: { code: 'CNY', scale: 2 }, rounding: 'half-up', compounding: 'none', termInterestBasis: 'days', withholdingTaxPercent: '0' });
  });

  it('refuses bad product data with specific codes', () => {
    expect(codeOf({ ...productInput, surprise: true })).toBe('field_unknown');
    expect(codeOf({ ...productInput, terms: [] })).toBe('product_invalid');
    expect(codeOf({ ...productInput, terms: [productInput.terms[0], productInput.terms[0]] })).toBe('product_invalid');
    expect(codeOf({ ...productInput, terms: [{ months: 0, rates: productInput.demandRates }] })).toBe('months_invalid');
    expect(codeOf({ ...productInput, terms: [{ months: 12, rates: [] }] })).toBe('rate_table_invalid');
    expect(codeOf({ ...productInput, demandRates: [{ from: '2020-01-01', ratePercent: 0.35 }] })).toBe('field_not_string');
    expect(codeOf({ ...productInput, dayCount: 'ACT/364' })).toBe('day_count_unknown');
    expect(codeOf({ ...productInput, compounding: 'daily' })).toBe('compounding_unknown');
    expect(codeOf({ ...productInput, accountingBasis: 'modified-cash' })).toBe('accounting_basis_unknown');
    expect(codeOf({ ...productInput, minimumPrincipal: '50.001' })).toBe('amount_invalid');
    expect(codeOf({ ...productInput, maxPartialWithdrawals: 13 })).toBe('count_invalid');
    expect(codeOf({ ...productInput, depositAccountCode: 0 })).toBe('count_invalid');
    expect(codeOf({ ...productInput, transferCodes: { ...productInput.transferCodes, payout: 65_536 } })).toBe('count_invalid');
    expect(codeOf({ ...productInput, transferCodes: { place: 1, interest: 2, payout: 3 } })).toBe('field_missing');
    expect(codeOf({ ...productInput, withholdingTaxPercent: '100.01' })).toBe('rate_out_of_range');
    expect(codeOf({ ...productInput, ledger: 'x'.repeat(129) })).toBe('identifier_invalid');
  });

  it('fuzz: any value in any field is either accepted or refused with a ProductsError', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(productInput), 'asset', 'rounding', 'withholdingTaxPercent', 'other'), fc.anything(), (field, value) => {
        const code = codeOf({ ...productInput, [field]: value });
        if (code !== undefined) expect(Object.keys(productsErrorMessages)).toContain(code);
      }),
    );
  });
});
