/**
 * Field checks the loan modules share beyond input/fields.ts: true/false flags, percents of a
 * whole (LTV, penalty uplift, DTI limits) and unique choices from a list.
 */
import { ProductsError, describeValue, type ProductsErrorCode } from '../../errors.js';
import { rateOf } from '../../interest/input.js';

type FieldRecord = Readonly<Record<string, unknown>>;

/** A required true/false field. @throws `field_missing`, `field_not_boolean`. */
export const booleanOf = (record: FieldRecord, field: string): boolean => {
  const value = record[field];
  if (value === undefined) throw new ProductsError('field_missing', field, field);
  if (typeof value !== 'boolean') throw new ProductsError('field_not_boolean', describeValue(value), field);
  return value;
};

const HUNDRED_PERCENT_UNITS = rateOf('100');

/**
 * A percent from 0 to 100 as a decimal string with at most 8 decimals ("50", "85", "60.5"),
 * returned as given. @throws `field_not_string`, `percent_invalid`.
 */
export const percentOf = (value: unknown, field: string): string => {
  if (typeof value !== 'string') throw new ProductsError('field_not_string', describeValue(value), field);
  let units: bigint;
  try {
    units = rateOf(value, field);
  } catch {
    throw new ProductsError('percent_invalid', describeValue(value), field);
  }
  if (units > HUNDRED_PERCENT_UNITS) throw new ProductsError('percent_invalid', describeValue(value), field);
  return value;
};

/**
 * A non-empty list of distinct choices from `options` (at most all of them).
 * @throws `field_missing`, `loan_product_invalid` (not a list, empty or repeated), `code` (an unknown choice).
 */
export const choicesOf = <T extends string>(value: unknown, field: string, options: readonly T[], code: ProductsErrorCode): readonly T[] => {
  if (value === undefined) throw new ProductsError('field_missing', field, field);
  if (!Array.isArray(value) || value.length === 0 || value.length > options.length) {
    throw new ProductsError('loan_product_invalid', `${field} must list 1..${options.length} distinct choices, got ${describeValue(value)}`, field);
  }
  value.forEach((choice: unknown, index) => {
    if (typeof choice !== 'string' || !(options as readonly string[]).includes(choice)) throw new ProductsError(code, describeValue(choice), `${field}[${index}]`);
    if (value.indexOf(choice) !== index) throw new ProductsError('loan_product_invalid', `${describeValue(choice)} listed twice`, `${field}[${index}]`);
  });
  return Object.freeze([...(value as T[])]);
};
