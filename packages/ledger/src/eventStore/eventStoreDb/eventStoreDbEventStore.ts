/**
 * The EventStoreDB {@link EventStore}, over the official gRPC client `@eventstore/db-client`.
 *
 * - Appends map our expected revision to the client's, send the envelopes' own ids (so the
 *   server deduplicates a retried append, per its idempotency rules) and turn the client's
 *   wrong-expected-version failure into our {@link WrongExpectedVersionError}.
 * - Events are stored as JSON with the schema version in a reserved metadata field
 *   (see `eventStoreDbEventCodec.ts`); every read decodes with the envelope codec.
 * - Global position = the `$all` commit position (see `eventStoreDbPosition.ts`).
 * - `$all` reads and subscriptions skip system events (type or stream starting with `$`), so
 *   streams and event types starting with `$` are refused on append.
 * - Subscriptions are the shared catch-up loop, woken by one live server-side-filtered `$all`
 *   subscription per store.
 *
 * - The server deduplicates a re-append by event ids alone; our contract also requires the same
 *   content (see `sameContent.ts`). So after every successful append the adapter reads the events
 *   back at the revisions the server reported and compares ids and content: a server-side replay
 *   of different content under our ids is reported as {@link WrongExpectedVersionError}, never as
 *   success. That costs one read of the batch per append.
 *
 * - `appendMany` is a sequence of single-stream appends, not atomic (`atomicMultiStreamAppend` is
 *   `false`): a failure leaves a prefix of the streams written; see its comment.
 *
 * Differences from the in-memory reference, all EventStoreDB's own rules: an event id already
 * used in another stream is written again (no `duplicate_event_id`), and re-appending events that
 * are in the stream but not at its tail with `'any'` returns their original result.
 */
import type { AllStreamResolvedEvent, Filter, ResolvedEvent } from '@eventstore/db-client';
import { EventStoreDBClient, excludeSystemEvents, streamNameFilter } from './eventStoreDbClient.js';
import type { Json, RecordedEvent } from '../envelope.js';
import type { ActualRevision, AppendResult, EventStore, ExpectedRevision, MultiAppendResult, StreamAppendResult, Subscription } from '../eventStore.js';
import { validateAppendMany, type ValidStreamAppend } from '../multiAppendArguments.js';
import { multiAppendResult } from '../multiAppendDecision.js';
import { InvalidArgumentError, StoreClosedError, WrongExpectedVersionError } from '../errors.js';
import {
  validateAppend,
  validateReadAllOptions,
  validateReadStreamOptions,
  validateStreamName,
  type ValidEnvelope,
} from '../storeArguments.js';
import { createRunningSubscriptions } from '../runningSubscriptions.js';
import { sameEventContent } from '../sameContent.js';
import { toEventData } from './eventStoreDbEventCodec.js';
import { createLiveSignal } from './eventStoreDbLiveSignal.js';
import { fromEventStoreDbPosition, isRepresentablePosition } from './eventStoreDbPosition.js';
import { readAllEvents, readStreamEvents, readStreamRevision, type StreamNaming } from './eventStoreDbReads.js';
import { toAppendError, toClientExpectedRevision } from './eventStoreDbRevision.js';

/** Options shared by both ways of opening the store. */
export interface EventStoreDbEventStoreCommonOptions {
  /**
   * Isolation: every stream is stored as `streamPrefix + name`, and `$all` reads and
   * subscriptions only show streams under the prefix (with it removed). Lets several stores (or
   * test runs) share one server, which cannot be wiped. Must not start with `$`.
   */
  readonly streamPrefix?: string;
}

/** Opens a client from a connection string, e.g. `esdb://localhost:2113?tls=false`; `close()` disposes it. */
export interface EventStoreDbConnectionStringOptions extends EventStoreDbEventStoreCommonOptions {
  readonly connectionString: string;
}

/**
 * Uses a client you own (it must keep the default `throwOnAppendFailure: true`). `close()` stops
 * this store's subscriptions but leaves the client to you.
 */
export interface EventStoreDbClientOptions extends EventStoreDbEventStoreCommonOptions {
  readonly client: EventStoreDBClient;
}

/** Options of {@link createEventStoreDbEventStore}. */
export type EventStoreDbEventStoreOptions = EventStoreDbConnectionStringOptions | EventStoreDbClientOptions;

const isSystemName = (name: string): boolean => name.startsWith('$');

const validatePrefix = (prefix: unknown): string => {
  if (prefix === undefined) return '';
  if (typeof prefix !== 'string' || prefix.length === 0 || isSystemName(prefix)) {
    throw new InvalidArgumentError('$.options.streamPrefix', 'expected a non-empty string not starting with "$"');
  }
  return prefix;
};

/** Our naming rules under `prefix` ('' for none). */
const streamNaming = (prefix: string): StreamNaming => ({
  toServer: (stream) => prefix + stream,
  fromServer: (resolved: ResolvedEvent | AllStreamResolvedEvent) => {
    const event = resolved.event;
    if (event === undefined || isSystemName(event.type) || isSystemName(event.streamId) || !event.streamId.startsWith(prefix)) {
      return undefined;
    }
    return event.streamId.slice(prefix.length);
  },
});

/** Refuses names `$all` reads would hide: system streams (without a prefix) and system event types. */
const assertVisible = (stream: string, prefix: string, events: readonly ValidEnvelope[]): void => {
  if (prefix === '' && isSystemName(stream)) {
    throw new InvalidArgumentError('$.stream', 'stream names starting with "$" are EventStoreDB system streams');
  }
  events.forEach((event, index) => {
    if (isSystemName(event.type)) {
      throw new InvalidArgumentError(`$.events[${index}].type`, 'event types starting with "$" are EventStoreDB system events');
    }
  });
};

