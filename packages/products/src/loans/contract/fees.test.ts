import { decimalToMinor, minorToDecimal } from '@ecoledger/ledger';
import { describe, expect, it } from 'vitest';
import { DeciderSpecification } from '@ecoledger/ledger/testing';
import { businessDate } from '../../calendar/businessDate.js';
import { LOAN_AT, cob, disburse, loanContextWith, loanHistory, loanHistoryIn, repay, toSigned } from '../../../test-kit/loans/loanFixtures.js';
import type { LoanCommand } from './commands.js';
import { payoffQuote } from './decideRepayment.js';
import { loanDecider } from './decider.js';
import type { LoanEvent } from './events.js';

const ORIGINATION = { ratePercent: '1.5', rounding: 'half-up', settlement: 'deducted' } as const;
const deducted = loanContextWith({ fees: { origination: ORIGINATION, latePayment: { fixedAmount: '30.00' } } });
const financed = loanContextWith({ fees: { origination: { ...ORIGINATION, settlement: 'financed' } } });
const missedFirst: LoanCommand[] = [...toSigned(), disburse(), ...cob('2025-07-31'), ...cob('2025-08-01'), ...cob('2025-08-10')];
const fees = (events: readonly LoanEvent[]) => events.flatMap((e) => (e.type === 'FeeCharged' ? [e.data] : []));
const last = (events: readonly LoanEvent[], type: LoanEvent['type']) => [...events].reverse().find((e) => e.type === type)!;

describe('origination fee', () => {
  it('1.5 % of 10,000.00 deducted at payout: 150.00 charged with its explanation, out of clearing', () => {
    const { events, state } = loanHistoryIn(deducted, [...toSigned(), disburse('10000.00')]);
    expect(fees(events)).toEqual([
      {
        contractId: 'loan-1', on: '2025-07-01', fee: 'origination', method: 'rate', base: '10000.00', ratePercent: '1.5',
        rounding: { mode: 'half-up', raw: '150', rounded: '150.00' }, amount: '150.00', settlement: 'deducted',
      },
    ]);
    // The borrower owes the principal lent, and no fee: it was paid out of the payout.
    expect(state.principalReceivable).toBe(1_000_000n);
    expect(state.feeReceivable).toBe(0n);
    expect(state.originationFee).toEqual({ amount: 15_000n, settlement: 'deducted' });
  });

  it('financed: owed on the fee receivable and collected with the first installment, before its interest', () => {
    const { events, state } = loanHistoryIn(financed, [...toSigned(), disburse(), { type: 'AccrueInterest', through: '2025-07-31' }, repay('100.00', '2025-08-01')]);
    expect(fees(events).map((f) => [f.amount, f.settlement])).toEqual([['180.00', 'receivable']]);
    const paid = last(events, 'RepaymentReceived');
    expect(paid.type === 'RepaymentReceived' && paid.data.allocation).toMatchObject({ fee: '100.00', interest: '0.00', principal: '0.00' });
    expect(state.feeReceivable).toBe(8_000n);
  });

  it('nothing is due before the first installment; a payoff then settles the financed fee with the principal', () => {
    const history = loanHistoryIn(financed, [...toSigned(), disburse()]);
    const decider = loanDecider(financed);
    const early = decider.decide(repay('100.00', '2025-07-10'), history.state);
    expect(early._tag === 'Left' && early.left.code).toBe('nothing_due');
    const on = businessDate('2025-07-15');
    const quote = payoffQuote(financed, history.state, on);
    const { events, state } = loanHistoryIn(financed, [...toSigned(), disburse(), { type: 'PayOff', amount: '13000.00', reference: 'off', on, at: LOAN_AT }]);
    const off = last(events, 'LoanPaidOff');
    expect(off.type === 'LoanPaidOff' && off.data.allocation.fee).toBe('180.00');
    if (off.type !== 'LoanPaidOff') throw new Error('not paid off');
    expect(off.data.quote).toBe(minorToDecimal(quote, 2));
    // The quote is the principal, the 180.00 fee and the interest through 2025-07-14, all settled.
    expect(quote).toBe(1_200_000n + 18_000n + decimalToMinor(off.data.allocation.interest, 2));
    expect(off.data.allocation).toMatchObject({ principal: '12000.00', fee: '180.00' });
    expect(state.status).toBe('closed');
    expect(state.feeReceivable).toBe(0n);
  });

  it('a failed payout reverses the fee the way it was charged, then the disbursement', () => {
    for (const context of [deducted, financed]) {
      const { events, state } = loanHistoryIn(context, [...toSigned(), disburse(), { type: 'ReverseDisbursement', on: '2025-07-01', at: LOAN_AT, reason: 'account_closed' }]);
      const reversed = events.slice(-2);
      expect(reversed.map((e) => e.type)).toEqual(['FeeReversed', 'DisbursementReversed']);
      expect(reversed[0]!.type === 'FeeReversed' && reversed[0]!.data).toMatchObject({ fee: 'origination', amount: '180.00', settlement: context === deducted ? 'deducted' : 'receivable' });
      expect(state.feeReceivable).toBe(0n);
      expect(state.originationFee).toBeUndefined();
      expect(state.status).toBe('signed');
    }
  });

  it('a deducted fee that would take the whole payout is refused and nothing is recorded', () => {
    const greedy = loanContextWith({ fees: { origination: { ratePercent: '100', rounding: 'half-up', settlement: 'deducted' } } });
    const given = DeciderSpecification.for(loanDecider(greedy));
    given(loanHistoryIn(greedy, toSigned()).events).when(disburse()).thenFails('fee_not_below_payout');
  });

  it('a product without fees charges nothing: the fixture history is unchanged', () => {
    const { events, state } = loanHistory([...missedFirst, repay('100.00', '2025-08-11')]);
    expect(fees(events)).toEqual([]);
    expect(state.feeReceivable).toBe(0n);
  });
});

