/**
 * Runs several reads against one consistent snapshot, so that a page committed by the runner
 * between two of them cannot mix old and new rows. SQLite transactions are serializable already;
 * PostgreSQL's default (READ COMMITTED) takes a new snapshot per statement, hence REPEATABLE READ.
 */
import type { SqlDatabase, SqlExecutor } from '../../sql/sqlDatabase.js';

/** `work` inside a read transaction on one snapshot. */
export const readSnapshot = <T>(database: SqlDatabase, work: (tx: SqlExecutor) => Promise<T>): Promise<T> =>
  database.transaction(async (tx) => {
    if (database.dialect === 'postgres') await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    return work(tx);
  });
