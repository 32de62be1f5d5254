/**
 * Accrual basis: interest earned so far in the term at the contracted rate. Each accrual computes
 * the term's cumulative interest from its start, exactly (a bigint fraction), and rounds it once;
 * the posting is the rounded cumulative minus what was accrued before. So daily postings add up to
 * the rounded total whatever the split, and re-running a date accrues nothing.
 */
import { decimalToMinor, minorToDecimal } from '@ecoledger/ledger';
import { addDays, type BusinessDate } from '../../calendar/businessDate.js';
import { accrue, type AccrualTrace } from '../../interest/accrue.js';
import type { TimeDepositInterestAccruedData } from './events.js';
import type { TimeDepositProduct } from './product.js';
import type { TimeDepositTermState } from './state.js';

/** Simple interest on `principal` at the term's contracted rate from its start to `to` (exclusive). */
export const cumulativeInterest = (product: TimeDepositProduct, term: TimeDepositTermState, principal: bigint, to: BusinessDate): AccrualTrace =>
  accrue({
    principal: minorToDecimal(principal, product.asset.scale),
    annualRate: term.rate,
    from: term.start,
    to,
    dayCount: product.dayCount,
    rounding: product.rounding,
    asset: product.asset,
  });

/** The rounded cumulative, in minor units. */
export const cumulativeMinor = (product: TimeDepositProduct, term: TimeDepositTermState, principal: bigint, to: BusinessDate): bigint =>
  decimalToMinor(cumulativeInterest(product, term, principal, to).interest, product.asset.scale);

/**
 * The accrual through the end of `through` (capped at the maturity date), or undefined when that
 * date is already accrued (idempotent per date) or precedes the term.
 */
export function accrueThrough(product: TimeDepositProduct, contractId: string, term: TimeDepositTermState, through: BusinessDate): TimeDepositInterestAccruedData | undefined {
  if (through < term.start) return undefined;
  // Through the maturity date or later: the term earns nothing after it (maturity settles the rest).
  const to = through >= term.maturityDate ? term.maturityDate : addDays(through, 1);
  if (to <= term.accruedTo) return undefined;
  const trace = cumulativeInterest(product, term, term.principal, to);
  const cumulative = decimalToMinor(trace.interest, product.asset.scale);
  return {
    contractId,
    term: term.number,
    from: term.accruedTo,
    to,
    interest: minorToDecimal(cumulative - term.accrued, product.asset.scale),
    cumulative: trace.interest,
    segment: trace.segments[0]!,
    rounding: trace.rounding,
  };
}
