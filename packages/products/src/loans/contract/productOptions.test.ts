import { describe, expect, it } from 'vitest';
import { cob, disburse, loanContextWith, loanHistoryIn, repay, toSigned } from '../../../test-kit/loans/loanFixtures.js';
import { errorCodeOf } from '../../../test-kit/errorCode.js';
import { loanDecider } from './decider.js';
import type { LoanCommand } from './commands.js';
import type { LoanEvent } from './events.js';

const missedFirst: LoanCommand[] = [...toSigned(), disburse(), ...cob('2025-07-31'), ...cob('2025-08-01'), ...cob('2025-08-10')];
const lastRepayment = (events: readonly LoanEvent[]) => {
  const paid = events[events.length - 1]!;
  if (paid.type !== 'RepaymentReceived') throw new Error(`expected a repayment, got ${paid.type}`);
  return paid.data;
};

describe('the product names its waterfall', () => {
  it('the default serves penalty, interest, then principal, and is recorded in the allocation', () => {
    const context = loanContextWith({});
    const { events } = loanHistoryIn(context, [...missedFirst, repay('100.00', '2025-08-11')]);
    const { allocation } = lastRepayment(events);
    expect(allocation.interest).toBe('36.17');
    expect(allocation.penalty).not.toBe('0.00');
    expect(allocation.waterfall).toEqual({ order: ['penalty', 'fee', 'interest', 'principal'], mode: 'installment-by-installment', statuses: ['past-due', 'due'] });
  });

  it('a principal-first product pays principal before interest and penalty', () => {
    const context = loanContextWith({ waterfall: { order: ['principal', 'interest', 'penalty', 'fee'], mode: 'component-by-component' } });
    const { events, state } = loanHistoryIn(context, [...missedFirst, repay('100.00', '2025-08-11')]);
    const { allocation } = lastRepayment(events);
    expect(allocation).toMatchObject({ principal: '100.00', interest: '0.00', penalty: '0.00' });
    expect(allocation.waterfall).toEqual({ order: ['principal', 'interest', 'penalty', 'fee'], mode: 'component-by-component', statuses: ['past-due', 'due'] });
    expect(state.installments[0]!.principalPaid).toBe(10_000n);
    expect(state.installments[0]!.interestPaid).toBe(0n);
    // A payoff follows the product's order too, over every status.
    const off = loanDecider(context).decide({ type: 'PayOff', amount: '20000.00', reference: 'off', on: '2025-08-12', at: '2025-08-12T09:00:00.000Z' }, state);
    const paidOff = off._tag === 'Right' ? off.right.find((e) => e.type === 'LoanPaidOff') : undefined;
    expect(paidOff?.type === 'LoanPaidOff' && paidOff.data.allocation.waterfall?.statuses).toEqual(['past-due', 'due', 'not-yet-due']);
  });

  it('a waterfall that skips due installments is refused', () => {
    expect(errorCodeOf(() => loanContextWith({ waterfall: { statuses: ['past-due'] } }))).toBe('loan_product_invalid');
    expect(errorCodeOf(() => loanContextWith({ waterfall: { order: ['principal'] } }))).toBe('waterfall_order_invalid');
    expect(errorCodeOf(() => loanContextWith({ waterfall: { mode: 'random' } }))).toBe('waterfall_mode_unknown');
  });
});

describe('compound interest on overdue interest is the product’s choice', () => {
  it('with it: its own accrual events; without it: none, and the same penalty on principal', () => {
    const withCompound = loanHistoryIn(loanContextWith({}), missedFirst);
    const without = loanHistoryIn(loanContextWith({ compoundOverdueInterest: false }), missedFirst);
    expect(withCompound.events.some((e) => e.type === 'CompoundInterestAccrued')).toBe(true);
    expect(withCompound.state.compoundBooked).toBeGreaterThan(0n);
    expect(without.events.some((e) => e.type === 'CompoundInterestAccrued')).toBe(false);
    expect(without.state.compoundBooked).toBe(0n);
    expect(without.state.penaltyBooked).toBe(withCompound.state.penaltyBooked);
    expect(withCompound.state.penaltyReceivable).toBe(withCompound.state.penaltyBooked + withCompound.state.compoundBooked);
  });
});

describe('held credit pays later installments when the product says so', () => {
  const held: LoanCommand[] = [...toSigned(), disburse(), repay('1500.00', '2025-07-02', 'hold'), { type: 'AccrueInterest', through: '2025-07-31' }];

  it('applies it on each due date by the waterfall, until it is used up', () => {
    const context = loanContextWith({ applyHeldCredit: true });
    const first = loanHistoryIn(context, held);
    const applied = first.events.filter((e) => e.type === 'CreditApplied');
    expect(applied.map((e) => e.type === 'CreditApplied' && [e.data.on, e.data.amount, e.data.allocation.interest, e.data.allocation.principal])).toEqual([['2025-08-01', '1019.06', '36.17', '982.89']]);
    expect(first.state.credit).toBe(48_094n);
    expect(first.state.installments[0]!.principalPaid).toBe(98_289n);
    const second = loanHistoryIn(context, [...held, { type: 'AccrueInterest', through: '2025-08-31' }]);
    expect(second.state.credit).toBe(0n);
    expect(second.events.filter((e) => e.type === 'CreditApplied').map((e) => e.type === 'CreditApplied' && e.data.amount)).toEqual(['1019.06', '480.94']);
  });

  it('by default the credit waits for RefundCredit', () => {
    const { events, state } = loanHistoryIn(loanContextWith({}), held);
    expect(events.some((e) => e.type === 'CreditApplied')).toBe(false);
    expect(state.credit).toBe(150_000n);
  });
});
