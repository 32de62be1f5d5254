/**
 * Canonical text and SHA-256 fingerprints of plain request bodies: two bodies that differ only in
 * key order share a fingerprint. The book fingerprints each request (`ledger/requestFingerprint.ts`)
 * and the generic command handler each command, so that a command id reused for another body is
 * recognised instead of being answered with the first body's outcome.
 */
import { createHash } from 'node:crypto';
import { MAX_FAST_FINGERPRINT_KEYS as MAX_FAST_KEYS } from '../limits.js';

/**
 * Canonical text of a materialised request body: JSON with sorted keys; a bigint as
 * `{"$bigint":"<digits>"}`, other non-JSON leaves as JSON.stringify sees them. Two bodies that
 * differ only in key order share a text. A collision of two different bodies could only make the
 * book decide a request again, which is always safe.
 */
export const canonicalRequestText = (value: unknown): string => {
  if (typeof value === 'bigint') return `{"$bigint":"${value.toString()}"}`;
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalRequestText(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (!isSorted(keys)) keys.sort();
  let out = '{';
  for (const key of keys) {
    const item = record[key];
    if (item === undefined) continue;
    out += `${out.length === 1 ? '' : ','}${JSON.stringify(key)}:${canonicalRequestText(item)}`;
  }
  return `${out}}`;
};

const isSorted = (keys: readonly string[]): boolean => {
  for (let i = 1; i < keys.length; i++) if (!(keys[i - 1]! < keys[i]!)) return false;
  return true;
};

/** Most distinct key names for which the native fast path below is used. */

/**
 * The key names used anywhere in `value`, or `undefined` when `value` holds something JSON.stringify
 * would not render as {@link canonicalRequestText} does (a bigint, a function, a symbol) or too many names.
 */
const keyNamesOf = (value: unknown, names: Set<string>): Set<string> | undefined => {
  if (typeof value === 'bigint' || typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (typeof value !== 'object' || value === null) return names;
  if (Array.isArray(value)) {
    for (const item of value) if (keyNamesOf(item, names) === undefined) return undefined;
    return names;
  }
  for (const key of Object.keys(value)) {
    // With `__proto__` in the property list, JSON.stringify would render every object's prototype.
    if (key === '__proto__') return undefined;
    names.add(key);
    if (names.size > MAX_FAST_KEYS || keyNamesOf((value as Record<string, unknown>)[key], names) === undefined) return undefined;
  }
  return names;
};

/**
 * The canonical text of a body: JSON.stringify with the sorted list of every key name it uses as
 * the property list renders each object's keys in sorted order, natively, which is the same text
 * as {@link canonicalRequestText}; bodies it cannot render that way take the slower path.
 */
export const bodyText = (body: unknown): string => {
  const names = keyNamesOf(body, new Set());
  return names === undefined ? canonicalRequestText(body) : JSON.stringify(body, [...names].sort());
};

/** Lowercase hex SHA-256 of the canonical text of `body`. */
export const bodyFingerprint = (body: unknown): string => createHash('sha256').update(bodyText(body)).digest('hex');
