/**
 * Tamper evidence for ledger streams: every event carries `metadata.hash`, a SHA-256 over the
 * previous event's hash and this event's own content (stream, revision, id, type, schema version,
 * data, and metadata other than `hash`). Editing, dropping, reordering or inserting a stored event
 * breaks the chain from that point on, whatever the store. JSON is canonicalized (object keys
 * sorted) first, so stores that reorder keys (PostgreSQL jsonb) hash the same.
 */
import { createHash } from 'node:crypto';
import type { EventEnvelope, EventMetadata, RecordedEvent } from '../eventStore/envelope.js';

/** `previousHash` of the first event of a stream. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level: one spelling per value. */
export const canonicalJson = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
};

const withoutHash = (metadata: EventMetadata): Omit<EventMetadata, 'hash'> => {
  const { hash: _hash, ...rest } = metadata;
  return rest;
};

/** The hash an event must carry, given where it sits and the hash before it. */
export const eventHash = (stream: string, revision: bigint, event: EventEnvelope): string =>
  createHash('sha256')
    .update(event.metadata.previousHash ?? GENESIS_HASH)
    .update('\n')
    .update(
      canonicalJson({
        stream,
        revision: revision.toString(),
        id: event.id,
        type: event.type,
        version: event.version,
        data: event.data,
        metadata: withoutHash(event.metadata),
      }),
    )
    .digest('hex');

/** Seals a batch about to be appended at `firstRevision`, continuing the chain from `previousHash`. */
export const sealBatch = (
  stream: string,
  firstRevision: bigint,
  previousHash: string,
  events: readonly EventEnvelope[],
): { events: EventEnvelope[]; lastHash: string } => {
  let previous = previousHash;
  const sealed = events.map((event, i) => {
    const linked = { ...event, metadata: { ...event.metadata, previousHash: previous } };
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
