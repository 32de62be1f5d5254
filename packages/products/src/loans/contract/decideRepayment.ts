/**
 * Money from the borrower: repayments (manual or auto-debit, by the waterfall; an overpayment is
 * refunded or held as credit, never lost), auto-debit shortfalls, partial prepayment (reducing the
 * installment or the term), payoff at the quote for a date, credit refunds and closing.
 */
import { ProductsError } from '../../errors.js';
import { MAX_PREPAYMENTS_PER_LOAN } from '../../limits.js';
import { rateOn } from '../../rates/rateTable.js';
import { generateSchedule, type Schedule } from '../schedule/generateSchedule.js';
import { allocateOnLoan, duesOn, totalOfDues } from './allocation.js';
import type { ParsedLoanCommand } from './commands.js';
import { textOf, type LoanContext } from './context.js';
import type { LoanEvent } from './events.js';
import { caughtUp, checkValueDate, requireStatus } from './guards.js';
import { totalOwed, type LoanState } from './state.js';
import { decimalToMinor } from '@ecoledger/ledger';
import type { BusinessDate } from '../../calendar/businessDate.js';

type Cmd<T extends ParsedLoanCommand['type']> = Extract<ParsedLoanCommand, { type: T }>;

/** A repayment by the waterfall over what is due on its date. */
export const decideRepay = (context: LoanContext, state: LoanState, c: Cmd<'Repay'>): LoanEvent[] => {
  const contractId = requireStatus(state, 'active');
  checkValueDate(state, c.on, false);
  const { events, state: now } = caughtUp(context, state, c.on);
  const due = totalOfDues(context, duesOn(context, now, c.on, 'due'));
  if (due === 0n && c.overpayment === 'refund') throw new ProductsError('nothing_due', `nothing is due on ${c.on}`, 'amount');
  const { data, unallocated } = allocateOnLoan(context, now, c.amount, c.on, 'due');
  const t = (minor: bigint): string => textOf(context, minor);
  const autoDebit = c.source === 'auto-debit' ? { due: t(due), shortfall: t(due > c.amount ? due - c.amount : 0n) } : {};
  return [
    ...events,
    {
      type: 'RepaymentReceived',
      data: {
        contractId, amount: t(c.amount), source: c.source, reference: c.reference, on: c.on, at: c.at, allocation: data,
        refunded: t(c.overpayment === 'refund' ? unallocated : 0n), heldAsCredit: t(c.overpayment === 'hold' ? unallocated : 0n), ...autoDebit,
      },
    },
  ];
};

/** The auto-debit found no money: the amount due is recorded as a shortfall. */
export const decideShortfall = (context: LoanContext, state: LoanState, c: Cmd<'RecordShortfall'>): LoanEvent[] => {
  const contractId = requireStatus(state, 'active');
  const { events, state: now } = caughtUp(context, state, c.on);
  const due = totalOfDues(context, duesOn(context, now, c.on, 'due'));
  if (due === 0n) throw new ProductsError('nothing_due', `nothing is due on ${c.on}`);
  return [...events, { type: 'AutoDebitShortfall', data: { contractId, on: c.on, at: c.at, due: textOf(context, due) } }];
};

const replan = (context: LoanContext, state: LoanState, principal: bigint, periods: number): Schedule => {
  const { product } = context;
  const next = state.installments.find((i) => !i.billed)!;
  return generateSchedule({
    principal: textOf(context, principal),
    annualRate: rateOn(state.rates, state.periodStart!),
    periods,
    method: state.application!.repaymentMethod,
    frequency: product.repaymentFrequency,
    dayCount: product.dayCount,
    start: state.periodStart!,
    firstDueDate: next.dueDate,
    rounding: { mode: product.rounding },
    asset: product.asset,
  });
};

/** Fewest periods whose installment is at most the current one (the installment falls as periods grow). */
const shortestTerm = (context: LoanContext, state: LoanState, principal: bigint, periods: number): Schedule => {
  const fits = (s: Schedule): boolean => state.scheduledAmount === undefined || s.scheduledAmount === undefined || decimalToMinor(s.scheduledAmount, context.product.asset.scale) <= state.scheduledAmount;
  let [low, high] = [1, periods];
  let best = replan(context, state, principal, periods);
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    const candidate = replan(context, state, principal, mid);
    if (fits(candidate)) {
      best = candidate;
      high = mid;
    } else low = mid + 1;
  }
  return high === periods ? best : replan(context, state, principal, high);
};

