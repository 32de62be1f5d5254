/**
 * {@link SqlDatabase} over a `pg` connection pool. Each transaction holds one pooled client from
 * BEGIN to COMMIT; plain queries use any free client.
 */
import type pg from 'pg';
import { pgDriver } from './pgDriver.js';
import type { SqlDatabase, SqlRow } from './sqlDatabase.js';

/** Options of {@link openPostgresDatabase}. */
export interface PostgresDatabaseOptions {
  /** Schema every statement runs in (created if missing); default `public`. */
  readonly schema?: string;
  /** Pool size (default 10). */
  readonly max?: number;
  /**
   * Every statement runs in a READ ONLY transaction (`default_transaction_read_only`), and the
   * schema is not created: a reader that cannot write even by mistake.
   */
  readonly readOnly?: boolean;
}

/** Default connection string, overridden by `ECOLEDGER_PG_URL`. */
export const defaultPostgresUrl = (): string => process.env['ECOLEDGER_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

const SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/;

/** Opens a pool; the schema is created on first use if missing. */
export const openPostgresDatabase = async (
  connectionString: string,
  options: PostgresDatabaseOptions = {},
): Promise<SqlDatabase & { readonly pool: pg.Pool; readonly schema: string }> => {
  const schema = options.schema ?? 'public';
  if (!SCHEMA.test(schema)) throw new RangeError(`schema "${schema}" must match ${SCHEMA}`);
  const readOnly = options.readOnly === true ? ' -c default_transaction_read_only=on' : '';
  const pool = new pgDriver.Pool({ connectionString, max: options.max ?? 10, options: `-c search_path=${schema}${readOnly}` });
  // A broken idle client must not crash the process: the pool drops it and the next query reconnects.
  pool.on('error', () => undefined);
  try {
    if (options.readOnly !== true) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } catch (error) {
    // Two processes creating the same new schema race on the catalog; the loser sees 23505/42P06.
    const code = (error as { code?: string }).code;
    if (code !== '23505' && code !== '42P06') {
      await pool.end();
      throw error;
    }
  }
  return {
    dialect: 'postgres',
    pool,
    schema,
    query: async <Row extends SqlRow>(sql: string, params: readonly unknown[] = []) => (await pool.query(sql, [...params])).rows as Row[],
    transaction: async (work) => {
      const client = await pool.connect();
      let broken = false;
      // A connection dying while the client is checked out emits `error` on the client; without a
      // listener Node would crash the process. The failure still reaches `work` as a rejected query.
      const onError = () => {
        broken = true;
      };
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const result = await work({ query: async <Row extends SqlRow>(sql: string, params: readonly unknown[] = []) => (await client.query(sql, [...params])).rows as Row[] });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true;
        }
        throw error;
      } finally {
        client.off('error', onError);
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
};
