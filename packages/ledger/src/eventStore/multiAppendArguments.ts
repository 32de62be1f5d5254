/**
 * Argument validation of `appendMany`, shared by every adapter: each stream's part is validated
 * exactly as one `append` (see `storeArguments.ts`), with its errors' paths placed under
 * `$.appends[i]`; then the rules of the whole call (bounds, a stream named once, ids unique across
 * the call).
 */
import { describeValue } from '../codecs/formatValidationErrors.js';
import { MAX_APPEND_MANY_EVENTS, MAX_APPEND_MANY_STREAMS } from '../limits.js';
import type { ExpectedRevision } from './eventStore.js';
import { InvalidArgumentError } from './errors.js';
import { validateAppend, type ValidEnvelope } from './storeArguments.js';

/** One validated stream part of an `appendMany` call. */
export interface ValidStreamAppend {
  readonly stream: string;
  readonly events: readonly ValidEnvelope[];
  readonly expectedRevision: ExpectedRevision;
}

const fields = new Set(['stream', 'events', 'expectedRevision']);

/** Re-throws an `append` argument error with its path under `$.appends[index]`. */
const underAppend = <T>(index: number, validate: () => T): T => {
  try {
    return validate();
  } catch (error) {
    if (error instanceof InvalidArgumentError) {
      throw new InvalidArgumentError(`$.appends[${index}]${error.path.slice(1)}`, error.reason);
    }
    throw error;
  }
};

/** Throws unless `appends` is a non-empty array within the limits, counting events before decoding any. */
const assertBounds = (appends: unknown): readonly unknown[] => {
  if (!Array.isArray(appends)) throw new InvalidArgumentError('$.appends', `expected an array, got ${describeValue(appends)}`);
  if (appends.length === 0) throw new InvalidArgumentError('$.appends', 'expected at least one stream');
  if (appends.length > MAX_APPEND_MANY_STREAMS) {
    throw new InvalidArgumentError('$.appends', `expected at most ${MAX_APPEND_MANY_STREAMS} streams, got ${appends.length}`);
  }
  let events = 0;
  for (let i = 0; i < appends.length; i++) {
    const part: unknown = appends[i];
    if (typeof part !== 'object' || part === null || Array.isArray(part)) {
      throw new InvalidArgumentError(`$.appends[${i}]`, `expected an object, got ${describeValue(part)}`);
    }
    for (const key of Object.keys(part)) {
      if (!fields.has(key)) throw new InvalidArgumentError(`$.appends[${i}].${key}`, 'unknown field');
    }
    const list: unknown = (part as { events?: unknown }).events;
    if (Array.isArray(list)) events += list.length;
  }
  if (events > MAX_APPEND_MANY_EVENTS) {
    throw new InvalidArgumentError('$.appends', `expected at most ${MAX_APPEND_MANY_EVENTS} events in all, got ${events}`);
  }
  return appends;
};

/**
 * Validates all arguments of `appendMany`; returns frozen copies of the envelopes.
 * @throws InvalidArgumentError naming the offending path, e.g. `$.appends[3].events[0].id`.
 */
export const validateAppendMany = (appends: unknown): readonly ValidStreamAppend[] => {
  const parts = assertBounds(appends);
  const valid = new Array<ValidStreamAppend>(parts.length);
  const streams = new Map<string, number>();
  const ids = new Map<string, string>();
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as { stream?: unknown; events?: unknown; expectedRevision?: unknown };
    const args = underAppend(i, () => validateAppend(part.stream, part.events, part.expectedRevision));
    const previous = streams.get(args.stream);
    if (previous !== undefined) {
      throw new InvalidArgumentError(`$.appends[${i}].stream`, `duplicates $.appends[${previous}].stream (${args.stream})`);
    }
    streams.set(args.stream, i);
    for (let e = 0; e < args.events.length; e++) {
      const id = (args.events[e] as ValidEnvelope).id;
      const where = ids.get(id);
      if (where !== undefined) {
        throw new InvalidArgumentError(`$.appends[${i}].events[${e}].id`, `duplicates ${where}.id (${id})`);
      }
      ids.set(id, `$.appends[${i}].events[${e}]`);
    }
    valid[i] = args;
  }
  return valid;
};