describe('late-payment fee', () => {
  it('a fixed 30.00 on the missed first installment, charged once beyond the grace day, collected before interest', () => {
    const { events, state } = loanHistoryIn(deducted, [...missedFirst, ...cob('2025-08-11'), ...cob('2025-08-20')]);
    const late = fees(events).filter((f) => f.fee === 'late-payment');
    // Due 2025-08-01, one grace day: not on 08-01, charged on the next assessment (08-10), never again.
    expect(late).toEqual([{ contractId: 'loan-1', on: '2025-08-10', fee: 'late-payment', period: 1, method: 'fixed', base: '1019.06', fixedAmount: '30.00', amount: '30.00', settlement: 'receivable' }]);
    expect(state.feeReceivable).toBe(3_000n);
    const { events: paid } = loanHistoryIn(deducted, [...missedFirst, repay('50.00', '2025-08-11')]);
    const repayment = last(paid, 'RepaymentReceived');
    if (repayment.type !== 'RepaymentReceived') throw new Error('no repayment');
    const penalty = decimalToMinor(repayment.data.allocation.penalty, 2);
    expect(penalty).toBeGreaterThan(0n);
    // Penalty, then the 30.00 fee, then interest with what is left; no principal.
    expect(repayment.data.allocation).toMatchObject({ fee: '30.00', interest: minorToDecimal(5_000n - 3_000n - penalty, 2), principal: '0.00' });
  });

  it('a rate capped per installment, one charge per overdue installment', () => {
    const capped = loanContextWith({ fees: { latePayment: { ratePercent: '2', rounding: 'half-up', capPerInstallment: '15.00' } } });
    const { events } = loanHistoryIn(capped, [...missedFirst, ...cob('2025-09-01'), ...cob('2025-09-03')]);
    expect(fees(events).map((f) => [f.period, f.base, f.rounding?.rounded, f.cappedAt, f.amount])).toEqual([
      [1, '1019.06', '20.38', '15.00', '15.00'],
      [2, '1019.06', '20.38', '15.00', '15.00'],
    ]);
  });

  it('the payoff quote includes the fees owed', () => {
    const on = businessDate('2025-08-12');
    const withFee = loanHistoryIn(deducted, missedFirst).state;
    const without = loanHistory(missedFirst).state;
    expect(payoffQuote(deducted, withFee, on) - payoffQuote(loanContextWith({}), without, on)).toBe(3_000n);
  });

  it('a write-off takes the fee receivable off balance sheet and keeps it in the claim', () => {
    const commands: LoanCommand[] = [...missedFirst, ...cob('2025-11-01'), { type: 'WriteOff', on: '2025-11-02', at: LOAN_AT, approvedBy: 'committee' }];
    const { events, state } = loanHistoryIn(deducted, commands);
    const off = last(events, 'LoanWrittenOff');
    // Installments due 08-01, 09-01 and 10-01 were overdue by 11-01 (the one due that day is not yet): 3 × 30.00.
    expect(off.type === 'LoanWrittenOff' && off.data.fee).toBe('90.00');
    expect(state.writtenOff.fee).toBe(9_000n);
    expect(state.feeReceivable).toBe(0n);
  });
});
