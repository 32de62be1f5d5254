/**
 * Loading one contract for a close-of-business date: whether the date's run already reached it,
 * and otherwise its state and where its next event goes. Without a cache the whole stream is read
 * and folded; with one, only the events after the cached revision are (see contractStateCache.ts),
 * and a date not after the cached `latestCobDate` falls back to the full read, which decides
 * "already done" exactly as before.
 */
import * as E from 'fp-ts/lib/Either.js';
import { decodeEvent, type ActualRevision, type DomainEvent, type RecordedEvent } from '@ecoledger/ledger';
import { POSTING_ATTEMPT_ABANDONED } from '../posting/abandonedAttempt.js';
import { isCobEventOf } from './cobProgress.js';
import type { CachedContract, ContractStateCache } from './contractStateCache.js';
import type { DecideContractsInput } from './decideContracts.js';

/** A loaded contract: done for the date, or its state through `nextRevision - 1`. */
export type LoadedContract<State> =
  | { readonly done: true }
  | { readonly done: false; readonly state: State; readonly nextRevision: bigint; readonly latestCobDate: string | undefined };

const laterOf = (a: string | undefined, b: string | undefined): string | undefined => (a === undefined ? b : b === undefined || a >= b ? a : b);

/** Folds recorded events onto a state; `done` when one of them is the date's run. */
const foldRecorded = <Command, Event extends DomainEvent, State, DecideError>(
  input: DecideContractsInput<Command, Event, State, DecideError>,
  stream: string,
  start: { readonly state: State; readonly nextRevision: bigint; readonly latestCobDate: string | undefined },
  recorded: readonly RecordedEvent[],
): LoadedContract<State> => {
  if (recorded.some((event) => isCobEventOf(input.product, input.date, stream, event))) return { done: true };
  const runPrefix = `cob:${input.product}:`;
  let { state, latestCobDate } = start;
  for (const event of recorded) {
    const correlation = event.metadata.correlationId;
    if (correlation.startsWith(runPrefix)) latestCobDate = laterOf(latestCobDate, correlation.slice(runPrefix.length));
    if (event.type === POSTING_ATTEMPT_ABANDONED) continue;
    const decoded = decodeEvent(input.schemas, event);
    if (E.isLeft(decoded)) throw decoded.left;
    state = input.decider.evolve(state, decoded.right);
  }
  return { done: false, state, nextRevision: start.nextRevision + BigInt(recorded.length), latestCobDate };
};

/** The cache entry a run for `date` may start from: one whose latest run is before the date. */
export const usableEntry = <State>(cache: ContractStateCache<State> | undefined, stream: string, date: string): CachedContract<State> | undefined => {
  const cached = cache?.get(stream);
  return cached !== undefined && (cached.latestCobDate === undefined || date > cached.latestCobDate) ? cached : undefined;
};

/**
 * Loads a contract for the run's date (see the module comment). `head`, when known, is the
 * stream's last revision read for the whole chunk at once: equal to the cached revision, nothing
 * new is there and the stream is not read.
 */
export const loadContract = async <Command, Event extends DomainEvent, State, DecideError>(
  input: DecideContractsInput<Command, Event, State, DecideError>,
  stream: string,
  head?: ActualRevision,
): Promise<LoadedContract<State>> => {
  const cached = usableEntry(input.cache, stream, input.date);
  if (cached !== undefined) {
    const fromRevision = cached.revision + 1n;
    const newer = head === cached.revision ? [] : await input.store.readStream(stream, { fromRevision });
    // Streams only grow, so what follows the cached revision starts right after it.
    if (newer.length === 0 || newer[0]!.revision === fromRevision) {
      return foldRecorded(input, stream, { state: cached.state, nextRevision: fromRevision, latestCobDate: cached.latestCobDate }, newer);
    }
  }
  const recorded = await input.store.readStream(stream);
  return foldRecorded(input, stream, { state: input.decider.initialState(), nextRevision: 0n, latestCobDate: undefined }, recorded);
};
