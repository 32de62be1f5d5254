/**
 * Allocation of one repayment over the installments a borrower owes, by a {@link Waterfall}:
 * per installment per component, with the order of every step, and the overpayment returned as
 * `unallocated` (never lost, never silently prepaid).
 */
import { CNY, minorToDecimal, type Asset } from '@ecoledger/ledger';
import type { BusinessDate } from '../../calendar/businessDate.js';
import { ProductsError, describeValue } from '../../errors.js';
import { assetOf, principalOf } from '../../interest/input.js';
import { duesOf, type Due, type InstallmentDue } from './dues.js';
import { fill } from './fill.js';
import { DEFAULT_WATERFALL, waterfall as waterfallOf, type InstallmentStatus, type LoanComponent, type Waterfall } from './waterfall.js';

/** An amount per component, decimal strings in major units. */
export interface ComponentAmounts {
  readonly penalty: string;
  readonly fee: string;
  readonly interest: string;
  readonly principal: string;
}

/** What one installment received. */
export interface InstallmentAllocation extends ComponentAmounts {
  readonly period: number;
  readonly dueDate: BusinessDate;
  readonly status: InstallmentStatus;
  /** The sum of the four components. */
  readonly total: string;
}

/** One step of the waterfall, in the order it was applied: the explanation of the allocation. */
export interface AllocationStep {
  readonly period: number;
  readonly component: LoanComponent;
  readonly amount: string;
}

/** The result of {@link allocatePayment}: allocated + unallocated = paid, always. */
export interface PaymentAllocation {
  readonly paid: string;
  readonly allocated: string;
  /** The overpayment: money no served installment was owed; the caller returns, holds or prepays it. */
  readonly unallocated: string;
  /** Installments that received something, oldest first. */
  readonly installments: readonly InstallmentAllocation[];
  readonly steps: readonly AllocationStep[];
  readonly waterfall: Waterfall;
}

interface Slot {
  readonly due: Due;
  readonly component: LoanComponent;
}

/** The (installment, component) slots in the order the waterfall serves them. */
const slotsOf = (dues: readonly Due[], plan: Waterfall): Slot[] => {
  const slots: Slot[] = [];
  for (const status of plan.statuses) {
    const tier = dues.filter((due) => due.status === status);
    if (plan.mode === 'installment-by-installment') {
      for (const due of tier) for (const component of plan.order) slots.push({ due, component });
    } else {
      for (const component of plan.order) for (const due of tier) slots.push({ due, component });
    }
  }
  return slots;
};

/**
 * Spreads `amount` over `installments` (oldest first) by `plan`: each (installment, component)
 * takes what it is owed or what is left. Known answer: 1,000.00 against a past-due installment
 * owing penalty 10.00, fee 5.00, interest 40.00, principal 800.00 and a due one owing interest
 * 40.00, principal 800.00 pays the first in full (855.00) and the second 40.00 interest and
 * 105.00 principal.
 * @throws ProductsError `amount_invalid`, `amount_negative`, `amount_not_positive`, the codes of
 *   {@link waterfallOf} and of the installments (`installments_invalid`, `installments_out_of_order`, ...).
 */
export function allocatePayment(amount: string, installments: readonly InstallmentDue[], plan: Waterfall = DEFAULT_WATERFALL, asset: Asset = CNY): PaymentAllocation {
  const checkedAsset = assetOf(asset);
  if (typeof amount !== 'string') throw new ProductsError('field_not_string', describeValue(amount), 'amount');
  const paid = principalOf(amount, checkedAsset, 'amount');
  if (paid === 0n) throw new ProductsError('amount_not_positive', describeValue(amount), 'amount');
  const checkedPlan = waterfallOf(plan);
  const dues = duesOf(installments, checkedAsset);

  const slots = slotsOf(dues, checkedPlan);
  const { taken, left } = fill(paid, slots.map(({ due, component }) => due.owed[component]));
  const text = (minor: bigint): string => minorToDecimal(minor, checkedAsset.scale);

  const received = new Map<Due, Record<LoanComponent, bigint>>();
  const steps: AllocationStep[] = [];
  slots.forEach(({ due, component }, i) => {
    const take = taken[i] as bigint;
    if (take === 0n) return;
    const sums = received.get(due) ?? { penalty: 0n, fee: 0n, interest: 0n, principal: 0n };
    sums[component] += take;
    received.set(due, sums);
    steps.push({ period: due.period, component, amount: text(take) });
  });
  const allocations = dues.flatMap((due): InstallmentAllocation[] => {
    const sums = received.get(due);
    if (sums === undefined) return [];
    const { penalty, fee, interest, principal } = sums;
    return [{ period: due.period, dueDate: due.dueDate, status: due.status, penalty: text(penalty), fee: text(fee), interest: text(interest), principal: text(principal), total: text(penalty + fee + interest + principal) }];
  });
  return { paid: text(paid), allocated: text(paid - left), unallocated: text(left), installments: allocations, steps, waterfall: checkedPlan };
}
