/**
 * What the runner does with a page, per kind of projection: a SQL projection handles the page and
 * advances its checkpoint in one transaction; an idempotent projection is a processor (see
 * `processors/`): it handles the page, then the checkpoint store saves the position.
 */
import type { RecordedEvent } from '../../eventStore/envelope.js';
import { processPage } from '../../processors/processPage.js';
import type { SqlDatabase } from '../../sql/sqlDatabase.js';
import type { CheckpointStore } from './checkpointStore.js';
import { ProjectionOptionsError } from './errors.js';
import { projectionProcessor, type IdempotentProjection } from './idempotentProjection.js';
import { advanceCheckpoint, claimCheckpoint, ensureCheckpointTable, resetCheckpoint } from './sqlCheckpoints.js';
import type { SqlProjection } from './sqlProjection.js';

/** A projection together with where its checkpoint lives. */
export interface ProjectionTarget {
  readonly name: string;
  /** Prepares the read model and returns the checkpoint to resume after. */
  start(): Promise<bigint | 'start'>;
  /** Applies a non-empty page read after `after`; the checkpoint becomes the page's last position. */
  apply(events: readonly RecordedEvent[], after: bigint | 'start', signal: AbortSignal): Promise<void>;
  /** Empties the read model and the checkpoint. */
  reset(): Promise<void>;
}

const lastPositionOf = (events: readonly RecordedEvent[]): bigint => (events[events.length - 1] as RecordedEvent).position;

/** A SQL projection in `database`: each page and its checkpoint commit together or not at all. */
export const sqlTarget = (database: SqlDatabase, projection: SqlProjection): ProjectionTarget => ({
  name: projection.name,
  start: () =>
    database.transaction(async (tx) => {
      await ensureCheckpointTable(tx);
      await projection.setUp(tx);
      return claimCheckpoint(tx, projection.name);
    }),
  apply: (events, after) =>
    database.transaction(async (tx) => {
      // Checkpoint first: it takes the lock, so a competing runner conflicts before doing any work.
      await advanceCheckpoint(tx, projection.name, after, lastPositionOf(events));
      await projection.handle(events, tx);
    }),
  reset: () =>
    database.transaction(async (tx) => {
      await ensureCheckpointTable(tx);
      await projection.reset(tx);
      await projection.setUp(tx);
      await resetCheckpoint(tx, projection.name);
    }),
});

/** An idempotent projection with its checkpoint in `checkpoints`, saved after each handled page. */
export const idempotentTarget = (checkpoints: CheckpointStore, projection: IdempotentProjection): ProjectionTarget => {
  const processor = projectionProcessor(projection);
  return {
    name: projection.name,
    start: () => checkpoints.load(projection.name),
    apply: async (events, after, signal) => {
      // No retry policy: the page is either handled and checkpointed or its error is thrown as is.
      await processPage({ processor, checkpoints }, events, after, signal);
    },
    reset: async () => {
      if (projection.reset === undefined) {
        throw new ProjectionOptionsError(projection.name, '$.options.projection.reset', 'rebuilding an idempotent projection needs reset()');
      }
      await projection.reset();
      await checkpoints.reset(projection.name);
    },
  };
};
