/**
 * Tamper evidence for ledger streams: every event carries `metadata.hash`, a digest over the
 * previous event's hash and this event's own content (stream, revision, id, type, schema version,
 * data, and metadata other than `hash`). Editing, dropping, reordering or inserting a stored event
 * breaks the chain from that point on, whatever the store. JSON is canonicalized (object keys
 * sorted) first, so stores that reorder keys (PostgreSQL jsonb) hash the same.
 *
 * Two kinds of digest: with a seal key (`metadata.sealKeyId` names it) the digest is HMAC-SHA256
 * under that key, which someone who can write the database but does not hold the key cannot
 * recompute; without one it is plain SHA-256, which catches accidental corruption only (anyone can
 * recompute it). The key id is part of the hashed metadata, so it cannot be swapped either.
 */
import { createHash, createHmac } from 'node:crypto';
import { jsonText } from '../codecs/jsonText.js';
import type { EventEnvelope, EventMetadata, RecordedEvent } from '../eventStore/envelope.js';
import { InvalidArgumentError } from '../eventStore/errors.js';
import { MIN_SEAL_KEY_BYTES, MAX_SEAL_KEYS } from '../limits.js';

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

/** A seal key: its id (recorded in every event it seals) and its secret, at least 32 bytes. */
export interface SealKey {
  readonly keyId: string;
  readonly key: Uint8Array;
}

/** Shortest seal key accepted, in bytes (the HMAC-SHA256 block of security). */
export { MIN_SEAL_KEY_BYTES };

/** Key ids: short, printable, safe to show in messages. */
const KEY_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

/** Returns `seal` when it is a usable seal key. @throws InvalidArgumentError at `path` otherwise. */
export const assertSealKey = (seal: unknown, path = '$.seal'): SealKey => {
  const candidate = seal as Partial<SealKey> | null;
  if (typeof candidate !== 'object' || candidate === null) throw new InvalidArgumentError(path, 'expected { keyId, key }');
  if (typeof candidate.keyId !== 'string' || !KEY_ID.test(candidate.keyId)) throw new InvalidArgumentError(`${path}.keyId`, `expected an id matching ${KEY_ID}`);
  if (!(candidate.key instanceof Uint8Array) || candidate.key.length < MIN_SEAL_KEY_BYTES) {
    throw new InvalidArgumentError(`${path}.key`, `expected a Uint8Array of at least ${MIN_SEAL_KEY_BYTES} bytes`);
  }
  return { keyId: candidate.keyId, key: candidate.key };
};

/** Most seal keys one ring holds (rotations are rare; this bounds a hostile key file). */
export { MAX_SEAL_KEYS };

/** Seal keys by id: what verifies a chain whose keys were rotated. */
export type SealKeyRing = ReadonlyMap<string, Uint8Array>;

/** A key ring of the given keys. @throws InvalidArgumentError on a malformed key or a repeated id. */
export const sealKeyRing = (keys: readonly SealKey[]): SealKeyRing => {
  const ring = new Map<string, Uint8Array>();
  if (!Array.isArray(keys)) throw new InvalidArgumentError('$.sealKeys', 'expected an array of { keyId, key }');
  if (keys.length > MAX_SEAL_KEYS) throw new InvalidArgumentError('$.sealKeys', `at most ${MAX_SEAL_KEYS} keys, got ${keys.length}`);
  keys.forEach((key, i) => {
    const valid = assertSealKey(key, `$.sealKeys[${i}]`);
    if (ring.has(valid.keyId)) throw new InvalidArgumentError(`$.sealKeys[${i}].keyId`, `${valid.keyId} is given twice`);
    ring.set(valid.keyId, valid.key);
  });
  return ring;
};

/** Digest over the previous hash and `content`: HMAC-SHA256 under `key`, or SHA-256 without one. */
const digestOf = (previousHash: string, content: string, key: Uint8Array | undefined): string =>
  (key === undefined ? createHash('sha256') : createHmac('sha256', key)).update(previousHash).update('\n').update(content).digest('hex');

/** Canonical text of an event at `position` (a revision, or the tag of a snapshot). */
const contentOf = (stream: string, position: string, event: EventEnvelope): string => {
  // The same text as canonicalJson of the whole object (keys in sorted order), with the data's
  // text shared with the store that writes it.
  const data = isSortedDeep(event.data) ? jsonText(event.data) : canonicalJson(event.data);
  const rest = canonicalJson({ id: event.id, metadata: withoutHash(event.metadata), revision: position, stream, type: event.type, version: event.version });
  return `{"data":${data},${rest.slice(1)}`;
};

/**
 * The hash an event must carry, given where it sits and the hash before it: HMAC-SHA256 under
 * `key` when the event names a seal key (`metadata.sealKeyId`), SHA-256 otherwise.
 * @throws TypeError when the event names a seal key and `key` is missing, or the other way round.
 */
