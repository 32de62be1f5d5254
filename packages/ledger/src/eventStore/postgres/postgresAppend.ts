/**
 * One append, as one PostgreSQL transaction:
 *
 * 1. a transaction-scoped advisory lock on the stream serialises appends to it (the expected
 *    revision is read after taking it, so it cannot change before commit). An advisory lock rather
 *    than `SELECT ... FOR UPDATE`: a row lock would assign the transaction its id, which must come
 *    from step 3;
 * 2. idempotent replay check, then the expected revision check: a rejected append writes nothing
 *    and consumes no position;
 * 3. `ecoledger_reserve_positions`: the transaction id and a range of positions, in that order;
 * 4. one statement inserts the whole batch (`unnest` over array parameters), records the stream's
 *    new revision and queues a `pg_notify` that PostgreSQL delivers only if the transaction commits.
 */
import { jsonText } from '../../codecs/jsonText.js';
import type { SqlDatabase, SqlExecutor } from '../../sql/sqlDatabase.js';
import { toBigInt } from '../../sql/sqlDatabase.js';
import type { ActualRevision, AppendResult, ExpectedRevision } from '../eventStore.js';
import { DuplicateEventIdError, WrongExpectedVersionError } from '../errors.js';
import { noReplay, replayCheckOfTail, replayOffset, resolveAppend, type ReplayCheck } from '../idempotentReplay.js';
import type { ValidEnvelope } from '../storeArguments.js';
import { decodeEventRow, eventColumns, type EventRow } from './postgresEventRow.js';
import type { PostgresStoreNames } from './postgresSchema.js';
import { textArrayLiteral } from './postgresText.js';

/** The channel of append notifications; the payload is the schema name. */
export const appendChannel = 'ecoledger_events';

/** A committed revision read outside the append: `'no_stream'` when the stream has none. */
export const readStreamRevision = async (database: SqlExecutor, names: PostgresStoreNames, stream: string): Promise<ActualRevision> => {
  const [row] = await database.query<{ revision: unknown }>(`SELECT revision FROM ${names.streams} WHERE stream = $1`, [stream]);
  return row === undefined ? 'no_stream' : toBigInt(row.revision);
};

/**
 * The replay check of one stream (see `idempotentReplay.ts`): its tail is read only when the
 * batch's first id sits exactly where a replay would put it.
 */
export const replayCheckOf = async (
  tx: SqlExecutor,
  names: PostgresStoreNames,
  stream: string,
  events: readonly ValidEnvelope[],
  expected: ExpectedRevision,
  current: ActualRevision,
  first: { readonly stream: unknown; readonly revision: unknown },
): Promise<ReplayCheck> => {
  const firstStoredAt = first.stream === null || first.stream === undefined ? undefined : { stream: String(first.stream), revision: toBigInt(first.revision) };
  const offset = replayOffset(stream, events, expected, current, firstStoredAt);
  if (offset === undefined) return noReplay;
  const tail = (
    await tx.query<EventRow & Record<string, unknown>>(
      `SELECT ${eventColumns} FROM ${names.events} WHERE stream = $1 AND revision >= $2 ORDER BY revision`,
      [stream, String(offset)],
    )
  ).map(decodeEventRow);
  return replayCheckOfTail(events, tail);
};

const insertSql = (names: PostgresStoreNames): string =>
  `WITH inserted AS (
     INSERT INTO ${names.events} (position, stream, revision, event_id, type, version, data, metadata)
     SELECT $1::bigint + batch.ordinal - 1, $2, $3::bigint + batch.ordinal - 1,
            batch.event_id, batch.type, batch.version, d.data, m.metadata
     FROM unnest($4::uuid[], $5::text[], $6::integer[]) WITH ORDINALITY AS batch (event_id, type, version, ordinal)
     -- Data and metadata travel as one JSON array each: no per-element text-array escaping of large
     -- JSON on the client, and json (not jsonb) elements keep their exact text.
     JOIN json_array_elements($7::json) WITH ORDINALITY AS d (data, ordinal) ON d.ordinal = batch.ordinal
     JOIN json_array_elements($8::json) WITH ORDINALITY AS m (metadata, ordinal) ON m.ordinal = batch.ordinal
     RETURNING 1
   ), stream_row AS (
     INSERT INTO ${names.streams} (stream, revision) VALUES ($2, $9::bigint)
     ON CONFLICT (stream) DO UPDATE SET revision = EXCLUDED.revision
     RETURNING 1
   )
   SELECT (SELECT count(*) FROM inserted) AS inserted, (SELECT count(*) FROM stream_row) AS streams,
          pg_notify('${appendChannel}', $10)`;

