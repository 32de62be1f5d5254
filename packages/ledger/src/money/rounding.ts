import { MoneyError, describe } from './moneyError.js';

/**
 * How to round a value that falls between two representable results.
 * - `half-even`: nearest, ties to the even neighbour (banker's rounding; unbiased).
 * - `half-up`: nearest, ties away from zero (2.5 → 3, -2.5 → -3).
 * - `half-down`: nearest, ties toward zero (2.5 → 2, -2.5 → -2).
 * - `down`: toward zero (truncate). `up`: away from zero.
 * - `floor`: toward -∞. `ceiling`: toward +∞.
 */
export type RoundingMode = 'half-even' | 'half-up' | 'half-down' | 'down' | 'up' | 'floor' | 'ceiling';

/** Every rounding mode, for validation and exhaustive tests. */
export const ROUNDING_MODES: readonly RoundingMode[] = Object.freeze([
  'half-even',
  'half-up',
  'half-down',
  'down',
  'up',
  'floor',
  'ceiling',
]);

/** The mode used when a caller names none: banker's rounding, the unbiased choice for ledgers. */
export const DEFAULT_ROUNDING: RoundingMode = 'half-even';

/** True when `u` is one of {@link ROUNDING_MODES}. */
export const isRoundingMode = (u: unknown): u is RoundingMode =>
  typeof u === 'string' && (ROUNDING_MODES as readonly string[]).includes(u);

/** Throws `rounding_mode_unknown` unless `u` is a rounding mode (guards untyped callers). */
export function assertRoundingMode(u: unknown): asserts u is RoundingMode {
  if (!isRoundingMode(u)) throw new MoneyError('rounding_mode_unknown', describe(u));
}

/**
 * `numerator / denominator` rounded to an integer with `mode`, computed exactly in bigint
 * (correct for every sign combination). Throws `division_by_zero` when the denominator is 0n.
 */
export function divideRounded(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  if (denominator === 0n) throw new MoneyError('division_by_zero');
  // Normalise to a positive denominator so the sign of the quotient is the sign of n.
  let n = numerator;
  let d = denominator;
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const q = n / d; // bigint division truncates toward zero
  const r = n % d; // same sign as n
  if (r === 0n) {
    assertRoundingMode(mode);
    return q;
  }
  const away = n < 0n ? q - 1n : q + 1n;
  switch (mode) {
    case 'down':
      return q;
    case 'up':
      return away;
    case 'floor':
      return n < 0n ? away : q;
    case 'ceiling':
      return n > 0n ? away : q;
    case 'half-up':
    case 'half-down':
    case 'half-even': {
      const twice = (r < 0n ? -r : r) * 2n;
      if (twice > d) return away;
      if (twice < d) return q;
      // Exact tie.
      if (mode === 'half-up') return away;
      if (mode === 'half-down') return q;
      return q % 2n === 0n ? q : away;
    }
    default:
      throw new MoneyError('rounding_mode_unknown', describe(mode));
  }
}
