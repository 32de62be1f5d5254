/**
 * A payment spread over what the loan owes by the product's repayment waterfall (`allocatePayment`;
 * by default penalty, fee, interest, principal; past-due before due; oldest first), recorded in the
 * allocation. The loan's penalty and fees are owed on the
 * loan as a whole and are put on its oldest unpaid installment, so the waterfall serves them first
 * (a fee financed at payout, before anything is billed, waits for the first installment; a payoff
 * takes it with the running period).
 * Interest and penalty are taken from the balance sheet first, then from the non-performing memo.
 */
import { decimalToMinor } from '@ecoledger/ledger';
import type { BusinessDate } from '../../calendar/businessDate.js';
import { allocatePayment } from '../waterfall/allocatePayment.js';
import type { InstallmentDue } from '../waterfall/dues.js';
import { INSTALLMENT_STATUSES } from '../waterfall/waterfall.js';
import { textOf, type LoanContext } from './context.js';
import type { AllocationData } from './events.js';
import { penaltyOwed, unpaidOf, type LoanState } from './state.js';

/** What a payment settles: what is due by its date, or everything (a payoff). */
export type AllocationScope = 'due' | 'payoff';

/** An allocation and the money left over. */
export interface LoanAllocation {
  readonly data: AllocationData;
  readonly allocated: bigint;
  readonly unallocated: bigint;
}

/** What the borrower owes per installment on `on`, oldest first, in the waterfall's terms. */
export const duesOn = (context: LoanContext, state: LoanState, on: BusinessDate, scope: AllocationScope): InstallmentDue[] => {
  const t = (minor: bigint): string => textOf(context, minor);
  let penalty = penaltyOwed(state);
  let fee = state.feeReceivable;
  const billed = state.installments.filter((i) => i.billed && (scope === 'payoff' || i.dueDate <= on));
  const owing = billed.filter((i) => {
    const u = unpaidOf(i);
    return u.principal + u.interest > 0n;
  });
  // Penalty and fees ride on the oldest unpaid installment, or the latest billed one when all are paid.
  const carrier = owing[0] ?? (penalty + fee > 0n ? billed[billed.length - 1] : undefined);
  const dues: InstallmentDue[] = [];
  for (const i of billed) {
    if (i !== carrier && !owing.includes(i)) continue;
    const u = unpaidOf(i);
    const status = i.dueDate < on ? 'past-due' : i.dueDate === on ? 'due' : 'not-yet-due';
    const carries = i === carrier;
    dues.push({ period: i.period, dueDate: i.dueDate, status, penalty: t(carries ? penalty : 0n), fee: t(carries ? fee : 0n), interest: t(u.interest), principal: t(u.principal) });
    if (carries) [penalty, fee] = [0n, 0n];
  }
  const next = state.installments.find((i) => !i.billed);
  if (scope === 'payoff' && next !== undefined && state.currentPrincipal + state.periodBooked + fee > 0n) {
    dues.push({ period: next.period, dueDate: next.dueDate, status: 'not-yet-due', penalty: t(0n), fee: t(fee), interest: t(state.periodBooked), principal: t(state.currentPrincipal) });
  }
  return dues;
};

/** The total of a list of dues, in minor units. */
export const totalOfDues = (context: LoanContext, dues: readonly InstallmentDue[]): bigint => {
  const m = (text: string): bigint => decimalToMinor(text, context.product.asset.scale);
  return dues.reduce((sum, d) => sum + m(d.penalty) + m(d.fee) + m(d.interest) + m(d.principal), 0n);
};

/** Spreads `amount` over what is owed in `scope` on `on`; the rest is `unallocated`. */
export function allocateOnLoan(context: LoanContext, state: LoanState, amount: bigint, on: BusinessDate, scope: AllocationScope): LoanAllocation {
  const { scale } = context.product.asset;
  const m = (text: string): bigint => decimalToMinor(text, scale);
  const t = (minor: bigint): string => textOf(context, minor);
  const dues = duesOn(context, state, on, scope);
  const product = context.product.waterfall;
  // A payoff settles everything: every status is served, in the product's order and mode.
  const plan = scope === 'payoff' ? { ...product, statuses: INSTALLMENT_STATUSES } : product;
  const waterfall = { order: [...plan.order], mode: plan.mode, statuses: [...plan.statuses] };
  if (dues.length === 0) {
    const zero = t(0n);
    return { data: { installments: [], penalty: zero, fee: zero, interest: zero, principal: zero, interestOffBalance: zero, penaltyOffBalance: zero, waterfall }, allocated: 0n, unallocated: amount };
  }
  const result = allocatePayment(t(amount), dues, plan, context.product.asset);
  const sum = (pick: (i: (typeof result.installments)[number]) => string): bigint => result.installments.reduce((s, i) => s + m(pick(i)), 0n);
  const [penalty, fee, interest, principal] = [sum((i) => i.penalty), sum((i) => i.fee), sum((i) => i.interest), sum((i) => i.principal)];
  const interestOn = interest < state.interestReceivable ? interest : state.interestReceivable;
  const penaltyOn = penalty < state.penaltyReceivable ? penalty : state.penaltyReceivable;
  return {
    data: {
      installments: result.installments.map((i) => ({ period: i.period, penalty: i.penalty, fee: i.fee, interest: i.interest, principal: i.principal })),
      penalty: t(penalty),
      fee: t(fee),
      interest: t(interest),
      principal: t(principal),
      interestOffBalance: t(interest - interestOn),
      penaltyOffBalance: t(penalty - penaltyOn),
      waterfall,
    },
    allocated: m(result.allocated),
    unallocated: m(result.unallocated),
  };
}
