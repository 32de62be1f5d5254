/**
 * The in-memory {@link EventStore}: the reference adapter for tests and single-process use.
 * Storage is one array of frozen records (the global log) plus, per stream, the list of its
 * log indexes, so appends cost O(batch) and reads by position use binary search.
 */
import type { Json, RecordedEvent } from './envelope.js';
import type { ActualRevision, AppendResult, EventStore, ExpectedRevision, MultiAppendResult, Subscription } from './eventStore.js';
import { DuplicateEventIdError, InvalidArgumentError, StoreClosedError } from './errors.js';
import { revisionFromCount } from './expectedRevision.js';
import { noReplay, replayCheckOfTail, replayOffset, resolveAppend, type ReplayCheck } from './idempotentReplay.js';
import { validateAppendMany } from './multiAppendArguments.js';
import { decideMultiAppend, multiAppendResult, type StreamCheck } from './multiAppendDecision.js';
import {
  validateAppend,
  validateReadAllOptions,
  validateReadStreamOptions,
  validateStreamName,
  type ValidEnvelope,
} from './storeArguments.js';
import { createRunningSubscriptions } from './runningSubscriptions.js';
import { validateStreamNames } from './streamRevisions.js';
import { flattenStrings, interned, internedRecord } from './flatStrings.js';
import { waitForWakeUp, wakeAll, type WakeUps } from './wakeUps.js';

type StoredEvent = RecordedEvent<string, Json>;

/** Revisions below this are shared bigints (most streams are short): a bigint is a heap object of its own. */
const SHARED_REVISIONS = 4_096;
const sharedRevisions: readonly bigint[] = Array.from({ length: SHARED_REVISIONS }, (_, i) => BigInt(i));
const revisionAt = (index: number): bigint => (index < SHARED_REVISIONS ? (sharedRevisions[index] as bigint) : BigInt(index));

/**
 * The data behind in-memory stores. Passing one storage to several `createInMemoryEventStore`
 * calls simulates a restart: close the store, create another over the same storage.
 */
export interface InMemoryStorage {
  readonly positionStep: bigint;
  /** The global log, in position order. */
  readonly log: StoredEvent[];
  /** Per stream, the log indexes of its events in revision order. */
  readonly streams: Map<string, number[]>;
  readonly logIndexById: Map<string, number>;
  /** Wake-ups of subscriptions waiting for new events, from any store over this storage. */
  readonly waiters: WakeUps;
  nextPosition: bigint;
}

/** Creates empty storage; `positionStep` (default `1n`) is the gap between consecutive positions. */
export const createInMemoryStorage = (options: { readonly positionStep?: bigint } = {}): InMemoryStorage => {
  const positionStep = options.positionStep ?? 1n;
  if (typeof positionStep !== 'bigint' || positionStep < 1n) {
    throw new InvalidArgumentError('$.options.positionStep', 'expected a bigint >= 1n');
  }
  return { positionStep, log: [], streams: new Map(), logIndexById: new Map(), waiters: new Set(), nextPosition: positionStep };
};

/** Options of {@link createInMemoryEventStore}. */
export interface InMemoryEventStoreOptions {
  /**
   * Gap between consecutive global positions (default `1n`) of new storage. A larger step lets
   * tests prove that consumers never assume contiguous positions, which SQL sequences do not guarantee.
   */
  readonly positionStep?: bigint;
  /** Existing storage to open (see {@link InMemoryStorage}); fresh storage when absent. */
  readonly storage?: InMemoryStorage;
}

