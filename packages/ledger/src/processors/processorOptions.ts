/**
 * The options of `startProcessor` and `runProcessorOnce`, and their run-time validation: bad
 * options are a {@link ProcessorOptionsError} naming the option, before anything is read or saved.
 */
import type { RetryPolicy } from '../commandHandling/retryPolicy.js';
import type { EventStore } from '../eventStore/eventStore.js';
import { DEFAULT_PROJECTION_BATCH_SIZE, MAX_PAGE_SIZE, MAX_PROCESSOR_ATTEMPTS, MAX_PROCESSOR_NAME_LENGTH } from '../limits.js';
import type { CheckpointStore } from '../projections/runner/checkpointStore.js';
import { ProcessorOptionsError } from './errors.js';
import type { Processor } from './processor.js';

/**
 * Where a processor without a stored checkpoint begins: `'start'` (the whole log), `'end'` (only
 * events appended from now on) or after a given global position. A stored checkpoint always wins,
 * so a restart never re-runs or skips anything.
 */
export type ProcessorStartFrom = 'start' | 'end' | bigint;

/** Options of {@link runProcessorOnce}. */
export interface RunProcessorOnceOptions {
  /** Where the events come from. */
  readonly source: EventStore;
  /** Where the checkpoint lives (e.g. `createSqlCheckpointStore(database)`). */
  readonly checkpoints: CheckpointStore;
  readonly processor: Processor;
  /** Events per page, and so per handler call and checkpoint save (default 500, at most 1000). */
  readonly batchSize?: number;
  /** Where to begin when no checkpoint is stored (default `'start'`). */
  readonly startFrom?: ProcessorStartFrom;
  /**
   * Attempts at a failing page, with backoff, before the processor stops (default: no retry). Its
   * `sleep` is the injected timer; `stop()` cuts a pending delay short.
   */
  readonly retry?: RetryPolicy;
}

/** Options of {@link startProcessor}. */
export interface StartProcessorOptions extends RunProcessorOnceOptions {
  /**
   * When caught up, poll `readAll` every this many milliseconds instead of waiting on a
   * `source.subscribe` doorbell (default: subscribe).
   */
  readonly pollIntervalMs?: number;
  /** Told of the error that stopped the processor. */
  readonly onError?: (error: unknown) => void;
}

/** The options after validation, defaults applied. */
export interface ProcessorSettings {
  readonly name: string;
  readonly batchSize: number;
  readonly pollIntervalMs: number | undefined;
  readonly startFrom: ProcessorStartFrom;
}

const startKeys = ['source', 'checkpoints', 'processor', 'batchSize', 'startFrom', 'retry', 'pollIntervalMs', 'onError'];
const onceKeys = ['source', 'checkpoints', 'processor', 'batchSize', 'startFrom', 'retry'];
const isPositiveInteger = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 1;
const hasMethod = (value: unknown, method: string): boolean =>
  typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>)[method] === 'function';

const validateRetry = (name: string, retry: unknown): void => {
  if (retry === undefined) return;
  const policy = retry as Partial<RetryPolicy>;
  if (typeof retry !== 'object' || retry === null) throw new ProcessorOptionsError(name, '$.options.retry', 'expected a retry policy');
  if (!isPositiveInteger(policy.maxAttempts) || policy.maxAttempts > MAX_PROCESSOR_ATTEMPTS) {
    throw new ProcessorOptionsError(name, '$.options.retry.maxAttempts', `expected an integer from 1 to ${MAX_PROCESSOR_ATTEMPTS}`);
  }
  if (typeof policy.baseDelayMs !== 'number' || !Number.isFinite(policy.baseDelayMs) || policy.baseDelayMs < 0) {
    throw new ProcessorOptionsError(name, '$.options.retry.baseDelayMs', 'expected a finite number >= 0');
  }
  if (typeof policy.jitter !== 'function') throw new ProcessorOptionsError(name, '$.options.retry.jitter', 'expected a function');
};

/**
 * Checks `options` (unknown fields included: a misspelt option must not be silently ignored).
 * @throws ProcessorOptionsError
 */
export const validateProcessorOptions = (options: StartProcessorOptions, once: boolean): ProcessorSettings => {
  if (typeof options !== 'object' || options === null) throw new ProcessorOptionsError('', '$.options', 'expected an object');
  const rawName: unknown = (options.processor as { name?: unknown } | undefined)?.name;
  const name = typeof rawName === 'string' ? rawName : String(rawName);
  if (typeof rawName !== 'string' || rawName.length === 0 || rawName.length > MAX_PROCESSOR_NAME_LENGTH) {
    throw new ProcessorOptionsError(name, '$.options.processor.name', `expected a non-empty string of at most ${MAX_PROCESSOR_NAME_LENGTH} characters`);
  }
  const allowed = once ? onceKeys : startKeys;
  const unknown = Object.keys(options).find((key) => !allowed.includes(key));
  if (unknown !== undefined) throw new ProcessorOptionsError(name, `$.options.${unknown}`, 'unknown option');
  if (!hasMethod(options.processor, 'handle')) throw new ProcessorOptionsError(name, '$.options.processor.handle', 'expected a function');
  const { canHandle } = options.processor;
  if (canHandle !== undefined && typeof canHandle !== 'function') throw new ProcessorOptionsError(name, '$.options.processor.canHandle', 'expected a function');
  if (!hasMethod(options.source, 'readAll')) throw new ProcessorOptionsError(name, '$.options.source', 'expected an event store');
  if (!hasMethod(options.checkpoints, 'load') || !hasMethod(options.checkpoints, 'save')) {
    throw new ProcessorOptionsError(name, '$.options.checkpoints', 'expected a checkpoint store');
  }
  const batchSize = options.batchSize ?? DEFAULT_PROJECTION_BATCH_SIZE;
  if (!isPositiveInteger(batchSize) || batchSize > MAX_PAGE_SIZE) throw new ProcessorOptionsError(name, '$.options.batchSize', `expected an integer from 1 to ${MAX_PAGE_SIZE}`);
  const { pollIntervalMs } = options;
  if (pollIntervalMs !== undefined && !isPositiveInteger(pollIntervalMs)) throw new ProcessorOptionsError(name, '$.options.pollIntervalMs', 'expected an integer >= 1');
  if (options.onError !== undefined && typeof options.onError !== 'function') throw new ProcessorOptionsError(name, '$.options.onError', 'expected a function');
  const startFrom = options.startFrom ?? 'start';
  if (!(startFrom === 'start' || startFrom === 'end' || (typeof startFrom === 'bigint' && startFrom >= 0n))) {
    throw new ProcessorOptionsError(name, '$.options.startFrom', "expected 'start', 'end' or a bigint position >= 0n");
  }
  validateRetry(name, options.retry);
  return { name, batchSize, pollIntervalMs, startFrom };
};
