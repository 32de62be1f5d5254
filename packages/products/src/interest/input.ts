import { CNY, ROUNDING_MODES, decimalToMinor, isMoneyError, isValidScale, type Asset, type RoundingMode } from '@ecoledger/ledger';
import { ProductsError, describeValue } from '../errors.js';
import { MAX_DECIMAL_LENGTH, MAX_RATE_PERCENT, RATE_PERCENT_SCALE } from '../limits.js';

// Run-time checks shared by the interest functions: their callers may be untyped (JSON, a CLI).

/** The input as a record with only the allowed fields. @throws `input_not_object`, `field_unknown`. */
export const closedRecord = (input: unknown, allowed: readonly string[]): Readonly<Record<string, unknown>> => {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new ProductsError('input_not_object', describeValue(input));
  const proto = Object.getPrototypeOf(input) as unknown;
  if (proto !== Object.prototype && proto !== null) throw new ProductsError('input_not_object', 'not a plain object');
  const record = input as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!allowed.includes(key)) throw new ProductsError('field_unknown', JSON.stringify(key.slice(0, 40)), key.slice(0, 40));
  }
  return record;
};

/** A required string field. @throws `field_missing`, `field_not_string`. */
export const requiredString = (record: Readonly<Record<string, unknown>>, field: string): string => {
  const value = record[field];
  if (value === undefined) throw new ProductsError('field_missing', field, field);
  if (typeof value !== 'string') throw new ProductsError('field_not_string', describeValue(value), field);
  return value;
};

/** An optional string field. @throws `field_not_string`. */
export const optionalString = (record: Readonly<Record<string, unknown>>, field: string): string | undefined => {
  const value = record[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new ProductsError('field_not_string', describeValue(value), field);
  return value;
};

/** The asset amounts are counted in; CNY (2 places, the fen) when none is given. @throws `asset_invalid`. */
export const assetOf = (value: unknown): Asset => {
  if (value === undefined) return CNY;
  const asset = value as Partial<Asset> | null;
  if (typeof asset !== 'object' || asset === null || typeof asset.code !== 'string' || !isValidScale(asset.scale)) {
    throw new ProductsError('asset_invalid', describeValue(value), 'asset');
  }
  return asset as Asset;
};

/** The rounding mode; half-up (the deposit rule) when none is given. @throws `rounding_mode_unknown`. */
export const roundingOf = (value: unknown): RoundingMode => {
  if (value === undefined) return 'half-up';
  if (typeof value !== 'string' || !(ROUNDING_MODES as readonly string[]).includes(value)) {
    throw new ProductsError('rounding_mode_unknown', describeValue(value), 'rounding');
  }
  return value as RoundingMode;
};

/** A non-negative amount in minor units of `asset`. @throws `amount_invalid`, `amount_negative`. */
export const principalOf = (value: string, asset: Asset, field = 'principal'): bigint => {
  if (value.length > MAX_DECIMAL_LENGTH) throw new ProductsError('amount_invalid', describeValue(value), field);
  let minor: bigint;
  try {
    minor = decimalToMinor(value, asset.scale);
  } catch (error) {
    if (isMoneyError(error)) throw new ProductsError('amount_invalid', `${describeValue(value)} (${asset.code}, ${asset.scale} places)`, field);
    throw error;
  }
  if (minor < 0n) throw new ProductsError('amount_negative', describeValue(value), field);
  return minor;
};

const MAX_RATE_UNITS = decimalToMinor(MAX_RATE_PERCENT, RATE_PERCENT_SCALE);
/** Denominator of a rate's units: percent (÷100) with {@link RATE_PERCENT_SCALE} places. @internal */
export const RATE_DENOMINATOR = 10n ** BigInt(RATE_PERCENT_SCALE + 2);

/**
 * An annual rate in percent ("0.36" is 0.36 % a year) as units of 10^-8 percent.
 * @throws `rate_invalid`, `rate_out_of_range`.
 */
export const rateOf = (value: string, field = 'annualRate'): bigint => {
  if (value.length > MAX_DECIMAL_LENGTH) throw new ProductsError('rate_invalid', describeValue(value), field);
  let units: bigint;
  try {
    units = decimalToMinor(value, RATE_PERCENT_SCALE);
  } catch (error) {
    if (isMoneyError(error)) throw new ProductsError('rate_invalid', describeValue(value), field);
    throw error;
  }
  if (units < 0n || units > MAX_RATE_UNITS) throw new ProductsError('rate_out_of_range', describeValue(value), field);
  return units;
};
