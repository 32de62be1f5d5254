import { divideRounded, ratioOf, toPlainString, type RoundingMode } from '@ecoledger/ledger';
import { exactRatioToDecimal } from './exactDecimal.js';

// Interest is a product of exact fractions (a principal, a rate in percent, days ÷ basis): it is
// carried as a bigint fraction and rounded once, with a named mode, by the ledger's divideRounded.
// Term-deposit compounding rounds each period to fixed point instead (see termDeposit.ts).

/** An exact non-negative fraction `num / den` of minor units (den > 0). @internal */
export interface Ratio {
  readonly num: bigint;
  readonly den: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => {
  let [x, y] = [a < 0n ? -a : a, b];
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
};

/** The fraction in lowest terms, so that summing ACT/ACT terms does not grow the numbers needlessly. */
export const reduce = ({ num, den }: Ratio): Ratio => {
  const g = gcd(num, den);
  return g <= 1n ? { num, den } : { num: num / g, den: den / g };
};

export const ratio = (num: bigint, den = 1n): Ratio => reduce({ num, den });
export const addRatio = (a: Ratio, b: Ratio): Ratio => reduce({ num: a.num * b.den + b.num * a.den, den: a.den * b.den });

/** Whole minor units, rounded once with the named mode. */
export const roundRatio = (value: Ratio, mode: RoundingMode): bigint => divideRounded(value.num, value.den, mode);

/**
 * Minor units as a decimal string of major units (scale places), exact when the fraction
 * terminates within the ledger's DECIMAL_PRECISION (60) significant digits, otherwise rounded
 * there with `mode`.
 */
export const ratioToDecimal = (value: Ratio, scale: number, mode: RoundingMode): string =>
  value.num >= 0n && value.den > 0n ? exactRatioToDecimal(value, scale, mode) : decimalJsRatioToDecimal(value, scale, mode);

/** {@link ratioToDecimal} through the ledger's decimal calculator: the reference the bigint path is tested against. @internal */
export const decimalJsRatioToDecimal = (value: Ratio, scale: number, mode: RoundingMode): string => {
  return toPlainString(ratioOf(value.num, value.den * 10n ** BigInt(scale), mode));
};
