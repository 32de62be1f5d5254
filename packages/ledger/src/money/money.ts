import * as E from 'fp-ts/lib/Either.js';
import { assertScale, sameAsset, type Asset } from './asset.js';
import type { AssetRegistry } from './assetRegistry.js';
import { divideMinor, multiplyMinor, type Decimal } from './calculator.js';
import { decimalToMinor, minorToDecimal } from './decimalString.js';
import { MoneyError, attempt, describe } from './moneyError.js';
import { checkRange } from './range.js';
import { DEFAULT_ROUNDING, type RoundingMode } from './rounding.js';

/**
 * An exact amount of an asset: an integer count of minor units (fen, cents, points) as a bigint.
 * Values are frozen plain objects; every operation returns a new one. Amounts stay within
 * ±(2^127 - 1) minor units. Note `JSON.stringify` cannot encode a bigint: use {@link toJSON}.
 */
export interface Money<Code extends string = string> {
  readonly asset: Asset<Code>;
  readonly minor: bigint;
}

/** The JSON form of money: the canonical decimal string and the asset code. */
export interface MoneyJSON {
  readonly amount: string;
  readonly asset: string;
}

// Internal constructor: the caller guarantees minor is a bigint and asset is valid.
const make = <C extends string>(minor: bigint, asset: Asset<C>): Money<C> =>
  Object.freeze({ asset, minor: checkRange(minor) });

/** Converts an untrusted amount (decimal string of major units, or bigint of minor units) to minor units. */
function amountToMinor(amount: unknown, scale: number): bigint {
  switch (typeof amount) {
    case 'string':
      return decimalToMinor(amount, scale);
    case 'bigint':
      return checkRange(amount);
    case 'number':
      throw new MoneyError(Number.isFinite(amount) ? 'amount_is_number' : 'amount_not_finite', describe(amount));
    default:
      throw new MoneyError('amount_not_string_or_bigint', describe(amount));
  }
}

/**
 * Money from a decimal string of major units (`money('12.34', CNY)`) or a bigint of minor units
 * (`money(1234n, CNY)`). See {@link decimalToMinor} for the accepted string form.
 * @throws MoneyError with the precise amount_* code; {@link parseMoney} is the non-throwing variant.
 */
export function money<C extends string>(amount: string | bigint, asset: Asset<C>): Money<C> {
  assertScale(asset.scale);
  return make(amountToMinor(amount, asset.scale), asset);
}

/**
 * Validates an untrusted amount (e.g. from a request body) as money of `asset`. Left on: JS numbers
 * (`amount_is_number`, or `amount_not_finite` for NaN/±Infinity), other non-string non-bigint values
 * (`amount_not_string_or_bigint`), and every {@link decimalToMinor} failure. Never throws on bad input.
 */
export function parseMoney<C extends string>(amount: unknown, asset: Asset<C>): E.Either<MoneyError, Money<C>> {
  return attempt(() => money(amount as string, asset));
}

/** Money from integer minor units. @throws MoneyError `amount_out_of_range`, `amount_not_string_or_bigint`. */
export function fromMinor<C extends string>(minor: bigint, asset: Asset<C>): Money<C> {
  assertScale(asset.scale);
  if (typeof minor !== 'bigint') {
    const code = typeof minor === 'number' ? 'amount_is_number' : 'amount_not_string_or_bigint';
    throw new MoneyError(code, describe(minor));
  }
  return make(minor, asset);
}

/** Zero of `asset`. */
export function zero<C extends string>(asset: Asset<C>): Money<C> {
  assertScale(asset.scale);
  return make(0n, asset);
}

// ---------------------------------------------------------------------------------------------
// Arithmetic. Two-operand functions use NoInfer so the second operand cannot widen the asset code:
// add(cny, usd) is a compile error when both codes are literal types, and asset_mismatch at runtime.

function assertSameAsset(a: Money, b: Money): void {
  if (!sameAsset(a.asset, b.asset)) {
    throw new MoneyError(
      'asset_mismatch',
      `${a.asset.code} (scale ${a.asset.scale}) vs ${b.asset.code} (scale ${b.asset.scale})`,
    );
  }
}

/** a + b. @throws MoneyError `asset_mismatch`, `amount_out_of_range`. */
export function add<C extends string>(a: Money<C>, b: Money<NoInfer<C>>): Money<C> {
  assertSameAsset(a, b);
  return make(a.minor + b.minor, a.asset);
}

/** a − b. @throws MoneyError `asset_mismatch`, `amount_out_of_range`. */
export function subtract<C extends string>(a: Money<C>, b: Money<NoInfer<C>>): Money<C> {
  assertSameAsset(a, b);
  return make(a.minor - b.minor, a.asset);
}

/** −m. */
export const negate = <C extends string>(m: Money<C>): Money<C> => make(-m.minor, m.asset);

/** |m|. */
export const abs = <C extends string>(m: Money<C>): Money<C> => (m.minor < 0n ? make(-m.minor, m.asset) : m);

/**
 * m × factor, rounded once to minor units with `mode` (default half-even). The factor is a plain
 * decimal string ("1.5"), a bigint or a Decimal, taken exactly.
 * @throws MoneyError `factor_invalid`, `amount_out_of_range`, `rounding_mode_unknown`.
 */
export function multiply<C extends string>(
  m: Money<C>,
  factor: string | bigint | Decimal,
  mode: RoundingMode = DEFAULT_ROUNDING,
): Money<C> {
  return make(multiplyMinor(m.minor, factor, mode), m.asset);
}

