/**
 * A loan's rate is a benchmark plus a spread in basis points (1 bp = 0.01 percentage point),
 * added exactly: percent strings with up to 8 decimals, held as integer units of 10^-8 percent.
 */
import { decimalToMinor, minorToDecimal } from '@ecoledger/ledger';
import { ProductsError, describeValue } from '../../errors.js';
import { rateOf } from '../../interest/input.js';
import { MAX_RATE_PERCENT, MAX_SPREAD_BPS, RATE_PERCENT_SCALE } from '../../limits.js';

// One basis point in rate units (10^-8 percent): 0.01 percent.
const UNITS_PER_BP = 10n ** BigInt(RATE_PERCENT_SCALE - 2);
const MAX_RATE_UNITS = decimalToMinor(MAX_RATE_PERCENT, RATE_PERCENT_SCALE);
const BPS_SHAPE = /^(0|-?[1-9][0-9]{0,4})$/;

/**
 * A spread in whole basis points, given as a string ("45", "-20", "0").
 * @throws ProductsError `field_not_string`, `basis_points_invalid` (not an integer, or beyond ±MAX_SPREAD_BPS).
 */
export function basisPointsOf(value: unknown, field = 'spreadBps'): bigint {
  if (typeof value !== 'string') throw new ProductsError('field_not_string', describeValue(value), field);
  if (!BPS_SHAPE.test(value)) throw new ProductsError('basis_points_invalid', describeValue(value), field);
  const bps = BigInt(value);
  if (bps > BigInt(MAX_SPREAD_BPS) || bps < -BigInt(MAX_SPREAD_BPS)) throw new ProductsError('basis_points_invalid', describeValue(value), field);
  return bps;
}

/**
 * Rate units (10^-8 percent) as a percent string with at least two decimals and no trailing zeros
 * beyond them ("3.55", "3.125"): the way rates are quoted. @internal
 */
export const formatRateUnits = (units: bigint): string => {
  const text = minorToDecimal(units, RATE_PERCENT_SCALE);
  return text.replace(/(\.[0-9]{2}[0-9]*?)0+$/, '$1');
};

/**
 * The priced annual rate in percent: `benchmark` percent plus `spreadBps` basis points, exact
 * (no rounding is needed: a basis point is 0.01 %). `priceRate('3.10', '45')` is "3.55".
 * @throws ProductsError `rate_invalid`, `rate_out_of_range` (also when the sum is below 0 % or
 * above MAX_RATE_PERCENT), `field_not_string`, `basis_points_invalid`.
 */
export function priceRate(benchmarkPercent: string, spreadBps: string): string {
  const benchmark = rateOf(benchmarkPercent, 'benchmarkPercent');
  const units = benchmark + basisPointsOf(spreadBps) * UNITS_PER_BP;
  if (units < 0n || units > MAX_RATE_UNITS) {
    throw new ProductsError('rate_out_of_range', `${benchmarkPercent} % plus ${spreadBps} bp is outside 0..${MAX_RATE_PERCENT} %`, 'spreadBps');
  }
  return formatRateUnits(units);
}
