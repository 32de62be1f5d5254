/**
 * Unsigned ledger amounts: 0..2^128-1 minor units, TigerBeetle's u128 balance and amount fields.
 * The money module stops at ±(2^127 - 1) (signed arithmetic); the ledger's fields are unsigned,
 * so transfers, holds, caps and balances parse and print through these helpers instead.
 */
import type { MoneyErrorCode } from '../errors.js';
import { decimalFormProblem, minorToDecimal } from '../money/decimalString.js';
import { AMOUNT_MAX, AMOUNT_PATTERN as AMOUNT, MAX_AMOUNT_DIGITS as MAX_DIGITS } from '../limits.js';

/** Largest amount or balance field value: 2^128 - 1, TigerBeetle's AMOUNT_MAX. */
export { AMOUNT_MAX };

/**
 * Parses a decimal amount of major units at a scale into minor units; `undefined` when it is not a
 * plain non-negative decimal, has more decimals than the scale, or exceeds {@link AMOUNT_MAX}.
 */
export const parseAmount = (amount: string, scale: number): bigint | undefined => {
  if (!AMOUNT.test(amount)) return undefined;
  const dot = amount.indexOf('.');
  const whole = dot < 0 ? amount : amount.slice(0, dot);
  const fraction = dot < 0 ? '' : amount.slice(dot + 1);
  if (fraction.length > scale || whole.length > MAX_DIGITS) return undefined;
  const minor = BigInt(whole + fraction + '0'.repeat(scale - fraction.length));
  return minor <= AMOUNT_MAX ? minor : undefined;
};

/** Parses an amount from a stored (already validated) record; a bad one is a broken invariant. */
export const storedAmount = (amount: string, scale: number): bigint => {
  const minor = parseAmount(amount, scale);
  if (minor === undefined) throw new Error(`stored amount ${JSON.stringify(amount)} is not a u128 at scale ${scale}`);
  return minor;
};

/** Formats minor units (0..AMOUNT_MAX) as the canonical decimal string of the scale. */
export const formatAmount = (minor: bigint, scale: number): string => minorToDecimal(minor, scale);

/** {@link AMOUNT_MAX} as a decimal string at a scale: the "no cap" / "the full pending amount" value. */
export const amountMaxOf = (scale: number): string => formatAmount(AMOUNT_MAX, scale);

/**
 * Why `value` is not an amount at `scale` (the money module's reason), or `undefined` when it is one.
 * Without a scale (the ledger is not known) only the form and the integer digits are checked.
 * Reasons: `amount_is_number`, `amount_not_string_or_bigint` (missing or not a string),
 * `amount_not_finite`, `amount_exponent_notation`, `amount_malformed`, `amount_too_many_decimals`,
 * `amount_out_of_range` (negative, or above 2^128 - 1 minor units).
 */
export const amountProblemOf = (value: unknown, scale: number | undefined): MoneyErrorCode | undefined => {
  if (typeof value === 'number') return 'amount_is_number';
  // Missing, or a bigint, boolean, object: ledger amounts travel as JSON decimal strings.
  if (typeof value !== 'string') return 'amount_not_string_or_bigint';
  // A negative amount is well formed but below the ledger's range, 0..2^128-1.
  if (!AMOUNT.test(value)) return value.startsWith('-') && AMOUNT.test(value.slice(1)) ? 'amount_out_of_range' : decimalFormProblem(value);
  const dot = value.indexOf('.');
  const whole = dot < 0 ? value : value.slice(0, dot);
  const decimals = dot < 0 ? 0 : value.length - dot - 1;
  if (scale !== undefined && decimals > scale) return 'amount_too_many_decimals';
  if (whole.length > MAX_DIGITS) return 'amount_out_of_range';
  if (scale === undefined) return undefined;
  return parseAmount(value, scale) === undefined ? 'amount_out_of_range' : undefined;
};
