/**
 * `@ecoledger/ledger/postgres`: the PostgreSQL event store and the PostgreSQL database it runs on,
 * kept out of the main entry so that it does not load the `pg` driver.
 */
export {
  createPostgresEventStore,
  defaultPostgresPollIntervalMs,
  defaultPostgresVisibilityWaitMs,
  type PostgresDatabase,
  type PostgresEventStore,
  type PostgresEventStoreCommonOptions,
  type PostgresEventStoreConnectionOptions,
  type PostgresEventStoreDatabaseOptions,
  type PostgresEventStoreOptions,
} from './postgresEventStore.js';
export { migratePostgresEventStore, postgresSchemaVersion } from './postgresSchema.js';
export { defaultPostgresUrl, openPostgresDatabase, type PostgresDatabaseOptions } from '../../sql/postgresDatabase.js';
export type { SqlDatabase, SqlExecutor, SqlRow, SqlValue } from '../../sql/sqlDatabase.js';
