/**
 * {@link SqlDatabase} over better-sqlite3: one connection, WAL journal, and an async lock so that
 * a transaction spanning `await`s is never joined by another caller's statements.
 *
 * Durability: `synchronous = FULL` by default: in WAL mode that syncs the log at every commit, so an
 * acknowledged append survives a process crash and a power loss. `NORMAL` survives a process
 * crash (the WAL is in the OS cache) but may lose the last commits on power loss.
 */
import type Database from 'better-sqlite3';
import { BetterSqlite3 } from './betterSqlite3Driver.js';
import type { SqlDatabase, SqlExecutor, SqlRow, SqlValue } from './sqlDatabase.js';

/** Options of {@link openSqliteDatabase}. */
export interface SqliteDatabaseOptions {
  /** `FULL` (default) or `NORMAL`; see the module comment. */
  readonly synchronous?: 'FULL' | 'NORMAL';
  /** Milliseconds to wait for another process's write lock (default 5,000). */
  readonly busyTimeoutMs?: number;
  /**
   * Open an existing file read-only (`readonly` + `fileMustExist`): nothing is created, and no
   * pragma that writes (journal mode) is set. A missing file throws.
   */
  readonly readOnly?: boolean;
}

type Statement = Database.Statement<unknown[], unknown>;

/** Rewrites `$1..$n` placeholders to `?` and orders the values to match. */
const positional = (sql: string, params: readonly SqlValue[]): { sql: string; values: unknown[] } => {
  const values: unknown[] = [];
  const text = sql.replace(/\$(\d+)/g, (_, n: string) => {
    const index = Number.parseInt(n, 10) - 1;
    if (index < 0 || index >= params.length) throw new RangeError(`placeholder $${n} has no value`);
    const value = params[index];
    values.push(typeof value === 'boolean' ? (value ? 1 : 0) : value);
    return '?';
  });
  return { sql: text, values };
};

/** The values for a prepared statement's `?`s, `indexes[i]` naming the parameter of the i-th. */
const orderedValues = (indexes: readonly number[], params: readonly SqlValue[]): unknown[] => {
  const values = new Array<unknown>(indexes.length);
  for (let i = 0; i < indexes.length; i++) {
    const index = indexes[i] as number;
    if (index < 0 || index >= params.length) throw new RangeError(`placeholder $${index + 1} has no value`);
    const value = params[index];
    values[i] = typeof value === 'boolean' ? (value ? 1 : 0) : value;
  }
  return values;
};

/** Opens (creating if needed) a SQLite database file; `:memory:` for a private in-memory one. */
export const openSqliteDatabase = (path: string, options: SqliteDatabaseOptions = {}): SqlDatabase & { readonly raw: Database.Database } => {
  const db = options.readOnly === true ? new BetterSqlite3(path, { readonly: true, fileMustExist: true }) : new BetterSqlite3(path);
  if (options.readOnly !== true) db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
  db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5_000}`);
  db.pragma('foreign_keys = ON');
  const statements = new Map<string, { statement: Statement; order: (params: readonly SqlValue[]) => unknown[] }>();
  let lock: Promise<unknown> = Promise.resolve();
  let closed = false;

  const prepare = (sql: string, params: readonly SqlValue[]) => {
    let cached = statements.get(sql);
    if (cached === undefined) {
      const { sql: text } = positional(sql, sql.match(/\$(\d+)/g)?.map(() => null) ?? []);
      const statement = db.prepare(text).safeIntegers(true) as Statement;
      // Which parameter each `?` takes, found once per statement text rather than on every call.
      const indexes = Array.from(sql.matchAll(/\$(\d+)/g), (match) => Number.parseInt(match[1] as string, 10) - 1);
      cached = { statement, order: (values) => orderedValues(indexes, values) };
      statements.set(sql, cached);
    }
    return { statement: cached.statement, values: cached.order(params) };
  };

  const run = <Row extends SqlRow>(sql: string, params: readonly SqlValue[] = []): Row[] => {
    if (closed) throw new Error('the SQLite database is closed');
    const { statement, values } = prepare(sql, params);
    if (statement.reader) return statement.all(...values) as Row[];
    statement.run(...values);
    return [];
  };

  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const result = lock.then(work, work);
    lock = result.catch(() => undefined);
    return result;
  };

  const executor: SqlExecutor = { query: async (sql, params) => run(sql, params) };

  return {
    dialect: 'sqlite',
    raw: db,
    query: (sql, params) => exclusive(async () => run(sql, params)),
    transaction: (work) =>
      exclusive(async () => {
        run('BEGIN IMMEDIATE');
        try {
          const result = await work(executor);
          run('COMMIT');
          return result;
        } catch (error) {
          if (db.inTransaction) run('ROLLBACK');
          throw error;
        }
      }),
    close: () =>
      exclusive(async () => {
        if (closed) return;
        closed = true;
        db.close();
      }),
  };
};
