/**
 * Haircuts: the share of a collateral's valuation a bank does not count on (forced-sale discount,
 * price volatility). A percent from 0 up to, not including, 100: a 100 % haircut is no collateral.
 */
import { ProductsError, describeValue } from '../../errors.js';
import { RATE_DENOMINATOR, rateOf } from '../../interest/input.js';

/**
 * The haircut in units of 10^-8 percent (so 100 % is {@link RATE_DENOMINATOR}).
 * @throws `field_not_string`, `haircut_invalid`.
 */
export const haircutUnitsOf = (value: unknown, field = 'haircutPercent'): bigint => {
  if (typeof value !== 'string') throw new ProductsError('field_not_string', describeValue(value), field);
  let units: bigint;
  try {
    units = rateOf(value, field);
  } catch {
    throw new ProductsError('haircut_invalid', describeValue(value), field);
  }
  if (units >= RATE_DENOMINATOR) throw new ProductsError('haircut_invalid', `${describeValue(value)}: a 100 % haircut leaves no collateral`, field);
  return units;
};
