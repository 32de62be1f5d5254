/**
 * The greedy core of every waterfall: an amount poured into slots in order, each slot taking what
 * it is owed or what is left, whichever is less. Exact in minor units; nothing is lost.
 */

/** What each slot took and what was left over. @internal */
export interface Filled {
  readonly taken: readonly bigint[];
  readonly left: bigint;
}

/** Pours `amount` (minor units, ≥ 0) into slots owed `owed[i]` (≥ 0), first slot first. @internal */
export function fill(amount: bigint, owed: readonly bigint[]): Filled {
  let left = amount;
  const taken = owed.map((owing) => {
    const take = owing < left ? owing : left;
    left -= take;
    return take;
  });
  return { taken, left };
}
