/**
 * The SQLite event store schema and its migrations. Each migration runs once, in order, inside the
 * same transaction that records it in `ecoledger_migrations`, so a crash mid-migration leaves the
 * file as it was and concurrent openers (other processes) apply each step exactly once.
 */
import { InvalidArgumentError, StoreNotFoundError } from '../errors.js';
import type { SqlDatabase, SqlExecutor } from '../../sql/sqlDatabase.js';
import { toBigInt } from '../../sql/sqlDatabase.js';

/** Name of the events table. */
export const eventsTable = 'ecoledger_events';

/** Name of the migrations table: `(version, applied_at)`. */
export const migrationsTable = 'ecoledger_migrations';

/**
 * The migrations, version `index + 1`. Never edit one that has shipped: append a new one.
 *
 * 1. The events table. `position` is the global position: AUTOINCREMENT so a position is never
 *    reused, even after a rolled-back tail. `UNIQUE (stream, revision)` backs stream reads and
 *    `MAX(revision)`; the unique `event_id` index backs idempotent re-append detection and rejects
 *    an id stored twice. `data` and `metadata` are JSON text, validated on write and on read.
 */
export const sqliteMigrations: readonly (readonly string[])[] = [
  [
    `CREATE TABLE ${eventsTable} (
       position INTEGER PRIMARY KEY AUTOINCREMENT,
       stream TEXT NOT NULL,
       revision INTEGER NOT NULL,
       event_id TEXT NOT NULL,
       type TEXT NOT NULL,
       version INTEGER NOT NULL,
       data TEXT NOT NULL,
       metadata TEXT NOT NULL,
       UNIQUE (stream, revision)
     ) STRICT`,
    `CREATE UNIQUE INDEX ${eventsTable}_event_id ON ${eventsTable} (event_id)`,
  ],
];

/** The schema version this code writes and understands. */
export const sqliteSchemaVersion = sqliteMigrations.length;

const applyMissing = async (tx: SqlExecutor, now: () => Date): Promise<void> => {
  await tx.query(`CREATE TABLE IF NOT EXISTS ${migrationsTable} (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL) STRICT`);
  const [row] = await tx.query<{ version: unknown }>(`SELECT MAX(version) AS version FROM ${migrationsTable}`);
  const current = row?.version === null || row?.version === undefined ? 0 : Number(toBigInt(row.version));
  if (current > sqliteSchemaVersion) {
    throw new InvalidArgumentError(
      '$.options',
      `the database has event store schema version ${current}, newer than this library's ${sqliteSchemaVersion}`,
    );
  }
  for (let version = current + 1; version <= sqliteSchemaVersion; version++) {
    for (const statement of sqliteMigrations[version - 1] ?? []) await tx.query(statement);
    await tx.query(`INSERT INTO ${migrationsTable} (version, applied_at) VALUES ($1, $2)`, [version, now().toISOString()]);
  }
};

/** Brings the database up to {@link sqliteSchemaVersion}; idempotent. Throws `invalid_argument` for a newer schema. */
export const migrateSqliteEventStore = (database: SqlDatabase, now: () => Date = () => new Date()): Promise<void> =>
  database.transaction((tx) => applyMissing(tx, now));

/**
 * For a read-only opener: checks, without writing, that the database holds this code's event store
 * schema. @throws StoreNotFoundError when it holds none; InvalidArgumentError for another version.
 */
export const assertSqliteEventStoreSchema = async (database: SqlDatabase): Promise<void> => {
  const tables = await database.query<{ name: unknown }>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ($1, $2)`, [eventsTable, migrationsTable]);
  if (tables.length < 2) throw new StoreNotFoundError('the SQLite file holds no event store (it was never opened as one)');
  const [row] = await database.query<{ version: unknown }>(`SELECT MAX(version) AS version FROM ${migrationsTable}`);
  const current = row?.version === null || row?.version === undefined ? 0 : Number(toBigInt(row.version));
  if (current !== sqliteSchemaVersion) {
    throw new InvalidArgumentError('$.options', `the database has event store schema version ${current}, this library reads version ${sqliteSchemaVersion}`);
  }
};
