import { DEFAULT_WATERFALL } from '../waterfall/waterfall.js';
import { describe, expect, it } from 'vitest';
import { errorCodeOf } from '../../../test-kit/errorCode.js';
import { loanProduct, type LoanProductInput } from './loanProduct.js';
import { CAR_LOAN_TEMPLATE, EDUCATION_LOAN_TEMPLATE, INTERNET_CONSUMER_LOAN_TEMPLATE, LOAN_TEMPLATES, MORTGAGE_TEMPLATE } from './templates.js';

const base: LoanProductInput = { ...INTERNET_CONSUMER_LOAN_TEMPLATE };
const withField = (field: string, value: unknown): unknown => ({ ...base, [field]: value });
const codeOf = (input: unknown): string | undefined => errorCodeOf(() => loanProduct(input as LoanProductInput));

describe('loan product templates', () => {
  it('are valid products that round-trip through JSON', () => {
    for (const template of Object.values(LOAN_TEMPLATES)) {
      expect(loanProduct(JSON.parse(JSON.stringify(template)) as LoanProductInput)).toEqual(template);
      expect(Object.isFrozen(template)).toBe(true);
    }
  });

  it('carry the documented market data', () => {
    expect(MORTGAGE_TEMPLATE.pricing).toEqual({ benchmark: 'LPR5Y', spreadBpsMin: '-50', spreadBpsMax: '100' });
    expect(MORTGAGE_TEMPLATE.collateral).toEqual({ required: true, maxLtvPercent: '85' });
    expect(CAR_LOAN_TEMPLATE.maxTermMonths).toBe(60);
    expect(EDUCATION_LOAN_TEMPLATE.gracePeriods.principalMonths).toBe(60);
    expect(INTERNET_CONSUMER_LOAN_TEMPLATE.maxAmount).toBe('200000.00');
    expect(INTERNET_CONSUMER_LOAN_TEMPLATE.internetConsumerCapApplies).toBe(true);
    expect(INTERNET_CONSUMER_LOAN_TEMPLATE.pricing.benchmark).toBe('LPR1Y');
    expect(new Set(Object.values(LOAN_TEMPLATES).flatMap((t) => Object.values(t.transferCodes))).size).toBe(44);
    expect(INTERNET_CONSUMER_LOAN_TEMPLATE.transferCodes).toMatchObject({ writeOff: 3306, provision: 3307, nonAccrual: 3308, recovery: 3309, creditRefund: 3310, fee: 3311 });
  });
});

describe('loanProduct validation', () => {
  it('fills defaults', () => {
    const { penaltyUpliftPercent: _p, gracePeriods: _g, rounding: _r, waterfall: _w, ...rest } = base;
    const product = loanProduct(rest as LoanProductInput);
    expect(product.penaltyUpliftPercent).toBe('50');
    expect(product.gracePeriods).toEqual({ overdueDays: 0, principalMonths: 0 });
    expect(product.rounding).toBe('half-up');
    expect(product.asset.code).toBe('CNY');
    expect(product.waterfall).toBe(DEFAULT_WATERFALL);
  });

  it('refuses unknown fields at every level', () => {
    expect(codeOf(withField('interestFree', true))).toBe('field_unknown');
    expect(codeOf(withField('pricing', { ...base.pricing, floor: '3' }))).toBe('field_unknown');
    expect(codeOf(withField('gracePeriods', { overdueDays: 1, principalMonths: 0, extra: 1 }))).toBe('field_unknown');
    expect(codeOf(withField('transferCodes', { ...base.transferCodes, stampDuty: 3399 }))).toBe('field_unknown');
    expect(codeOf(withField('collateral', { required: false, kind: 'house' }))).toBe('field_unknown');
  });

  it('names the bad field with a specific code', () => {
    expect(codeOf(withField('kind', 'payday'))).toBe('loan_kind_unknown');
    expect(codeOf(withField('minAmount', 500))).toBe('field_not_string');
    expect(codeOf(withField('minAmount', '500.001'))).toBe('amount_invalid');
    expect(codeOf(withField('minAmount', '0'))).toBe('amount_not_positive');
    expect(codeOf(withField('minAmount', '300000.00'))).toBe('loan_product_invalid');
    expect(codeOf(withField('minTermMonths', 48))).toBe('loan_product_invalid');
    expect(codeOf(withField('maxTermMonths', 601))).toBe('count_invalid');
    expect(codeOf(withField('repaymentMethods', []))).toBe('loan_product_invalid');
    expect(codeOf(withField('repaymentMethods', ['balloon']))).toBe('repayment_method_unknown');
    expect(codeOf(withField('repaymentMethods', ['bullet', 'bullet']))).toBe('loan_product_invalid');
    expect(codeOf(withField('repaymentFrequency', 'quarterly'))).toBe('repayment_frequency_unknown');
    expect(codeOf(withField('dayCount', 'ACT/366'))).toBe('day_count_unknown');
    expect(codeOf(withField('rounding', 'nearest'))).toBe('rounding_mode_unknown');
    expect(codeOf(withField('pricing', { benchmark: 'SHIBOR', spreadBpsMin: '0', spreadBpsMax: '10' }))).toBe('benchmark_unknown');
    expect(codeOf(withField('pricing', { benchmark: 'LPR1Y', spreadBpsMin: '10', spreadBpsMax: '0' }))).toBe('loan_product_invalid');
    expect(codeOf(withField('pricing', { benchmark: 'LPR1Y', spreadBpsMin: 0, spreadBpsMax: '10' }))).toBe('field_not_string');
    expect(codeOf(withField('reset', { frequency: 'annual', on: 'easter' }))).toBe('reset_invalid');
    expect(codeOf(withField('penaltyUpliftPercent', '150'))).toBe('percent_invalid');
    expect(codeOf(withField('compoundOverdueInterest', 'yes'))).toBe('field_not_boolean');
    expect(codeOf(withField('gracePeriods', { overdueDays: 91, principalMonths: 0 }))).toBe('count_invalid');
    expect(codeOf(withField('gracePeriods', { overdueDays: 1, principalMonths: 36 }))).toBe('loan_product_invalid');
    expect(codeOf(withField('channels', ['app', 'batch']))).toBe('channel_unknown');
    expect(codeOf(withField('transferCodes', { ...base.transferCodes, writeOff: 70_000 }))).toBe('transfer_code_invalid');
    const { creditRefund: _c, ...nine } = base.transferCodes;
    expect(codeOf(withField('transferCodes', nine))).toBe('transfer_code_invalid');
    expect(codeOf(withField('collateral', { required: false, maxLtvPercent: '70' }))).toBe('loan_product_invalid');
    expect(codeOf(withField('collateral', { required: true }))).toBe('field_missing');
    expect(codeOf(withField('collateral', { required: true, maxLtvPercent: '0' }))).toBe('percent_invalid');
    expect(codeOf(withField('ledger', ''))).toBe('identifier_invalid');
    expect(codeOf({ ...base, pricing: undefined })).toBe('field_missing');
  });

  it('enforces the cross-field rules of the loan kinds', () => {
    expect(codeOf({ ...MORTGAGE_TEMPLATE, collateral: { required: false } })).toBe('loan_product_invalid');
    expect(codeOf({ ...CAR_LOAN_TEMPLATE, internetConsumerCapApplies: true })).toBe('loan_product_invalid');
  });
});
