/**
 * The idempotent re-append rule (EventStoreDB semantics), shared by the in-memory, SQLite and
 * PostgreSQL stores for `append` and `appendMany`: a batch is a replay when it is exactly the
 * stream's tail (same ids, same order), the expectation would have held just before it was
 * written, and every event's content is the same as stored (see `sameContent.ts`). The same ids at
 * the tail with other content is a conflict. Adapters only fetch: where the batch's first id is
 * stored, and the stream's tail.
 */
import type { RecordedEvent } from './envelope.js';
import type { ActualRevision, AppendResult, ExpectedRevision } from './eventStore.js';
import { WrongExpectedVersionError } from './errors.js';
import { revisionFromCount, satisfiesExpectedRevision } from './expectedRevision.js';
import { sameEventContent } from './sameContent.js';
import type { ValidEnvelope } from './storeArguments.js';

/** Where an event id is stored. */
export interface StoredAt {
  readonly stream: string;
  readonly revision: bigint;
}

/** How a batch relates to what the stream holds. */
export type ReplayCheck =
  | { readonly kind: 'replay'; readonly result: AppendResult }
  | { readonly kind: 'conflict' }
  | { readonly kind: 'none' };

/** Not a replay: the batch is to be checked against the expectation and written. */
export const noReplay: ReplayCheck = Object.freeze({ kind: 'none' });

/**
 * The revision the batch would start at if it were the stream's tail, or `undefined` when it
 * cannot be a replay (cheap: needs only where the batch's first id is stored, `firstStoredAt`).
 */
export const replayOffset = (
  stream: string,
  events: readonly ValidEnvelope[],
  expected: ExpectedRevision,
  current: ActualRevision,
  firstStoredAt: StoredAt | undefined,
): bigint | undefined => {
  if (current === 'no_stream' || firstStoredAt === undefined) return undefined;
  const offset = current + 1n - BigInt(events.length);
  if (offset < 0n || firstStoredAt.stream !== stream || firstStoredAt.revision !== offset) return undefined;
  if (!satisfiesExpectedRevision(expected, revisionFromCount(offset))) return undefined;
  return offset;
};

/** Compares the stream's stored tail (from {@link replayOffset} on) with the batch. */
export const replayCheckOfTail = (events: readonly ValidEnvelope[], tail: readonly RecordedEvent[]): ReplayCheck => {
  if (tail.length !== events.length || tail.length === 0) return noReplay;
  for (let i = 0; i < events.length; i++) {
    if ((tail[i] as RecordedEvent).id !== (events[i] as ValidEnvelope).id) return noReplay;
  }
  for (let i = 0; i < events.length; i++) {
    if (!sameEventContent(tail[i] as RecordedEvent, events[i] as ValidEnvelope)) return { kind: 'conflict' };
  }
  const last = tail[tail.length - 1] as RecordedEvent;
  return { kind: 'replay', result: { nextExpectedRevision: last.revision, position: last.position } };
};

/**
 * The outcome of a single `append` given its check: the original result of a replay, or
 * `undefined` when the batch is to be written.
 * @throws WrongExpectedVersionError for the same ids with other content, or a failing expectation.
 */
export const resolveAppend = (
  stream: string,
  expected: ExpectedRevision,
  current: ActualRevision,
  check: ReplayCheck,
): AppendResult | undefined => {
  if (check.kind === 'replay') return check.result;
  if (check.kind === 'conflict' || !satisfiesExpectedRevision(expected, current)) {
    throw new WrongExpectedVersionError(stream, expected, current);
  }
  return undefined;
};
