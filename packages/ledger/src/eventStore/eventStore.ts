/**
 * The `EventStore` port. Every adapter (in-memory here; SQLite, PostgreSQL and
 * EventStoreDB later) implements exactly this contract and passes the shared
 * contract suite exported from `@ecoledger/ledger/testing`.
 *
 * Conventions (as in EventStoreDB):
 * - the first event of a stream has revision `0n`;
 * - global positions are `bigint`, strictly increasing across the store (gaps allowed), always `> 0n`;
 * - positions and revisions are serialized as decimal strings wherever they leave the process.
 */
import type { EventEnvelope, RecordedEvent } from './envelope.js';

/** What the writer expects the stream to be at: see {@link EventStore.append}. */
export type ExpectedRevision = 'no_stream' | 'stream_exists' | 'any' | bigint;

/** The actual state of a stream when an expectation fails. */
export type ActualRevision = 'no_stream' | bigint;

/** Result of a successful append. */
export interface AppendResult {
  /** Revision of the last event now in the stream: pass it as `expectedRevision` next time. */
  readonly nextExpectedRevision: bigint;
  /** Global position of the last appended event. */
  readonly position: bigint;
}

/** One stream's part of an {@link EventStore.appendMany} call: the arguments of one `append`. */
export interface StreamAppend {
  readonly stream: string;
  readonly events: readonly EventEnvelope[];
  readonly expectedRevision: ExpectedRevision;
}

/** One stream's outcome in a {@link MultiAppendResult}. */
export interface StreamAppendResult {
  readonly stream: string;
  /** Revision of the stream's last event now: pass it as `expectedRevision` next time. */
  readonly nextExpectedRevision: bigint;
  /** Global position of the stream's last event of this call. */
  readonly position: bigint;
}

/** Result of a successful {@link EventStore.appendMany}. */
export interface MultiAppendResult {
  /** One entry per stream, in the order of the call. */
  readonly streams: readonly StreamAppendResult[];
  /** The largest of the streams' positions: the last event of the call in the global log. */
  readonly position: bigint;
}

/** Where a stream read starts and in which direction it goes. */
export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /**
   * Inclusive start revision; `'start'` (default forwards) or `'end'` (default backwards).
   * `'end'` is the last event, so forwards from `'end'` reads just that one; backwards from beyond
   * the end starts at the last event.
   */
  readonly fromRevision?: bigint | 'start' | 'end';
  /** At most this many events (default: all). */
  readonly maxCount?: number;
}

/** Where a read of the global log starts. */
export interface ReadAllOptions {
  /** Exclusive: events strictly after this global position. `'start'` (default) reads from the beginning. */
  readonly after?: bigint | 'start';
  readonly maxCount?: number;
}

/** Options for a catch-up subscription over the global log. */
export interface SubscribeOptions {
  /** Exclusive checkpoint to resume after, as in {@link ReadAllOptions.after}. */
  readonly after?: bigint | 'start';
  /** Called once per event, in global order; the next event is not delivered until the promise settles. */
  readonly onEvent: (event: RecordedEvent) => void | Promise<void>;
  /** Called each time the subscription has delivered everything stored so far. */
  readonly onCaughtUp?: (position: bigint | 'start') => void;
  /** Called when delivery fails; the subscription stops after it. */
  readonly onError?: (error: unknown) => void;
  /** Page size of history reads (default 500). */
  readonly batchSize?: number;
}

/** A running catch-up subscription. */
export interface Subscription {
  /** Position of the last delivered event, or `'start'` when none was delivered yet. */
  readonly position: () => bigint | 'start';
  /** Resolves the first time the subscription has caught up with the log. */
  readonly caughtUp: Promise<void>;
  /** Stops delivery; resolves after the in-flight handler (if any) settles. */
  readonly stop: () => Promise<void>;
}

/** The event store port: append-only streams with optimistic concurrency and a global order. */
export interface EventStore {
  /**
   * Appends events atomically to one stream.
   * `expectedRevision`: `'no_stream'` (must not exist), `'stream_exists'` (must exist),
   * `'any'` (no check) or the exact revision of the stream's last event.
   * Throws {@link WrongExpectedVersionError} when the expectation fails; nothing is written then.
   *
   * Also (see the contract suite in `@ecoledger/ledger/testing`):
   * - invalid arguments (empty batch, malformed envelope, repeated id in the batch, unknown
   *   metadata field, non-JSON data, a `number` revision) reject with `invalid_argument`, writing nothing;
   * - re-appending the stream's last events (same ids, same order) with an expectation that held
   *   when they were first written returns the original result and writes nothing (EventStoreDB semantics),
   *   but only when their content (type, version, data, metadata, compared as JSON) is the same as
   *   stored; other content under those ids is a {@link WrongExpectedVersionError} (see `sameContent.ts`);
   * - appended data and metadata are copied: later mutations of the caller's objects are not seen.
   */
  append(stream: string, events: readonly EventEnvelope[], expectedRevision: ExpectedRevision): Promise<AppendResult>;
  /**
   * Whether {@link EventStore.appendMany} is all-or-nothing: `true` for the in-memory, SQLite and
   * PostgreSQL stores, `false` for EventStoreDB (no multi-stream transaction; see its adapter).
   */
  readonly atomicMultiStreamAppend: boolean;
  /**
   * Appends to several streams in one call; each stream's part follows the rules of `append`.
   * On a store with {@link EventStore.atomicMultiStreamAppend}:
   * - all or nothing: when any stream's expectation fails, nothing is written and it throws
   *   {@link WrongExpectedVersionError} naming the first failing stream in input order;
   * - the events get consecutive global positions in input order (stream by stream), and
   *   subscribers see them once, in that order;
   * - a retry is idempotent only as a whole: when every stream's events are exactly its stored
   *   tail (as `append` decides), it returns the original result and writes nothing; when some
   *   streams hold their events and others do not, it is a {@link WrongExpectedVersionError} naming
   *   the first stream already written. A retried call must see its earlier commit whole, or learn
   *   it is not the call that committed: acknowledging it would claim one commit that never was.
   *
   * Rejects with `invalid_argument`, writing nothing: an empty `appends`, a stream named twice,
   * an empty events list, a malformed envelope or revision, an event id repeated anywhere in the
   * call, more than `MAX_APPEND_MANY_STREAMS` streams or `MAX_APPEND_MANY_EVENTS` events.
   */
  appendMany(appends: readonly StreamAppend[]): Promise<MultiAppendResult>;
  /** Reads a stream; a stream that does not exist reads as `[]`. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Revision of the last event of a stream, or `'no_stream'`. */
  streamRevision(stream: string): Promise<ActualRevision>;
  /**
   * Optional batched {@link EventStore.streamRevision}: the revision of each stream's last event
   * (or `'no_stream'`), in input order, read in a few statements. Callers use
   * `streamRevisionsOf`, which falls back to one `streamRevision` per stream. Rejects with
   * `invalid_argument` for a malformed name or more than `MAX_APPEND_MANY_STREAMS` streams.
   */
  streamRevisions?(streams: readonly string[]): Promise<ActualRevision[]>;
  /** Reads the global log in order. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /**
   * Starts a catch-up subscription: history first, then live events, each once and in order.
   * Throws synchronously on invalid options or a closed store.
   */
  subscribe(options: SubscribeOptions): Subscription;
  /** Releases resources; further calls fail. */
  close(): Promise<void>;
}
