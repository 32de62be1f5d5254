import { Decimal as DecimalJs } from 'decimal.js';
import { assertScale } from './asset.js';
import { MoneyError, describe } from './moneyError.js';
import { DEFAULT_ROUNDING, assertRoundingMode, divideRounded, type RoundingMode } from './rounding.js';
import { MAX_FACTOR_LENGTH, FRACTION_CACHE_SIZE, MAX_POWER_EXPONENT } from '../limits.js';

// The only module that touches decimal.js. Money math is done exactly in bigint wherever possible:
// a decimal factor f = coef / 10^exp, so minor * f is one bigint division with one named rounding.
// decimal.js is used only where a result is not a finite decimal (ratios, negative powers) or
// would be huge (large powers); there it rounds to PRECISION significant digits with a named mode.

/** An arbitrary-precision decimal (a decimal.js instance) for rates, ratios and powers. */
export type Decimal = DecimalJs;

/** Significant digits kept by inexact Decimal results (ratios, negative or large powers). */
export const DECIMAL_PRECISION = 60;

const DECIMAL_ROUNDING: { readonly [M in RoundingMode]: DecimalJs.Rounding } = {
  'half-even': DecimalJs.ROUND_HALF_EVEN,
  'half-up': DecimalJs.ROUND_HALF_UP,
  'half-down': DecimalJs.ROUND_HALF_DOWN,
  down: DecimalJs.ROUND_DOWN,
  up: DecimalJs.ROUND_UP,
  floor: DecimalJs.ROUND_FLOOR,
  ceiling: DecimalJs.ROUND_CEIL,
};

// Private constructors, one per rounding mode, so no operation depends on (or changes) the
// global Decimal configuration. Exponent limits are maxed so toString never uses exponent notation.
const makeCtor = (mode: RoundingMode): typeof DecimalJs =>
  DecimalJs.clone({
    precision: DECIMAL_PRECISION,
    rounding: DECIMAL_ROUNDING[mode],
    toExpNeg: -9e15,
    toExpPos: 9e15,
    minE: -9e15,
    maxE: 9e15,
    crypto: false,
  });
const CTORS = new Map<RoundingMode, typeof DecimalJs>();
const ctorFor = (mode: RoundingMode): typeof DecimalJs => {
  assertRoundingMode(mode);
  let ctor = CTORS.get(mode);
  if (ctor === undefined) {
    ctor = makeCtor(mode);
    CTORS.set(mode, ctor);
  }
  return ctor;
};
/** Results are handed out as instances of the default (half-even) constructor. */
const Dec = ctorFor(DEFAULT_ROUNDING);

/** decimal.js rounding constant for a rounding mode. @internal */
export const decimalRounding = (mode: RoundingMode): DecimalJs.Rounding => {
  assertRoundingMode(mode);
  return DECIMAL_ROUNDING[mode];
};

/** Longest accepted decimal string for a factor, rate or ratio. */

// No nested or overlapping quantifiers: linear time on any input.
const PLAIN_DECIMAL = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/;

/** A finite decimal as an exact fraction: value = coef / 10^exp, exp ≥ 0. */
interface Fraction {
  readonly coef: bigint;
  readonly exp: number;
}

function plainToFraction(plain: string): Fraction {
  const point = plain.indexOf('.');
  if (point < 0) return { coef: BigInt(plain), exp: 0 };
  return { coef: BigInt(plain.slice(0, point) + plain.slice(point + 1)), exp: plain.length - point - 1 };
}

function checkedPlain(value: string): string {
  if (value.length > MAX_FACTOR_LENGTH || !PLAIN_DECIMAL.test(value)) {
    throw new MoneyError('factor_invalid', `${describe(value)} is not a plain decimal string`);
  }
  return value;
}

// Rates repeat (a fee schedule has a handful): parsed fractions of recent rate strings are kept.
const fractionCache = new Map<string, Fraction>();

function fractionOf(value: string | bigint | Decimal): Fraction {
  if (typeof value === 'bigint') return { coef: value, exp: 0 };
  if (typeof value === 'string') {
    const cached = fractionCache.get(value);
    if (cached !== undefined) return cached;
    const fraction = plainToFraction(checkedPlain(value));
    if (fractionCache.size >= FRACTION_CACHE_SIZE) fractionCache.clear();
    fractionCache.set(value, fraction);
    return fraction;
  }
  return plainToFraction(toDecimal(value).toFixed());
}

const POW10: bigint[] = [];
function pow10(exp: number): bigint {
  if (exp < 64) return (POW10[exp] ??= 10n ** BigInt(exp));
  return 10n ** BigInt(exp);
}

/** Plain-notation string of coef / 10^exp, for building an exact Decimal. */
function fractionToPlain({ coef, exp }: Fraction): string {
  const negative = coef < 0n;
  let digits = (negative ? -coef : coef).toString();
  if (exp > 0) {
    if (digits.length <= exp) digits = '0'.repeat(exp + 1 - digits.length) + digits;
    digits = `${digits.slice(0, digits.length - exp)}.${digits.slice(digits.length - exp)}`;
  }
  return negative ? `-${digits}` : digits;
}

/**
 * Converts a plain decimal string ("0.0035", "-12"), a bigint or a Decimal to this module's Decimal.
 * @throws MoneyError `factor_invalid` for JS numbers, exponent notation ("1e5"), "NaN", "Infinity",
 *   anything else that is not `-?(0|[1-9][0-9]*)(\.[0-9]+)?` (max 1000 chars), or a non-finite Decimal.
 */
