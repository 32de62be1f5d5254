/**
 * Request fingerprints: a command id names one request, and the fingerprint (SHA-256 of the
 * canonical text of the command type and its items) is what that request asked for. Every event
 * the book writes carries its request's fingerprint (`metadata.requestHash`), and the book state
 * keeps command id -> fingerprint (`BookState.commands`), rebuilt on replay and kept in snapshots.
 *
 * A command id sent again with the same body is decided again (its items answer `exists` or
 * `id_already_failed`, as any retry); with a different body it is rejected as a whole with
 * `command_id_reused`: a caller must never be told `ok` for a request the book did not store.
 * Command ids are remembered for as long as the book keeps its open period (closing a period may
 * clear `BookState.commands`); a request that wrote nothing binds no command id.
 */
import { createHash } from 'node:crypto';
import type { EventMetadata } from '../eventStore/envelope.js';
import type { BookState } from './bookState.js';
import { LedgerError } from './ledgerError.js';

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
const MAX_FAST_KEYS = 512;

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
const bodyText = (body: unknown): string => {
  const names = keyNamesOf(body, new Set());
  return names === undefined ? canonicalRequestText(body) : JSON.stringify(body, [...names].sort());
};

/** The fingerprint of a request: lowercase hex SHA-256 of `{ type, items }` in canonical text. */
export const requestFingerprint = (type: string, items: unknown): string =>
  createHash('sha256').update(bodyText({ items, type })).digest('hex');

/** `command_id_reused` when `commandId` is bound to another request's fingerprint, else `undefined`. */
export const commandIdReuse = (state: BookState, commandId: string, fingerprint: string): LedgerError | undefined => {
  const known = state.commands.get(commandId);
  return known === undefined || known === fingerprint ? undefined : new LedgerError('command_id_reused', [], `command id ${commandId}`);
};

/** Binds the event's command id to its request fingerprint (events written before fingerprints bind nothing). */
export const rememberCommand = (state: BookState, metadata: EventMetadata): void => {
  if (metadata.commandId !== undefined && metadata.requestHash !== undefined) state.commands.set(metadata.commandId, metadata.requestHash);
};
