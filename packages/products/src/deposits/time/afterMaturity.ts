/**
 * Withdrawal of money held past maturity (`hold_at_maturity`): the held balance (principal and
 * net interest of the last term) earns the demand rate posted on the withdrawal date, simple
 * interest from the maturity date to the withdrawal date (逾期部分按支取日活期利率计息).
 */
import { decimalToMinor, minorToDecimal } from '@ecoledger/ledger';
import type { BusinessDate } from '../../calendar/businessDate.js';
import { ProductsError } from '../../errors.js';
import { accrue } from '../../interest/accrue.js';
import { rateOn } from '../../rates/rateTable.js';
import type { TimeDepositWithdrawnAfterMaturityData } from './events.js';
import type { TimeDepositProduct } from './product.js';
import { settleInterest } from './settlement.js';

/**
 * The withdrawal on `on` of `balance` held since `since`.
 * @throws ProductsError `date_before_term_start` (before the maturity date), `rate_not_posted`.
 */
export function withdrawAfterMaturity(product: TimeDepositProduct, contractId: string, balance: bigint, since: BusinessDate, on: BusinessDate): TimeDepositWithdrawnAfterMaturityData {
  if (on < since) throw new ProductsError('date_before_term_start', `${on} is before the maturity date ${since}`, 'on');
  const demandRate = rateOn(product.demandRates, on);
  const trace = accrue({ principal: minorToDecimal(balance, product.asset.scale), annualRate: demandRate, from: since, to: on, dayCount: product.dayCount, rounding: product.rounding, asset: product.asset });
  return {
    contractId,
    on,
    heldSince: since,
    balance: minorToDecimal(balance, product.asset.scale),
    demandRate,
    segments: trace.segments,
    rounding: trace.rounding,
    settlement: settleInterest(product, decimalToMinor(trace.interest, product.asset.scale), 0n, { principalPaidOut: balance, capitalise: false }),
  };
}
