import { DeciderSpecification } from '@ecoledger/ledger/testing';
import { describe, expect, it } from 'vitest';
import { LOAN_AT, LOAN_CONTEXT, TERMS_HASH, applyCommand, cob, disburse, fixtureLoanDecider, loanHistory, repay, toSigned } from '../../../test-kit/loans/loanFixtures.js';
import { loanDecider } from './decider.js';
import type { LoanCommand } from './commands.js';
import type { LoanEvent } from './events.js';

const decider = fixtureLoanDecider();
const given = DeciderSpecification.for(decider);
const run = (...commands: LoanCommand[]): LoanEvent[] => loanHistory(commands).events;
const [apply, decide, approve, sign] = toSigned();
const applied = run(apply!);
const decided = run(apply!, decide!);
const approved = run(apply!, decide!, approve!);
const signed = run(...toSigned());
const active = run(...toSigned(), disburse());
const accrue = (through: string): LoanCommand => ({ type: 'AccrueInterest', through });

describe('loan decider: origination', () => {
  it('Apply records the application; refuses a second one, another product and bad input', () => {
    given([]).when(apply!).thenState((s) => s.status === 'applied' && s.application?.amount === 1_200_000n && s.application.linkedAccountId === 'dd-1');
    given(applied).when(apply!).thenFails('loan_status_invalid');
    given([]).when(applyCommand({ productCode: 'mortgage' })).thenFails('loan_product_mismatch');
    given([]).when(applyCommand({ amount: '0.00' })).thenFails('amount_not_positive');
    given([]).when(applyCommand({ amount: '1.001' })).thenFails('amount_invalid');
    given([]).when(applyCommand({ purpose: ' ' })).thenFails('purpose_invalid');
    given([]).when(applyCommand({ channel: 'fax' as never })).thenFails('channel_unknown');
    given([]).when(applyCommand({ repaymentMethod: 'balloon' as never })).thenFails('repayment_method_unknown');
    given([]).when(applyCommand({ termMonths: 0 })).thenFails('count_invalid');
    given([]).when(applyCommand({ applicant: undefined as never })).thenFails('field_missing');
    given([]).when({ ...applyCommand(), extra: 1 } as never).thenFails('field_unknown');
    given([]).when({ type: 'Borrow' } as never).thenFails('command_unknown');
    given([]).when(null as never).thenFails('input_not_object');
  });

  it('DecideCredit records the whole decision; the consumer cap cuts or declines', () => {
    given(applied).when(decide!).thenState((s) => s.status === 'decided' && s.decision?.outcome === 'approved' && s.decision.limit === '12000.00');
    given(applied).when({ type: 'DecideCredit', on: '2025-06-30', internetConsumerOutstanding: '195000.00' }).thenState((s) => s.decision?.limit === '5000.00');
    given(applied).when({ type: 'DecideCredit', on: '2025-06-30', internetConsumerOutstanding: '200000.00' }).thenState((s) => s.decision?.outcome === 'declined');
    given([]).when(decide!).thenFails('loan_status_invalid');
    given(applied).when({ type: 'DecideCredit', on: '2025-06-30', internetConsumerOutstanding: '-1' }).thenFails('amount_negative');
  });

  it('Approve sets the limit and prices the rate at LPR + spread; refuses a decline', () => {
    given(decided).when(approve!).thenState((s) => s.status === 'approved' && s.terms?.annualRate === '3.50' && s.terms.limit === 1_200_000n && s.terms.spreadBps === '50');
    const declined = run(apply!, { type: 'DecideCredit', on: '2025-06-30', internetConsumerOutstanding: '200000.00' });
    given(declined).when(approve!).thenFails('credit_not_approved');
    given(applied).when(approve!).thenFails('loan_status_invalid');
  });

  it('Sign records the terms hash, time and channel; an unsigned contract cannot be disbursed', () => {
    given(approved).when(sign!).then({ type: 'ContractSigned', data: { contractId: 'loan-1', termsHash: TERMS_HASH, channel: 'app', at: LOAN_AT } });
    given(approved).when({ ...sign!, termsHash: 'abc' } as LoanCommand).thenFails('terms_hash_invalid');
    given(approved).when(disburse()).thenFails('contract_not_signed');
    given(decided).when(disburse()).thenFails('loan_status_invalid');
  });

  it('Disburse pays within the limit and plans the schedule; a failed payout is reversed', () => {
    given(signed).when(disburse()).thenState((s) => s.status === 'active' && s.installments.length === 12 && s.principalReceivable === 1_200_000n);
    given(signed).when(disburse('12000.01')).thenFails('amount_above_limit');
    given(signed).when(disburse('12000.00', '2025-06-29')).thenFails('value_date_before_last_activity');
    given(active).when({ type: 'ReverseDisbursement', on: '2025-07-01', at: LOAN_AT, reason: 'account_closed' }).thenState((s) => s.status === 'signed' && s.principalReceivable === 0n);
    given(run(...toSigned(), disburse(), accrue('2025-07-02'))).when({ type: 'ReverseDisbursement', on: '2025-07-03', at: LOAN_AT, reason: 'x' }).thenFails('disbursement_not_reversible');
  });
});

