import { describe, expect, it } from 'vitest';
import { isProductsError } from '../errors.js';
import { applyPostingRules, type PostingRuleTable } from './postingRules.js';

type Role = 'customer' | 'expense' | 'payable' | 'tax';
type Event =
  | { readonly type: 'InterestAccrued'; readonly data: { readonly contractId: string; readonly interest: string } }
  | { readonly type: 'InterestPaid'; readonly data: { readonly contractId: string; readonly net: string; readonly tax: string } }
  | { readonly type: 'Frozen'; readonly data: { readonly contractId: string } };

const table: PostingRuleTable<Role, Event> = {
  InterestAccrued: [{ key: 'accrual', debit: 'expense', credit: 'payable', amount: (d) => d.interest, code: 3001, basis: ['accrual'] }],
  InterestPaid: [
    { key: 'net', debit: 'payable', credit: 'customer', amount: (d) => d.net, code: 3002, basis: ['accrual'] },
    { key: 'tax', debit: 'payable', credit: 'tax', amount: (d) => d.tax, code: 3003, basis: ['accrual'] },
    { key: 'net', debit: 'expense', credit: 'customer', amount: (d) => d.net, code: 3002, basis: ['cash'] },
    { key: 'tax', debit: 'expense', credit: 'tax', amount: (d) => d.tax, code: 3003, basis: ['cash'] },
  ],
};
const resolve = (role: Role, event: Event): string => (role === 'customer' ? `dd:${event.data.contractId}:customer` : `gl:${role}`);

describe('applyPostingRules', () => {
  it('posts accruals only under the accrual basis', () => {
    const event: Event = { type: 'InterestAccrued', data: { contractId: 'c1', interest: '0.25' } };
    expect(applyPostingRules(table, 'accrual', event, resolve, 'CNY')).toEqual([
      { key: 'accrual', ledger: 'CNY', debitAccountId: 'gl:expense', creditAccountId: 'gl:payable', amount: '0.25', code: 3001 },
    ]);
    expect(applyPostingRules(table, 'cash', event, resolve, 'CNY')).toEqual([]);
  });

  it('books the expense when paid under cash accounting and drops zero legs', () => {
    const event: Event = { type: 'InterestPaid', data: { contractId: 'c1', net: '9.00', tax: '0.00' } };
    expect(applyPostingRules(table, 'cash', event, resolve, 'CNY')).toEqual([
      { key: 'net', ledger: 'CNY', debitAccountId: 'gl:expense', creditAccountId: 'dd:c1:customer', amount: '9.00', code: 3002 },
    ]);
    expect(applyPostingRules(table, 'accrual', event, resolve, 'CNY').map((p) => p.debitAccountId)).toEqual(['gl:payable']);
  });

  it('posts nothing for an event type the table does not name', () => {
    expect(applyPostingRules(table, 'accrual', { type: 'Frozen', data: { contractId: 'c1' } }, resolve, 'CNY')).toEqual([]);
  });

  it('refuses an amount that is not a decimal string', () => {
    const event = { type: 'InterestAccrued', data: { contractId: 'c1', interest: '-1' } } as const;
    try {
      applyPostingRules(table, 'accrual', event, resolve, 'CNY');
      expect.unreachable();
    } catch (error) {
      expect(isProductsError(error) && error.code).toBe('posting_rule_invalid');
    }
  });
});
