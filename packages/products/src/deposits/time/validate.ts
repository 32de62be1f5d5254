/**
 * Run-time checks the time-deposit product and commands share (their callers may be untyped:
 * JSON from an API, a CLI, a batch file). Each throws a specific ProductsError.
 */
import { ProductsError, describeValue } from '../../errors.js';
import { MAX_IDENTIFIER_LENGTH } from '../../limits.js';

// Control characters in ids end up in logs and keys; refused outright.
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A non-empty identifier of at most MAX_IDENTIFIER_LENGTH characters. @throws `field_missing`, `field_not_string`, `identifier_invalid`. */
export const identifierOf = (record: Readonly<Record<string, unknown>>, field: string): string => {
  const value = record[field];
  if (value === undefined) throw new ProductsError('field_missing', field, field);
  if (typeof value !== 'string') throw new ProductsError('field_not_string', describeValue(value), field);
  if (value.length === 0 || value.length > MAX_IDENTIFIER_LENGTH || CONTROL.test(value)) {
    throw new ProductsError('identifier_invalid', describeValue(value), field);
  }
  return value;
};

/** An integer `min..max` (a count or a code, never money). @throws `field_missing`, `count_invalid`. */
export const integerOf = (value: unknown, field: string, min: number, max: number): number => {
  if (value === undefined) throw new ProductsError('field_missing', field, field);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ProductsError('count_invalid', `${describeValue(value)}, expected ${min}..${max}`, field);
  }
  return value;
};

/** One of a fixed set of names. @throws `field_missing`, the given code. */
export const oneOf = <T extends string>(value: unknown, allowed: readonly T[], code: ConstructorParameters<typeof ProductsError>[0], field: string): T => {
  if (value === undefined) throw new ProductsError('field_missing', field, field);
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) throw new ProductsError(code, describeValue(value), field);
  return value as T;
};
