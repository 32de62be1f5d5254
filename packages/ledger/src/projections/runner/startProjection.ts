/**
 * The projection runner: reads the global log in pages after the projection's checkpoint, applies
 * each page (see `projectionTarget.ts` for what "applies" means per kind of projection), and when
 * it has caught up waits for new events without holding anything open. The page loop is the
 * processors' (`processors/pageLoop.ts`); an idempotent projection is run as a processor.
 *
 * ```ts
 * const runner = await startProjection({ source: store, database, projection: model.projection });
 * await runner.caughtUp;
 * await runner.stop();
 * ```
 *
 * Failures are never skipped: a page whose handler (or transaction) fails is rolled back, the
 * runner stops, and the error goes to `onError` (and rejects `caughtUp` if it was still pending,
 * and `done`). Without `onError` it also surfaces as an unhandled rejection, like a subscription's.
 */
import type { RecordedEvent } from '../../eventStore/envelope.js';
import type { EventStore } from '../../eventStore/eventStore.js';
import { DEFAULT_PROJECTION_BATCH_SIZE as DEFAULT_BATCH_SIZE, MAX_PROCESSOR_NAME_LENGTH } from '../../limits.js';
import { startPageLoop } from '../../processors/pageLoop.js';
import type { SqlDatabase } from '../../sql/sqlDatabase.js';
import type { CheckpointStore } from './checkpointStore.js';
import { isProjectionRunnerError, ProjectionHandlerError, ProjectionOptionsError } from './errors.js';
import type { IdempotentProjection } from './idempotentProjection.js';
import { idempotentTarget, sqlTarget, type ProjectionTarget } from './projectionTarget.js';
import type { SqlProjection } from './sqlProjection.js';

/** Options every runner takes. */
export interface ProjectionRunnerOptions {
  /** Where the events come from. */
  readonly source: EventStore;
  /** Events per page, and so per transaction (default 500). */
  readonly batchSize?: number;
  /**
   * When caught up, poll `readAll` every this many milliseconds instead of waiting on a
   * `source.subscribe` doorbell (default: subscribe).
   */
  readonly pollIntervalMs?: number;
  /** Told of the error that stopped the runner. */
  readonly onError?: (error: unknown) => void;
}

/** Runs a {@link SqlProjection} whose tables and checkpoint live in `database`. */
export interface SqlProjectionRunnerOptions extends ProjectionRunnerOptions {
  readonly projection: SqlProjection;
  /**
   * The read model's database: the event store's own, or another one. On SQLite, share one
   * `SqlDatabase` object per file within a process: a second connection waiting for the write
   * lock blocks the event loop, and with it the transaction holding the lock.
   */
  readonly database: SqlDatabase;
}

/** Runs an {@link IdempotentProjection} with its checkpoint in `checkpoints`. */
export interface IdempotentProjectionRunnerOptions extends ProjectionRunnerOptions {
  readonly projection: IdempotentProjection;
  readonly checkpoints: CheckpointStore;
}

/** Options of {@link startProjection} and {@link rebuildProjection}. */
export type StartProjectionOptions = SqlProjectionRunnerOptions | IdempotentProjectionRunnerOptions;

/** A running projection. */
export interface ProjectionRunner {
  /** The projection's name. */
  readonly name: string;
  /**
   * Resolves the first time every event stored so far is applied; rejects with the error if the
   * runner fails before that. Also resolves if the runner is stopped before catching up (as a
   * subscription's `caughtUp` does): check {@link position} or {@link lag} when it matters.
   */
  readonly caughtUp: Promise<void>;
  /** Settles when the runner has exited: resolves after `stop()`, rejects with the error that stopped it. */
  readonly done: Promise<void>;
  /** Stops after the page in flight (if any) commits or rolls back; resolves once the runner has exited. Never rejects. */
  stop(): Promise<void>;
  /** Global position of the last committed page's last event (the checkpoint), `'start'` before any. */
  position(): bigint | 'start';
  /**
   * How many events the store holds after {@link position}: a count of events, not a difference of
   * positions (positions may have gaps). Reads those events in pages, so it costs O(lag).
   */
  lag(): Promise<bigint>;
}

const targetOf = (options: StartProjectionOptions): ProjectionTarget =>
  'database' in options ? sqlTarget(options.database, options.projection) : idempotentTarget(options.checkpoints, options.projection);

/** Checks the options; returns the page size. @throws ProjectionOptionsError */
const validate = (options: StartProjectionOptions): { batchSize: number; pollIntervalMs: number | undefined } => {
  const name: unknown = options.projection?.name;
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_PROCESSOR_NAME_LENGTH) {
    throw new ProjectionOptionsError(String(name), '$.options.projection.name', `expected a non-empty string of at most ${MAX_PROCESSOR_NAME_LENGTH} characters`);
  }
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new ProjectionOptionsError(name, '$.options.batchSize', 'expected an integer >= 1');
  const { pollIntervalMs } = options;
  if (pollIntervalMs !== undefined && (!Number.isSafeInteger(pollIntervalMs) || pollIntervalMs < 1)) {
    throw new ProjectionOptionsError(name, '$.options.pollIntervalMs', 'expected an integer >= 1');
  }
  if ('database' in options ? options.database === undefined : options.checkpoints === undefined) {
    throw new ProjectionOptionsError(name, '$.options', 'expected a database (SQL projection) or checkpoints (idempotent projection)');
  }
  return { batchSize, pollIntervalMs };
};

/**
 * Starts a projection: prepares its read model (SQL: creates tables and the checkpoint row), loads
 * its checkpoint and resumes strictly after it. Resolves once running; rejects if preparing fails.
 * @throws ProjectionOptionsError for bad options.
 */
export const startProjection = async (options: StartProjectionOptions): Promise<ProjectionRunner> => {
  const { batchSize, pollIntervalMs } = validate(options);
  const target = targetOf(options);
  return run(options, target, await target.start(), batchSize, pollIntervalMs);
};

/**
 * Rebuilds a projection from the beginning: empties its read model and checkpoint (SQL: drops and
 * recreates its tables, in one transaction), then starts it. Stop any runner of this projection
 * first. (SQL: should one still run, the checkpoint compare-and-set still applies each page once,
 * and whichever runner finds the checkpoint moved stops with `projection_checkpoint_conflict`.)
 * @throws ProjectionOptionsError for bad options, or an idempotent projection without `reset`.
 */
export const rebuildProjection = async (options: StartProjectionOptions): Promise<ProjectionRunner> => {
  validate(options);
  await targetOf(options).reset();
  return startProjection(options);
};

const run = (
  options: StartProjectionOptions,
  target: ProjectionTarget,
  checkpoint: bigint | 'start',
  batchSize: number,
  pollIntervalMs: number | undefined,
): ProjectionRunner => {
  const loop = startPageLoop({
    source: options.source,
    after: checkpoint,
    batchSize,
    pollIntervalMs,
    onError: options.onError,
    applyPage: async (page, after, signal) => {
      try {
        await target.apply(page, after, signal);
      } catch (error) {
        // Conflicts are the runner's own errors already; anything else is the handler's (or its transaction's).
        if (isProjectionRunnerError(error, 'projection_checkpoint_conflict')) throw error;
        throw new ProjectionHandlerError(target.name, (page[0] as RecordedEvent).position, (page[page.length - 1] as RecordedEvent).position, error);
      }
      return true;
    },
  });
  return { name: target.name, ...loop };
};
