/**
 * Real databases for the SQL projection tests: a SQLite file in a fresh temp directory, or a
 * PostgreSQL schema of its own (dropped in teardown). `reopen` opens another connection to the
 * same database, as a restarted process would.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'vitest';
import { openPostgresDatabase } from '../../src/sql/postgresDatabase.js';
import type { SqlDatabase } from '../../src/sql/sqlDatabase.js';
import { openSqliteDatabase } from '../../src/sql/sqliteDatabase.js';
import { describePostgres, postgresTestSchema } from '../../src/testing/postgresTestDatabase.js';

/** A database under test. */
export interface TestDatabase {
  readonly database: SqlDatabase;
  /** Another connection to the same database (closed by teardown). */
  reopen(): Promise<SqlDatabase>;
  /** Closes every connection and deletes the database. */
  teardown(): Promise<void>;
}

/** A SQLite file in a new temp directory. */
export const sqliteTestDatabase = async (): Promise<TestDatabase> => {
  const dir = await mkdtemp(join(tmpdir(), 'ecoledger-projection-'));
  const path = join(dir, 'read-model.sqlite');
  // NORMAL: these tests do not simulate power loss, and FULL fsyncs make them slow on shared disks.
  const open = (): SqlDatabase => openSqliteDatabase(path, { synchronous: 'NORMAL' });
  const opened = [open()];
  return {
    database: opened[0] as SqlDatabase,
    reopen: async () => {
      const database = open();
      opened.push(database);
      return database;
    },
    teardown: async () => {
      for (const database of opened) await database.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
};

/** A PostgreSQL schema of its own. */
export const postgresTestDatabase = async (): Promise<TestDatabase> => {
  const { connectionString, schema, drop } = await postgresTestSchema();
  const open = () => openPostgresDatabase(connectionString, { schema, max: 4 });
  const opened: SqlDatabase[] = [await open()];
  return {
    database: opened[0] as SqlDatabase,
    reopen: async () => {
      const database = await open();
      opened.push(database);
      return database;
    },
    teardown: async () => {
      for (const database of opened) await database.close();
      await drop();
    },
  };
};

/** Each database kind with its `describe` (PostgreSQL's skips cleanly when unreachable, unless CI=true). */
export const databaseKinds = [
  { name: 'SQLite', open: sqliteTestDatabase, describe: (name: string, fn: () => void) => describe(name, fn) },
  { name: 'PostgreSQL', open: postgresTestDatabase, describe: describePostgres },
] as const;
