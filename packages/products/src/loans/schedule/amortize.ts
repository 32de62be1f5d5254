import type { RoundingMode } from '@ecoledger/ledger';
import type { BusinessDate } from '../../calendar/businessDate.js';
import { roundRatio, type Ratio } from '../../interest/ratio.js';
import { periodInterest, type PeriodFraction } from './periodInterest.js';

/** One period of a plan: its dates and year fraction. @internal */
export interface PlanPeriod {
  readonly from: BusinessDate;
  readonly to: BusinessDate;
  readonly fraction: PeriodFraction;
}

/**
 * A method's principal rule: the principal part scheduled for period `k` (1-based) given the
 * interest accrued in it, in the plan's units. The amortizer clamps it to the balance and makes
 * the last period repay whatever is left. @internal
 */
export type PrincipalRule = (k: number, accrued: bigint) => bigint;

/** What the amortizer runs: amounts in one unit (the minor unit, or finer for unrounded totals). @internal */
export interface AmortizationPlan {
  readonly principal: bigint;
  readonly rateUnits: bigint;
  readonly periods: readonly PlanPeriod[];
  /** The first `interestGrace` periods pay no interest; it is deferred to the next installment. */
  readonly interestGrace: number;
  /** How each period's interest is rounded to the plan's unit. */
  readonly mode: RoundingMode;
  readonly principalPart: PrincipalRule;
}

/** One amortized period, in the plan's units. @internal */
export interface AmortizedPeriod {
  readonly period: PlanPeriod;
  readonly openingBalance: bigint;
  /** The exact interest of the period and its rounding to the unit. */
  readonly rawInterest: Ratio;
  readonly accrued: bigint;
  /** Interest due with this installment: the accrued interest plus any deferred by a grace period. */
  readonly interestDue: bigint;
  readonly principal: bigint;
  readonly closingBalance: bigint;
  /** Interest accrued but not yet due after this installment (interest grace). */
  readonly deferred: bigint;
}

/**
 * Runs a plan period by period: interest on the opening balance, rounded once per period; the
 * principal part from the method's rule, never negative nor above the balance; the last period
 * absorbs the residue, so the principal parts sum exactly to the principal.
 */
export const amortize = (plan: AmortizationPlan): AmortizedPeriod[] => {
  const out: AmortizedPeriod[] = [];
  let balance = plan.principal;
  let deferred = 0n;
  plan.periods.forEach((period, index) => {
    const k = index + 1;
    const rawInterest = periodInterest(balance, plan.rateUnits, period.fraction);
    const accrued = roundRatio(rawInterest, plan.mode);
    let interestDue = 0n;
    if (k <= plan.interestGrace) deferred += accrued;
    else [interestDue, deferred] = [deferred + accrued, 0n];
    const scheduled = k === plan.periods.length ? balance : plan.principalPart(k, accrued);
    const principal = scheduled < 0n ? 0n : scheduled > balance ? balance : scheduled;
    out.push({ period, openingBalance: balance, rawInterest, accrued, interestDue, principal, closingBalance: balance - principal, deferred });
    balance -= principal;
  });
  return out;
};
