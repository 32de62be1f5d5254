import { describe, expect, it } from 'vitest';
import { ledgerBalances, placeCommand, resolveRole, run, testProduct } from '../../../test-kit/deposits/time/timeDeposit.fixture.js';
import { timeDepositLedgerEffects } from './postingRules.js';

const CASH = testProduct({ withholdingTaxPercent: '20' });
const ACCRUAL = testProduct({ accountingBasis: 'accrual', withholdingTaxPercent: '20' });
const amounts = (balances: Map<string, bigint>) => Object.fromEntries([...balances].filter(([, v]) => v !== 0n).map(([k, v]) => [k, v]));

describe('time-deposit ledger effects', () => {
  it('placement opens the guarded deposit liability and moves the principal from funding', () => {
    const [placed] = run(CASH, [placeCommand()]).events;
    expect(timeDepositLedgerEffects(CASH, placed!, resolveRole)).toEqual({
      accounts: [{ id: 'deposit:td-1', ledger: 'bank-cny', code: 2012, type: 'liability', guard: 'debits_must_not_exceed_credits', metadata: { contractId: 'td-1', customerId: 'cust-1', productCode: 'TD-CNY' } }],
      postings: [{ key: 'principal', ledger: 'bank-cny', debitAccountId: 'role:funding', creditAccountId: 'deposit:td-1', amount: '10000.00', code: 3101 }],
    });
  });

  it('cash basis, payout with 20 % withholding: 175.00 expensed, 35.00 withheld, 140.00 and the principal paid out', () => {
    const { events } = run(CASH, [placeCommand(), { type: 'Mature', on: '2027-01-01' }]);
    expect(timeDepositLedgerEffects(CASH, events[1]!, resolveRole).postings.map((p) => [p.key, p.debitAccountId, p.creditAccountId, p.amount, p.code])).toEqual([
      ['interest', 'role:interestExpense', 'role:funding', '140.00', 3102],
      ['tax', 'role:interestExpense', 'role:withholdingTaxPayable', '35.00', 3104],
      ['principal', 'deposit:td-1', 'role:funding', '10000.00', 3103],
    ]);
    // Funding paid 10,000.00 in and got 10,140.00 back; the deposit account is empty (zero balances are left out).
    expect(amounts(ledgerBalances(CASH, events))).toEqual({ 'role:funding': 14000n, 'role:interestExpense': -17500n, 'role:withholdingTaxPayable': 3500n });
  });

  it('accrual basis: daily accruals to payable; an early withdrawal releases the accrual above the demand interest', () => {
    // Accrued through 2026-04-10 (100 days): 10,000 × 1.75 % × 100/365 = 47.945… → 47.95; the demand interest is 9.59.
    const { events } = run(ACCRUAL, [placeCommand(), { type: 'AccrueInterest', through: '2026-04-10' }, { type: 'WithdrawEarly', on: '2026-04-11' }]);
    expect(timeDepositLedgerEffects(ACCRUAL, events[1]!, resolveRole).postings.map((p) => [p.key, p.debitAccountId, p.creditAccountId, p.amount])).toEqual([
      ['accrual', 'role:interestExpense', 'role:interestPayable', '47.95'],
    ]);
    expect(timeDepositLedgerEffects(ACCRUAL, events[2]!, resolveRole).postings.map((p) => [p.key, p.debitAccountId, p.creditAccountId, p.amount])).toEqual([
      ['accrualRelease', 'role:interestPayable', 'role:interestExpense', '38.36'],
      ['interest', 'role:interestPayable', 'role:funding', '7.67'],
      ['tax', 'role:interestPayable', 'role:withholdingTaxPayable', '1.92'],
      ['principal', 'deposit:td-1', 'role:funding', '10000.00'],
    ]);
    // Interest payable is back to zero; the expense is the demand interest, 9.59.
    expect(amounts(ledgerBalances(ACCRUAL, events))).toEqual({ 'role:funding': 767n, 'role:interestExpense': -959n, 'role:withholdingTaxPayable': 192n });
  });

  it('rollover with interest capitalises the net interest into the deposit account; the rollover itself posts nothing', () => {
    const { events } = run(CASH, [placeCommand({ maturityInstruction: 'rollover_principal_and_interest' }), { type: 'Mature', on: '2027-01-01' }]);
    expect(timeDepositLedgerEffects(CASH, events[2]!, resolveRole)).toEqual({ accounts: [], postings: [] });
    expect(ledgerBalances(CASH, events).get('deposit:td-1')).toBe(1014000n);
  });
});