export const eventHash = (stream: string, revision: bigint, event: EventEnvelope, key?: Uint8Array): string => {
  if ((event.metadata.sealKeyId === undefined) !== (key === undefined)) {
    throw new TypeError(event.metadata.sealKeyId === undefined ? 'the event is not sealed with a key' : `the event is sealed with key ${event.metadata.sealKeyId}: pass it`);
  }
  return digestOf(event.metadata.previousHash ?? GENESIS_HASH, contentOf(stream, revision.toString(), event), key);
};

/**
 * The hash a snapshot event must carry. A snapshot is appended with no expected revision, so its
 * own revision is not hashed; what binds it is `previousHash`, the hash of the book event it covers.
 */
export const snapshotHash = (stream: string, event: EventEnvelope, key?: Uint8Array): string => {
  if ((event.metadata.sealKeyId === undefined) !== (key === undefined)) {
    throw new TypeError(event.metadata.sealKeyId === undefined ? 'the snapshot is not sealed with a key' : `the snapshot is sealed with key ${event.metadata.sealKeyId}: pass it`);
  }
  return digestOf(event.metadata.previousHash ?? GENESIS_HASH, contentOf(stream, 'snapshot', event), key);
};

/** A copy with keys in sorted order, so that hashing it takes the fast path of {@link canonicalJson}. */
const sortedKeys = <T extends object>(value: T): T => {
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = (value as Record<string, unknown>)[key];
  return sorted as T;
};

/**
 * Seals a batch about to be appended at `firstRevision`, continuing the chain from `previousHash`:
 * keyed (HMAC) when `seal` is given, plain SHA-256 otherwise.
 */
export const sealBatch = (
  stream: string,
  firstRevision: bigint,
  previousHash: string,
  events: readonly EventEnvelope[],
  seal?: SealKey,
): { events: EventEnvelope[]; lastHash: string } => {
  let previous = previousHash;
  const sealed = events.map((event, i) => {
    const metadata = seal === undefined ? { ...event.metadata, previousHash: previous } : { ...event.metadata, previousHash: previous, sealKeyId: seal.keyId };
    const linked = { ...event, metadata: sortedKeys(metadata) };
    const hash = eventHash(stream, firstRevision + BigInt(i), linked, seal?.key);
    previous = hash;
    return { ...linked, metadata: { ...linked.metadata, hash } };
  });
  return { events: sealed, lastHash: previous };
};

/** Seals a snapshot event, binding it to `coveredHash`, the hash of the book event it covers. */
export const sealSnapshot = (stream: string, event: EventEnvelope, coveredHash: string, seal?: SealKey): EventEnvelope => {
  const metadata = seal === undefined ? { ...event.metadata, previousHash: coveredHash } : { ...event.metadata, previousHash: coveredHash, sealKeyId: seal.keyId };
  const linked = { ...event, metadata: sortedKeys(metadata) };
  return { ...linked, metadata: { ...linked.metadata, hash: snapshotHash(stream, linked, seal?.key) } };
};

/** Why an event's own seal does not hold (content against `hash`), or `undefined` when it does. */
const sealBreak = (event: RecordedEvent, keys: SealKeyRing, hashOf: (key: Uint8Array | undefined) => string): string | undefined => {
  const { hash, sealKeyId } = event.metadata;
  if (hash === undefined || event.metadata.previousHash === undefined) return 'the event carries no hash chain';
  const key = sealKeyId === undefined ? undefined : keys.get(sealKeyId);
  if (sealKeyId !== undefined && key === undefined) return `sealed with key ${sealKeyId}, which was not given: cannot check it`;
  if (hashOf(key) !== hash) return sealKeyId === undefined ? 'the content does not match its hash (edited)' : `the content does not match its seal under key ${sealKeyId} (edited or forged)`;
  return undefined;
};

/**
 * Why a stored event breaks its stream's chain, or `undefined` when it links correctly.
 * `keys` holds the seal keys to check keyed events with; a keyed event whose key is missing breaks.
 */
export const chainBreak = (event: RecordedEvent, expectedPrevious: string, keys: SealKeyRing = new Map()): string | undefined => {
  const { previousHash, hash } = event.metadata;
  if (hash === undefined || previousHash === undefined) return 'the event carries no hash chain';
  if (previousHash !== expectedPrevious) return 'previousHash does not match the hash of the previous event';
  return sealBreak(event, keys, (key) => eventHash(event.streamName, event.revision, event, key));
};

/** Why a stored snapshot's seal does not hold (its binding is checked by the caller), or `undefined`. */
export const snapshotSealBreak = (event: RecordedEvent, keys: SealKeyRing = new Map()): string | undefined =>
  sealBreak(event, keys, (key) => snapshotHash(event.streamName, event, key));
