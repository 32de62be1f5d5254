import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorCodeOf } from '../../test-kit/errorCode.js';
import { LEDGER_ID_PATTERN } from '../limits.js';
import { bankAccounts, contractAccount } from './accountIntents.js';
import { bankAccountId, contractAccountId } from './accountIds.js';
import { DEFAULT_CHART } from './defaultChart.js';

describe('account ids', () => {
  it('builds readable, deterministic ids', () => {
    expect(contractAccountId('demand-deposit', 'DD-2026-000123', 'customer')).toBe('demand-deposit:DD-2026-000123:customer');
    expect(contractAccountId('demand-deposit', 'DD-2026-000123', 'customer')).toBe(contractAccountId('demand-deposit', 'DD-2026-000123', 'customer'));
    expect(bankAccountId('CNY', 'interest-payable')).toBe('gl.CNY.interest-payable');
    const longest = contractAccountId('p'.repeat(24), 'c'.repeat(64), 'r'.repeat(24));
    expect(longest.length).toBe(114);
    expect(LEDGER_ID_PATTERN.test(longest)).toBe(true);
  });

  it('refuses parts that would break the id grammar or make it ambiguous', () => {
    for (const contractId of ['', 'a:b', 'a b', 'x'.repeat(65), '合同1', 12 as unknown as string]) {
      expect(errorCodeOf(() => contractAccountId('loan', contractId, 'principal')), String(contractId)).toBe('contract_id_invalid');
    }
    for (const product of ['', 'Loan', 'lo.an', 'lo:an', '1loan', 'x'.repeat(25)]) expect(errorCodeOf(() => contractAccountId(product, 'c1', 'principal')), product).toBe('product_name_invalid');
    for (const role of ['', 'Principal', 'a.b', 'a:b', 'x'.repeat(25)]) expect(errorCodeOf(() => contractAccountId('loan', 'c1', role)), role).toBe('account_role_invalid');
    expect(errorCodeOf(() => bankAccountId('CNY YUAN', 'cash'))).toBe('ledger_id_invalid');
    expect(errorCodeOf(() => bankAccountId('L'.repeat(128), 'cash'))).toBe('ledger_id_invalid'); // fits alone, not with the name
    expect(errorCodeOf(() => bankAccountId('CNY', 'gl.cash'))).toBe('account_role_invalid');
  });
});

describe('account ids are injective', () => {
  // Tiny alphabets make near-collisions (a part's end moved into the next part, separators inside
  // ledger ids) likely; the unit tests above cover the rest of the grammar.
  const name = fc.stringMatching(/^[ab][a-]?$/);
  const contractId = fc.stringMatching(/^[a.]{1,2}$/);
  const ledger = fc.stringMatching(/^[a.:]{1,3}$/);
  const contractKey = fc.tuple(fc.constant('c'), name, contractId, name);
  const bankKey = fc.tuple(fc.constant('b'), ledger, name, fc.constant(''));
  const idOf = ([kind, a, b, c]: readonly [string, string, string, string]): string => (kind === 'c' ? contractAccountId(a, b, c) : bankAccountId(a, b));

  it('maps different products, contracts, roles, ledgers and names to different ids, all in the ledger grammar', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.oneof(contractKey, bankKey), { minLength: 2, maxLength: 60, selector: (key) => key.join('\u0000') }), (keys) => {
        const ids = keys.map(idOf);
        expect(new Set(ids).size).toBe(keys.length);
        for (const id of ids) expect(LEDGER_ID_PATTERN.test(id)).toBe(true);
      }),
      { numRuns: 1_000 },
    );
  });
});

describe('account intents', () => {
  it('opens the bank’s general ledger once per ledger, with distinct ids across ledgers', () => {
    const cny = bankAccounts('CNY', DEFAULT_CHART);
    expect(cny.map((a) => [a.id, a.code, a.type])).toEqual([
      ['gl.CNY.cash', 1001, 'asset'],
      ['gl.CNY.settlement', 1002, 'asset'],
      ['gl.CNY.internal-clearing', 1901, 'asset'],
      ['gl.CNY.suspense', 1902, 'asset'],
      ['gl.CNY.withholding-tax-payable', 2221, 'liability'],
      ['gl.CNY.interest-payable', 2231, 'liability'],
      ['gl.CNY.interest-expense', 5211, 'expense'],
      ['gl.CNY.loan-credit-balances', 2236, 'liability'],
      ['gl.CNY.loan-interest-income', 6011, 'income'],
      ['gl.CNY.loan-penalty-income', 6012, 'income'],
      ['gl.CNY.loan-fee-income', 6021, 'income'],
      ['gl.CNY.impairment-expense', 6701, 'expense'],
      ['gl.CNY.npl-interest-memo', 9001, 'asset'],
      ['gl.CNY.npl-interest-memo-contra', 9002, 'liability'],
      ['gl.CNY.written-off-memo', 9003, 'asset'],
      ['gl.CNY.written-off-memo-contra', 9004, 'liability'],
    ]);
    expect(cny.every((a) => a.ledger === 'CNY')).toBe(true);
    const usd = bankAccounts('USD', DEFAULT_CHART).map((a) => a.id);
    expect(usd.some((id) => cny.some((a) => a.id === id))).toBe(false);
    expect(errorCodeOf(() => bankAccounts('', DEFAULT_CHART))).toBe('ledger_id_invalid');
  });

  it('gives a contract account the chart’s code, type and guard for its role', () => {
    expect(contractAccount(DEFAULT_CHART, 'CNY', 'demand-deposit', 'DD-1', 'customer')).toEqual({
      id: 'demand-deposit:DD-1:customer',
      ledger: 'CNY',
      code: 2011,
      type: 'liability',
      guard: 'debits_must_not_exceed_credits',
      metadata: { product: 'demand-deposit', name: 'customer' },
    });
    expect(errorCodeOf(() => contractAccount(DEFAULT_CHART, 'CNY', 'demand-deposit', 'DD-1', 'principal'))).toBe('account_role_invalid');
    expect(errorCodeOf(() => contractAccount(DEFAULT_CHART, 'CNY', 'bank', 'DD-1', 'cash'))).toBe('product_name_invalid');
    expect(errorCodeOf(() => contractAccount(DEFAULT_CHART, 'C NY', 'demand-deposit', 'DD-1', 'customer'))).toBe('ledger_id_invalid');
  });
});