/** Creates the store; the client connects on first use. */
export const createEventStoreDbEventStore = (options: EventStoreDbEventStoreOptions): EventStore => {
  const prefix = validatePrefix(options.streamPrefix);
  const ownsClient = !('client' in options);
  const client = 'client' in options ? options.client : EventStoreDBClient.connectionString(options.connectionString);
  const naming = streamNaming(prefix);
  const filter: Filter = prefix === '' ? excludeSystemEvents() : streamNameFilter({ prefixes: [prefix] });
  const visiblePosition = (resolved: AllStreamResolvedEvent): bigint | undefined =>
    naming.fromServer(resolved) !== undefined && isRepresentablePosition(resolved.event?.position)
      ? resolved.event?.position.commit
      : undefined;
  const liveSignal = createLiveSignal(client, filter, visiblePosition);
  let closed = false;

  const assertOpen = (): void => {
    if (closed) throw new StoreClosedError();
  };
  const subscriptions = createRunningSubscriptions(assertOpen);

  const readAll = (after: bigint | 'start', maxCount: number): Promise<RecordedEvent<string, Json>[]> =>
    readAllEvents(client, naming, after, maxCount);

  /**
   * Reads back what the server reports as stored for our batch, ending at `lastRevision`, and checks
   * that it is our batch, id for id and content for content. Returns the position of its last event.
   * @throws WrongExpectedVersionError when the server kept other content under our ids.
   */
  const confirmStored = async (
    stream: string,
    events: readonly ValidEnvelope[],
    expected: ExpectedRevision,
    lastRevision: bigint,
  ): Promise<bigint> => {
    const firstRevision = lastRevision + 1n - BigInt(events.length);
    const stored =
      firstRevision < 0n
        ? []
        : await readStreamEvents(client, stream, naming.toServer(stream), { direction: 'forwards', fromRevision: firstRevision, maxCount: events.length });
    const same = stored.length === events.length && events.every((event, i) => stored[i]!.id === event.id && sameEventContent(stored[i]!, event));
    if (!same) throw new WrongExpectedVersionError(stream, expected, await readStreamRevision(client, naming.toServer(stream)));
    return stored[stored.length - 1]!.position;
  };

  /** One validated single-stream append, as `append` does it. */
  const appendValid = async (args: ValidStreamAppend): Promise<AppendResult> => {
    let result;
    try {
      result = await client.appendToStream(naming.toServer(args.stream), args.events.map(toEventData), {
        expectedRevision: toClientExpectedRevision(args.expectedRevision),
      });
    } catch (error) {
      throw toAppendError(error, args.stream, args.expectedRevision) ?? error;
    }
    if (!result.success) {
      // Only a client created with `throwOnAppendFailure: false` gets here; it does not report the actual revision reliably.
      throw new WrongExpectedVersionError(args.stream, args.expectedRevision, await readStreamRevision(client, naming.toServer(args.stream)));
    }
    const stored = await confirmStored(args.stream, args.events, args.expectedRevision, result.nextExpectedRevision);
    const position = result.position === undefined ? stored : fromEventStoreDbPosition(result.position);
    return { nextExpectedRevision: result.nextExpectedRevision, position };
  };

  return {
    async append(stream, events, expectedRevision): Promise<AppendResult> {
      assertOpen();
      const args = validateAppend(stream, events, expectedRevision);
      assertVisible(args.stream, prefix, args.events);
      return appendValid(args);
    },

    atomicMultiStreamAppend: false,

    /**
     * NOT atomic: EventStoreDB has no multi-stream transaction. The whole call is validated first
     * (invalid input writes nothing), then each stream is one `append`, one after another in input
     * order. A failure (wrong expected version, lost connection, crash) leaves the streams before the
     * failing one written and the rest not: a prefix. Callers must therefore be idempotent per
     * stream: re-running the same call replays the written prefix (the server deduplicates by event
     * id, and the content is confirmed) and writes the rest. A close of business is: it re-runs the
     * date per contract, with the same event ids. Positions are increasing in input order, not
     * consecutive: other writers may interleave.
     */
    async appendMany(appends): Promise<MultiAppendResult> {
      assertOpen();
      const args = validateAppendMany(appends);
      args.forEach((append, i) => {
        try {
          assertVisible(append.stream, prefix, append.events);
        } catch (error) {
          if (error instanceof InvalidArgumentError) throw new InvalidArgumentError(`$.appends[${i}]${error.path.slice(1)}`, error.reason);
          throw error;
        }
      });
      const results: StreamAppendResult[] = [];
      for (const append of args) {
        assertOpen();
        results.push({ stream: append.stream, ...(await appendValid(append)) });
      }
      return multiAppendResult(results);
    },

    async readStream(stream, options): Promise<RecordedEvent[]> {
      assertOpen();
      const name = validateStreamName(stream);
      return readStreamEvents(client, name, naming.toServer(name), validateReadStreamOptions(options));
    },

    async streamRevision(stream): Promise<ActualRevision> {
      assertOpen();
      return readStreamRevision(client, naming.toServer(validateStreamName(stream)));
    },

    async readAll(options): Promise<RecordedEvent[]> {
      assertOpen();
      const { after, maxCount } = validateReadAllOptions(options);
      return readAll(after, maxCount);
    },

    subscribe(options): Subscription {
      return subscriptions.subscribe(options, { readAll, waitForEventsAfter: liveSignal.waitForEventsAfter });
    },

    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await subscriptions.stopAll();
      await liveSignal.close();
      if (ownsClient) await client.dispose();
    },
  };
};
