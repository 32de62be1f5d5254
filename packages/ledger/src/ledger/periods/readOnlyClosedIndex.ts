/**
 * The closed-posting index a store URL holds, opened read-only, for verify: SQLite (`sqlite:`)
 * and PostgreSQL (`postgres://`) keep it next to the log, in the tables of
 * `createSqlClosedPostingIndex`. Nothing is created, altered or written; a store without the
 * tables (no book closed a period there, or the index is kept elsewhere) gives `undefined`.
 */
import { parseStoreUrl } from '../../eventStore/openEventStore.js';
import type { SqlDatabase } from '../../sql/sqlDatabase.js';
import type { ClosedIndexReader } from './closedIndexAudit.js';
import { CLOSED_INDEX_TABLES, createSqlClosedPostingIndex } from './sqlClosedPostingIndex.js';

/** A read-only index and how to close its connection. */
export interface ReadOnlyClosedIndex {
  readonly index: ClosedIndexReader;
  close(): Promise<void>;
}

const hasTable = async (db: SqlDatabase, schema: string | undefined): Promise<boolean> => {
  const rows =
    db.dialect === 'sqlite'
      ? await db.query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = $1`, [CLOSED_INDEX_TABLES.postings])
      : await db.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2`, [schema ?? 'public', CLOSED_INDEX_TABLES.postings]);
  return rows.length > 0;
};

/** Opens the index kept in the store at `url`, read-only; `undefined` when the store holds none. */
export const openReadOnlyClosedIndex = async (url: string): Promise<ReadOnlyClosedIndex | undefined> => {
  const location = parseStoreUrl(url);
  let db: SqlDatabase;
  let schema: string | undefined;
  if (location.kind === 'sqlite') {
    const { openSqliteDatabase } = await import('../../sql/sqliteDatabase.js');
    db = openSqliteDatabase(location.path, { readOnly: true });
  } else if (location.kind === 'postgres') {
    const { openPostgresDatabase } = await import('../../sql/postgresDatabase.js');
    schema = location.schema;
    db = await openPostgresDatabase(location.connectionString, { ...(schema === undefined ? {} : { schema }), readOnly: true, max: 2 });
  } else return undefined;
  try {
    if (!(await hasTable(db, schema))) {
      await db.close();
      return undefined;
    }
  } catch (error) {
    await db.close();
    throw error;
  }
  return { index: createSqlClosedPostingIndex(db, { readOnly: true }), close: () => db.close() };
};
