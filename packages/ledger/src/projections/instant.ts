/**
 * Instants for "as of" queries. Book timestamps are nanosecond counts since the Unix epoch, so a
 * query takes either such a bigint or a `Date` (millisecond precision, converted exactly).
 */

/** A nanosecond instant, or a `Date`. */
export type Instant = bigint | Date;

const NANOS_PER_MILLI = 1_000_000n;

/** The nanosecond count of an instant. @throws RangeError for an invalid `Date`. */
export const nanosOf = (instant: Instant): bigint => {
  if (typeof instant === 'bigint') return instant;
  const millis = instant.getTime();
  if (!Number.isFinite(millis)) throw new RangeError('invalid Date');
  return BigInt(millis) * NANOS_PER_MILLI;
};

/**
 * How many leading items of `items` have `timestampOf(item) <= instant`, by binary search.
 * `items` must be sorted by timestamp (ties allowed: several expiries of one batch share one).
 */
export const countAtOrBefore = <T>(items: readonly T[], instant: bigint, timestampOf: (item: T) => bigint): number => {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (timestampOf(items[middle] as T) <= instant) low = middle + 1;
    else high = middle;
  }
  return low;
};
