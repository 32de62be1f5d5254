import { MoneyError } from './moneyError.js';

/** Largest supported amount in minor units: 2^127 - 1 (fits a signed 128-bit integer). */
export const MAX_MINOR: bigint = 2n ** 127n - 1n;

/** Smallest supported amount in minor units: -(2^127 - 1), so negation never overflows. */
export const MIN_MINOR: bigint = -MAX_MINOR;

/** True when `minor` lies within {@link MIN_MINOR}..{@link MAX_MINOR}. */
export const isMinorInRange = (minor: bigint): boolean => minor <= MAX_MINOR && minor >= MIN_MINOR;

/** Returns `minor`, or throws `amount_out_of_range` when outside ±(2^127 - 1). @internal */
export function checkRange(minor: bigint): bigint {
  if (minor > MAX_MINOR || minor < MIN_MINOR) {
    throw new MoneyError('amount_out_of_range', `${minor} minor units exceeds ±(2^127 - 1)`);
  }
  return minor;
}
