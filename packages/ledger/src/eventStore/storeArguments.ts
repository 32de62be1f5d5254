/**
 * Argument validation shared by every adapter, so they all reject the same inputs with the same
 * {@link InvalidArgumentError} (path + reason) before touching storage.
 */
import * as E from 'fp-ts/lib/Either.js';
import { EventEnvelopeCodec } from './envelopeCodec.js';
import { describeValue, validationIssues } from '../codecs/formatValidationErrors.js';
import type { EventEnvelope, Json } from './envelope.js';
import type { ExpectedRevision, ReadAllOptions, ReadStreamOptions, SubscribeOptions } from './eventStore.js';
import { InvalidArgumentError } from './errors.js';
import { isValidStreamName, maxStreamNameLength } from './streamName.js';

/** An envelope as stored: validated, copied, deep-frozen, with JSON data. */
export type ValidEnvelope = EventEnvelope<string, Json>;

/** Normalised {@link ReadStreamOptions}. */
export interface ValidReadStreamOptions {
  readonly direction: 'forwards' | 'backwards';
  readonly fromRevision: bigint | 'start' | 'end';
  readonly maxCount: number;
}

/** Normalised {@link ReadAllOptions}. */
export interface ValidReadAllOptions {
  readonly after: bigint | 'start';
  readonly maxCount: number;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Throws unless `stream` is a valid stream name. */
export const validateStreamName = (stream: unknown): string => {
  if (!isValidStreamName(stream)) {
    throw new InvalidArgumentError(
      '$.stream',
      `expected a non-empty string of at most ${maxStreamNameLength} characters, got ${describeValue(stream)}`,
    );
  }
  return stream;
};

/** Throws unless `expected` is `'no_stream'`, `'stream_exists'`, `'any'` or a bigint >= 0n. */
export const validateExpectedRevision = (expected: unknown): ExpectedRevision => {
  if (typeof expected === 'bigint' && expected >= 0n) return expected;
  if (expected === 'no_stream' || expected === 'stream_exists' || expected === 'any') return expected;
  throw new InvalidArgumentError(
    '$.expectedRevision',
    `expected "no_stream" | "stream_exists" | "any" | bigint >= 0n, got ${describeValue(expected)}`,
  );
};

/**
 * Validates a batch: a non-empty array of envelopes (see `EventEnvelopeCodec`) with distinct ids.
 * Returns deep-frozen copies, so later caller mutations cannot reach the store.
 */
export const validateEvents = (events: unknown): readonly ValidEnvelope[] => {
  if (!Array.isArray(events)) throw new InvalidArgumentError('$.events', `expected an array, got ${describeValue(events)}`);
  if (events.length === 0) throw new InvalidArgumentError('$.events', 'expected at least one event');
  const valid: ValidEnvelope[] = new Array<ValidEnvelope>(events.length);
  const seen = new Map<string, number>();
  for (let i = 0; i < events.length; i++) {
    const decoded = EventEnvelopeCodec.decode(events[i]);
    if (E.isLeft(decoded)) {
      const issue = validationIssues(decoded.left, `$.events[${i}]`)[0] ?? { path: `$.events[${i}]`, reason: 'invalid event' };
      throw new InvalidArgumentError(issue.path, issue.reason);
    }
    const envelope = decoded.right;
    const previous = seen.get(envelope.id);
    if (previous !== undefined) {
      throw new InvalidArgumentError(`$.events[${i}].id`, `duplicates $.events[${previous}].id (${envelope.id})`);
    }
    seen.set(envelope.id, i);
    Object.freeze(envelope.metadata);
    valid[i] = Object.freeze(envelope);
  }
  return valid;
};

/** Validates all arguments of `append`. */
export const validateAppend = (
  stream: unknown,
  events: unknown,
  expectedRevision: unknown,
): { readonly stream: string; readonly events: readonly ValidEnvelope[]; readonly expectedRevision: ExpectedRevision } => ({
  stream: validateStreamName(stream),
  expectedRevision: validateExpectedRevision(expectedRevision),
  events: validateEvents(events),
});

const validateMaxCount = (maxCount: unknown, path: string): number => {
  if (maxCount === undefined) return Number.MAX_SAFE_INTEGER;
  if (typeof maxCount === 'number' && Number.isSafeInteger(maxCount) && maxCount >= 0) return maxCount;
  throw new InvalidArgumentError(path, `expected an integer >= 0, got ${describeValue(maxCount)}`);
};

const validateOptionsObject = (options: unknown): Record<string, unknown> => {
  if (options === undefined) return {};
  if (isRecord(options)) return options;
  throw new InvalidArgumentError('$.options', `expected an object, got ${describeValue(options)}`);
};

/** Validates and normalises `readStream` options (defaults: forwards from start, or backwards from end; all events). */
export const validateReadStreamOptions = (options: unknown): ValidReadStreamOptions => {
  const record = validateOptionsObject(options);
  const direction = record['direction'] ?? 'forwards';
  if (direction !== 'forwards' && direction !== 'backwards') {
    throw new InvalidArgumentError('$.options.direction', `expected "forwards" | "backwards", got ${describeValue(direction)}`);
  }
  const fromRevision = record['fromRevision'] ?? (direction === 'forwards' ? 'start' : 'end');
  if (!(fromRevision === 'start' || fromRevision === 'end' || (typeof fromRevision === 'bigint' && fromRevision >= 0n))) {
    throw new InvalidArgumentError(
      '$.options.fromRevision',
      `expected "start" | "end" | bigint >= 0n, got ${describeValue(fromRevision)}`,
    );
  }
  return { direction, fromRevision, maxCount: validateMaxCount(record['maxCount'], '$.options.maxCount') };
};

/** Validates an exclusive global checkpoint: `'start'` or a bigint >= 0n. */
export const validateAfter = (after: unknown, path: string): bigint | 'start' => {
  if (after === undefined || after === 'start') return 'start';
  if (typeof after === 'bigint' && after >= 0n) return after;
  throw new InvalidArgumentError(path, `expected "start" | bigint >= 0n, got ${describeValue(after)}`);
};

/** Validates and normalises `readAll` options (default: from the start, all events). */
export const validateReadAllOptions = (options: unknown): ValidReadAllOptions => {
  const record = validateOptionsObject(options);
  return {
    after: validateAfter(record['after'], '$.options.after'),
    maxCount: validateMaxCount(record['maxCount'], '$.options.maxCount'),
  };
};

/** Default page size of catch-up history reads. */
export const defaultSubscriptionBatchSize = 500;

/** Validates `subscribe` options; returns the checkpoint and page size to use. */
export const validateSubscribeOptions = (
  options: unknown,
): { readonly after: bigint | 'start'; readonly batchSize: number; readonly options: SubscribeOptions } => {
  if (!isRecord(options)) throw new InvalidArgumentError('$.options', `expected an object, got ${describeValue(options)}`);
  for (const name of ['onEvent', 'onCaughtUp', 'onError'] as const) {
    const handler = options[name];
    if ((name === 'onEvent' || handler !== undefined) && typeof handler !== 'function') {
      throw new InvalidArgumentError(`$.options.${name}`, `expected a function, got ${describeValue(handler)}`);
    }
  }
  const batchSize = options['batchSize'] ?? defaultSubscriptionBatchSize;
  if (typeof batchSize !== 'number' || !Number.isSafeInteger(batchSize) || batchSize < 1) {
    throw new InvalidArgumentError('$.options.batchSize', `expected an integer >= 1, got ${describeValue(batchSize)}`);
  }
  return { after: validateAfter(options['after'], '$.options.after'), batchSize, options: options as unknown as SubscribeOptions };
};
