import * as t from 'io-ts';

/** Canonical decimal: optional `-`, no leading zeros, optional fraction; no `+`, exponent or `.5`. */
const canonicalDecimal = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/;
const negativeZero = /^-0(?:\.0+)?$/;

/** True for a canonical decimal string such as `"0"`, `"-12.50"` or `"1000000.000001"`. */
export const isDecimalString = (value: unknown): value is string =>
  typeof value === 'string' && canonicalDecimal.test(value) && !negativeZero.test(value);

/**
 * Amounts in JSON: a canonical decimal string (`-?digits(.digits)?`, no leading zeros, no `-0`).
 * Rejects JS numbers, exponents, `+`, whitespace and bare points, so every amount has one spelling.
 */
export const DecimalString: t.Type<string, string, unknown> = new t.Type<string, string, unknown>(
  'decimal string',
  isDecimalString,
  (input, context) => (isDecimalString(input) ? t.success(input) : t.failure(input, context)),
  (value) => value,
);
