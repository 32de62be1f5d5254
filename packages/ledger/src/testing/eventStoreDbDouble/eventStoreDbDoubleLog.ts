/**
 * The in-memory transaction log of the EventStoreDB test double: streams, `$all` positions and
 * the server's append rules, as far as the EventStoreDB adapter uses them.
 *
 * Modelled on the server (EventStoreDB 23.x/24.x):
 * - each event is its own record at a byte-like log position, `commit = prepare = position`;
 *   positions grow by a record size, so they have gaps and only record starts (plus `0` and the
 *   end of the log) are valid read positions;
 * - expected revisions and idempotency follow the server's commit check: with an exact revision
 *   (or `no_stream`) below the current one, the batch is a replay when the events after that
 *   revision have the batch's ids in order (a partial match is a wrong expected version); with
 *   `any` / `stream_exists`, when the batch's ids are all already in this stream (the first id
 *   decides; a later miss is a wrong expected version). The server checks `any` against a bounded
 *   cache of recent ids; the double remembers them all. An id used in another stream is no replay:
 *   the event is written again. As on the server, a replay is decided by ids alone, never by
 *   content: the adapter itself confirms content (it reads the batch back), and the double keeps
 *   the server's rule so that CI exercises that confirmation;
 * - a fresh log already holds system events, as a fresh server's does.
 */
import { randomUUID } from 'node:crypto';

/** One stored event. */
export interface DoubleEvent {
  readonly stream: string;
  readonly revision: bigint;
  /** Lowercase UUID. */
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
  /** Log position: commit = prepare. */
  readonly position: bigint;
  /** .NET ticks (100 ns) since the Unix epoch, as the server reports `created`. */
  readonly created: bigint;
}

/** An event as a client proposes it. */
export type ProposedDoubleEvent = Pick<DoubleEvent, 'id' | 'type' | 'contentType' | 'data' | 'metadata'>;

/** What the writer expects, as on the wire. */
export type DoubleExpectedRevision =
  | { readonly kind: 'any' }
  | { readonly kind: 'no_stream' }
  | { readonly kind: 'stream_exists' }
  | { readonly kind: 'revision'; readonly revision: bigint };

/** The outcome of an append: written, a replay of earlier events, or a conflict (`current` is `-1n` for no stream). */
export type DoubleAppendOutcome =
  | { readonly kind: 'written' | 'replayed'; readonly lastRevision: bigint; readonly position: bigint }
  | { readonly kind: 'wrong_expected_version'; readonly current: bigint };

/** The log. */
export interface EventStoreDbDoubleLog {
  /** Every event in position order, system events included. */
  readonly all: readonly DoubleEvent[];
  /** Events of one stream in revision order, or `undefined` if it does not exist. */
  readonly stream: (name: string) => readonly DoubleEvent[] | undefined;
  /** Applies the server's append rules atomically. */
  readonly append: (stream: string, expected: DoubleExpectedRevision, events: readonly ProposedDoubleEvent[]) => DoubleAppendOutcome;
  /** True when a read may start at `position`: `0`, a record start, or the end of the log. */
  readonly isReadablePosition: (position: bigint) => boolean;
  /** Index in {@link all} of the first event at or after `position`. */
  readonly firstIndexAtOrAfter: (position: bigint) => number;
  /** Registers a listener for written events (one per live `$all` subscription); returns its removal. */
  readonly onWrite: (listener: (events: readonly DoubleEvent[]) => void) => () => void;
  /** How many listeners are registered: the number of live `$all` subscriptions. */
  readonly listenerCount: () => number;
}

const utf8Length = (text: string): number => Buffer.byteLength(text, 'utf8');

/** Approximate size of a prepare record: header, names and payloads. */
const recordSize = (stream: string, event: ProposedDoubleEvent): bigint =>
  BigInt(90 + utf8Length(stream) + utf8Length(event.type) + event.data.length + event.metadata.length);

