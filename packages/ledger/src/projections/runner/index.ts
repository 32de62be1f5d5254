/** The projection runner: checkpointed, exactly-once projections of the global log. */
export { createInMemoryCheckpointStore, type CheckpointStore } from './checkpointStore.js';
export {
  isProjectionRunnerError,
  ProjectionCheckpointConflictError,
  ProjectionHandlerError,
  ProjectionOptionsError,
  ProjectionRunnerError,
  type ProjectionRunnerErrorCode,
} from './errors.js';
export { ledgerReadModelProjection, type IdempotentProjection } from './idempotentProjection.js';
export { CHECKPOINT_TABLE, createSqlCheckpointStore } from './sqlCheckpoints.js';
export type { SqlProjection } from './sqlProjection.js';
export {
  rebuildProjection,
  startProjection,
  type IdempotentProjectionRunnerOptions,
  type ProjectionRunner,
  type ProjectionRunnerOptions,
  type SqlProjectionRunnerOptions,
  type StartProjectionOptions,
} from './startProjection.js';
