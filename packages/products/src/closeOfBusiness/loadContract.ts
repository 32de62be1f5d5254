/**
 * Loading one contract for a close-of-business date: whether the date's run already reached it,
 * and otherwise its state and where its next event goes. Without a cache the whole stream is read
 * and folded; with one, only the events after the cached revision are (see contractStateCache.ts),
 * and a date not after the cached `latestCobDate` falls back to the full read, which decides
 * "already done" exactly as before.
 */
import * as E from 'fp-ts/lib/Either.js';
import { decodeEvent, type DomainEvent, type RecordedEvent } from '@ecoledger/ledger';
import { POSTING_ATTEMPT_ABANDONED } from '../posting/abandonedAttempt.js';
import { isCobEventOf } from './cobProgress.js';
import type { CachedContract } from './contractStateCache.js';
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

/** Loads a contract for the run's date (see the module comment). */
export const loadContract = async <Command, Event extends DomainEvent, State, DecideError>(
  input: DecideContractsInput<Command, Event, State, DecideError>,
  stream: string,
): Promise<LoadedContract<State>> => {
  const cached: CachedContract<State> | undefined = input.cache?.get(stream);
  if (cached !== undefined && (cached.latestCobDate === undefined || input.date > cached.latestCobDate)) {
    const fromRevision = cached.revision + 1n;
    const newer = await input.store.readStream(stream, { fromRevision });
    // Streams only grow, so what follows the cached revision starts right after it.
    if (newer.length === 0 || newer[0]!.revision === fromRevision) {
      return foldRecorded(input, stream, { state: cached.state, nextRevision: fromRevision, latestCobDate: cached.latestCobDate }, newer);
    }
  }
  const recorded = await input.store.readStream(stream);
  return foldRecorded(input, stream, { state: input.decider.initialState(), nextRevision: 0n, latestCobDate: undefined }, recorded);
};
