/**
 * Early withdrawal (提前支取): money taken out before maturity earns the demand rate posted on the
 * withdrawal date, simple interest for the days held since the term started. A partial withdrawal
 * settles only the part taken; the rest stays at the contracted rate to maturity, and must stay at
 * least the product's minimum remaining principal.
 */
import { decimalToMinor, minorToDecimal } from '@ecoledger/ledger';
import type { BusinessDate } from '../../calendar/businessDate.js';
import { ProductsError } from '../../errors.js';
import { accrue } from '../../interest/accrue.js';
import { principalOf } from '../../interest/input.js';
import { rateOn } from '../../rates/rateTable.js';
import { cumulativeMinor } from './accrual.js';
import type { TimeDepositWithdrawnEarlyData } from './events.js';
import type { TimeDepositProduct } from './product.js';
import { settleInterest } from './settlement.js';
import type { TimeDepositContract, TimeDepositTermState } from './state.js';

/**
 * The early withdrawal of `amount` (omitted: the whole principal) on `on`.
 * @throws ProductsError `date_before_term_start`, `withdrawal_not_early`, `amount_invalid`,
 *   `withdrawal_amount_zero`, `withdrawal_exceeds_principal`, `partial_withdrawal_limit_reached`,
 *   `remaining_principal_below_minimum`, `rate_not_posted`.
 */
export function withdrawEarly(
  product: TimeDepositProduct,
  contract: TimeDepositContract,
  term: TimeDepositTermState,
  on: BusinessDate,
  amount: string | undefined,
): TimeDepositWithdrawnEarlyData {
  const { scale } = product.asset;
  if (on < term.start) throw new ProductsError('date_before_term_start', `${on} is before ${term.start}`, 'on');
  if (on >= term.maturityDate) throw new ProductsError('withdrawal_not_early', `${on} is on or after the maturity date ${term.maturityDate}`, 'on');
  const withdrawn = amount === undefined ? term.principal : principalOf(amount, product.asset, 'amount');
  if (withdrawn === 0n) throw new ProductsError('withdrawal_amount_zero', `amount ${amount ?? ''}`, 'amount');
  if (withdrawn > term.principal) throw new ProductsError('withdrawal_exceeds_principal', `${minorToDecimal(withdrawn, scale)} > ${minorToDecimal(term.principal, scale)}`, 'amount');
  const remaining = term.principal - withdrawn;
  const partial = remaining > 0n;
  if (partial && term.partialWithdrawals >= product.maxPartialWithdrawals) {
    throw new ProductsError('partial_withdrawal_limit_reached', `${term.partialWithdrawals} of ${product.maxPartialWithdrawals} in term ${term.number}`, 'amount');
  }
  if (partial && remaining < principalOf(product.minimumRemainingPrincipal, product.asset, 'minimumRemainingPrincipal')) {
    throw new ProductsError('remaining_principal_below_minimum', `${minorToDecimal(remaining, scale)} < ${product.minimumRemainingPrincipal}`, 'amount');
  }
  const demandRate = rateOn(product.demandRates, on);
  const trace = accrue({ principal: minorToDecimal(withdrawn, scale), annualRate: demandRate, from: term.start, to: on, dayCount: product.dayCount, rounding: product.rounding, asset: product.asset });
  // What stays accrued is the remaining principal's cumulative; the rest of interest payable was the withdrawn part's.
  const accruedRemaining = partial ? cumulativeMinor(product, term, remaining, term.accruedTo) : 0n;
  const settlement = settleInterest(product, decimalToMinor(trace.interest, scale), term.accrued - accruedRemaining, { principalPaidOut: withdrawn, capitalise: false });
  return {
    contractId: contract.contractId,
    term: term.number,
    on,
    kind: partial ? 'partial' : 'full',
    withdrawn: minorToDecimal(withdrawn, scale),
    remaining: minorToDecimal(remaining, scale),
    demandRate,
    segments: trace.segments,
    rounding: trace.rounding,
    settlement,
    partialWithdrawals: term.partialWithdrawals + (partial ? 1 : 0),
  };
}
