/**
 * Reads through the EventStoreDB client, shaped to the port's semantics:
 *
 * - streams: a missing stream reads as `[]`; forwards from `'end'` is the last event alone, and
 *   backwards from beyond the end starts at the last event. The server pages backward reads by
 *   32 and stops at the first empty page, so a start beyond the end is clamped here first.
 * - `$all`: our `after` is exclusive and the server's read position inclusive, so a read starts
 *   at `after` and skips events up to it. The server can only start at a record boundary: one of
 *   our checkpoints always is one, but an arbitrary bigint (say `position - 1n`) makes it fail, in
 *   which case the read scans from the start instead. System events (type or stream starting with
 *   `$`) and, under an isolation prefix, other streams are skipped, paging until `maxCount` events
 *   are found or the log ends.
 */
import type { EventStoreDBClient, Position, ResolvedEvent } from '@eventstore/db-client';
import { BACKWARDS, END, FORWARDS, START } from './eventStoreDbClient.js';
import type { AllStreamResolvedEvent } from '@eventstore/db-client';
import type { Json, RecordedEvent } from '../envelope.js';
import type { ActualRevision } from '../eventStore.js';
import type { ValidReadStreamOptions } from '../storeArguments.js';
import { decodeClientEvent } from './eventStoreDbEventCodec.js';
import { checkpointToReadPosition } from './eventStoreDbPosition.js';
import { isClientStreamNotFound, isClientUnknownError } from './eventStoreDbRevision.js';

/** How our stream names map to server stream names (see the store's `streamPrefix`). */
export interface StreamNaming {
  /** The server stream of one of our streams. */
  readonly toServer: (stream: string) => string;
  /** Our stream of a server event, or `undefined` for events this store does not show (system events, other prefixes). */
  readonly fromServer: (resolved: ResolvedEvent | AllStreamResolvedEvent) => string | undefined;
}

type StoredEvent = RecordedEvent<string, Json>;

/** Fewest and most events asked of the server per `$all` page. */
const minAllPage = 32;
const maxAllPage = 1_000;

/** Drains a client read; a stream that does not exist reads as `[]`. */
const collect = async <T>(read: AsyncIterable<T>): Promise<T[]> => {
  const events: T[] = [];
  try {
    for await (const event of read) events.push(event);
  } catch (error) {
    if (isClientStreamNotFound(error)) return [];
    throw error;
  }
  return events;
};

const decodeAll = (events: readonly ResolvedEvent[], stream: string): StoredEvent[] =>
  events.flatMap((resolved) => (resolved.event === undefined ? [] : [decodeClientEvent(resolved.event, stream)]));

/** The stream's last revision, or `'no_stream'`. */
export const readStreamRevision = async (client: EventStoreDBClient, serverStream: string): Promise<ActualRevision> => {
  const [last] = await collect(client.readStream(serverStream, { direction: BACKWARDS, fromRevision: END, maxCount: 1 }));
  return last?.event === undefined ? 'no_stream' : last.event.revision;
};

/** Reads one stream with validated options. */
export const readStreamEvents = async (
  client: EventStoreDBClient,
  stream: string,
  serverStream: string,
  { direction, fromRevision, maxCount }: ValidReadStreamOptions,
): Promise<StoredEvent[]> => {
  if (maxCount === 0) return [];
  const read = (options: { direction: typeof FORWARDS | typeof BACKWARDS; fromRevision: bigint | typeof START | typeof END; maxCount: number }) =>
    collect(client.readStream(serverStream, options));
  if (direction === 'forwards') {
    if (fromRevision === 'end') return decodeAll(await read({ direction: BACKWARDS, fromRevision: END, maxCount: 1 }), stream);
    return decodeAll(await read({ direction: FORWARDS, fromRevision: fromRevision === 'start' ? START : fromRevision, maxCount }), stream);
  }
  if (fromRevision === 'end') return decodeAll(await read({ direction: BACKWARDS, fromRevision: END, maxCount }), stream);
  if (fromRevision === 'start') return decodeAll(await read({ direction: BACKWARDS, fromRevision: 0n, maxCount }), stream);
  const last = await readStreamRevision(client, serverStream);
  if (last === 'no_stream') return [];
  const from = fromRevision > last ? last : fromRevision;
  return decodeAll(await read({ direction: BACKWARDS, fromRevision: from, maxCount }), stream);
};

/** `a` strictly after `b` in `$all` order. */
const isAfter = (a: Position, b: Position): boolean => a.commit > b.commit || (a.commit === b.commit && a.prepare > b.prepare);

/** Reads up to `maxCount` events this store shows, strictly after `after`, in `$all` order. */
export const readAllEvents = async (
  client: EventStoreDBClient,
  naming: StreamNaming,
  after: bigint | 'start',
  maxCount: number,
): Promise<StoredEvent[]> => {
  const result: StoredEvent[] = [];
  if (maxCount === 0) return result;
  const pageSize = Math.min(maxAllPage, Math.max(minAllPage, maxCount + 1));
  // Results are strictly after `floor`; `from` (a record boundary) is where the next page starts.
  let floor: Position | undefined = after === 'start' || after === 0n ? undefined : { commit: after, prepare: after };
  let from = checkpointToReadPosition(after);
  let scanning = false;
  for (;;) {
    let page: AllStreamResolvedEvent[];
    try {
      page = await collect(client.readAll({ direction: FORWARDS, fromPosition: from, maxCount: pageSize }));
    } catch (error) {
      // `after` is not a record boundary: find the events after it by scanning from the start.
      if (scanning || from === START || !isClientUnknownError(error)) throw error;
      scanning = true;
      from = START;
      continue;
    }
    let last: Position | undefined;
    for (const resolved of page) {
      const position = resolved.event?.position;
      if (resolved.event === undefined || position === undefined) continue;
      last = position;
      if (floor !== undefined && !isAfter(position, floor)) continue;
      floor = position;
      const stream = naming.fromServer(resolved);
      if (stream === undefined) continue;
      result.push(decodeClientEvent(resolved.event, stream));
      if (result.length === maxCount) return result;
    }
    if (page.length < pageSize || last === undefined) return result;
    from = last;
  }
};
