/**
 * Run-time checks of single fields of product data and commands, shared by the deposit products:
 * their callers may be untyped (JSON from an API, a CLI, a batch file), so each field is checked
 * and each failure has its own code. The record-level checks (`closedRecord`, `requiredString`,
 * amounts, rates) are in interest/input.ts.
 */
import { codecs, type Asset } from '@ecoledger/ledger';
import { businessDate, type BusinessDate } from '../calendar/businessDate.js';
import { ProductsError, describeValue, type ProductsErrorCode } from '../errors.js';
import { principalOf, requiredString } from '../interest/input.js';
import { MAX_IDENTIFIER_LENGTH } from '../limits.js';

type FieldRecord = Readonly<Record<string, unknown>>;

// Control characters in ids break logs and keys; anything printable (CJK included) is fine.
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A required id or reference: 1..MAX_IDENTIFIER_LENGTH characters, no control characters. @throws `field_missing`, `field_not_string`, `identifier_invalid`. */
export const identifierOf = (record: FieldRecord, field: string): string => {
  const value = requiredString(record, field);
  if (value.length === 0 || value.length > MAX_IDENTIFIER_LENGTH || CONTROL.test(value)) {
    throw new ProductsError('identifier_invalid', describeValue(value), field);
  }
  return value;
};

/** A required business date field. @throws `field_missing`, `field_not_string`, `date_invalid`. */
export const dateOf = (record: FieldRecord, field: string): BusinessDate => businessDate(requiredString(record, field), field);

/** A required ISO-8601 UTC instant field (the ledger's instant grammar). @throws `field_missing`, `field_not_string`, `instant_invalid`. */
export const instantOf = (record: FieldRecord, field: string): string => {
  const value = requiredString(record, field);
  if (!codecs.IsoInstant.is(value)) throw new ProductsError('instant_invalid', describeValue(value), field);
  return value;
};

/**
 * A required amount greater than zero, in minor units. An amount beyond the ledger's range is
 * `amount_invalid` (the ledger's parser refuses it). @throws `amount_invalid`, `amount_negative`,
 * `amount_not_positive`.
 */
export const positiveAmountOf = (record: FieldRecord, field: string, asset: Asset): bigint => {
  const minor = principalOf(requiredString(record, field), asset, field);
  if (minor === 0n) throw new ProductsError('amount_not_positive', describeValue(record[field]), field);
  return minor;
};

/** A required field that must be one of `options`. @throws `field_missing`, or `code` for any other value. */
export const choiceOf = <T extends string>(record: FieldRecord, field: string, options: readonly T[], code: ProductsErrorCode): T => {
  const value = record[field];
  if (value === undefined) throw new ProductsError('field_missing', field, field);
  if (typeof value !== 'string' || !(options as readonly string[]).includes(value)) throw new ProductsError(code, describeValue(value), field);
  return value as T;
};

/**
 * A required integer `min..max` (a count or a code, never money). Takes the value, not the record,
 * so that a field of a nested record is named by its path (`transferCodes.place`).
 * @throws `field_missing`, `count_invalid`.
 */
export const integerOf = (value: unknown, field: string, min: number, max: number): number => {
  if (value === undefined) throw new ProductsError('field_missing', field, field);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ProductsError('count_invalid', `${describeValue(value)}, expected ${min}..${max}`, field);
  }
  return value;
};
