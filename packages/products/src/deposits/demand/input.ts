/**
 * Run-time checks for demand-deposit commands and product data: callers may be untyped (JSON, a
 * CLI), so every field is checked here and each failure has its own code.
 */
import { MAX_MINOR, type Asset } from '@ecoledger/ledger';
import { businessDate, type BusinessDate } from '../../calendar/businessDate.js';
import { ProductsError, describeValue, type ProductsErrorCode } from '../../errors.js';
import { principalOf, requiredString } from '../../interest/input.js';
import { MAX_IDENTIFIER_LENGTH } from '../../limits.js';

// Control characters in ids break logs and keys; anything printable (CJK included) is fine.
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A required id or reference: 1..MAX_IDENTIFIER_LENGTH characters, no control characters. */
export const identifierOf = (record: Readonly<Record<string, unknown>>, field: string): string => {
  const value = requiredString(record, field);
  if (value.length === 0 || value.length > MAX_IDENTIFIER_LENGTH || CONTROL.test(value)) {
    throw new ProductsError('identifier_invalid', describeValue(value), field);
  }
  return value;
};

/** A required business date field. */
export const dateOf = (record: Readonly<Record<string, unknown>>, field: string): BusinessDate =>
  businessDate(requiredString(record, field), field);

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;

/** True for an ISO-8601 UTC instant naming a real calendar time. */
export const isInstant = (value: unknown): value is string => {
  if (typeof value !== 'string' || !INSTANT.test(value)) return false;
  const millis = Date.parse(value);
  // Date.parse rolls impossible dates over (Feb 30 -> Mar 1); the round trip catches that.
  return !Number.isNaN(millis) && new Date(millis).toISOString().slice(0, 19) === value.slice(0, 19);
};

/** A required ISO-8601 UTC instant field. @throws `instant_invalid`. */
export const instantOf = (record: Readonly<Record<string, unknown>>, field: string): string => {
  const value = requiredString(record, field);
  if (!isInstant(value)) throw new ProductsError('instant_invalid', describeValue(value), field);
  return value;
};

/** A required amount greater than zero, in minor units. @throws `amount_invalid`, `amount_negative`, `amount_not_positive`. */
export const positiveAmountOf = (record: Readonly<Record<string, unknown>>, field: string, asset: Asset): bigint => {
  const minor = principalOf(requiredString(record, field), asset, field);
  if (minor === 0n) throw new ProductsError('amount_not_positive', describeValue(record[field]), field);
  if (minor > MAX_MINOR) throw new ProductsError('amount_out_of_range', describeValue(record[field]), field);
  return minor;
};

/** A required field that must be one of `options`. @throws `code` otherwise. */
export const choiceOf = <T extends string>(
  record: Readonly<Record<string, unknown>>,
  field: string,
  options: readonly T[],
  code: ProductsErrorCode,
): T => {
  const value = record[field];
  if (value === undefined) throw new ProductsError('field_missing', field, field);
  if (typeof value !== 'string' || !(options as readonly string[]).includes(value)) throw new ProductsError(code, describeValue(value), field);
  return value as T;
};
