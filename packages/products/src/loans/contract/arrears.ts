/**
 * Arrears of a loan on a date, and the upgrade observation that follows their clearing. Overdue
 * means billed, unpaid and beyond the product's grace days after the due date (as for penalty
 * interest); the penalty and the fees owed are the related charges the 2023 rule names.
 */
import { addMonths, daysBetween, type BusinessDate } from '../../calendar/businessDate.js';
import type { UpgradeObservation } from '../classification/upgradeObservation.js';
import { penaltyOwed, unpaidOf, type LoanState } from './state.js';

/** True while an installment is overdue on `on` or any penalty or fee is owed. */
export const inArrears = (state: LoanState, on: BusinessDate, graceDays: number): boolean =>
  penaltyOwed(state) > 0n ||
  state.feeReceivable > 0n ||
  state.installments.some((i) => {
    if (!i.billed || daysBetween(i.dueDate, on) <= graceDays) return false;
    const u = unpaidOf(i);
    return u.principal + u.interest > 0n;
  });

/** Where a loan stands in its upgrade observation on a date. */
export interface ObservationStanding {
  /** The date the arrears were cleared; undefined when they never were (or are owed again). */
  readonly from: BusinessDate | undefined;
  /** Installments that fell due after `from` and are repaid: each on time, since a late one would have moved `from`. */
  readonly installmentsRepaid: number;
  /** True when nothing is in arrears, enough installments were repaid and enough months have passed. */
  readonly met: boolean;
}

/**
 * The observation of `state` on `on` under `rule`: at least `rule.installments` installments repaid
 * and at least `rule.months` months since the arrears were cleared, whichever is longer, with
 * nothing in arrears now. Known answer: arrears cleared 2025-11-02 on a monthly loan due on the
 * 1st, every installment paid on its date, observation 2 installments / 6 months: met on 2026-05-02
 * (six installments repaid), not on 2026-05-01.
 */
export const observationOn = (state: LoanState, on: BusinessDate, rule: UpgradeObservation, graceDays: number): ObservationStanding => {
  const from = inArrears(state, on, graceDays) ? undefined : state.arrearsClearedOn;
  if (from === undefined) return { from, installmentsRepaid: 0, met: false };
  const installmentsRepaid = state.installments.filter((i) => {
    if (!i.billed || i.dueDate <= from || i.dueDate > on) return false;
    const u = unpaidOf(i);
    return u.principal + u.interest === 0n;
  }).length;
  return { from, installmentsRepaid, met: installmentsRepaid >= rule.installments && on >= addMonths(from, rule.months) };
};
