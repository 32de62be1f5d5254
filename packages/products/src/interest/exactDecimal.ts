/**
 * A fraction of minor units as the decimal text the interest events carry, in bigint alone. It
 * gives exactly what `ratioToDecimal` (interest/ratio.ts) gives through decimal.js: the quotient
 * rounded once, with the named mode, to the ledger's DECIMAL_PRECISION significant digits, written
 * plain without trailing zeros (property-tested against it). `ratioToDecimal` takes this path for
 * every non-negative fraction: close of business writes several of these per contract and day,
 * and decimal.js parsing and dividing was most of an accrual's cost.
 */
import { DECIMAL_PRECISION, divideRounded, type RoundingMode } from '@ecoledger/ledger';
import type { Ratio } from './ratio.js';

const PRECISION = BigInt(DECIMAL_PRECISION);
const powersOfTen: bigint[] = [1n];
const tenTo = (exponent: number): bigint => {
  for (let i = powersOfTen.length; i <= exponent; i++) powersOfTen.push(powersOfTen[i - 1]! * 10n);
  return exponent < powersOfTen.length ? powersOfTen[exponent]! : 10n ** BigInt(exponent);
};

/** Digits of a positive bigint. */
const digitsOf = (value: bigint): number => value.toString().length;

/**
 * `value.num / value.den` minor units (num ≥ 0, den > 0) in major units of `scale` places, as
 * plain decimal text rounded to DECIMAL_PRECISION significant digits with `mode`.
 */
export const exactRatioToDecimal = (value: Ratio, scale: number, mode: RoundingMode): string => {
  const num = value.num;
  const den = value.den * tenTo(scale);
  if (num === 0n) return '0';
  // e = floor(log10(num / den)): the power of ten of the first significant digit.
  let e = digitsOf(num) - digitsOf(den);
  if (e >= 0 ? num < den * tenTo(e) : num * tenTo(-e) < den) e -= 1;
  // Scale the quotient so that its integer part holds exactly DECIMAL_PRECISION digits, and round once.
  const shift = Number(PRECISION) - 1 - e;
  const rounded = shift >= 0 ? divideRounded(num * tenTo(shift), den, mode) : divideRounded(num, den * tenTo(-shift), mode);
  return plain(rounded, shift);
};

/** `coefficient × 10^-shift` (coefficient > 0) as plain text without trailing fraction zeros. */
const plain = (coefficient: bigint, shift: number): string => {
  if (shift <= 0) return (coefficient * tenTo(-shift)).toString();
  const text = coefficient.toString().padStart(shift + 1, '0');
  const whole = text.slice(0, text.length - shift);
  let end = text.length;
  while (end > whole.length && text.charCodeAt(end - 1) === 48) end--;
  return end === whole.length ? whole : `${whole}.${text.slice(whole.length, end)}`;
};
