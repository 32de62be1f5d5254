import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { balanceOf, bankContext, demandAccountOf, glAccountOf } from '../../test-kit/deposits/depositBank.js';
import { LOAN_AT, loanContextWith } from '../../test-kit/loans/loanFixtures.js';
import { SOUND, loanBalance, openFundedAccount, openLoanBank, originate, type LoanBank, unsoundnessOf } from '../../test-kit/loans/loanBank.js';

const FEES = loanContextWith({ fees: { origination: { ratePercent: '1.5', rounding: 'half-up', settlement: 'deducted' }, latePayment: { fixedAmount: '30.00' } } });

const addDay = (date: string): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};
const closeDays = async (bank: LoanBank, from: string, to: string) => {
  for (let day = from; day <= to; day = addDay(day)) await bank.loans.closeLoans(day, ['loan-1']);
};
const sound = async (bank: LoanBank) => expect(await unsoundnessOf(bank)).toEqual(SOUND);

describe('loan fees on the book', () => {
  it('a 1.5 % origination fee on 10,000.00 is deducted: the borrower receives 9,850.00, fee income 150.00, clearing nets to zero', async () => {
    const bank = await openLoanBank(FEES);
    await openFundedAccount(bank, 'dd-1', '0');
    await originate(bank, 'loan-1', 'dd-1');
    const paid = await bank.loans.disburse('loan-1', { amount: '10000.00', on: '2025-07-01', at: LOAN_AT, reference: 'payout-1' }, 'disburse-1');
    expect(E.isRight(paid)).toBe(true);
    expect(balanceOf(bank.book, demandAccountOf('dd-1'))).toBe(985_000n);
    expect(loanBalance(bank, 'principal', 'loan-1')).toBe(1_000_000n);
    expect(balanceOf(bank.book, glAccountOf('loan-fee-income'))).toBe(15_000n);
    expect(balanceOf(bank.book, glAccountOf('internal-clearing'))).toBe(0n);
    expect(loanBalance(bank, 'feeReceivable', 'loan-1')).toBe(0n);
    await sound(bank);
  });

  it('a failed payout takes the deducted fee back with the disbursement', async () => {
    const bank = await openLoanBank(FEES);
    await originate(bank, 'loan-1', 'dd-missing');
    const paid = await bank.loans.disburse('loan-1', { amount: '10000.00', on: '2025-07-01', at: LOAN_AT, reference: 'payout-1' }, 'disburse-1');
    expect(E.isLeft(paid)).toBe(true);
    expect((await bank.loans.state('loan-1')).status).toBe('signed');
    expect(balanceOf(bank.book, glAccountOf('loan-fee-income'))).toBe(0n);
    expect(balanceOf(bank.book, glAccountOf('internal-clearing'))).toBe(0n);
    await sound(bank);
  });

  it('close of business charges the late fee once and the next auto-debit collects it first, in the one repayment entry', async () => {
    const bank = await openLoanBank(FEES);
    await openFundedAccount(bank, 'dd-1', '0');
    await originate(bank, 'loan-1', 'dd-1');
    await bank.loans.disburse('loan-1', { amount: '12000.00', on: '2025-07-01', at: LOAN_AT, reference: 'p1' }, 'd-1');
    // The borrower spends the payout: the first due date finds nothing.
    await bank.demand.handle(bank.demand.streamOf('dd-1'), { type: 'Withdraw', amount: '11820.00', destination: 'spending', reference: 'shop', on: '2025-07-02', at: LOAN_AT }, bankContext('spend'));
    await closeDays(bank, '2025-07-01', '2025-08-05');
    let state = await bank.loans.state('loan-1');
    expect(state.lateFeePeriods).toEqual([1]);
    expect(loanBalance(bank, 'feeReceivable', 'loan-1')).toBe(3_000n);
    expect(balanceOf(bank.book, glAccountOf('loan-fee-income'))).toBe(18_000n + 3_000n);
    await bank.demand.handle(bank.demand.streamOf('dd-1'), { type: 'Deposit', amount: '5000.00', source: 'cash', reference: 'salary', on: '2025-08-20', at: LOAN_AT }, bankContext('salary'));
    await closeDays(bank, '2025-08-06', '2025-09-01');
    state = await bank.loans.state('loan-1');
    const debit = (await bank.store.readStream(bank.loans.streamOf('loan-1'))).map((e) => e.data as { source?: string; allocation?: { fee: string } }).find((d) => d.source === 'auto-debit');
    expect(debit?.allocation?.fee).toBe('30.00');
    expect(state.feeReceivable).toBe(0n);
    expect(loanBalance(bank, 'feeReceivable', 'loan-1')).toBe(0n);
    expect(state.lateFeePeriods).toEqual([1]);
    await sound(bank);
  }, 30_000);
});
