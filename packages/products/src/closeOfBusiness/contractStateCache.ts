/**
 * What a close-of-business service may keep between runs so that a contract is not read, decoded
 * and folded from its first event every night: per contract stream, the state folded up to a
 * revision. A run given a cache reads only the events after the cached revision (usually none, or
 * the day's online activity), folds them onto the cached state, and ends in exactly the state a
 * full fold gives (property-tested). The store stays the truth: the cache only saves work.
 *
 * One cache serves one store and one product (the first run binds it; another is refused), with
 * a decider whose `evolve` returns new states and leaves its input alone (the products' deciders
 * do). Entries are bounded; the oldest are dropped when the cache is full.
 */
import type { EventStore } from '@ecoledger/ledger';
import { ProductsError } from '../errors.js';
import { DEFAULT_COB_CACHE_ENTRIES } from '../limits.js';

/** A contract's state folded through `revision`. */
export interface CachedContract<State> {
  readonly revision: bigint;
  readonly state: State;
  /**
   * The greatest date named by a correlation id `cob:<product>:<date>` among the folded events (an
   * upper bound of the dates whose run already reached the contract): a run for a later date knows
   * without reading the cached events that its commands are not there yet.
   */
  readonly latestCobDate: string | undefined;
}

/** Contract states kept between close-of-business runs; see the module comment. */
export interface ContractStateCache<State> {
  get(stream: string): CachedContract<State> | undefined;
  set(stream: string, entry: CachedContract<State>): void;
  /** Binds the cache to a store and product on first use. @throws ProductsError `cob_invalid` for another. */
  bind(store: EventStore, product: string): void;
  readonly size: number;
}

/** An empty cache of at most `maxEntries` contracts (default 1,000,000). */
export const contractStateCache = <State>(maxEntries: number = DEFAULT_COB_CACHE_ENTRIES): ContractStateCache<State> => {
  if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) throw new ProductsError('cob_invalid', 'a state cache holds at least one contract');
  const entries = new Map<string, CachedContract<State>>();
  let owner: { readonly store: EventStore; readonly product: string } | undefined;
  return {
    get: (stream) => entries.get(stream),
    set: (stream, entry) => {
      // Re-inserting moves the contract to the young end, so the oldest entry is the first key.
      entries.delete(stream);
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
      entries.set(stream, entry);
    },
    bind: (store, product) => {
      if (owner === undefined) owner = { store, product };
      else if (owner.store !== store || owner.product !== product) {
        throw new ProductsError('cob_invalid', `this state cache belongs to the ${owner.product} runs of another store or product`);
      }
    },
    get size() {
      return entries.size;
    },
  };
};