/** A partial prepayment: arrears by the waterfall first, then principal; the rest of the plan is re-planned. */
export const decidePrepay = (context: LoanContext, state: LoanState, c: Cmd<'Prepay'>): LoanEvent[] => {
  const contractId = requireStatus(state, 'active');
  checkValueDate(state, c.on, true);
  if (state.prepayments >= MAX_PREPAYMENTS_PER_LOAN) throw new ProductsError('count_invalid', `more than ${MAX_PREPAYMENTS_PER_LOAN} prepayments`, 'amount');
  const { events, state: now } = caughtUp(context, state, c.on);
  const { data, unallocated: principalPrepaid } = allocateOnLoan(context, now, c.amount, c.on, 'due');
  if (principalPrepaid === 0n) throw new ProductsError('amount_not_positive', 'nothing is left for principal after the arrears', 'amount');
  if (principalPrepaid >= now.currentPrincipal) throw new ProductsError('prepayment_too_large', `${textOf(context, principalPrepaid)} >= ${textOf(context, now.currentPrincipal)}`, 'amount');
  const unbilled = now.installments.filter((i) => !i.billed);
  const remaining = now.currentPrincipal - principalPrepaid;
  const schedule = c.option === 'reduce-term' ? shortestTerm(context, now, remaining, unbilled.length) : replan(context, now, remaining, unbilled.length);
  const installments = schedule.installments.map((row, k) => ({ period: unbilled[k]!.period, dueDate: unbilled[k]!.dueDate as BusinessDate, principal: row.principal }));
  return [
    ...events,
    {
      type: 'PrepaymentMade',
      data: {
        contractId, amount: textOf(context, c.amount), option: c.option, reference: c.reference, on: c.on, at: c.at, allocation: data,
        principalPrepaid: textOf(context, principalPrepaid), installments, ...(schedule.scheduledAmount === undefined ? {} : { scheduledAmount: schedule.scheduledAmount }),
      },
    },
  ];
};

/**
 * What paying the loan off on `on` costs: everything billed and unpaid, the penalty, the principal
 * not yet billed and the running period's interest through the day before `on`.
 */
export const payoffQuote = (context: LoanContext, state: LoanState, on: BusinessDate): bigint => totalOwed(caughtUp(context, state, on).state);

/** Pays the loan off at the quote; the excess and any held credit are refunded; the loan closes. */
export const decidePayOff = (context: LoanContext, state: LoanState, c: Cmd<'PayOff'>): LoanEvent[] => {
  const contractId = requireStatus(state, 'active');
  checkValueDate(state, c.on, false);
  const { events, state: now } = caughtUp(context, state, c.on);
  const quote = totalOwed(now);
  if (c.amount < quote) throw new ProductsError('payoff_amount_short', `${textOf(context, c.amount)} < ${textOf(context, quote)} on ${c.on}`, 'amount');
  const { data, unallocated } = allocateOnLoan(context, now, c.amount, c.on, 'payoff');
  const t = (minor: bigint): string => textOf(context, minor);
  const refund: LoanEvent[] = now.credit > 0n ? [{ type: 'CreditRefunded', data: { contractId, amount: t(now.credit), on: c.on, at: c.at } }] : [];
  return [
    ...events,
    { type: 'LoanPaidOff', data: { contractId, amount: t(c.amount), reference: c.reference, on: c.on, at: c.at, quote: t(quote), allocation: data, refunded: t(unallocated) } },
    ...refund,
    { type: 'LoanClosed', data: { contractId, on: c.on, at: c.at, provisionReleased: t(now.allowance) } },
  ];
};

/** Pays the held credit back. */
export const decideRefundCredit = (context: LoanContext, state: LoanState, c: Cmd<'RefundCredit'>): LoanEvent[] => {
  const contractId = requireStatus(state, 'active', 'written-off');
  if (state.credit === 0n) throw new ProductsError('nothing_due', 'the loan holds no credit');
  return [{ type: 'CreditRefunded', data: { contractId, amount: textOf(context, state.credit), on: c.on, at: c.at } }];
};

/** Closes a settled loan, releasing its allowance. */
export const decideClose = (context: LoanContext, state: LoanState, c: Cmd<'Close'>): LoanEvent[] => {
  const contractId = requireStatus(state, 'active');
  if (totalOwed(state) > 0n || state.credit > 0n || state.installments.some((i) => !i.billed && i.plannedPrincipal > 0n && state.currentPrincipal > 0n)) {
    throw new ProductsError('loan_not_settled', `owes ${textOf(context, totalOwed(state))}, holds ${textOf(context, state.credit)}`);
  }
  return [{ type: 'LoanClosed', data: { contractId, on: c.on, at: c.at, provisionReleased: textOf(context, state.allowance) } }];
};
