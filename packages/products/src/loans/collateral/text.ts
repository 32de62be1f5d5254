/**
 * Free text of collateral and warning records (a description, a valuation reason, a note): a
 * bounded sentence for the audit trail, checked on input and again by the event codecs.
 */
import * as t from 'io-ts';
import { ProductsError, describeValue } from '../../errors.js';
import { requiredString } from '../../interest/input.js';
import { MAX_COLLATERAL_TEXT_LENGTH } from '../../limits.js';

// Control characters break logs and reports; anything printable (CJK included) is fine.
const CONTROL = /[\u0000-\u001f\u007f]/;

const isText = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= MAX_COLLATERAL_TEXT_LENGTH && !CONTROL.test(value);

/** A required text field. @throws `field_missing`, `field_not_string`, `text_invalid`. */
export const textOf = (record: Readonly<Record<string, unknown>>, field: string): string => {
  const value = requiredString(record, field);
  if (!isText(value)) throw new ProductsError('text_invalid', describeValue(value), field);
  return value;
};

/** The event codec of such a text. */
export const TextCodec = new t.Type<string, string, unknown>(
  'text',
  isText,
  (u, context) => (isText(u) ? t.success(u) : t.failure(u, context)),
  (a) => a,
);
