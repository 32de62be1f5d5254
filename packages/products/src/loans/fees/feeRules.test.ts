import { CNY } from '@ecoledger/ledger';
import { describe, expect, it } from 'vitest';
import { errorCodeOf } from '../../../test-kit/errorCode.js';
import { loanContextWith } from '../../../test-kit/loans/loanFixtures.js';
import { INTERNET_CONSUMER_LOAN_TEMPLATE } from '../products/templates.js';
import { DEFAULT_UPGRADE_OBSERVATION } from '../classification/upgradeObservation.js';
import { loanFeesOf } from './feeRules.js';

const fees = (value: unknown) => () => loanFeesOf(value, CNY);

describe('loan fee rules are validated product data', () => {
  it('accepts a rate with its rounding or a fixed amount, and defaults to no fees', () => {
    expect(loanFeesOf(undefined, CNY)).toEqual({});
    expect(loanFeesOf({ origination: { ratePercent: '1.5', rounding: 'half-up', settlement: 'deducted' }, latePayment: { fixedAmount: '30.00' } }, CNY)).toEqual({
      origination: { ratePercent: '1.5', rounding: 'half-up', settlement: 'deducted' },
      latePayment: { fixedAmount: '30.00' },
    });
    expect(loanFeesOf({ latePayment: { ratePercent: '5', rounding: 'down', capPerInstallment: '50.00' } }, CNY).latePayment).toEqual({ ratePercent: '5', rounding: 'down', capPerInstallment: '50.00' });
  });

  it('refuses each bad rule with its specific code', () => {
    expect(errorCodeOf(fees({ origination: { fixedAmount: '10.00', ratePercent: '1', rounding: 'half-up', settlement: 'financed' } }))).toBe('fee_rule_invalid');
    expect(errorCodeOf(fees({ origination: { settlement: 'financed' } }))).toBe('fee_rule_invalid');
    expect(errorCodeOf(fees({ origination: { ratePercent: '1', settlement: 'financed' } }))).toBe('field_missing');
    expect(errorCodeOf(fees({ origination: { fixedAmount: '10.00', rounding: 'half-up', settlement: 'financed' } }))).toBe('fee_rule_invalid');
    expect(errorCodeOf(fees({ origination: { fixedAmount: '10.00', settlement: 'netted' } }))).toBe('fee_rule_invalid');
    expect(errorCodeOf(fees({ origination: { fixedAmount: '10.00' } }))).toBe('field_missing');
    expect(errorCodeOf(fees({ latePayment: { fixedAmount: '30.00', capPerInstallment: '20.00' } }))).toBe('fee_rule_invalid');
    expect(errorCodeOf(fees({ latePayment: { fixedAmount: '30.001' } }))).toBe('amount_invalid');
    expect(errorCodeOf(fees({ latePayment: { fixedAmount: '0.00' } }))).toBe('amount_not_positive');
    expect(errorCodeOf(fees({ latePayment: { fixedAmount: 30 } }))).toBe('field_not_string');
    expect(errorCodeOf(fees({ latePayment: { ratePercent: '0', rounding: 'half-up' } }))).toBe('percent_invalid');
    expect(errorCodeOf(fees({ latePayment: { ratePercent: '100.5', rounding: 'half-up' } }))).toBe('percent_invalid');
    expect(errorCodeOf(fees({ latePayment: { ratePercent: '2', rounding: 'nearest' } }))).toBe('rounding_mode_unknown');
    expect(errorCodeOf(fees({ latePayment: { ratePercent: '2', rounding: 'half-up', capPerInstallment: '0' } }))).toBe('amount_not_positive');
    expect(errorCodeOf(fees({ latePayment: { fixedAmount: '30.00', extra: 1 } }))).toBe('field_unknown');
    expect(errorCodeOf(fees({ annual: { fixedAmount: '30.00' } }))).toBe('field_unknown');
    expect(errorCodeOf(fees('30.00'))).toBe('input_not_object');
  });

  it('a product that charges fees names their transfer code; a fixed fee deducted from the payout is below minAmount', () => {
    const { fee: _fee, ...codes } = INTERNET_CONSUMER_LOAN_TEMPLATE.transferCodes;
    expect(errorCodeOf(() => loanContextWith({ transferCodes: codes, fees: { latePayment: { fixedAmount: '30.00' } } }))).toBe('transfer_code_invalid');
    expect(loanContextWith({ transferCodes: codes }).product.fees).toEqual({});
    expect(errorCodeOf(() => loanContextWith({ fees: { origination: { fixedAmount: '500.00', settlement: 'deducted' } } }))).toBe('fee_not_below_payout');
    expect(loanContextWith({ fees: { origination: { fixedAmount: '500.00', settlement: 'financed' } } }).product.fees.origination?.fixedAmount).toBe('500.00');
  });

  it('the upgrade observation defaults to two installments or six months and is checked', () => {
    expect(loanContextWith({}).product.upgradeObservation).toEqual(DEFAULT_UPGRADE_OBSERVATION);
    expect(DEFAULT_UPGRADE_OBSERVATION).toEqual({ installments: 2, months: 6 });
    expect(loanContextWith({ upgradeObservation: { installments: 3, months: 1 } }).product.upgradeObservation).toEqual({ installments: 3, months: 1 });
    expect(errorCodeOf(() => loanContextWith({ upgradeObservation: { installments: 0, months: 6 } }))).toBe('count_invalid');
    expect(errorCodeOf(() => loanContextWith({ upgradeObservation: { installments: 2, months: 25 } }))).toBe('count_invalid');
    expect(errorCodeOf(() => loanContextWith({ upgradeObservation: { installments: 2 } }))).toBe('field_missing');
    expect(errorCodeOf(() => loanContextWith({ upgradeObservation: { installments: 2, months: 6, days: 1 } }))).toBe('field_unknown');
  });
});
