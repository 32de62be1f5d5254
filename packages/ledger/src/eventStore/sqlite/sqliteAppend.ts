/**
 * The writes of the SQLite store, shared by `append` (one stream) and `appendMany` (many), both
 * inside one `BEGIN IMMEDIATE` transaction: the write lock is held before anything is read, so
 * what {@link checkStreams} sees cannot change before {@link insertStreams} writes.
 *
 * Reads and inserts are batched in chunks of `SQL_MAX_CHUNK` rows, so a call over 10,000 streams
 * costs a few dozen statements rather than tens of thousands.
 */
import { jsonText } from '../../codecs/jsonText.js';
import { SQL_MAX_CHUNK } from '../../limits.js';
import type { SqlExecutor, SqlValue } from '../../sql/sqlDatabase.js';
import { toBigInt } from '../../sql/sqlDatabase.js';
import type { ActualRevision, StreamAppendResult } from '../eventStore.js';
import { DuplicateEventIdError } from '../errors.js';
import { noReplay, replayCheckOfTail, replayOffset, type StoredAt } from '../idempotentReplay.js';
import type { ValidStreamAppend } from '../multiAppendArguments.js';
import type { StreamCheck } from '../multiAppendDecision.js';
import type { ValidEnvelope } from '../storeArguments.js';
import { decodeEventRow, eventColumns, type EventRow } from './sqliteEventRow.js';
import { eventsTable } from './sqliteSchema.js';

/** `$1, $2, ...` for `count` parameters starting after `offset`. */
const placeholders = (count: number, offset = 0): string => Array.from({ length: count }, (_, i) => `$${offset + i + 1}`).join(', ');

/** Runs `work` over `items` in chunks of at most `size`. */
const inChunks = async <T>(items: readonly T[], size: number, work: (chunk: readonly T[]) => Promise<void>): Promise<void> => {
  for (let start = 0; start < items.length; start += size) await work(items.slice(start, start + size));
};

/** Revision of each stream's last event, read inside `tx`; streams without events are absent. */
export const currentRevisions = async (tx: SqlExecutor, streams: readonly string[]): Promise<Map<string, bigint>> => {
  const revisions = new Map<string, bigint>();
  await inChunks(streams, SQL_MAX_CHUNK, async (chunk) => {
    const rows = await tx.query<{ stream: unknown; revision: unknown }>(
      `SELECT stream, MAX(revision) AS revision FROM ${eventsTable} WHERE stream IN (${placeholders(chunk.length)}) GROUP BY stream`,
      chunk,
    );
    for (const row of rows) revisions.set(String(row.stream), toBigInt(row.revision));
  });
  return revisions;
};

/** Where each of `ids` is stored; ids not stored are absent. */
const storedAt = async (tx: SqlExecutor, ids: readonly string[]): Promise<Map<string, StoredAt>> => {
  const found = new Map<string, StoredAt>();
  await inChunks(ids, SQL_MAX_CHUNK, async (chunk) => {
    const rows = await tx.query<{ event_id: unknown; stream: unknown; revision: unknown }>(
      `SELECT event_id, stream, revision FROM ${eventsTable} WHERE event_id IN (${placeholders(chunk.length)})`,
      chunk,
    );
    for (const row of rows) found.set(String(row.event_id), { stream: String(row.stream), revision: toBigInt(row.revision) });
  });
  return found;
};

/**
 * Each stream's current revision and replay check (see `idempotentReplay.ts`), in input order.
 * Two batched lookups (revisions, first ids); a stream's tail is read only when its first id sits
 * exactly where a replay would put it, which an ordinary append never does.
 */
export const checkStreams = async (tx: SqlExecutor, appends: readonly ValidStreamAppend[]): Promise<StreamCheck[]> => {
  const revisions = await currentRevisions(tx, appends.map((append) => append.stream));
  const firsts = await storedAt(tx, appends.map((append) => (append.events[0] as ValidEnvelope).id));
  const checks: StreamCheck[] = [];
  for (const { stream, events, expectedRevision } of appends) {
    const current: ActualRevision = revisions.get(stream) ?? 'no_stream';
    const offset = replayOffset(stream, events, expectedRevision, current, firsts.get((events[0] as ValidEnvelope).id));
    if (offset === undefined) {
      checks.push({ current, replay: noReplay });
      continue;
    }
    const tail = (
      await tx.query<EventRow & Record<string, unknown>>(
        `SELECT ${eventColumns} FROM ${eventsTable} WHERE stream = $1 AND revision >= $2 ORDER BY revision`,
        [stream, offset],
      )
    ).map(decodeEventRow);
    checks.push({ current, replay: replayCheckOfTail(events, tail) });
  }
  return checks;
};

/** True when `error` is SQLite rejecting a second row with an already stored event id. */
const isDuplicateEventId = (error: unknown): boolean =>
  error instanceof Error &&
  (error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE' &&
  error.message.includes(`${eventsTable}.event_id`);

interface Row {
  readonly stream: string;
  readonly revision: bigint;
  readonly event: ValidEnvelope;
}

const columnsPerRow = 7;

/**
 * Inserts one chunk of rows; returns their positions in row order. A failed statement is undone by
 * SQLite, so a stored id of the chunk found afterwards is one stored before this call.
 */
const insertChunk = async (tx: SqlExecutor, rows: readonly Row[]): Promise<bigint[]> => {
  const params: SqlValue[] = [];
  for (const { stream, revision, event } of rows) {
    params.push(stream, revision, event.id, event.type, event.version, jsonText(event.data), JSON.stringify(event.metadata));
  }
  const values = rows.map((_, i) => `(${placeholders(columnsPerRow, i * columnsPerRow)})`).join(', ');
  try {
    const returned = await tx.query<{ position: unknown }>(
      `INSERT INTO ${eventsTable} (stream, revision, event_id, type, version, data, metadata) VALUES ${values} RETURNING position`,
      params,
    );
    // SQLite does not promise RETURNING order; rows take increasing positions in VALUES order.
    return returned.map((row) => toBigInt(row.position)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  } catch (error) {
    if (!isDuplicateEventId(error)) throw error;
    const stored = await storedAt(tx, rows.map((row) => row.event.id));
    const duplicate = rows.find((row) => stored.has(row.event.id));
    throw duplicate === undefined ? error : new DuplicateEventIdError(duplicate.stream, duplicate.event.id);
  }
};

/**
 * Writes every stream's events after the checks, stream by stream in input order (so positions
 * are consecutive in that order); `currents[i]` is the checked revision of `appends[i]`.
 * @throws DuplicateEventIdError when an id is already stored.
 */
export const insertStreams = async (
  tx: SqlExecutor,
  appends: readonly ValidStreamAppend[],
  currents: readonly ActualRevision[],
): Promise<StreamAppendResult[]> => {
  const rows: Row[] = [];
  const lastRow: number[] = [];
  appends.forEach(({ stream, events }, i) => {
    const current = currents[i] as ActualRevision;
    let revision = current === 'no_stream' ? 0n : current + 1n;
    for (const event of events) rows.push({ stream, revision: revision++, event });
    lastRow.push(rows.length - 1);
  });
  const positions: bigint[] = [];
  await inChunks(rows, SQL_MAX_CHUNK, async (chunk) => {
    positions.push(...(await insertChunk(tx, chunk)));
  });
  return appends.map(({ stream }, i) => {
    const last = lastRow[i] as number;
    return { stream, nextExpectedRevision: (rows[last] as Row).revision, position: positions[last] as bigint };
  });
};