/** Runs inside the append transaction; see the module comment. */
const appendInTransaction = async (
  tx: SqlExecutor,
  names: PostgresStoreNames,
  stream: string,
  events: readonly ValidEnvelope[],
  expected: ExpectedRevision,
): Promise<AppendResult> => {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`ecoledger.stream.${names.schema}.${stream}`]);
  const firstId = (events[0] as ValidEnvelope).id;
  const [state] = await tx.query<{ revision: unknown; first_stream: unknown; first_revision: unknown }>(
    `SELECT s.revision, e.stream AS first_stream, e.revision AS first_revision
     FROM (SELECT 1) AS one
     LEFT JOIN ${names.streams} AS s ON s.stream = $1
     LEFT JOIN ${names.events} AS e ON e.event_id = $2::uuid`,
    [stream, firstId],
  );
  const current: ActualRevision = state?.revision === null || state?.revision === undefined ? 'no_stream' : toBigInt(state.revision);
  const check = await replayCheckOf(tx, names, stream, events, expected, current, { stream: state?.first_stream, revision: state?.first_revision });
  const replay = resolveAppend(stream, expected, current, check);
  if (replay !== undefined) return replay;
  const [reservation] = await tx.query<{ first_position: unknown }>(`SELECT first_position FROM ${names.reservePositions}($1)`, [
    events.length,
  ]);
  const firstPosition = toBigInt(reservation?.first_position);
  const firstRevision = current === 'no_stream' ? 0n : current + 1n;
  const lastRevision = firstRevision + BigInt(events.length) - 1n;
  const [written] = await tx.query<{ inserted: unknown }>(insertSql(names), [
    String(firstPosition),
    stream,
    String(firstRevision),
    textArrayLiteral(events.map((event) => event.id)),
    textArrayLiteral(events.map((event) => event.type)),
    textArrayLiteral(events.map((event) => String(event.version))),
    `[${events.map((event) => jsonText(event.data)).join(',')}]`,
    JSON.stringify(events.map((event) => event.metadata)),
    String(lastRevision),
    names.schema,
  ]);
  if (toBigInt(written?.inserted) !== BigInt(events.length)) {
    throw new Error(`append to "${stream}" inserted ${String(written?.inserted)} of ${events.length} events`);
  }
  return { nextExpectedRevision: lastRevision, position: firstPosition + BigInt(events.length) - 1n };
};

/** The first id of `events` already stored, for a unique violation whose detail was not readable. */
export const storedEventId = async (database: SqlExecutor, names: PostgresStoreNames, events: readonly ValidEnvelope[]): Promise<string> => {
  const rows = await database.query<{ event_id: string }>(`SELECT event_id FROM ${names.events} WHERE event_id = ANY($1::uuid[])`, [
    textArrayLiteral(events.map((event) => event.id)),
  ]);
  const stored = new Set(rows.map((row) => row.event_id));
  return events.find((event) => stored.has(event.id))?.id ?? 'unknown';
};

/** A PostgreSQL error's SQLSTATE and the constraint it names, when it is one. */
export const pgError = (error: unknown): { readonly code?: unknown; readonly constraint?: unknown; readonly detail?: unknown } =>
  typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : {};

/**
 * Appends the validated batch in one transaction.
 * @throws WrongExpectedVersionError, DuplicateEventIdError (an id stored elsewhere), or the driver's error.
 */
export const appendToStream = async (
  database: SqlDatabase,
  names: PostgresStoreNames,
  stream: string,
  events: readonly ValidEnvelope[],
  expected: ExpectedRevision,
): Promise<AppendResult> => {
  try {
    return await database.transaction((tx) => appendInTransaction(tx, names, stream, events, expected));
  } catch (error) {
    const { code, constraint, detail } = pgError(error);
    if (code !== '23505') throw error;
    if (constraint === 'ecoledger_events_event_id') {
      const id = typeof detail === 'string' ? /\(event_id\)=\(([0-9a-f-]{36})\)/.exec(detail)?.[1] : undefined;
      throw new DuplicateEventIdError(stream, id ?? (await storedEventId(database, names, events)));
    }
    // Only a writer bypassing the stream lock can get here: report the stream as it now is.
    if (constraint === 'ecoledger_events_stream_revision') {
      throw new WrongExpectedVersionError(stream, expected, await readStreamRevision(database, names, stream));
    }
    throw error;
  }
};
