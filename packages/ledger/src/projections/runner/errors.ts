import { projectionErrorMessages as projectionRunnerErrorMessages, type ProjectionErrorCode } from '../../errors.js';

/** A projection runner error code. */
export type ProjectionRunnerErrorCode = Exclude<ProjectionErrorCode, 'read_model_corrupt'>;

/**
 * Typed errors of the projection runner. Each carries a `code`; guards test the code rather than
 * `instanceof`, so they also work across duplicated copies of the package (ESM + CJS).
 */

/** Base class of the runner's errors. */
export class ProjectionRunnerError extends Error {
  readonly code: ProjectionRunnerErrorCode;
  /** Name of the projection concerned. */
  readonly projection: string;

  constructor(code: ProjectionRunnerErrorCode, projection: string, detail: string, options?: ErrorOptions) {
    super(`${projectionRunnerErrorMessages[code]}: ${detail}`, options);
    this.name = 'ProjectionRunnerError';
    this.code = code;
    this.projection = projection;
  }
}

/**
 * A batch failed: the handler threw or its transaction did not commit. `cause` is the original
 * error (e.g. an `EventDecodeError` naming the stream and revision); nothing of the batch was kept.
 */
export class ProjectionHandlerError extends ProjectionRunnerError {
  declare readonly code: 'projection_handler_failed';
  /** Global positions of the first and last event of the failed batch. */
  readonly fromPosition: bigint;
  readonly toPosition: bigint;

  constructor(projection: string, fromPosition: bigint, toPosition: bigint, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super('projection_handler_failed', projection, `"${projection}" at positions ${fromPosition}..${toPosition}: ${reason}`, { cause });
    this.name = 'ProjectionHandlerError';
    this.fromPosition = fromPosition;
    this.toPosition = toPosition;
  }
}

/** The checkpoint was not where this runner left it; the batch was rolled back and the runner stopped. */
export class ProjectionCheckpointConflictError extends ProjectionRunnerError {
  declare readonly code: 'projection_checkpoint_conflict';
  readonly expected: bigint | 'start';
  readonly actual: bigint | 'start' | 'missing';

  constructor(projection: string, expected: bigint | 'start', actual: bigint | 'start' | 'missing') {
    super('projection_checkpoint_conflict', projection, `"${projection}" expected checkpoint ${expected}, found ${actual}`);
    this.name = 'ProjectionCheckpointConflictError';
    this.expected = expected;
    this.actual = actual;
  }
}

/** Bad options given to `startProjection` / `rebuildProjection`; nothing was started. */
export class ProjectionOptionsError extends ProjectionRunnerError {
  declare readonly code: 'projection_options_invalid';
  /** JSON path of the bad option, e.g. `$.options.batchSize`. */
  readonly path: string;

  constructor(projection: string, path: string, reason: string) {
    super('projection_options_invalid', projection, `${path}: ${reason}`);
    this.name = 'ProjectionOptionsError';
    this.path = path;
  }
}

/** True for any error of the projection runner with the given code (or any code when omitted). */
export const isProjectionRunnerError = (error: unknown, code?: ProjectionRunnerErrorCode): error is ProjectionRunnerError => {
  if (!(error instanceof Error)) return false;
  const actual: unknown = (error as { code?: unknown }).code;
  return typeof actual === 'string' && Object.hasOwn(projectionRunnerErrorMessages, actual) && actual !== 'read_model_corrupt' && (code === undefined || actual === code);
};
