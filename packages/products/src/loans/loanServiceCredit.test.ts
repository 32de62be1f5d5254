import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { balanceOf, demandAccountOf, glAccountOf } from '../../test-kit/deposits/depositBank.js';
import { LOAN_AT, loanContextWith } from '../../test-kit/loans/loanFixtures.js';
import { loanBalance, openFundedAccount, openLoanBank, originate, type LoanBank } from '../../test-kit/loans/loanBank.js';
import { checkProductPostings, trialBalanceGaps } from '../../test-kit/productPostingsCheck.js';

const sound = async (bank: LoanBank) => {
  expect(trialBalanceGaps(bank.book)).toEqual([]);
  expect(balanceOf(bank.book, glAccountOf('internal-clearing'))).toBe(0n);
  const report = await checkProductPostings(bank.store, bank.book, [...bank.sources, bank.loans.source]);
  expect({ ...report, events: 0, owedPostings: 0 }).toEqual({ events: 0, owedPostings: 0, missing: [], lost: [], mismatched: [], unexpected: [], pendingOwed: [], pendingOrphaned: [] });
};
const officer = (commandId: string) => ({ commandId, metadata: { correlationId: commandId, tenant: 'bank', actor: 'officer', channel: 'app' as const } });

describe('held credit, credit refunds and recoveries through the book', () => {
  it('held credit pays the due installment at close of business; the rest is refunded into the demand account', async () => {
    const bank = await openLoanBank(loanContextWith({ applyHeldCredit: true }));
    await openFundedAccount(bank, 'dd-1', '1500.00');
    await originate(bank, 'loan-1', 'dd-1');
    await bank.loans.disburse('loan-1', { amount: '12000.00', on: '2025-07-01', at: LOAN_AT, reference: 'p1' }, 'd-1');
    expect(E.isRight(await bank.loans.repay('loan-1', { amount: '1500.00', overpayment: 'hold', reference: 'pay-1', on: '2025-07-02', at: LOAN_AT }, 'pay-1'))).toBe(true);
    expect(loanBalance(bank, 'creditBalances', 'loan-1')).toBe(150_000n);
    await bank.loans.closeLoans('2025-07-31', ['loan-1']);
    const report = await bank.loans.closeLoans('2025-08-01', ['loan-1']);
    // The credit paid the installment: nothing was left due to auto-debit.
    expect(report.autoDebited).toEqual([]);
    const s = await bank.loans.state('loan-1');
    expect(s.installments[0]!.principalPaid).toBe(98_289n);
    expect(s.credit).toBe(48_094n);
    expect(loanBalance(bank, 'creditBalances', 'loan-1')).toBe(48_094n);
    const refunded = await bank.loans.refundCredit('loan-1', { on: '2025-08-02', at: LOAN_AT }, 'refund-1');
    expect(E.isRight(refunded)).toBe(true);
    // A retry repeats nothing.
    expect(E.isRight(await bank.loans.refundCredit('loan-1', { on: '2025-08-02', at: LOAN_AT }, 'refund-1'))).toBe(true);
    expect((await bank.loans.state('loan-1')).credit).toBe(0n);
    expect(loanBalance(bank, 'creditBalances', 'loan-1')).toBe(0n);
    expect(balanceOf(bank.book, demandAccountOf('dd-1'))).toBe(1_200_000n + 48_094n);
    const nothing = await bank.loans.refundCredit('loan-1', { on: '2025-08-03', at: LOAN_AT }, 'refund-2');
    expect(E.isLeft(nothing) && nothing.left.message).toContain('nothing_due');
    await sound(bank);
  });

  it('a written-off loan recovers money from a collection agency’s account; a recovery beyond the claim is returned', async () => {
    const bank = await openLoanBank();
    await openFundedAccount(bank, 'dd-1', '0');
    await openFundedAccount(bank, 'agency-1', '20000.00');
    await originate(bank, 'loan-1', 'dd-1');
    await bank.loans.disburse('loan-1', { amount: '12000.00', on: '2025-07-01', at: LOAN_AT, reference: 'p1' }, 'd-1');
    const stream = bank.loans.streamOf('loan-1');
    expect(E.isRight(await bank.loans.handle(stream, { type: 'Downgrade', riskClass: 'loss', by: 'committee-7', reason: 'fraud confirmed', on: '2025-07-01', at: LOAN_AT }, officer('down-1')))).toBe(true);
    expect(loanBalance(bank, 'allowance', 'loan-1')).toBe(1_200_000n);
    expect(E.isRight(await bank.loans.handle(stream, { type: 'WriteOff', on: '2025-07-01', at: LOAN_AT, approvedBy: 'committee-7' }, officer('wo-1')))).toBe(true);
    const tooMuch = await bank.loans.recover('loan-1', { amount: '15000.00', reference: 'rec-0', on: '2025-07-10', at: LOAN_AT, fromAccount: 'agency-1' }, 'rec-0');
    expect(E.isLeft(tooMuch) && tooMuch.left.message).toContain('recovery_exceeds_written_off');
    expect(balanceOf(bank.book, demandAccountOf('agency-1'))).toBe(2_000_000n);
    const recovered = await bank.loans.recover('loan-1', { amount: '5000.00', reference: 'rec-1', on: '2025-07-10', at: LOAN_AT, fromAccount: 'agency-1' }, 'rec-1');
    expect(E.isRight(recovered)).toBe(true);
    expect((await bank.loans.state('loan-1')).writtenOff.principal).toBe(700_000n);
    expect(balanceOf(bank.book, demandAccountOf('agency-1'))).toBe(1_500_000n);
    await sound(bank);
  });
});