describe('loan decider: repayment', () => {
  const billed = run(...toSigned(), disburse(), accrue('2025-07-31'));
  it('Repay allocates by the waterfall; an overpayment is refunded or held; nothing due is refused', () => {
    given(billed).when(repay('1019.06', '2025-08-01')).thenState((s) => s.installments[0]!.principalPaid === 98_289n && s.installments[0]!.interestPaid === 3_617n && s.interestReceivable === 0n);
    given(billed).when(repay('1100.00', '2025-08-01')).thenState((s) => s.credit === 0n);
    given(billed).when(repay('1100.00', '2025-08-01', 'hold')).thenState((s) => s.credit === 8_094n);
    given(active).when(repay('10.00', '2025-07-02')).thenFails('nothing_due');
    given(active).when(repay('10.00', '2025-07-02', 'hold')).thenState((s) => s.credit === 1_000n);
    given(billed).when(repay('10.00', '2025-07-30')).thenFails('value_date_already_accrued');
    given(billed).when({ ...repay('10.00', '2025-08-01'), source: 'teller' } as never).thenFails('repayment_source_unknown');
    given(billed).when({ ...repay('10.00', '2025-08-01'), overpayment: 'keep' } as never).thenFails('overpayment_option_unknown');
    given(signed).when(repay('10.00', '2025-08-01')).thenFails('loan_status_invalid');
  });

  it('an auto-debit records what it could not take; RecordShortfall records the whole amount due', () => {
    const events = decider.decide({ ...repay('500.00', '2025-08-01'), source: 'auto-debit' } as LoanCommand, loanHistory([...toSigned(), disburse(), accrue('2025-07-31')]).state);
    expect(events._tag === 'Right' && events.right[0]!.type === 'RepaymentReceived' && events.right[0]!.data).toMatchObject({ due: '1019.06', shortfall: '519.06' });
    given(billed).when({ type: 'RecordShortfall', on: '2025-08-01', at: LOAN_AT }).thenState((s) => s.lastAutoDebit === '2025-08-01');
    given(active).when({ type: 'RecordShortfall', on: '2025-07-02', at: LOAN_AT }).thenFails('nothing_due');
  });

  it('Prepay reduces the installment or the term; refuses too much and nothing for principal', () => {
    const paid = run(...toSigned(), disburse(), accrue('2025-07-31'), repay('1019.06', '2025-08-01'));
    given(paid).when({ type: 'Prepay', amount: '5000.00', option: 'reduce-installment', reference: 'pre-1', on: '2025-08-02', at: LOAN_AT }).thenState(
      (s) => s.installments.filter((i) => !i.billed).length === 11 && s.scheduledAmount! < 101_917n && s.currentPrincipal === 1_101_711n - 500_000n,
    );
    given(paid).when({ type: 'Prepay', amount: '5000.00', option: 'reduce-term', reference: 'pre-1', on: '2025-08-02', at: LOAN_AT }).thenState(
      (s) => s.installments.filter((i) => !i.billed).length < 11 && s.installments.filter((i) => !i.billed).reduce((sum, i) => sum + i.plannedPrincipal, 0n) === s.currentPrincipal,
    );
    given(paid).when({ type: 'Prepay', amount: '20000.00', option: 'reduce-term', reference: 'pre-1', on: '2025-08-02', at: LOAN_AT }).thenFails('prepayment_too_large');
    given(billed).when({ type: 'Prepay', amount: '1019.06', option: 'reduce-term', reference: 'pre-1', on: '2025-08-01', at: LOAN_AT }).thenFails('amount_not_positive');
    given(paid).when({ type: 'Prepay', amount: '10.00', option: 'shorter', reference: 'pre-1', on: '2025-08-02', at: LOAN_AT } as never).thenFails('prepayment_option_unknown');
    given(billed).when({ type: 'Prepay', amount: '10.00', option: 'reduce-term', reference: 'pre-1', on: '2025-07-31', at: LOAN_AT }).thenFails('value_date_already_accrued');
  });

  it('PayOff settles the quote for the date, refunds the excess and closes; Close needs a settled loan', () => {
    // 12,000.00 + 14 days at 3.5 % ACT/360 = 16.33 interest.
    given(active).when({ type: 'PayOff', amount: '12016.33', reference: 'off-1', on: '2025-07-15', at: LOAN_AT }).thenState((s) => s.status === 'closed' && s.principalReceivable === 0n && s.interestReceivable === 0n);
    given(active).when({ type: 'PayOff', amount: '12016.32', reference: 'off-1', on: '2025-07-15', at: LOAN_AT }).thenFails('payoff_amount_short');
    given(active).when({ type: 'Close', on: '2025-07-15', at: LOAN_AT }).thenFails('loan_not_settled');
    given(run(...toSigned(), disburse(), repay('10.00', '2025-07-02', 'hold'))).when({ type: 'RefundCredit', on: '2025-07-03', at: LOAN_AT }).thenState((s) => s.credit === 0n);
    given(active).when({ type: 'RefundCredit', on: '2025-07-03', at: LOAN_AT }).thenFails('nothing_due');
  });
});

