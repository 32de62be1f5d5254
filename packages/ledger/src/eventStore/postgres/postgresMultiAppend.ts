/**
 * `appendMany` on PostgreSQL: one transaction over every stream of the call.
 *
 * Unlike `append`, it takes no per-stream advisory lock: advisory locks live in PostgreSQL's shared
 * lock table (`max_locks_per_transaction` x connections, 6,400 entries by default), which 10,000
 * streams in one transaction would exhaust. It relies on the `(stream, revision)` unique
 * constraint instead (optimistic): it reads every stream's revision, checks the expectations, and
 * inserts at the next revisions; a writer that got to a stream first makes the insert fail with a
 * unique violation, reported as {@link WrongExpectedVersionError} for the first stream (input
 * order) that moved. So under a race even `'any'` can be refused: retry. Rows are inserted in
 * stream-name order, so two calls sharing streams wait on each other rather than deadlock.
 *
 * Positions: one reservation for the whole call (`ecoledger_reserve_positions`), before which
 * nothing is written, so the global-order rule of `postgresEventStore.ts` holds and the call's
 * events take consecutive positions in input order. One `pg_notify`, delivered on commit.
 */
import { jsonText } from '../../codecs/jsonText.js';
import { PG_MAX_ROWS_PER_INSERT } from '../../limits.js';
import type { SqlDatabase, SqlExecutor } from '../../sql/sqlDatabase.js';
import { toBigInt } from '../../sql/sqlDatabase.js';
import type { ActualRevision, MultiAppendResult, StreamAppendResult } from '../eventStore.js';
import { DuplicateEventIdError, WrongExpectedVersionError } from '../errors.js';
import type { ValidStreamAppend } from '../multiAppendArguments.js';
import { decideMultiAppend, multiAppendResult, type StreamCheck } from '../multiAppendDecision.js';
import type { ValidEnvelope } from '../storeArguments.js';
import { appendChannel, pgError, replayCheckOf, storedEventId } from './postgresAppend.js';
import type { PostgresStoreNames } from './postgresSchema.js';
import { textArrayLiteral } from './postgresText.js';

/** Each stream's committed revision (`'no_stream'` when absent), in input order; one statement. */
export const streamRevisions = async (
  executor: SqlExecutor,
  names: PostgresStoreNames,
  streams: readonly string[],
): Promise<ActualRevision[]> => {
  const rows = await executor.query<{ revision: unknown }>(
    `SELECT s.revision FROM unnest($1::text[]) WITH ORDINALITY AS a (stream, ordinal)
     LEFT JOIN ${names.streams} AS s ON s.stream = a.stream ORDER BY a.ordinal`,
    [textArrayLiteral(streams)],
  );
  return rows.map((row) => (row.revision === null || row.revision === undefined ? 'no_stream' : toBigInt(row.revision)));
};

/** Each stream's revision and replay check, in input order: one statement, plus a tail read per possible replay. */
const checkStreams = async (tx: SqlExecutor, names: PostgresStoreNames, appends: readonly ValidStreamAppend[]): Promise<StreamCheck[]> => {
  const rows = await tx.query<{ revision: unknown; first_stream: unknown; first_revision: unknown }>(
    `SELECT s.revision, e.stream AS first_stream, e.revision AS first_revision
     FROM unnest($1::text[], $2::uuid[]) WITH ORDINALITY AS a (stream, first_id, ordinal)
     LEFT JOIN ${names.streams} AS s ON s.stream = a.stream
     LEFT JOIN ${names.events} AS e ON e.event_id = a.first_id
     ORDER BY a.ordinal`,
    [textArrayLiteral(appends.map((append) => append.stream)), textArrayLiteral(appends.map((append) => (append.events[0] as ValidEnvelope).id))],
  );
  const checks: StreamCheck[] = [];
  for (let i = 0; i < appends.length; i++) {
    const { stream, events, expectedRevision } = appends[i] as ValidStreamAppend;
    const row = rows[i];
    const current: ActualRevision = row?.revision === null || row?.revision === undefined ? 'no_stream' : toBigInt(row.revision);
    const replay = await replayCheckOf(tx, names, stream, events, expectedRevision, current, { stream: row?.first_stream, revision: row?.first_revision });
    checks.push({ current, replay });
  }
  return checks;
};

const insertEventsSql = (names: PostgresStoreNames): string =>
  `INSERT INTO ${names.events} (position, stream, revision, event_id, type, version, data, metadata)
   SELECT batch.position, batch.stream, batch.revision, batch.event_id, batch.type, batch.version, d.data, m.metadata
   FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::uuid[], $5::text[], $6::integer[])
        WITH ORDINALITY AS batch (position, stream, revision, event_id, type, version, ordinal)
   JOIN json_array_elements($7::json) WITH ORDINALITY AS d (data, ordinal) ON d.ordinal = batch.ordinal
   JOIN json_array_elements($8::json) WITH ORDINALITY AS m (metadata, ordinal) ON m.ordinal = batch.ordinal
   ORDER BY batch.ordinal`;

