/**
 * How an interest payment settles: tax withheld (rounded once with the product's mode), the net,
 * where principal and net interest go, and (accrual basis) the top-up or release that squares
 * interest payable with what was accrued on the settled money.
 */
import { divideRounded, minorToDecimal } from '@ecoledger/ledger';
import { RATE_DENOMINATOR, rateOf } from '../../interest/input.js';
import type { InterestSettlement } from './events.js';
import type { TimeDepositProduct } from './product.js';

/** Where a settlement's money goes. */
export interface SettlementTarget {
  /** Principal paid from the deposit account to the funding account. */
  readonly principalPaidOut: bigint;
  /** True: net interest is credited to the deposit account (rollover with interest, held); false: paid out. */
  readonly capitalise: boolean;
}

/** Withholding tax on `gross` minor units: gross × percent ÷ 100, rounded once with the product's mode. */
export const withholdingTaxOf = (product: TimeDepositProduct, gross: bigint): bigint =>
  divideRounded(gross * rateOf(product.withholdingTaxPercent, 'withholdingTaxPercent'), RATE_DENOMINATOR, product.rounding);

/** The settlement of `gross` interest, of which `accrued` was accrued before (both minor units). */
export function settleInterest(product: TimeDepositProduct, gross: bigint, accrued: bigint, target: SettlementTarget): InterestSettlement {
  const show = (minor: bigint): string => minorToDecimal(minor, product.asset.scale);
  const tax = withholdingTaxOf(product, gross);
  const net = gross - tax;
  return {
    interest: show(gross),
    withholdingTaxPercent: product.withholdingTaxPercent,
    withholdingTax: show(tax),
    netInterest: show(net),
    accruedSettled: show(accrued),
    accrualTopUp: show(gross > accrued ? gross - accrued : 0n),
    accrualRelease: show(accrued > gross ? accrued - gross : 0n),
    principalPaidOut: show(target.principalPaidOut),
    interestPaidOut: show(target.capitalise ? 0n : net),
    interestCapitalised: show(target.capitalise ? net : 0n),
  };
}
