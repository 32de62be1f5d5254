/**
 * The fee charges a loan's product rules make: the origination fee at payout and a late-payment fee
 * for each installment that became overdue (once per installment, on the first assessment that finds
 * it beyond the grace days). Each charge is one `FeeCharged` event carrying its explanation.
 */
import type { BusinessDate } from '../../calendar/businessDate.js';
import { daysBetween } from '../../calendar/businessDate.js';
import { ProductsError } from '../../errors.js';
import { feeAmount, type FeeAmount } from '../fees/feeAmount.js';
import type { LoanFeeKind } from '../fees/feeRules.js';
import { textOf, type LoanContext } from './context.js';
import type { FeeChargedData, LoanEvent } from './events.js';
import { unpaidOf, type LoanState } from './state.js';

const charged = (contractId: string, on: BusinessDate, fee: LoanFeeKind, settlement: FeeChargedData['settlement'], computed: FeeAmount, period?: number): LoanEvent => {
  const { explanation: e } = computed;
  return {
    type: 'FeeCharged',
    data: {
      contractId, on, fee, method: e.method, base: e.base, amount: e.amount, settlement,
      ...(period === undefined ? {} : { period }),
      ...(e.fixedAmount === undefined ? {} : { fixedAmount: e.fixedAmount }),
      ...(e.ratePercent === undefined ? {} : { ratePercent: e.ratePercent }),
      ...(e.rounding === undefined ? {} : { rounding: e.rounding }),
      ...(e.cappedAt === undefined ? {} : { cappedAt: e.cappedAt }),
    },
  };
};

/**
 * The origination fee on a payout of `amount` (minor units), if the product charges one; nothing
 * when the rule rounds it to zero. Known answer: 1.5 % of 10,000.00, deducted, is 150.00 and the
 * borrower receives 9,850.00.
 * @throws ProductsError `fee_not_below_payout` for a deducted fee that would take the whole payout.
 */
export const originationFeeEvents = (context: LoanContext, contractId: string, amount: bigint, on: BusinessDate): LoanEvent[] => {
  const rule = context.product.fees.origination;
  if (rule === undefined) return [];
  const computed = feeAmount(rule, amount, context.product.asset);
  if (computed.minor === 0n) return [];
  if (rule.settlement === 'deducted' && computed.minor >= amount) throw new ProductsError('fee_not_below_payout', `${computed.explanation.amount} >= ${textOf(context, amount)}`, 'amount');
  return [charged(contractId, on, 'origination', rule.settlement === 'deducted' ? 'deducted' : 'receivable', computed)];
};

/**
 * Late-payment fees for installments overdue on `on` (billed, unpaid and beyond the grace days) and
 * not charged before, oldest first; the base is the installment's unpaid principal and interest.
 * Known answer: a fixed 30.00 on the missed first installment, charged once.
 */
export const lateFeeEvents = (context: LoanContext, state: LoanState, on: BusinessDate): LoanEvent[] => {
  const rule = context.product.fees.latePayment;
  if (rule === undefined || state.contractId === undefined) return [];
  const grace = context.product.gracePeriods.overdueDays;
  return state.installments.flatMap((i) => {
    if (!i.billed || state.lateFeePeriods.includes(i.period) || daysBetween(i.dueDate, on) <= grace) return [];
    const u = unpaidOf(i);
    const base = u.principal + u.interest;
    if (base === 0n) return [];
    const computed = feeAmount(rule, base, context.product.asset, rule.capPerInstallment);
    return computed.minor === 0n ? [] : [charged(state.contractId!, on, 'late-payment', 'receivable', computed, i.period)];
  });
};
