/**
 * The content rule of idempotent appends: a re-append of events already stored (same ids, same
 * place) is a replay only when every event's content is the same as stored: type, schema version,
 * data and metadata, compared as JSON values (object key order does not matter, PostgreSQL `jsonb`
 * and EventStoreDB do not keep it). Anything else under those ids is a conflict: a writer that
 * believes it wrote something it did not must never be told `ok`.
 */
import type { EventEnvelope } from './envelope.js';
import { MAX_COMPARED_DEPTH as MAX_DEPTH } from '../limits.js';

/** Deepest nesting compared; stored content was validated as JSON, so this is far beyond any real event. */

/** True when `a` and `b` are the same JSON value (objects compared by key set, not key order). */
export const sameJson = (a: unknown, b: unknown, depth = 0): boolean => {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || depth > MAX_DEPTH) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as readonly unknown[];
    if (a.length !== other.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], other[i], depth + 1)) return false;
    return true;
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left).filter((key) => left[key] !== undefined);
  if (keys.length !== Object.keys(right).filter((key) => right[key] !== undefined).length) return false;
  for (const key of keys) {
    if (!Object.hasOwn(right, key) || !sameJson(left[key], right[key], depth + 1)) return false;
  }
  return true;
};

/** The parts of an event that must match for a re-append to be a replay. */
export type EventContent = Pick<EventEnvelope, 'type' | 'version' | 'data' | 'metadata'>;

/** True when a proposed event has exactly the content of the stored one. */
export const sameEventContent = (stored: EventContent, proposed: EventContent): boolean =>
  stored.type === proposed.type &&
  stored.version === proposed.version &&
  sameJson(stored.data, proposed.data) &&
  sameJson(stored.metadata, proposed.metadata);
