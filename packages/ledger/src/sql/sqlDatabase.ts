/**
 * The narrow SQL interface shared by the SQL event store adapters and the checkpointed
 * projections: parameterized queries with PostgreSQL-style `$1, $2 ...` placeholders (the SQLite
 * implementation rewrites them), and transactions that run an async function as one unit of work.
 * Values go in as strings, bigints, numbers (never for money), booleans, null or Buffers; 64-bit
 * integers come back as `bigint` (SQLite) or decimal strings (PostgreSQL): read them with
 * {@link toBigInt}.
 */

/** A value bound to a placeholder. */
export type SqlValue = string | bigint | number | boolean | null | Uint8Array;

/** A row as returned by a query. */
export type SqlRow = Record<string, unknown>;

/** Runs statements. Inside a transaction it is bound to that transaction. */
export interface SqlExecutor {
  /** Runs one statement; returns its rows (empty for statements without a result set). */
  query<Row extends SqlRow = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
}

/** A database: statements, transactions, and its dialect. */
export interface SqlDatabase extends SqlExecutor {
  readonly dialect: 'sqlite' | 'postgres';
  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when it rejects.
   * Statements issued on the database itself while a transaction runs wait for it (SQLite) or use
   * another connection (PostgreSQL); use the executor passed to `work` inside it.
   */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Closes the database; further calls fail. */
  close(): Promise<void>;
}

/** Reads a 64-bit integer column whatever the driver returned it as. */
export const toBigInt = (value: unknown): bigint => {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  throw new TypeError(`expected an integer column, got ${typeof value}`);
};