/** Creates an in-memory event store, empty unless opened over existing `storage`. */
export const createInMemoryEventStore = (options: InMemoryEventStoreOptions = {}): EventStore => {
  if (options.storage !== undefined && options.positionStep !== undefined) {
    throw new InvalidArgumentError('$.options.positionStep', 'set the position step on the storage, not on a store over it');
  }
  const storage =
    options.storage ??
    createInMemoryStorage(options.positionStep === undefined ? {} : { positionStep: options.positionStep });
  const { log, streams, logIndexById, waiters } = storage;
  const step = storage.positionStep;
  let closed = false;

  const assertOpen = (): void => {
    if (closed) throw new StoreClosedError();
  };
  const subscriptions = createRunningSubscriptions(assertOpen);

  const eventAt = (index: number): StoredEvent => log[index] as StoredEvent;

  /** Index of the first log entry strictly after `after`. */
  const firstIndexAfter = (after: bigint | 'start'): number => {
    if (after === 'start') return 0;
    let low = 0;
    let high = log.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (eventAt(middle).position <= after) low = middle + 1;
      else high = middle;
    }
    return low;
  };

  const readAllNow = (after: bigint | 'start', maxCount: number): StoredEvent[] => {
    const start = firstIndexAfter(after);
    return log.slice(start, start + Math.min(maxCount, log.length - start));
  };

  /** The replay check of `events` against the stream whose log indexes are `indexes` (see `idempotentReplay.ts`). */
  const replayCheck = (
    stream: string,
    indexes: readonly number[] | undefined,
    events: readonly ValidEnvelope[],
    expected: ExpectedRevision,
  ): ReplayCheck => {
    const firstIndex = logIndexById.get((events[0] as ValidEnvelope).id);
    const first = firstIndex === undefined ? undefined : eventAt(firstIndex);
    const current = revisionFromCount(indexes?.length ?? 0);
    const offset = replayOffset(stream, events, expected, current, first === undefined ? undefined : { stream: first.streamName, revision: first.revision });
    if (offset === undefined || indexes === undefined) return noReplay;
    return replayCheckOfTail(events, indexes.slice(Number(offset)).map(eventAt));
  };

  /** Writes validated, checked events to `stream` at the end of the log; returns the stream's result. */
  const write = (stream: string, events: readonly ValidEnvelope[]): AppendResult => {
    // Kept for the store's lifetime, so made compact once here (see flatStrings.ts).
    const streamName = interned(stream);
    let list = streams.get(streamName);
    if (list === undefined) {
      list = [];
      streams.set(streamName, list);
    }
    let position = storage.nextPosition;
    for (const event of events) {
      const revision = revisionAt(list.length);
      flattenStrings(event.data);
      position = storage.nextPosition;
      storage.nextPosition += step;
      const recorded: StoredEvent = Object.freeze({
        id: event.id,
        type: event.type,
        version: event.version,
        data: event.data,
        metadata: internedRecord(event.metadata),
        streamName,
        revision,
        position,
      });
      logIndexById.set(event.id, log.length);
      list.push(log.length);
      log.push(recorded);
    }
    return { nextExpectedRevision: revisionAt(list.length - 1), position };
  };

  /** Throws {@link DuplicateEventIdError} for the first event whose id is already stored. */
  const assertNewIds = (stream: string, events: readonly ValidEnvelope[]): void => {
    for (const event of events) {
      if (logIndexById.has(event.id)) throw new DuplicateEventIdError(stream, event.id);
    }
  };

  const waitForEventsAfter = (after: bigint | 'start', signal: AbortSignal): Promise<void> => {
    const last = log[log.length - 1];
    if (closed || (last !== undefined && (after === 'start' || last.position > after))) return Promise.resolve();
    return waitForWakeUp(waiters, signal);
  };

  return {
    // No `await` inside: validation, the checks and the write happen in one synchronous step,
    // which is what makes concurrent appends to one stream serialise with exactly one winner.
    async append(stream, events, expectedRevision): Promise<AppendResult> {
      assertOpen();
      const args = validateAppend(stream, events, expectedRevision);
      const indexes = streams.get(args.stream);
      const current = revisionFromCount(indexes?.length ?? 0);
      const replay = resolveAppend(args.stream, args.expectedRevision, current, replayCheck(args.stream, indexes, args.events, args.expectedRevision));
      if (replay !== undefined) return replay;
      assertNewIds(args.stream, args.events);
      const result = write(args.stream, args.events);
      wakeAll(waiters);
      return result;
    },

    atomicMultiStreamAppend: true,

    // As `append`: no `await`, so the whole call is one synchronous step (all or nothing).
    async appendMany(appends): Promise<MultiAppendResult> {
      assertOpen();
      const args = validateAppendMany(appends);
      const checks = args.map(({ stream, events, expectedRevision }): StreamCheck => {
        const indexes = streams.get(stream);
        return { current: revisionFromCount(indexes?.length ?? 0), replay: replayCheck(stream, indexes, events, expectedRevision) };
      });
      const decision = decideMultiAppend(args, checks);
      if (decision.kind === 'replayed') return decision.result;
      for (const { stream, events } of args) assertNewIds(stream, events);
      const results = args.map(({ stream, events }) => ({ stream, ...write(stream, events) }));
      wakeAll(waiters);
      return multiAppendResult(results);
    },

    async readStream(stream, options): Promise<RecordedEvent[]> {
      assertOpen();
      const name = validateStreamName(stream);
      const { direction, fromRevision, maxCount } = validateReadStreamOptions(options);
      const indexes = streams.get(name);
      if (indexes === undefined || maxCount === 0) return [];
      const last = BigInt(indexes.length - 1);
      const from = fromRevision === 'start' ? 0n : fromRevision === 'end' ? last : fromRevision;
      const result: StoredEvent[] = [];
      if (direction === 'forwards') {
        if (from > last) return [];
        const end = Math.min(indexes.length, Number(from) + maxCount);
        for (let i = Number(from); i < end; i++) result.push(eventAt(indexes[i] as number));
        return result;
      }
      const start = Number(from > last ? last : from);
      const end = Math.max(-1, start - maxCount);
      for (let i = start; i > end; i--) result.push(eventAt(indexes[i] as number));
      return result;
    },

    async streamRevision(stream): Promise<ActualRevision> {
      assertOpen();
      return revisionFromCount(streams.get(validateStreamName(stream))?.length ?? 0);
    },

    async streamRevisions(names): Promise<ActualRevision[]> {
      assertOpen();
      return validateStreamNames(names).map((stream) => revisionFromCount(streams.get(stream)?.length ?? 0));
    },

    async readAll(options): Promise<RecordedEvent[]> {
      assertOpen();
      const { after, maxCount } = validateReadAllOptions(options);
      return readAllNow(after, maxCount);
    },

    subscribe(options): Subscription {
      return subscriptions.subscribe(options, { readAll: async (after, maxCount) => readAllNow(after, maxCount), waitForEventsAfter });
    },

    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await subscriptions.stopAll();
    },
  };
};
