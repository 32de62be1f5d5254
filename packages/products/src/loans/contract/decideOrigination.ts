/**
 * From application to payout: the credit decision (the injected policy, recorded whole), approval
 * (limit, and the rate priced as LPR + spread), online signing (terms hash, time, channel), and
 * disbursement of a signed contract on its repayment schedule (re-priced on reset dates), with the
 * product's origination fee charged on it (and reversed with it when the payout fails).
 */
import { addDays, businessDate } from '../../calendar/businessDate.js';
import { ProductsError } from '../../errors.js';
import { lprOn } from '../pricing/lprTable.js';
import { priceRate } from '../pricing/priceRate.js';
import { repricingSchedule } from '../pricing/repricing.js';
import { generateSchedule } from '../schedule/generateSchedule.js';
import type { ParsedLoanCommand } from './commands.js';
import { textOf, type LoanContext } from './context.js';
import type { LoanEvent } from './events.js';
import { originationFeeEvents } from './decideFees.js';
import { requireStatus } from './guards.js';
import type { LoanState } from './state.js';

type Cmd<T extends ParsedLoanCommand['type']> = Extract<ParsedLoanCommand, { type: T }>;

/** Records the application. */
export const decideApply = (context: LoanContext, state: LoanState, c: Cmd<'Apply'>): LoanEvent[] => {
  if (state.status !== 'none') throw new ProductsError('loan_status_invalid', `the contract is already ${state.status}`);
  if (c.productCode !== context.product.code) throw new ProductsError('loan_product_mismatch', `${c.productCode} is not ${context.product.code}`, 'productCode');
  const { type: _type, amount, ...rest } = c;
  return [{ type: 'LoanApplied', data: { ...rest, amount: textOf(context, amount), applicant: { ...rest.applicant, birthDate: businessDate(rest.applicant.birthDate) } } }];
};

/** Runs the credit policy on the application. */
export const decideCredit = (context: LoanContext, state: LoanState, c: Cmd<'DecideCredit'>): LoanEvent[] => {
  const contractId = requireStatus(state, 'applied');
  const a = state.application!;
  const decision = context.policy(
    { applicationId: contractId, borrowerId: a.borrowerId, requestedAmount: textOf(context, a.amount), termMonths: a.termMonths, repaymentMethod: a.repaymentMethod, channel: a.channel, ...a.applicant },
    { decisionDate: c.on, product: context.product, internetConsumerOutstanding: c.internetConsumerOutstanding },
  );
  return [{ type: 'CreditDecided', data: { contractId, internetConsumerOutstanding: c.internetConsumerOutstanding, decision } }];
};

/** Approves an approved decision, pricing the rate on the LPR in force on `on`. */
export const decideApprove = (context: LoanContext, state: LoanState, c: Cmd<'Approve'>): LoanEvent[] => {
  const contractId = requireStatus(state, 'decided');
  const d = state.decision!;
  if (d.outcome !== 'approved' || d.limit === undefined || d.benchmark === undefined || d.spreadBps === undefined) throw new ProductsError('credit_not_approved', `the decision was ${d.outcome}`);
  const lprPercent = lprOn(context.lpr, d.benchmark, c.on);
  return [{ type: 'LoanApproved', data: { contractId, on: c.on, at: c.at, approvedBy: c.approvedBy, limit: d.limit, benchmark: d.benchmark, spreadBps: d.spreadBps, lprPercent, annualRate: priceRate(lprPercent, d.spreadBps) } }];
};

/** Records the borrower's online signature of the terms. */
export const decideSign = (_context: LoanContext, state: LoanState, c: Cmd<'Sign'>): LoanEvent[] => {
  const contractId = requireStatus(state, 'approved');
  return [{ type: 'ContractSigned', data: { contractId, termsHash: c.termsHash, channel: c.channel, at: c.at } }];
};

/** Pays a signed contract out, within the limit, on its schedule from `on`. */
export const decideDisburse = (context: LoanContext, state: LoanState, c: Cmd<'Disburse'>): LoanEvent[] => {
  if (state.status === 'approved') throw new ProductsError('contract_not_signed', 'the contract is approved but not signed');
  const contractId = requireStatus(state, 'signed');
  const { product } = context;
  const terms = state.terms!;
  const a = state.application!;
  if (c.amount > terms.limit) throw new ProductsError('amount_above_limit', `${textOf(context, c.amount)} > ${textOf(context, terms.limit)}`, 'amount');
  if (state.application!.on > c.on) throw new ProductsError('value_date_before_last_activity', `${c.on} is before the application`, 'on');
  // The first price is the LPR on the drawdown date plus the spread; the schedule uses it.
  const firstRate = priceRate(lprOn(context.lpr, terms.benchmark, c.on), terms.spreadBps);
  const principalPeriods = product.gracePeriods.principalMonths;
  const schedule = generateSchedule({
    principal: textOf(context, c.amount),
    annualRate: firstRate,
    months: a.termMonths,
    method: a.repaymentMethod,
    frequency: product.repaymentFrequency,
    dayCount: product.dayCount,
    start: c.on,
    ...(principalPeriods > 0 && principalPeriods < a.termMonths && product.repaymentFrequency === 'monthly' ? { grace: { principalPeriods } } : {}),
    rounding: { mode: product.rounding },
    asset: product.asset,
  });
  const maturityDate = schedule.installments[schedule.installments.length - 1]!.dueDate;
  const rates = repricingSchedule(context.lpr, { start: c.on, maturity: maturityDate, benchmark: terms.benchmark, spreadBps: terms.spreadBps, reset: product.reset });
  return [
    {
      type: 'LoanDisbursed',
      data: {
        contractId,
        amount: textOf(context, c.amount),
        on: c.on,
        at: c.at,
        reference: c.reference,
        maturityDate,
        rates: rates.map((r) => ({ from: r.from, ratePercent: r.ratePercent })),
        installments: schedule.installments.map((i) => ({ period: i.period, dueDate: i.dueDate, principal: i.principal })),
        ...(schedule.scheduledAmount === undefined ? {} : { scheduledAmount: schedule.scheduledAmount }),
      },
    },
    ...originationFeeEvents(context, contractId, c.amount, c.on),
  ];
};

/** Reverses a disbursement whose payout failed, before anything accrued or was repaid. */
export const decideReverseDisbursement = (context: LoanContext, state: LoanState, c: Cmd<'ReverseDisbursement'>): LoanEvent[] => {
  const contractId = requireStatus(state, 'active');
  const fee = state.originationFee;
  const financed = fee?.settlement === 'receivable' ? fee.amount : 0n;
  const untouched = state.lastAccrued === addDays(state.disbursedOn!, -1) && state.principalReceivable === state.disbursed && state.credit === 0n && state.feeReceivable === financed;
  if (!untouched) throw new ProductsError('disbursement_not_reversible', `accrued through ${state.lastAccrued}`);
  // The origination fee goes back with the payout it was charged on, the way it was booked.
  const feeBack: LoanEvent[] = fee === undefined ? [] : [{ type: 'FeeReversed', data: { contractId, on: c.on, fee: 'origination', amount: textOf(context, fee.amount), settlement: fee.settlement, reason: c.reason } }];
  return [...feeBack, { type: 'DisbursementReversed', data: { contractId, amount: textOf(context, state.disbursed), on: c.on, at: c.at, reason: c.reason } }];
};
