/**
 * The PostgreSQL event store schema and its migrations. Each start takes a transaction-scoped
 * advisory lock (one per schema), then applies the missing migrations in that same transaction and
 * records them in `ecoledger_migrations`: concurrent starts apply each step exactly once, and a
 * crash mid-migration leaves the schema as it was.
 */
import { describeValue } from '../../codecs/formatValidationErrors.js';
import { InvalidArgumentError, StoreNotFoundError } from '../errors.js';
import type { SqlDatabase, SqlExecutor } from '../../sql/sqlDatabase.js';
import { toBigInt } from '../../sql/sqlDatabase.js';

/** Schema-qualified names of the store's objects. */
export interface PostgresStoreNames {
  readonly schema: string;
  readonly events: string;
  readonly streams: string;
  readonly positions: string;
  readonly reservePositions: string;
  readonly migrations: string;
}

/** Schema names the store accepts: the same rule as `openPostgresDatabase`. */
export const postgresSchemaPattern = /^[a-z_][a-z0-9_]{0,62}$/;

/** The qualified names inside `schema`. @throws InvalidArgumentError for a schema name outside {@link postgresSchemaPattern}. */
export const postgresStoreNames = (schema: string): PostgresStoreNames => {
  if (typeof schema !== 'string' || !postgresSchemaPattern.test(schema)) {
    throw new InvalidArgumentError('$.options.schema', `expected a name matching ${postgresSchemaPattern}, got ${describeValue(schema)}`);
  }
  const q = `"${schema}"`;
  return {
    schema,
    events: `${q}.ecoledger_events`,
    streams: `${q}.ecoledger_streams`,
    positions: `${q}.ecoledger_positions`,
    reservePositions: `${q}.ecoledger_reserve_positions`,
    migrations: `${q}.ecoledger_migrations`,
  };
};

/**
 * The migrations, version `index + 1`. Never edit one that has shipped: append a new one.
 *
 * 1. - `ecoledger_positions`: the global position sequence. Positions are not an identity column
 *      because an append reserves its whole range at once, in transaction id order (see below).
 *    - `ecoledger_events`: one row per event. `UNIQUE (stream, revision)`; the unique `event_id`
 *      index backs idempotent re-append detection and rejects an id stored twice. `data` and
 *      `metadata` are `json`, not `jsonb`: `json` keeps the exact text written (key order, and
 *      strings such as `"\u0000"` that `jsonb` refuses), and both are validated on read anyway.
 *      `transaction_id` is the writing transaction (`pg_current_xact_id()`), for the visibility rule.
 *    - `ecoledger_streams`: the revision of each stream's last event.
 *    - `ecoledger_reserve_positions(n)`: assigns the calling transaction its id and reserves `n`
 *      consecutive positions, both under one short session-level advisory lock, so that positions
 *      increase with transaction ids. That is what makes "only events of transactions older than
 *      every running one" a gap-free prefix of the log (see `postgresEventStore.ts`). The lock is
 *      released before the function returns, also when it fails.
 */
const migrations: readonly ((names: PostgresStoreNames) => readonly string[])[] = [
  (names) => [
    `CREATE SEQUENCE ${names.positions} AS bigint MINVALUE 1 START 1`,
    `CREATE TABLE ${names.events} (
       position bigint PRIMARY KEY,
       stream text NOT NULL,
       revision bigint NOT NULL,
       event_id uuid NOT NULL,
       type text NOT NULL,
       version integer NOT NULL,
       data json NOT NULL,
       metadata json NOT NULL,
       transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
       CONSTRAINT ecoledger_events_stream_revision UNIQUE (stream, revision)
     )`,
    `CREATE UNIQUE INDEX ecoledger_events_event_id ON ${names.events} (event_id)`,
    `CREATE TABLE ${names.streams} (stream text PRIMARY KEY, revision bigint NOT NULL)`,
    `CREATE FUNCTION ${names.reservePositions}(event_count integer, OUT first_position bigint, OUT transaction_id xid8)
     LANGUAGE plpgsql AS $reserve$
     DECLARE
       ordering_lock CONSTANT bigint := hashtextextended('ecoledger.positions.${names.schema}', 0);
     BEGIN
       PERFORM pg_advisory_lock(ordering_lock);
       BEGIN
         transaction_id := pg_current_xact_id();
         first_position := nextval('${names.positions}');
         IF event_count > 1 THEN
           PERFORM setval('${names.positions}', first_position + event_count - 1);
         END IF;
       EXCEPTION WHEN OTHERS OR query_canceled THEN
         PERFORM pg_advisory_unlock(ordering_lock);
         RAISE;
       END;
       PERFORM pg_advisory_unlock(ordering_lock);
     END
     $reserve$`,
  ],
];

/** The schema version this code writes and understands. */
export const postgresSchemaVersion = migrations.length;

const applyMissing = async (tx: SqlExecutor, names: PostgresStoreNames): Promise<void> => {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`ecoledger.migrations.${names.schema}`]);
  await tx.query(
    `CREATE TABLE IF NOT EXISTS ${names.migrations} (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
  );
  const [row] = await tx.query<{ version: unknown }>(`SELECT MAX(version) AS version FROM ${names.migrations}`);
  const current = row?.version === null || row?.version === undefined ? 0 : Number(toBigInt(row.version));
  if (current > postgresSchemaVersion) {
    throw new InvalidArgumentError(
      '$.options',
      `schema "${names.schema}" has event store schema version ${current}, newer than this library's ${postgresSchemaVersion}`,
    );
  }
  for (let version = current + 1; version <= postgresSchemaVersion; version++) {
    for (const statement of migrations[version - 1]?.(names) ?? []) await tx.query(statement);
    await tx.query(`INSERT INTO ${names.migrations} (version) VALUES ($1)`, [version]);
  }
};

/** Brings `schema` up to {@link postgresSchemaVersion}; idempotent and safe to run concurrently. Throws `invalid_argument` for a newer schema. */
export const migratePostgresEventStore = (database: SqlDatabase, schema: string): Promise<void> =>
  database.transaction((tx) => applyMissing(tx, postgresStoreNames(schema)));

/**
 * For a read-only opener: checks, without writing (no migration, no advisory lock), that `schema`
 * holds this code's event store. @throws StoreNotFoundError when it holds none; InvalidArgumentError for another version.
 */
export const assertPostgresEventStoreSchema = async (database: SqlDatabase, schema: string): Promise<void> => {
  const names = postgresStoreNames(schema);
  const [found] = await database.query<{ events: unknown; migrations: unknown }>(
    `SELECT to_regclass($1) IS NOT NULL AS events, to_regclass($2) IS NOT NULL AS migrations`,
    [names.events, names.migrations],
  );
  if (found?.events !== true || found.migrations !== true) throw new StoreNotFoundError(`schema "${schema}" holds no event store`);
  const [row] = await database.query<{ version: unknown }>(`SELECT MAX(version) AS version FROM ${names.migrations}`);
  const current = row?.version === null || row?.version === undefined ? 0 : Number(toBigInt(row.version));
  if (current !== postgresSchemaVersion) {
    throw new InvalidArgumentError('$.options', `schema "${schema}" has event store schema version ${current}, this library reads version ${postgresSchemaVersion}`);
  }
};
