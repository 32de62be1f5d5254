/**
 * The checkpoint table `ecoledger_checkpoints(name, position)`, shared by every projection of a
 * database. `position` is a decimal TEXT (global positions are unbounded bigints; EventStoreDB's
 * commit positions can exceed a signed 64-bit column), NULL meaning "nothing handled yet".
 *
 * The runner advances it with a compare-and-set at the start of each batch transaction: the update
 * locks the row (PostgreSQL) or the database (SQLite), and a second runner of the same projection,
 * or a rebuild under a running one, finds the row moved and rolls back instead of applying twice.
 */
import { toBigInt, type SqlDatabase, type SqlExecutor } from '../../sql/sqlDatabase.js';
import type { CheckpointStore } from './checkpointStore.js';
import { ProjectionCheckpointConflictError } from './errors.js';

/** Name of the checkpoint table. */
export const CHECKPOINT_TABLE = 'ecoledger_checkpoints';

type CheckpointRow = { position: unknown };

const positionOf = (value: unknown): bigint | 'start' => (value === null || value === undefined ? 'start' : toBigInt(value));
const textOf = (position: bigint | 'start'): string => (position === 'start' ? '' : position.toString());

/** Creates the checkpoint table if missing. */
export const ensureCheckpointTable = async (tx: SqlExecutor): Promise<void> => {
  await tx.query(`CREATE TABLE IF NOT EXISTS ${CHECKPOINT_TABLE} (name TEXT PRIMARY KEY, position TEXT)`);
};

/** The checkpoint of `name`, `'start'` when absent or empty. */
export const readCheckpoint = async (tx: SqlExecutor, name: string): Promise<bigint | 'start' | 'missing'> => {
  const [row] = await tx.query<CheckpointRow>(`SELECT position FROM ${CHECKPOINT_TABLE} WHERE name = $1`, [name]);
  return row === undefined ? 'missing' : positionOf(row.position);
};

/** Makes sure `name` has a row (empty when new) and returns its checkpoint. */
export const claimCheckpoint = async (tx: SqlExecutor, name: string): Promise<bigint | 'start'> => {
  await tx.query(`INSERT INTO ${CHECKPOINT_TABLE} (name, position) VALUES ($1, NULL) ON CONFLICT (name) DO NOTHING`, [name]);
  const position = await readCheckpoint(tx, name);
  return position === 'missing' ? 'start' : position;
};

/**
 * Moves the checkpoint from `expected` to `next`, inside the batch transaction.
 * @throws ProjectionCheckpointConflictError when the row is not at `expected`.
 */
export const advanceCheckpoint = async (tx: SqlExecutor, name: string, expected: bigint | 'start', next: bigint): Promise<void> => {
  const updated = await tx.query(
    `UPDATE ${CHECKPOINT_TABLE} SET position = $2 WHERE name = $1 AND COALESCE(position, '') = $3 RETURNING name`,
    [name, next.toString(), textOf(expected)],
  );
  if (updated.length === 0) throw new ProjectionCheckpointConflictError(name, expected, await readCheckpoint(tx, name));
};

/** Empties the checkpoint of `name` (keeping its row, so that a runner still holding the old position conflicts). */
export const resetCheckpoint = async (tx: SqlExecutor, name: string): Promise<void> => {
  await tx.query(
    `INSERT INTO ${CHECKPOINT_TABLE} (name, position) VALUES ($1, NULL) ON CONFLICT (name) DO UPDATE SET position = NULL`,
    [name],
  );
};

/**
 * A {@link CheckpointStore} in `ecoledger_checkpoints`, for idempotent projections whose model is
 * elsewhere (the table is created on first use).
 */
export const createSqlCheckpointStore = (database: SqlDatabase): CheckpointStore => {
  let ready: Promise<void> | undefined;
  const ensure = (): Promise<void> => {
    ready ??= ensureCheckpointTable(database).catch((error: unknown) => {
      ready = undefined;
      throw error;
    });
    return ready;
  };
  return {
    load: async (name) => {
      await ensure();
      const position = await readCheckpoint(database, name);
      return position === 'missing' ? 'start' : position;
    },
    save: async (name, position) => {
      await ensure();
      await database.query(
        `INSERT INTO ${CHECKPOINT_TABLE} (name, position) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET position = excluded.position`,
        [name, position.toString()],
      );
    },
    reset: async (name) => {
      await ensure();
      await resetCheckpoint(database, name);
    },
  };
};
