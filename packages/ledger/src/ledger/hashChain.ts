/**
 * Tamper evidence for ledger streams: every event carries `metadata.hash`, a SHA-256 over the
 * previous event's hash and this event's own content (stream, revision, id, type, schema version,
 * data, and metadata other than `hash`). Editing, dropping, reordering or inserting a stored event
 * breaks the chain from that point on, whatever the store. JSON is canonicalized (object keys
 * sorted) first, so stores that reorder keys (PostgreSQL jsonb) hash the same.
 */
import { createHash } from 'node:crypto';
import { jsonText } from '../codecs/jsonText.js';
import type { EventEnvelope, EventMetadata, RecordedEvent } from '../eventStore/envelope.js';

/** `previousHash` of the first event of a stream. */
export const GENESIS_HASH = '0'.repeat(64);

/** True when every object inside `value` already has its keys in sorted order. */
const isSortedDeep = (value: unknown): boolean => {
  if (typeof value !== 'object' || value === null) return true;
  if (Array.isArray(value)) {
    for (const item of value) if (typeof item === 'object' && item !== null && !isSortedDeep(item)) return false;
    return true;
  }
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (i > 0 && !(keys[i - 1]! < key)) return false;
    const item = (value as Record<string, unknown>)[key];
    if (typeof item === 'object' && item !== null && !isSortedDeep(item)) return false;
  }
  return true;
};

/**
 * JSON with object keys sorted at every level: one spelling per value. The ledger builds its
 * records with keys already in order, so the usual case is a check plus one native
 * `JSON.stringify`; anything else is sorted here.
 */
export const canonicalJson = (value: unknown): string => {
  if (typeof value !== 'object' || value === null || isSortedDeep(value)) return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
    return `${out}]`;
  }
  // Array.prototype.sort orders strings by UTF-16 code units, as `<` does: one order on every machine.
  const keys = Object.keys(value).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalJson(item)}`;
    first = false;
  }
  return `${out}}`;
};

const withoutHash = (metadata: EventMetadata): Omit<EventMetadata, 'hash'> => {
  const { hash: _hash, ...rest } = metadata;
  return rest;
};

/** The hash an event must carry, given where it sits and the hash before it. */
export const eventHash = (stream: string, revision: bigint, event: EventEnvelope): string => {
  // The same text as canonicalJson of the whole object (keys in sorted order), with the data's
  // text shared with the store that writes it.
  const data = isSortedDeep(event.data) ? jsonText(event.data) : canonicalJson(event.data);
  const rest = canonicalJson({ id: event.id, metadata: withoutHash(event.metadata), revision: revision.toString(), stream, type: event.type, version: event.version });
  return createHash('sha256')
    .update(event.metadata.previousHash ?? GENESIS_HASH)
    .update('\n')
    .update(`{"data":${data},${rest.slice(1)}`)
    .digest('hex');
};

/** A copy with keys in sorted order, so that hashing it takes the fast path of {@link canonicalJson}. */
const sortedKeys = <T extends object>(value: T): T => {
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = (value as Record<string, unknown>)[key];
  return sorted as T;
};

/** Seals a batch about to be appended at `firstRevision`, continuing the chain from `previousHash`. */
export const sealBatch = (
  stream: string,
  firstRevision: bigint,
  previousHash: string,
  events: readonly EventEnvelope[],
): { events: EventEnvelope[]; lastHash: string } => {
  let previous = previousHash;
  const sealed = events.map((event, i) => {
    const linked = { ...event, metadata: sortedKeys({ ...event.metadata, previousHash: previous }) };
    const hash = eventHash(stream, firstRevision + BigInt(i), linked);
    previous = hash;
    return { ...linked, metadata: { ...linked.metadata, hash } };
  });
  return { events: sealed, lastHash: previous };
};

/** Why a stored event breaks its stream's chain, or `undefined` when it links correctly. */
export const chainBreak = (event: RecordedEvent, expectedPrevious: string): string | undefined => {
  const { previousHash, hash } = event.metadata;
  if (hash === undefined || previousHash === undefined) return 'the event carries no hash chain';
  if (previousHash !== expectedPrevious) return 'previousHash does not match the hash of the previous event';
  if (eventHash(event.streamName, event.revision, event) !== hash) return 'the content does not match its hash (edited)';
  return undefined;
};
