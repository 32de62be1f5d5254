/**
 * The loan states a loan service keeps between its close-of-business runs, so that a nightly run
 * over every active loan reads each stream only past what it already folded: one
 * `contractStateCache` for the accrual runs, one for the assessment runs (a cache serves one run
 * name), and the auto-debit step's state of a loan taken from the accrual cache plus the events
 * recorded since. The store stays the truth: a state from here equals the full fold (the caches
 * are property-tested in closeOfBusiness; this file adds only the fold past a cached revision).
 */
import * as E from 'fp-ts/lib/Either.js';
import { decodeEvent, streamRevisionsOf, type ActualRevision, type EventStore, type RecordedEvent } from '@ecoledger/ledger';
import { MAX_PRODUCT_BATCH_COMMANDS } from '../limits.js';
import { contractStateCache, type ContractStateCache } from '../closeOfBusiness/contractStateCache.js';
import { POSTING_ATTEMPT_ABANDONED } from '../posting/abandonedAttempt.js';
import type { LoanDecider } from './contract/decider.js';
import { loanEventSchemas } from './contract/events.js';
import type { LoanState } from './contract/state.js';
import { shareEqualParts } from './sharedStateParts.js';

/** The caches of a loan service's close of business, and the state of one loan from them. */
export interface LoanCloseStates {
  readonly accrue: ContractStateCache<LoanState>;
  readonly assess: ContractStateCache<LoanState>;
  /** A loan stream's state now: the accrual cache's entry and the events after it, or the whole stream. */
  readonly stateOf: (stream: string) => Promise<LoanState>;
  /**
   * The states of many loan streams now, their heads read a chunk at a time: a loan with nothing past its
   * cached revision is not read at all (on SQLite a read per loan was most of the auto-debit step).
   */
  readonly statesOf: (streams: readonly string[]) => Promise<LoanState[]>;
  /**
   * Runs a date's accrual run (`run`) and then lets the assessment cache take, for each loan whose
   * assessment state had folded everything the loan held before the run, the state the accrual run
   * left: what that run appended is its own events (and online activity, never an assessment run's
   * event, whose dates the assessment cache tracks), so the assessment run need not read the day's
   * accrual events back. The state taken is the accrual cache's, a full fold like any cached state.
   */
  readonly accrueThen: <Report>(streams: readonly string[], run: () => Promise<Report>) => Promise<Report>;
}

const foldOnto = (decider: LoanDecider, start: LoanState, recorded: readonly RecordedEvent[]): LoanState => {
  let state = start;
  for (const event of recorded) {
    if (event.type === POSTING_ATTEMPT_ABANDONED) continue;
    const decoded = decodeEvent(loanEventSchemas, event);
    if (E.isLeft(decoded)) throw decoded.left;
    state = decider.evolve(state, decoded.right);
  }
  return state;
};

/**
 * `cache`, except that a state stored in it shares its unchanged parts with the same loan's state
 * in `other` (see sharedStateParts.ts): the two caches then hold one plan, decision and
 * application a loan, not two. The stored state is equal to the one given.
 */
const sharingWith = (cache: ContractStateCache<LoanState>, other: () => ContractStateCache<LoanState>): ContractStateCache<LoanState> => ({
  get: (stream) => cache.get(stream),
  set: (stream, entry) => {
    const theirs = other().get(stream);
    cache.set(stream, theirs === undefined ? entry : { ...entry, state: shareEqualParts(entry.state, theirs.state) });
  },
  bind: (store, product) => cache.bind(store, product),
  get size() {
    return cache.size;
  },
});

/** Empty caches for a loan service on `store`; see the module comment. */
export const loanCloseStates = (store: EventStore, decider: LoanDecider): LoanCloseStates => {
  const accrue: ContractStateCache<LoanState> = sharingWith(contractStateCache<LoanState>(), () => assess);
  const assess: ContractStateCache<LoanState> = sharingWith(contractStateCache<LoanState>(), () => accrue);
  const stateOf = async (stream: string): Promise<LoanState> => {
    const cached = accrue.get(stream);
    if (cached !== undefined) {
      const fromRevision = cached.revision + 1n;
      const newer = await store.readStream(stream, { fromRevision });
      // Streams only grow, so what follows the cached revision starts right after it.
      if (newer.length === 0 || newer[0]!.revision === fromRevision) return foldOnto(decider, cached.state, newer);
    }
    return foldOnto(decider, decider.initialState(), await store.readStream(stream));
  };
  // Stream heads a chunk at a time: one query per chunk, whatever the number of loans.
  const headsOf = async (streams: readonly string[]): Promise<ActualRevision[]> => {
    const heads: ActualRevision[] = [];
    for (let start = 0; start < streams.length; start += MAX_PRODUCT_BATCH_COMMANDS) heads.push(...(await streamRevisionsOf(store, streams.slice(start, start + MAX_PRODUCT_BATCH_COMMANDS))));
    return heads;
  };
  return {
    accrue,
    assess,
    stateOf,
    statesOf: async (streams) => {
      const heads = await headsOf(streams);
      const states: LoanState[] = [];
      for (const [index, stream] of streams.entries()) {
        const cached = accrue.get(stream);
        states.push(cached !== undefined && heads[index] === cached.revision ? cached.state : await stateOf(stream));
      }
      return states;
    },
    accrueThen: async (streams, run) => {
      const heads = await headsOf(streams);
      const report = await run();
      for (const [index, stream] of streams.entries()) {
        const before = heads[index]!;
        const assessed = assess.get(stream);
        const accrued = accrue.get(stream);
        if (before === 'no_stream' || assessed === undefined || accrued === undefined || assessed.revision !== before || accrued.revision <= before) continue;
        assess.set(stream, { revision: accrued.revision, state: accrued.state, latestCobDate: assessed.latestCobDate });
      }
      return report;
    },
  };
};
