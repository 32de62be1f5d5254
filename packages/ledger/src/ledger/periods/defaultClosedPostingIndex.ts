/**
 * The closed-posting index a book uses when `Book.open` is given none: the SQL database of the
 * book's own store when it has one (SQLite, PostgreSQL: `store.database`), so that closed ids stay
 * on disk and the heap and open time stay flat with history; otherwise (the in-memory store, which
 * holds the whole log in memory anyway, EventStoreDB, a wrapper) an in-memory index, which a book
 * with closed periods rebuilds from its log on open. Pass `closedPostings` to choose another.
 */
import type { EventStore } from '../../eventStore/eventStore.js';
import type { SqlDatabase } from '../../sql/sqlDatabase.js';
import { createInMemoryClosedPostingIndex, type ClosedPostingIndex } from './closedPostingIndex.js';
import { createSqlClosedPostingIndex } from './sqlClosedPostingIndex.js';

const isSqlDatabase = (value: unknown): value is SqlDatabase => {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof SqlDatabase, unknown>>;
  return (candidate.dialect === 'sqlite' || candidate.dialect === 'postgres') && typeof candidate.query === 'function' && typeof candidate.transaction === 'function';
};

/** See the module comment. */
export const defaultClosedPostingIndex = (store: EventStore): ClosedPostingIndex => {
  const database: unknown = (store as { readonly database?: unknown }).database;
  return isSqlDatabase(database) ? createSqlClosedPostingIndex(database) : createInMemoryClosedPostingIndex();
};
