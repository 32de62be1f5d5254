/**
 * The penalty rate: the contract rate raised by an uplift (PBoC: 30 % to 50 % above the contract
 * rate for overdue loans; 50 % by default). Kept exact: units of 10^-8 percent times (1 + uplift).
 */
import { decimalToMinor, isMoneyError, minorToDecimal } from '@ecoledger/ledger';
import { ProductsError, describeValue } from '../../errors.js';
import { RATE_DENOMINATOR } from '../../interest/input.js';
import { MAX_DECIMAL_LENGTH, MAX_PENALTY_UPLIFT_PERCENT, RATE_PERCENT_SCALE } from '../../limits.js';

/** The uplift applied when the product names none: the top of PBoC's 30–50 % range. */
export const DEFAULT_PENALTY_UPLIFT_PERCENT = '50';

const MAX_UPLIFT_UNITS = decimalToMinor(MAX_PENALTY_UPLIFT_PERCENT, RATE_PERCENT_SCALE);

/**
 * An uplift in percent as units of 10^-8 percent.
 * @throws ProductsError `field_not_string`, `penalty_uplift_invalid`.
 */
export const upliftOf = (value: unknown, field = 'upliftPercent'): bigint => {
  if (value === undefined) return decimalToMinor(DEFAULT_PENALTY_UPLIFT_PERCENT, RATE_PERCENT_SCALE);
  if (typeof value !== 'string') throw new ProductsError('field_not_string', describeValue(value), field);
  let units: bigint;
  try {
    if (value.length > MAX_DECIMAL_LENGTH) throw new ProductsError('penalty_uplift_invalid', describeValue(value), field);
    units = decimalToMinor(value, RATE_PERCENT_SCALE);
  } catch (error) {
    if (isMoneyError(error)) throw new ProductsError('penalty_uplift_invalid', describeValue(value), field);
    throw error;
  }
  if (units < 0n || units > MAX_UPLIFT_UNITS) throw new ProductsError('penalty_uplift_invalid', describeValue(value), field);
  return units;
};

/** The multiplier 1 + uplift as an exact fraction `num / RATE_DENOMINATOR`. @internal */
export const upliftFactor = (upliftUnits: bigint): bigint => RATE_DENOMINATOR + upliftUnits;

// The penalty rate has up to 2 × 8 + 2 decimals of percent: rateUnits × (1 + uplift) over 10^18.
const PENALTY_RATE_SCALE = 2 * RATE_PERCENT_SCALE + 2;

/** The penalty rate in percent a year as exact text without trailing zeros ("4.35" × 1.5 = "6.525"). */
export const penaltyRateText = (rateUnits: bigint, upliftUnits: bigint): string => {
  const text = minorToDecimal(rateUnits * upliftFactor(upliftUnits), PENALTY_RATE_SCALE);
  return text.replace(/\.?0+$/, '');
};
