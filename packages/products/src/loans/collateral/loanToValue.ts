/**
 * Loan-to-value: what the borrower owes over what the collateral is worth after haircuts, in
 * percent. Computed as one exact fraction of bigints (minor units, haircuts in 10^-8 percent) and
 * rounded once, half-up, to {@link LTV_PERCENT_SCALE} places for display; threshold checks use
 * the exact fraction, so 70.004 % is above a 70 % limit even though it shows as 70.00.
 */
import { CNY, divideRounded, minorToDecimal, type Asset, type RoundingMode } from '@ecoledger/ledger';
import { ProductsError, describeValue } from '../../errors.js';
import { RATE_DENOMINATOR, closedRecord, principalOf, rateOf, requiredString } from '../../interest/input.js';
import { LTV_PERCENT_SCALE, MAX_COLLATERAL_PER_LOAN } from '../../limits.js';
import { haircutUnitsOf } from './haircut.js';

/** One collateral's valuation (decimal string of the asset) and its haircut (percent, default "0"). */
export interface CollateralValue {
  readonly valuation: string;
  readonly haircutPercent?: string;
}

/** The loan-to-value of a loan. */
export interface LoanToValue {
  /** The outstanding amount, canonical decimal string. */
  readonly outstanding: string;
  /** The collateral's worth after haircuts, rounded `down` to the minor unit (never overstated). */
  readonly collateralValue: string;
  readonly collateralRounding: RoundingMode;
  /**
   * LTV in percent rounded half-up to 2 places ("77.78"); `undefined` when something is owed and
   * the collateral is worth nothing (uncovered). No debt is "0.00" whatever the collateral.
   */
  readonly ltvPercent: string | undefined;
  readonly ltvRounding: RoundingMode;
  /** The exact LTV in percent as `num / den` (den 0: uncovered). */
  readonly exact: { readonly num: bigint; readonly den: bigint };
}

const HUNDRED = 100n;
/** How the displayed figures are rounded (named, as every rounding is). */
const LTV_ROUNDING: RoundingMode = 'half-up';
const VALUE_ROUNDING: RoundingMode = 'down';

/**
 * The LTV of `outstanding` against `collateral` (amounts in `asset`, CNY by default).
 * @throws `input_not_object`, `field_unknown`, `field_missing`, `field_not_string`, `amount_invalid`,
 * `amount_negative`, `haircut_invalid`, `ltv_input_invalid`.
 */
export const loanToValue = (outstanding: string, collateral: readonly CollateralValue[], asset: Asset = CNY): LoanToValue => {
  if (typeof outstanding !== 'string') throw new ProductsError('field_not_string', describeValue(outstanding), 'outstanding');
  const owed = principalOf(outstanding, asset, 'outstanding');
  if (!Array.isArray(collateral) || collateral.length > MAX_COLLATERAL_PER_LOAN) {
    throw new ProductsError('ltv_input_invalid', `collateral: ${describeValue(collateral)}`, 'collateral');
  }
  // Σ valuation × (100 % − haircut), in minor units × 10^-8 percent.
  let weighted = 0n;
  collateral.forEach((value, index) => {
    const field = `collateral[${index}]`;
    const record = closedRecord(value, ['valuation', 'haircutPercent']);
    const valuation = principalOf(requiredString(record, 'valuation'), asset, `${field}.valuation`);
    const haircut = record['haircutPercent'] === undefined ? 0n : haircutUnitsOf(record['haircutPercent'], `${field}.haircutPercent`);
    weighted += valuation * (RATE_DENOMINATOR - haircut);
  });
  const collateralValue = minorToDecimal(divideRounded(weighted, RATE_DENOMINATOR, VALUE_ROUNDING), asset.scale);
  const exact = { num: owed * HUNDRED * RATE_DENOMINATOR, den: weighted };
  let ltvPercent: string | undefined;
  if (owed === 0n) ltvPercent = minorToDecimal(0n, LTV_PERCENT_SCALE);
  else if (weighted > 0n) ltvPercent = minorToDecimal(divideRounded(exact.num * 10n ** BigInt(LTV_PERCENT_SCALE), weighted, LTV_ROUNDING), LTV_PERCENT_SCALE);
  return { outstanding: minorToDecimal(owed, asset.scale), collateralValue, collateralRounding: VALUE_ROUNDING, ltvPercent, ltvRounding: LTV_ROUNDING, exact };
};

/**
 * The exact LTV compared with `percent` (a percent string, e.g. the loan product's
 * `collateral.maxLtvPercent`): -1 below, 0 equal, 1 above. An uncovered debt is above any
 * percent; no debt is 0 %. @throws `field_not_string`, `rate_invalid`, `rate_out_of_range`.
 */
export const compareLtv = (ltv: LoanToValue, percent: string): -1 | 0 | 1 => {
  if (typeof percent !== 'string') throw new ProductsError('field_not_string', describeValue(percent), 'maxLtvPercent');
  const units = rateOf(percent, 'maxLtvPercent');
  if (ltv.exact.num === 0n) return units === 0n ? 0 : -1;
  if (ltv.exact.den === 0n) return 1;
  // num/den against units / 10^8: compare num × 10^8 with units × den (all non-negative).
  const left = ltv.exact.num * (RATE_DENOMINATOR / HUNDRED);
  const right = units * ltv.exact.den;
  return left > right ? 1 : left < right ? -1 : 0;
};

/** True when the exact LTV is strictly above `maxLtvPercent`. @throws as {@link compareLtv}. */
export const isLtvAbove = (ltv: LoanToValue, maxLtvPercent: string): boolean => compareLtv(ltv, maxLtvPercent) > 0;
