import { normalSideOf } from '@ecoledger/ledger';
import { describe, expect, it } from 'vitest';
import { errorCodeOf } from '../../test-kit/errorCode.js';
import { chartAccount, chartOfAccounts, type ChartOfAccountsInput } from './chartOfAccounts.js';
import { codeFor, productOf } from './codeRegistry.js';
import { DEFAULT_CHART } from './defaultChart.js';

describe('the default chart', () => {
  it('names the bank’s general-ledger accounts with their codes, types and normal sides', () => {
    const gl = DEFAULT_CHART.accounts.filter((a) => a.product === 'bank').map((a) => [a.name, a.code, a.type, a.normalSide]);
    expect(gl).toEqual([
      ['cash', 1001, 'asset', 'debit'],
      ['settlement', 1002, 'asset', 'debit'],
      ['internal-clearing', 1901, 'asset', 'debit'],
      ['suspense', 1902, 'asset', 'debit'],
      ['withholding-tax-payable', 2221, 'liability', 'credit'],
      ['interest-payable', 2231, 'liability', 'credit'],
      ['interest-expense', 5211, 'expense', 'debit'],
      ['loan-credit-balances', 2236, 'liability', 'credit'],
      ['loan-interest-income', 6011, 'income', 'credit'],
      ['loan-penalty-income', 6012, 'income', 'credit'],
      ['loan-fee-income', 6021, 'income', 'credit'],
      ['impairment-expense', 6701, 'expense', 'debit'],
      ['npl-interest-memo', 9001, 'asset', 'debit'],
      ['npl-interest-memo-contra', 9002, 'liability', 'credit'],
      ['written-off-memo', 9003, 'asset', 'debit'],
      ['written-off-memo-contra', 9004, 'liability', 'credit'],
    ]);
    for (const account of DEFAULT_CHART.accounts) expect(account.normalSide).toBe(normalSideOf[account.type]);
  });

  it('gives each product line its ranges and its customer accounts their codes and guards', () => {
    expect(chartAccount(DEFAULT_CHART, 'demand-deposit', 'customer')).toMatchObject({ code: 2011, type: 'liability', guard: 'debits_must_not_exceed_credits' });
    expect(chartAccount(DEFAULT_CHART, 'time-deposit', 'customer').code).toBe(2012);
    expect(chartAccount(DEFAULT_CHART, 'loan', 'principal')).toMatchObject({ code: 1301, type: 'asset', guard: 'credits_must_not_exceed_debits' });
    for (const product of ['demand-deposit', 'time-deposit', 'loan', 'wealth', 'partner', 'points', 'bank']) {
      expect(productOf(DEFAULT_CHART.transferCodes, codeFor(DEFAULT_CHART.transferCodes, product, 1))).toBe(product);
      expect(productOf(DEFAULT_CHART.accountCodes, codeFor(DEFAULT_CHART.accountCodes, product, 0))).toBe(product);
    }
    expect(productOf(DEFAULT_CHART.accountCodes, 5211)).toBe('bank');
    expect(errorCodeOf(() => chartAccount(DEFAULT_CHART, 'demand-deposit', 'overdraft'))).toBe('account_role_invalid');
  });
});

describe('chart validation', () => {
  const input = (accounts: unknown[]): ChartOfAccountsInput => ({ accountCodes: DEFAULT_CHART.accountCodes, transferCodes: DEFAULT_CHART.transferCodes, accounts } as ChartOfAccountsInput);
  const customer = { product: 'demand-deposit', name: 'customer', code: 2011, type: 'liability', description: 'Customer demand deposits' };
  const codeFor_ = (accounts: unknown[]): string | undefined => errorCodeOf(() => chartOfAccounts(input(accounts)));

  it('refuses accounts outside their product’s codes, named or coded twice, or badly typed', () => {
    expect(codeFor_([customer])).toBeUndefined();
    expect(codeFor_([{ ...customer, code: 2012 }])).toBe('code_out_of_range');
    expect(codeFor_([{ ...customer, product: 'crypto' }])).toBe('product_unknown');
    expect(codeFor_([customer, { ...customer }])).toBe('chart_invalid');
    expect(codeFor_([customer, { ...customer, name: 'customer-2' }])).toBe('chart_invalid');
    expect(codeFor_([{ ...customer, type: 'debt' }])).toBe('chart_invalid');
    expect(codeFor_([{ ...customer, guard: 'never_negative' }])).toBe('chart_invalid');
    expect(codeFor_([{ ...customer, description: '' }])).toBe('chart_invalid');
    expect(codeFor_([{ ...customer, normalSide: 'credit' }])).toBe('field_unknown');
    expect(codeFor_([{ ...customer, name: 'Customer' }])).toBe('account_role_invalid');
    expect(errorCodeOf(() => chartOfAccounts({ ...input([]), accountCodes: DEFAULT_CHART.transferCodes }))).toBe('chart_invalid');
  });
});
