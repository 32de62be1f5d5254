/**
 * A projection whose read model lives in SQL tables. The runner calls `handle` and saves the
 * checkpoint in one transaction, so the tables and the checkpoint can never disagree.
 */
import type { RecordedEvent } from '../../eventStore/envelope.js';
import type { SqlExecutor } from '../../sql/sqlDatabase.js';

/** A read model kept in SQL, driven by `startProjection({ projection, database, ... })`. */
export interface SqlProjection {
  /** Stable name: the key of its checkpoint row. */
  readonly name: string;
  /** Creates the tables and indexes if missing (idempotent: runs at every start). */
  setUp(tx: SqlExecutor): Promise<void>;
  /** Drops the tables (or empties them) before a rebuild; `setUp` runs right after, in the same transaction. */
  reset(tx: SqlExecutor): Promise<void>;
  /**
   * Applies a page of the global log (every event, whatever its type or stream: skip what is not
   * yours) inside the runner's transaction. Throwing rolls back the page and its checkpoint.
   */
  handle(events: readonly RecordedEvent[], tx: SqlExecutor): Promise<void>;
}
