/**
 * `@ecoledger/ledger/sqlite`: the SQLite event store (the embedded, durable default) and the
 * SQLite database it runs on, kept out of the main entry so that it does not load the native driver.
 */
export {
  createSqliteEventStore,
  defaultSqlitePollIntervalMs,
  type SqliteEventStore,
  type SqliteEventStoreCommonOptions,
  type SqliteEventStoreDatabaseOptions,
  type SqliteEventStoreOptions,
  type SqliteEventStorePathOptions,
} from './sqliteEventStore.js';
export { migrateSqliteEventStore, sqliteSchemaVersion } from './sqliteSchema.js';
export { openSqliteDatabase, type SqliteDatabaseOptions } from '../../sql/sqliteDatabase.js';
export type { SqlDatabase, SqlExecutor, SqlRow, SqlValue } from '../../sql/sqlDatabase.js';