describe('loan decider: overdue, provisioning, write-off', () => {
  const missed = run(...toSigned(), disburse(), ...cob('2025-07-31'), ...cob('2025-08-01'), ...cob('2025-08-02'));
  it('Assess classifies by days past due and books the provision the class needs', () => {
    given(missed).when({ type: 'Assess', on: '2025-08-03' }).thenState((s) => s.riskClass === 'special-mention' && s.allowance === 24_000n);
    given(active).when({ type: 'Assess', on: '2025-07-01' }).thenState((s) => s.riskClass === 'normal' && s.allowance === 12_000n);
    given(signed).when({ type: 'Assess', on: '2025-07-01' }).thenFails('loan_status_invalid');
  });

  it('past 90 days the loan is non-performing: accrual stops, interest moves off balance sheet; write-off and recovery', () => {
    const commands: LoanCommand[] = [...toSigned(), disburse()];
    for (const date of ['2025-07-31', '2025-08-01', '2025-10-31', '2025-11-01']) commands.push(...cob(date));
    const npl = loanHistory(commands).state;
    expect(npl.riskClass).toBe('substandard');
    expect(npl.nonAccrual).toBe(true);
    expect(npl.interestReceivable).toBe(0n);
    expect(npl.interestOffBalance).toBeGreaterThan(0n);
    const npls = run(...commands);
    given(active).when({ type: 'WriteOff', on: '2025-11-02', at: LOAN_AT, approvedBy: 'committee' }).thenFails('loan_not_non_performing');
    given(npls).when({ type: 'WriteOff', on: '2025-11-02', at: LOAN_AT, approvedBy: 'committee' }).thenState((s) => s.status === 'written-off' && s.writtenOff.principal === 1_200_000n && s.principalReceivable === 0n);
    const written = run(...commands, { type: 'WriteOff', on: '2025-11-02', at: LOAN_AT, approvedBy: 'committee' });
    given(written).when({ type: 'Recover', amount: '12100.00', reference: 'rec-1', on: '2025-11-03', at: LOAN_AT }).thenState((s) => s.writtenOff.principal === 0n && s.writtenOff.interest < npl.interestOffBalance);
    given(written).when({ type: 'Recover', amount: '99999.00', reference: 'rec-1', on: '2025-11-03', at: LOAN_AT }).thenFails('recovery_exceeds_written_off');
    given(written).when({ type: 'AccrueInterest', through: '2025-11-05' }).thenFails('loan_status_invalid');
  });

  it('the decider is pure: the same history and command decide the same events', () => {
    const other = loanDecider(LOAN_CONTEXT);
    const state = loanHistory([...toSigned(), disburse()]).state;
    expect(other.decide(accrue('2025-09-10'), state)).toEqual(decider.decide(accrue('2025-09-10'), state));
  });
});