const upsertStreamsSql = (names: PostgresStoreNames): string =>
  `INSERT INTO ${names.streams} (stream, revision)
   SELECT a.stream, a.revision FROM unnest($1::text[], $2::bigint[]) WITH ORDINALITY AS a (stream, revision, ordinal) ORDER BY a.ordinal
   ON CONFLICT (stream) DO UPDATE SET revision = EXCLUDED.revision`;

interface Row {
  readonly position: bigint;
  readonly stream: string;
  readonly revision: bigint;
  readonly event: ValidEnvelope;
}

const byStream = (a: { readonly stream: string }, b: { readonly stream: string }): number => (a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : 0);

/** Writes the checked call; runs inside its transaction. */
const write = async (
  tx: SqlExecutor,
  names: PostgresStoreNames,
  appends: readonly ValidStreamAppend[],
  currents: readonly ActualRevision[],
): Promise<StreamAppendResult[]> => {
  const total = appends.reduce((sum, append) => sum + append.events.length, 0);
  const [reservation] = await tx.query<{ first_position: unknown }>(`SELECT first_position FROM ${names.reservePositions}($1)`, [total]);
  let position = toBigInt(reservation?.first_position);
  const rows: Row[] = [];
  const results: StreamAppendResult[] = appends.map(({ stream, events }, i) => {
    const current = currents[i] as ActualRevision;
    let revision = current === 'no_stream' ? 0n : current + 1n;
    for (const event of events) rows.push({ position: position++, stream, revision: revision++, event });
    return { stream, nextExpectedRevision: revision - 1n, position: position - 1n };
  });
  rows.sort(byStream); // stable: a stream's rows stay in revision order
  for (let start = 0; start < rows.length; start += PG_MAX_ROWS_PER_INSERT) {
    const chunk = rows.slice(start, start + PG_MAX_ROWS_PER_INSERT);
    await tx.query(insertEventsSql(names), [
      `{${chunk.map((row) => String(row.position)).join(',')}}`,
      textArrayLiteral(chunk.map((row) => row.stream)),
      `{${chunk.map((row) => String(row.revision)).join(',')}}`,
      textArrayLiteral(chunk.map((row) => row.event.id)),
      textArrayLiteral(chunk.map((row) => row.event.type)),
      `{${chunk.map((row) => String(row.event.version)).join(',')}}`,
      `[${chunk.map((row) => jsonText(row.event.data)).join(',')}]`,
      JSON.stringify(chunk.map((row) => row.event.metadata)),
    ]);
  }
  const streams = [...results].sort(byStream);
  await tx.query(upsertStreamsSql(names), [
    textArrayLiteral(streams.map((result) => result.stream)),
    `{${streams.map((result) => String(result.nextExpectedRevision)).join(',')}}`,
  ]);
  await tx.query(`SELECT pg_notify('${appendChannel}', $1)`, [names.schema]);
  return results;
};

/**
 * Runs `appendMany` on validated arguments.
 * @throws WrongExpectedVersionError, DuplicateEventIdError (an id already stored), or the driver's error.
 */
export const appendToStreams = async (
  database: SqlDatabase,
  names: PostgresStoreNames,
  appends: readonly ValidStreamAppend[],
): Promise<MultiAppendResult> => {
  let checked: readonly ActualRevision[] = [];
  try {
    return await database.transaction(async (tx) => {
      const checks = await checkStreams(tx, names, appends);
      checked = checks.map((check) => check.current);
      const decision = decideMultiAppend(appends, checks);
      if (decision.kind === 'replayed') return decision.result;
      return multiAppendResult(await write(tx, names, appends, checked));
    });
  } catch (error) {
    const { code, constraint } = pgError(error);
    if (code !== '23505') throw error;
    if (constraint === 'ecoledger_events_event_id') {
      const events = appends.flatMap((append) => append.events);
      const id = await storedEventId(database, names, events);
      const owner = appends.find((append) => append.events.some((event) => event.id === id));
      throw new DuplicateEventIdError(owner?.stream ?? (appends[0] as ValidStreamAppend).stream, id);
    }
    if (constraint === 'ecoledger_events_stream_revision') {
      // Another writer got to a stream after the check: name the first one that moved.
      const now = await streamRevisions(database, names, appends.map((append) => append.stream));
      const moved = appends.findIndex((_, i) => now[i] !== checked[i]);
      const index = moved < 0 ? 0 : moved;
      const append = appends[index] as ValidStreamAppend;
      throw new WrongExpectedVersionError(append.stream, append.expectedRevision, now[index] as ActualRevision);
    }
    throw error;
  }
};
