import { assertScale } from './asset.js';
import { MoneyError, describe } from './moneyError.js';
import { MAX_MINOR, MIN_MINOR } from './range.js';

// Hot path: called on every transfer. A single left-to-right scan (no regex, no Decimal) validates
// and locates the parts; BigInt does the conversion. Only failures take the slower classifying path.

const ZEROS = '000000000000000000'; // MAX_SCALE zeros, sliced for padding
const MAX_INT_DIGITS = MAX_MINOR.toString().length; // 39: more integer digits is always out of range

const isDigit = (c: number): boolean => c >= 48 && c <= 57; // '0'..'9'

/**
 * Parses a decimal string of major units into integer minor units of the given scale, exactly.
 *
 * Accepted form: `-?(0|[1-9][0-9]*)(\.[0-9]{1,scale})?` except negative zero — an optional minus,
 * an integer part without leading zeros, and optionally a point followed by 1..scale digits. For scale 2,
 * "1.50", "1.5", "0.05" and "-3" are accepted; "+1", " 1", "01", "00.5", ".5", "1.", "1,5", "1.505",
 * "-0", "-0.00" and "" are not. Trailing zeros beyond the scale ("1.500") are rejected too:
 * digits past the scale are never silently dropped. This is the codecs' DecimalString grammar
 * plus the scale limit.
 *
 * @throws MoneyError `amount_exponent_notation` ("1e5"), `amount_not_finite` ("NaN", "Infinity"),
 *   `amount_too_many_decimals`, `amount_out_of_range` (beyond ±(2^127 - 1) minor units),
 *   `amount_malformed` (anything else), `asset_invalid` (scale not an integer 0..18).
 */
export function decimalToMinor(value: string, scale: number): bigint {
  assertScale(scale);
  if (typeof value !== 'string') throw new MoneyError('amount_not_string_or_bigint', describe(value));
  const len = value.length;
  let i = 0;
  const negative = len > 0 && value.charCodeAt(0) === 45; // '-'
  if (negative) i = 1;
  const intStart = i;
  while (i < len && isDigit(value.charCodeAt(i))) i++;
  const intEnd = i;
  const intLen = intEnd - intStart;
  if (intLen === 0 || (intLen > 1 && value.charCodeAt(intStart) === 48)) throw classifyFailure(value);
  let fracStart = i;
  if (i < len) {
    if (value.charCodeAt(i) !== 46) throw classifyFailure(value); // '.'
    fracStart = ++i;
    while (i < len && isDigit(value.charCodeAt(i))) i++;
    if (i === fracStart || i !== len) throw classifyFailure(value);
  }
  const fracLen = len - fracStart;
  if (fracLen > scale) {
    throw new MoneyError('amount_too_many_decimals', `${describe(value)} has ${fracLen} decimals, scale is ${scale}`);
  }
  if (intLen > MAX_INT_DIGITS) throw outOfRange(value);
  const digits = value.slice(intStart, intEnd) + value.slice(fracStart) + ZEROS.slice(0, scale - fracLen);
  const magnitude = BigInt(digits);
  // "-0" / "-0.00": one spelling per amount, as the DecimalString codec requires.
  if (negative && magnitude === 0n) throw new MoneyError('amount_malformed', `negative zero ${describe(value)}`);
  const minor = negative ? -magnitude : magnitude;
  if (minor > MAX_MINOR || minor < MIN_MINOR) throw outOfRange(value);
  return minor;
}

/**
 * Formats integer minor units as the canonical decimal string of major units: an optional minus,
 * no leading zeros, and exactly `scale` decimals (150n, 2 → "1.50"; -5n, 2 → "-0.05"; 15n, 0 → "15").
 * `decimalToMinor(minorToDecimal(x, s), s) === x` for every in-range x.
 * @throws MoneyError `asset_invalid` (bad scale), `amount_not_string_or_bigint` (minor not a bigint).
 */
export function minorToDecimal(minor: bigint, scale: number): string {
  assertScale(scale);
  if (typeof minor !== 'bigint') {
    const code = typeof minor === 'number' ? 'amount_is_number' : 'amount_not_string_or_bigint';
    throw new MoneyError(code, describe(minor));
  }
  const negative = minor < 0n;
  let digits = (negative ? -minor : minor).toString();
  const sign = negative ? '-' : '';
  if (scale === 0) return sign + digits;
  if (digits.length <= scale) digits = ZEROS.slice(0, scale + 1 - digits.length) + digits;
  const cut = digits.length - scale;
  return `${sign}${digits.slice(0, cut)}.${digits.slice(cut)}`;
}

// Failure classification (cold path). The patterns have no nested or overlapping quantifiers,
// so matching stays linear even for hostile input.
const NOT_FINITE = /^[+-]?(?:nan|inf|infinity)$/i;
const EXPONENT = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)[eE][+-]?[0-9]+$/;

/**
 * Why a string is not a plain decimal: `amount_not_finite` ("NaN"), `amount_exponent_notation`
 * ("1e5") or `amount_malformed` (anything else). Only meaningful for a string that failed to parse.
 * @internal
 */
export const decimalFormProblem = (value: string): 'amount_not_finite' | 'amount_exponent_notation' | 'amount_malformed' =>
  NOT_FINITE.test(value) ? 'amount_not_finite' : EXPONENT.test(value) ? 'amount_exponent_notation' : 'amount_malformed';

function classifyFailure(value: string): MoneyError {
  return new MoneyError(decimalFormProblem(value), describe(value));
}

const outOfRange = (value: string): MoneyError =>
  new MoneyError('amount_out_of_range', `${describe(value)} exceeds ±(2^127 - 1) minor units`);