export function toDecimal(value: string | bigint | Decimal): Decimal {
  if (typeof value === 'bigint') return new Dec(value.toString());
  if (typeof value === 'string') return new Dec(checkedPlain(value));
  if (DecimalJs.isDecimal(value)) {
    if (!value.isFinite()) throw new MoneyError('factor_invalid', `Decimal ${value.toString()}`);
    // Copying is exact; it rebinds foreign instances (other clones, global Decimal) to our config.
    return value.constructor === Dec ? value : new Dec(value);
  }
  throw new MoneyError(
    'factor_invalid',
    typeof value === 'number' ? `JS number ${describe(value)}; pass a decimal string` : describe(value),
  );
}

/** Plain-notation string of a Decimal (never exponent notation), e.g. for storing a rate. */
export const toPlainString = (value: Decimal): string => toDecimal(value).toFixed();

/**
 * `minor × factor`, rounded once with `mode` to an integer number of minor units. Exact: the factor
 * is taken as the exact fraction it denotes, so no precision is lost before the single rounding.
 * @throws MoneyError `factor_invalid`, `rounding_mode_unknown`.
 */
export function multiplyMinor(
  minor: bigint,
  factor: string | bigint | Decimal,
  mode: RoundingMode = DEFAULT_ROUNDING,
): bigint {
  const { coef, exp } = fractionOf(factor);
  return divideRounded(minor * coef, pow10(exp), mode);
}

/**
 * `minor ÷ divisor`, rounded once with `mode` to an integer number of minor units (exact, like
 * {@link multiplyMinor}). @throws MoneyError `division_by_zero`, `factor_invalid`, `rounding_mode_unknown`.
 */
export function divideMinor(
  minor: bigint,
  divisor: string | bigint | Decimal,
  mode: RoundingMode = DEFAULT_ROUNDING,
): bigint {
  const { coef, exp } = fractionOf(divisor);
  if (coef === 0n) throw new MoneyError('division_by_zero', `${minor} ÷ 0`);
  return divideRounded(minor * pow10(exp), coef, mode);
}

/** Largest |exponent| accepted by {@link power}: a count of periods, e.g. days over ~2700 years. */
export { MAX_POWER_EXPONENT };
// Above this many digits the exact bigint power is abandoned for decimal.js's rounded pow.
const EXACT_POWER_DIGITS = 4000;

/**
 * `base ^ exponent` for an integer exponent, e.g. the compound factor (1 + r)^n.
 * Positive powers are exact when the result has at most a few thousand digits, otherwise rounded
 * to {@link DECIMAL_PRECISION} significant digits with `mode`; negative powers are 1 / base^|n|
 * rounded the same way. `x^0` is 1 (including 0^0).
 * @throws MoneyError `factor_invalid` (bad base, non-integer or too large exponent, overflow),
 *   `division_by_zero` (0 to a negative power).
 */
export function power(
  base: string | bigint | Decimal,
  exponent: bigint | number,
  mode: RoundingMode = DEFAULT_ROUNDING,
): Decimal {
  const Ctor = ctorFor(mode);
  const n = exponentOf(exponent);
  const b = fractionOf(base);
  if (n === 0) return new Dec(1);
  if (b.coef === 0n) {
    if (n < 0) throw new MoneyError('division_by_zero', '0 to a negative power');
    return new Dec(0);
  }
  const k = Math.abs(n);
  const digits = (b.coef < 0n ? -b.coef : b.coef).toString().length;
  let result: Decimal;
  if (digits * k <= EXACT_POWER_DIGITS) {
    const exact = new Ctor(fractionToPlain({ coef: b.coef ** BigInt(k), exp: b.exp * k }));
    result = n > 0 ? exact : new Ctor(1).div(exact);
  } else {
    result = Ctor.pow(new Ctor(fractionToPlain(b)), n);
  }
  if (!result.isFinite() || (result.isZero() && n < 0)) {
    throw new MoneyError('factor_invalid', 'power overflows the decimal range');
  }
  return new Dec(result);
}

function exponentOf(exponent: bigint | number): number {
  const ok =
    typeof exponent === 'bigint'
      ? exponent <= BigInt(MAX_POWER_EXPONENT) && exponent >= -BigInt(MAX_POWER_EXPONENT)
      : Number.isSafeInteger(exponent) && Math.abs(exponent) <= MAX_POWER_EXPONENT;
  if (!ok) {
    throw new MoneyError('factor_invalid', `exponent ${describe(exponent)} is not an integer within ±${MAX_POWER_EXPONENT}`);
  }
  return Number(exponent);
}

/**
 * `a / b` as a Decimal rounded to {@link DECIMAL_PRECISION} significant digits with `mode`.
 * @throws MoneyError `division_by_zero`.
 */
export function ratioOf(a: bigint, b: bigint, mode: RoundingMode = DEFAULT_ROUNDING): Decimal {
  if (typeof a !== 'bigint' || typeof b !== 'bigint') throw new MoneyError('factor_invalid', 'ratioOf takes bigints');
  if (b === 0n) throw new MoneyError('division_by_zero', `${a} / 0`);
  const Ctor = ctorFor(mode);
  return new Dec(new Ctor(a.toString()).div(b.toString()));
}

/**
 * Rounds a value in major units to integer minor units of `scale` with `mode`
 * (roundToScale("1.005", 2, "half-up") === 101n). Exact: one rounding, no intermediate precision loss.
 * @throws MoneyError `factor_invalid`, `asset_invalid` (bad scale), `rounding_mode_unknown`.
 */
export function roundToScale(
  value: string | bigint | Decimal,
  scale: number,
  mode: RoundingMode = DEFAULT_ROUNDING,
): bigint {
  assertScale(scale);
  const { coef, exp } = fractionOf(value);
  if (exp <= scale) {
    assertRoundingMode(mode);
    return coef * pow10(scale - exp);
  }
  return divideRounded(coef, pow10(exp - scale), mode);
}