const ticksNow = (): bigint => BigInt(Date.now()) * 10_000n;

/** Creates a log holding the system events a fresh server starts with. */
export const createEventStoreDbDoubleLog = (): EventStoreDbDoubleLog => {
  const all: DoubleEvent[] = [];
  const streams = new Map<string, DoubleEvent[]>();
  const positions = new Set<bigint>();
  const ids = new Map<string, DoubleEvent>();
  const listeners = new Set<(events: readonly DoubleEvent[]) => void>();
  let end = 0n;

  const write = (stream: string, proposed: readonly ProposedDoubleEvent[]): DoubleEvent[] => {
    const list = streams.get(stream) ?? [];
    streams.set(stream, list);
    const written: DoubleEvent[] = [];
    for (const event of proposed) {
      const stored: DoubleEvent = Object.freeze({
        ...event,
        id: event.id.toLowerCase(),
        stream,
        revision: BigInt(list.length),
        position: end,
        created: ticksNow(),
      });
      end += recordSize(stream, event);
      list.push(stored);
      all.push(stored);
      positions.add(stored.position);
      ids.set(stored.id, stored);
      written.push(stored);
    }
    for (const listener of [...listeners]) listener(written);
    return written;
  };

  /** The server's commit check; `undefined` means "write". */
  const check = (stream: string, expected: DoubleExpectedRevision, batch: readonly ProposedDoubleEvent[]): DoubleAppendOutcome | undefined => {
    const events = streams.get(stream) ?? [];
    const current = BigInt(events.length) - 1n;
    const conflict: DoubleAppendOutcome = { kind: 'wrong_expected_version', current };
    const replay = (last: DoubleEvent): DoubleAppendOutcome => ({ kind: 'replayed', lastRevision: last.revision, position: last.position });
    if (expected.kind === 'stream_exists' && current < 0n) return conflict;
    if (expected.kind === 'any' || expected.kind === 'stream_exists') {
      let last: DoubleEvent | undefined;
      for (const event of batch) {
        const known = ids.get(event.id.toLowerCase());
        if (known === undefined || known.stream !== stream) return last === undefined ? undefined : conflict;
        last = known;
      }
      return last === undefined ? undefined : replay(last);
    }
    const expectedVersion = expected.kind === 'no_stream' ? -1n : expected.revision;
    if (expectedVersion > current) return conflict;
    if (expectedVersion === current) return undefined;
    let revision = expectedVersion;
    for (const event of batch) {
      revision += 1n;
      const stored = events[Number(revision)];
      if (stored === undefined || stored.id !== event.id.toLowerCase()) return conflict;
    }
    const last = events[Number(revision)];
    return last === undefined ? conflict : replay(last);
  };

  // A fresh server's log is not empty: it starts with system records and events.
  write('$settings', [
    { id: randomUUID(), type: '$settings', contentType: 'application/json', data: Buffer.from('{}'), metadata: new Uint8Array() },
  ]);
  write('$$$scavenges', [
    { id: randomUUID(), type: '$metadata', contentType: 'application/json', data: Buffer.from('{"$maxAge":2592000}'), metadata: new Uint8Array() },
  ]);

  return {
    all,
    stream: (name) => streams.get(name),
    append(stream, expected, events) {
      const outcome = check(stream, expected, events);
      if (outcome !== undefined) return outcome;
      const written = write(stream, events);
      const last = written[written.length - 1] as DoubleEvent;
      return { kind: 'written', lastRevision: last.revision, position: last.position };
    },
    isReadablePosition: (position) => position === 0n || position === end || positions.has(position),
    firstIndexAtOrAfter(position) {
      let low = 0;
      let high = all.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if ((all[middle] as DoubleEvent).position < position) low = middle + 1;
        else high = middle;
      }
      return low;
    },
    listenerCount: () => listeners.size,
    onWrite(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
};