/**
 * m ÷ divisor, rounded once to minor units with `mode` (default half-even).
 * @throws MoneyError `division_by_zero`, `factor_invalid`, `amount_out_of_range`, `rounding_mode_unknown`.
 */
export function divide<C extends string>(
  m: Money<C>,
  divisor: string | bigint | Decimal,
  mode: RoundingMode = DEFAULT_ROUNDING,
): Money<C> {
  return make(divideMinor(m.minor, divisor, mode), m.asset);
}

/**
 * The amount a rate yields on m, e.g. a 0.35% fee: `applyRate(m, '0.0035', 'half-up')`.
 * Rounded once to minor units with `mode` (default half-even).
 * @throws MoneyError `factor_invalid`, `amount_out_of_range`, `rounding_mode_unknown`.
 */
export function applyRate<C extends string>(
  m: Money<C>,
  rate: string | Decimal,
  mode: RoundingMode = DEFAULT_ROUNDING,
): Money<C> {
  return make(multiplyMinor(m.minor, rate, mode), m.asset);
}

/**
 * Sum of `list`, all of `asset`; zero for an empty list.
 * @throws MoneyError `asset_mismatch`, `amount_out_of_range`.
 */
export function sum<C extends string>(asset: Asset<C>, list: readonly Money<NoInfer<C>>[]): Money<C> {
  const total = zero(asset);
  let minor = 0n;
  for (const m of list) {
    assertSameAsset(total, m);
    minor += m.minor;
  }
  // Only the total must be in range; intermediate bigint sums cannot overflow.
  return make(minor, asset);
}

// ---------------------------------------------------------------------------------------------
// Comparison. Comparing different assets is a bug, not "unequal": it throws asset_mismatch.

/** -1, 0 or 1 as a is less than, equal to or greater than b. @throws MoneyError `asset_mismatch`. */
export function compare<C extends string>(a: Money<C>, b: Money<NoInfer<C>>): -1 | 0 | 1 {
  assertSameAsset(a, b);
  return a.minor < b.minor ? -1 : a.minor > b.minor ? 1 : 0;
}

/** a = b (same asset required). @throws MoneyError `asset_mismatch`. */
export const equals = <C extends string>(a: Money<C>, b: Money<NoInfer<C>>): boolean => compare(a, b) === 0;

/** a < b. @throws MoneyError `asset_mismatch`. */
export const lessThan = <C extends string>(a: Money<C>, b: Money<NoInfer<C>>): boolean => compare(a, b) < 0;

/** a > b. @throws MoneyError `asset_mismatch`. */
export const greaterThan = <C extends string>(a: Money<C>, b: Money<NoInfer<C>>): boolean => compare(a, b) > 0;

/** m = 0. */
export const isZero = (m: Money): boolean => m.minor === 0n;

/** m > 0. */
export const isPositive = (m: Money): boolean => m.minor > 0n;

/** m < 0. */
export const isNegative = (m: Money): boolean => m.minor < 0n;

/** The smallest of the arguments (the first on ties). @throws MoneyError `asset_mismatch`. */
export function min<C extends string>(first: Money<C>, ...rest: readonly Money<NoInfer<C>>[]): Money<C> {
  let best: Money<C> = first;
  for (const m of rest) if (compare(m, best) < 0) best = m;
  return best;
}

/** The largest of the arguments (the first on ties). @throws MoneyError `asset_mismatch`. */
export function max<C extends string>(first: Money<C>, ...rest: readonly Money<NoInfer<C>>[]): Money<C> {
  let best: Money<C> = first;
  for (const m of rest) if (compare(m, best) > 0) best = m;
  return best;
}

// ---------------------------------------------------------------------------------------------
// Formatting and serialization.

/** Canonical decimal string of major units with exactly `scale` decimals ("1.50", "-0.05", JPY "15"). */
export const toDecimalString = (m: Money): string => minorToDecimal(m.minor, m.asset.scale);

/** JSON form `{ amount: "1.50", asset: "CNY" }`; the amount is canonical, so output is stable. */
export const toJSON = (m: Money): MoneyJSON => ({ amount: toDecimalString(m), asset: m.asset.code });

/** JSON text of {@link toJSON}: `{"amount":"1.50","asset":"CNY"}` (fixed key order). */
export const serializeMoney = (m: Money): string => JSON.stringify(toJSON(m));

/**
 * Reads money from its JSON form, given either as the parsed object or as JSON text, resolving the
 * asset through `registry`. Extra fields are ignored. Left `money_json_invalid` for a wrong shape or
 * bad JSON text, `asset_unknown`, or any amount_* code. `deserializeMoney(serializeMoney(m), r)`
 * equals m, and serializing a deserialized canonical JSON text reproduces it exactly.
 */
export function deserializeMoney(json: unknown, registry: AssetRegistry): E.Either<MoneyError, Money> {
  let value = json;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return E.left(new MoneyError('money_json_invalid', `not JSON: ${describe(json)}`));
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return E.left(new MoneyError('money_json_invalid', describe(value)));
  }
  // Own data only: never pick up amount/asset from a prototype.
  const amount: unknown = Object.hasOwn(value, 'amount') ? (value as { amount: unknown }).amount : undefined;
  const asset: unknown = Object.hasOwn(value, 'asset') ? (value as { asset: unknown }).asset : undefined;
  if (typeof asset !== 'string' || typeof amount !== 'string') {
    return E.left(new MoneyError('money_json_invalid', `amount ${describe(amount)}, asset ${describe(asset)}`));
  }
  const resolved = registry.resolve(asset);
  return E.isLeft(resolved) ? resolved : parseMoney(amount, resolved.right);
}
