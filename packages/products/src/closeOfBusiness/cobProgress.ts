/**
 * The progress record of a close-of-business run: one stream per product and business date
 * (`cob-<product>-<date>`). A chunk's marker is appended in the same atomic multi-stream append as
 * the chunk's contract events, so after a crash the record says exactly which chunks committed;
 * a second marker says their postings are made. Resuming skips what is done, and a completed date
 * is answered from the record without touching a contract.
 */
import * as t from 'io-ts';
import type { EventEnvelope, EventMetadata, RecordedEvent } from '@ecoledger/ledger';
import { MAX_COB_COMMANDS_PER_CONTRACT } from '../limits.js';
import { uuidV5In } from '../posting/uuidV5.js';

const COB_NAMESPACE = '04e1b08d-3924-5fd9-904e-ab0a895f14cf';
const cobId = uuidV5In(COB_NAMESPACE);

/** Stream of one product's run for one date. */
export const cobStream = (product: string, date: string): string => `cob-${product}-${date}`;

/** Command id of the `index`-th close-of-business command a contract gets for a date. */
export const cobCommandId = (product: string, date: string, stream: string, index: number): string =>
  cobId(`command\n${product}\n${date}\n${stream}\n${index}`);

/** Correlation id of every event a run writes: cheap to compare while a contract's events are scanned. */
export const cobCorrelationId = (product: string, date: string): string => `cob:${product}:${date}`;

/**
 * True when a recorded event came from this date's run: its correlation id says so and its command
 * id is one the run derives (a caller cannot make a contract skip its run by borrowing the
 * correlation id). Only events passing the cheap check are hashed.
 */
export const isCobEventOf = (product: string, date: string, stream: string, event: RecordedEvent): boolean => {
  if (event.metadata.correlationId !== cobCorrelationId(product, date) || event.metadata.commandId === undefined) return false;
  for (let index = 0; index < MAX_COB_COMMANDS_PER_CONTRACT; index++) {
    if (cobCommandId(product, date, stream, index) === event.metadata.commandId) return true;
  }
  return false;
};

/** Which contracts a chunk held: the run's list is cut into fixed chunks, so a resumed run finds the same ones. */
export const ChunkData = t.type({ chunk: t.number, first: t.string, last: t.string, count: t.number });
export type ChunkData = t.TypeOf<typeof ChunkData>;

/** Record types of the progress stream. */
export const COB_CHUNK_COMMITTED = 'CobChunkCommitted';
export const COB_CHUNK_POSTED = 'CobChunkPosted';
export const COB_COMPLETED = 'CobCompleted';

/** The run as the progress stream tells it. */
export interface CobProgress {
  readonly committed: ReadonlyMap<number, ChunkData>;
  readonly posted: ReadonlyMap<number, ChunkData>;
  readonly completed: boolean;
  /** Revision of the stream's last record, for the next append. */
  readonly revision: bigint | 'no_stream';
}

/** Reads the progress stream back. */
export const cobProgressOf = (records: readonly RecordedEvent[]): CobProgress => {
  const committed = new Map<number, ChunkData>();
  const posted = new Map<number, ChunkData>();
  let completed = false;
  for (const record of records) {
    if (record.type === COB_COMPLETED) completed = true;
    else if (ChunkData.is(record.data)) (record.type === COB_CHUNK_COMMITTED ? committed : posted).set(record.data.chunk, record.data);
  }
  const last = records[records.length - 1];
  return { committed, posted, completed, revision: last === undefined ? 'no_stream' : last.revision };
};

/** True when a recorded chunk is the chunk the run has now (same place, same contracts at its ends). */
export const sameChunk = (recorded: ChunkData | undefined, chunk: ChunkData): boolean =>
  recorded !== undefined && recorded.first === chunk.first && recorded.last === chunk.last && recorded.count === chunk.count;

/** A progress record with an id derived from the run and chunk, so a retried append deduplicates. */
export const cobRecord = (
  product: string,
  date: string,
  type: typeof COB_CHUNK_COMMITTED | typeof COB_CHUNK_POSTED | typeof COB_COMPLETED,
  data: ChunkData | { readonly contracts: number; readonly events: number },
  metadata: EventMetadata,
): EventEnvelope => ({
  id: cobId(`record\n${product}\n${date}\n${type}\n${'chunk' in data ? data.chunk : 'all'}`),
  type,
  version: 1,
  data,
  metadata,
});
