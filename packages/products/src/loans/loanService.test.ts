import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { balanceOf, demandAccountOf, glAccountOf } from '../../test-kit/deposits/depositBank.js';
import { LOAN_AT } from '../../test-kit/loans/loanFixtures.js';
import { SOUND, loanBalance, openFundedAccount, openLoanBank, originate, type LoanBank, unsoundnessOf } from '../../test-kit/loans/loanBank.js';

const daysThrough = (from: string, to: string): string[] => {
  const days: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + 1)) days.push(d.toISOString().slice(0, 10));
  return days;
};
const closeDays = async (bank: LoanBank, from: string, to: string, ids: string[]) => {
  for (const day of daysThrough(from, to)) await bank.loans.closeLoans(day, ids);
};
const sound = async (bank: LoanBank) => expect(await unsoundnessOf(bank)).toEqual(SOUND);

describe('loan service on the book', () => {
  it('disburses into the linked demand account through internal clearing', async () => {
    const bank = await openLoanBank();
    await openFundedAccount(bank, 'dd-1', '0');
    await originate(bank, 'loan-1', 'dd-1');
    const paid = await bank.loans.disburse('loan-1', { amount: '12000.00', on: '2025-07-01', at: LOAN_AT, reference: 'payout-1' }, 'disburse-1');
    expect(E.isRight(paid)).toBe(true);
    expect(balanceOf(bank.book, demandAccountOf('dd-1'))).toBe(1_200_000n);
    expect(loanBalance(bank, 'principal', 'loan-1')).toBe(1_200_000n);
    expect(balanceOf(bank.book, glAccountOf('internal-clearing'))).toBe(0n);
    await sound(bank);
  });

  it('a payout into a closed account is reversed: nothing stays lent', async () => {
    const bank = await openLoanBank();
    await originate(bank, 'loan-1', 'dd-missing');
    const paid = await bank.loans.disburse('loan-1', { amount: '12000.00', on: '2025-07-01', at: LOAN_AT, reference: 'payout-1' }, 'disburse-1');
    expect(E.isLeft(paid)).toBe(true);
    expect((await bank.loans.state('loan-1')).status).toBe('signed');
    expect(loanBalance(bank, 'principal', 'loan-1')).toBe(0n);
    await sound(bank);
  });

  it('close of business accrues, auto-debits on the due date, records a shortfall, and runs once per date', async () => {
    const bank = await openLoanBank();
    await openFundedAccount(bank, 'dd-1', '500.00');
    await openFundedAccount(bank, 'dd-2', '0');
    await originate(bank, 'loan-1', 'dd-1');
    await originate(bank, 'loan-2', 'dd-2');
    await bank.loans.disburse('loan-1', { amount: '12000.00', on: '2025-07-01', at: LOAN_AT, reference: 'p1' }, 'd-1');
    await bank.loans.disburse('loan-2', { amount: '12000.00', on: '2025-07-01', at: LOAN_AT, reference: 'p2' }, 'd-2');
    // loan-2's borrower spends the payout: nothing is left on the due date.
    await bank.demand.handle(bank.demand.streamOf('dd-2'), { type: 'Withdraw', amount: '12000.00', destination: 'spending', reference: 'shop', on: '2025-07-02', at: LOAN_AT }, { commandId: 'spend', metadata: { correlationId: 'spend', tenant: 'bank', actor: 'customer', channel: 'app' } });
    await closeDays(bank, '2025-07-01', '2025-07-31', ['loan-1', 'loan-2']);
    const report = await bank.loans.closeLoans('2025-08-01', ['loan-1', 'loan-2']);
    expect(report.autoDebited).toEqual(['loan-1']);
    expect(report.shortfalls).toEqual(['loan-2']);
    // dd-1 held 12,500.00: the whole installment (982.89 + 36.17) was taken.
    expect(balanceOf(bank.book, demandAccountOf('dd-1'))).toBe(1_250_000n - 101_906n);
    expect(loanBalance(bank, 'interestReceivable', 'loan-1')).toBe(107n); // 11,017.11 × 3.5 % ÷ 360 for 2025-08-01, the next period's first day
    const again = await bank.loans.closeLoans('2025-08-01', ['loan-1', 'loan-2']);
    expect(again.accrual.alreadyCompleted && again.assessment.alreadyCompleted && again.autoDebited.length === 0 && again.shortfalls.length === 0).toBe(true);
    await bank.loans.closeLoans('2025-08-02', ['loan-1', 'loan-2']);
    const late = await bank.loans.state('loan-2');
    expect(late.riskClass).toBe('special-mention');
    expect(loanBalance(bank, 'allowance', 'loan-2')).toBe(24_000n);
    expect(balanceOf(bank.book, glAccountOf('internal-clearing'))).toBe(0n);
    await sound(bank);
  });

  it('two loans debiting one account on one date are taken in loan order, and a run killed before its repayments resumes without debiting twice', async () => {
    const bank = await openLoanBank();
    await openFundedAccount(bank, 'dd-1', '0');
    await originate(bank, 'loan-1', 'dd-1');
    await originate(bank, 'loan-2', 'dd-1', '12000.00', 'b-2');
    await bank.loans.disburse('loan-1', { amount: '12000.00', on: '2025-07-01', at: LOAN_AT, reference: 'p1' }, 'd-1');
    await bank.loans.disburse('loan-2', { amount: '12000.00', on: '2025-07-01', at: LOAN_AT, reference: 'p2' }, 'd-2');
    // 1,500.00 stays: loan-1's installment (1,019.06) in full, then the 480.94 left for loan-2.
    await bank.demand.handle(bank.demand.streamOf('dd-1'), { type: 'Withdraw', amount: '22500.00', destination: 'spending', reference: 'shop', on: '2025-07-02', at: LOAN_AT }, { commandId: 'spend', metadata: { correlationId: 'spend', tenant: 'bank', actor: 'customer', channel: 'app' } });
    await closeDays(bank, '2025-07-01', '2025-07-31', ['loan-1', 'loan-2']);
    const original = bank.store.appendMany.bind(bank.store);
    let killed = false;
    bank.store.appendMany = async (appends) => {
      if (!killed && appends.some(({ events }) => events.some((event) => event.type === 'RepaymentReceived'))) {
        killed = true;
        throw new Error('killed');
      }
      return original(appends);
    };
    await expect(bank.loans.closeLoans('2025-08-01', ['loan-1', 'loan-2'])).rejects.toThrow('killed');
    // Killed with loan-1's withdrawal made and its repayment not recorded.
    expect(balanceOf(bank.book, demandAccountOf('dd-1'))).toBe(150_000n - 101_906n);
    bank.store.appendMany = original;
    const report = await bank.loans.closeLoans('2025-08-01', ['loan-1', 'loan-2']);
    expect(report.autoDebited).toEqual(['loan-1', 'loan-2']);
    expect(balanceOf(bank.book, demandAccountOf('dd-1'))).toBe(0n);
    const repaid = async (id: string) => (await bank.loans.state(id)).installments[0]!;
    expect((await repaid('loan-1')).principalPaid + (await repaid('loan-1')).interestPaid).toBe(101_906n);
    expect((await repaid('loan-2')).principalPaid + (await repaid('loan-2')).interestPaid).toBe(48_094n);
    const withdrawals = (await bank.store.readStream(bank.demand.streamOf('dd-1'))).filter((e) => e.type === 'WithdrawalMade');
    expect(withdrawals.map((e) => (e.data as { amount: string }).amount)).toEqual(['22500.00', '1019.06', '480.94']);
    await sound(bank);
  });

  it('manual repayment, overpayment refund and payoff move money between the account and the loan', async () => {
    const bank = await openLoanBank();
    await openFundedAccount(bank, 'dd-1', '20000.00');
    await originate(bank, 'loan-1', 'dd-1');
    await bank.loans.disburse('loan-1', { amount: '12000.00', on: '2025-07-01', at: LOAN_AT, reference: 'p1' }, 'd-1');
    await closeDays(bank, '2025-07-01', '2025-07-31', ['loan-1']);
    const early = await bank.loans.repay('loan-1', { amount: '10.00', overpayment: 'refund', reference: 'pay-0', on: '2025-07-31', at: LOAN_AT }, 'pay-0');
    expect(E.isLeft(early) && early.left.message).toContain('nothing_due');
    const paid = await bank.loans.repay('loan-1', { amount: '2000.00', overpayment: 'refund', reference: 'pay-1', on: '2025-08-01', at: LOAN_AT }, 'pay-1');
    expect(E.isRight(paid)).toBe(true);
    const s = await bank.loans.state('loan-1');
    expect(s.installments[0]!.principalPaid).toBe(98_289n);
    // 1,019.06 taken; the 980.94 beyond it went back to the account; the refused early payment too.
    expect(balanceOf(bank.book, demandAccountOf('dd-1'))).toBe(3_200_000n - 101_906n);
    const short = await bank.loans.payOff('loan-1', { amount: '11017.10', reference: 'off-0', on: '2025-08-01', at: LOAN_AT }, 'off-0');
    expect(E.isLeft(short) && short.left.message).toContain('payoff_amount_short');
    const off = await bank.loans.payOff('loan-1', { amount: '13000.00', reference: 'off-1', on: '2025-08-01', at: LOAN_AT }, 'off-1');
    expect(E.isRight(off)).toBe(true);
    expect((await bank.loans.state('loan-1')).status).toBe('closed');
    expect(loanBalance(bank, 'principal', 'loan-1')).toBe(0n);
    expect(loanBalance(bank, 'interestReceivable', 'loan-1')).toBe(0n);
    expect(loanBalance(bank, 'allowance', 'loan-1')).toBe(0n);
    expect(balanceOf(bank.book, demandAccountOf('dd-1'))).toBe(3_200_000n - 101_906n - 1_101_711n);
    expect(balanceOf(bank.book, glAccountOf('internal-clearing'))).toBe(0n);
    await sound(bank);
  });
});
