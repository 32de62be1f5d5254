/**
 * Stored rows to recorded events. Every row is decoded with the envelope codec: a row whose JSON
 * is unreadable or whose envelope fails its schema is a typed {@link EventDecodeError} naming the
 * stream and revision, never a silent skip. The event type is not checked here: an unknown type is
 * the domain's concern.
 */
import * as E from 'fp-ts/lib/Either.js';
import { EventEnvelopeCodec } from '../../codecs/eventEnvelope.js';
import { validationIssues } from '../../codecs/formatValidationErrors.js';
import { toBigInt } from '../../sql/sqlDatabase.js';
import type { Json, RecordedEvent } from '../envelope.js';
import { EventDecodeError } from '../errors.js';
import { eventsTable } from './sqliteSchema.js';

/** The columns every read selects, in {@link EventRow} order. */
export const eventColumns = `position, stream, revision, event_id, type, version, data, metadata`;

/** A row of the events table as the driver returns it (integers as bigint). */
export interface EventRow {
  readonly position: unknown;
  readonly stream: unknown;
  readonly revision: unknown;
  readonly event_id: unknown;
  readonly type: unknown;
  readonly version: unknown;
  readonly data: unknown;
  readonly metadata: unknown;
}

/** The INSERT of one event, returning its global position. */
export const insertEventSql =
  `INSERT INTO ${eventsTable} (stream, revision, event_id, type, version, data, metadata) ` +
  `VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING position`;

const parseJson = (
  text: unknown,
  path: string,
): { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: string } => {
  if (typeof text !== 'string') return { ok: false, reason: `expected JSON text, got a ${typeof text}` };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, reason: `invalid JSON at ${path}: ${error instanceof Error ? error.message : String(error)}` };
  }
};

/** Decodes one stored row. @throws EventDecodeError (`event_decode_failed`) naming stream and revision. */
export const decodeEventRow = (row: EventRow): RecordedEvent<string, Json> => {
  const stream = String(row.stream);
  const revision = toBigInt(row.revision);
  const eventType = String(row.type);
  const version = typeof row.version === 'bigint' ? Number(row.version) : row.version;
  const fail = (issues: readonly { path: string; reason: string }[]): EventDecodeError =>
    new EventDecodeError('event_decode_failed', {
      eventType,
      issues,
      stream,
      revision,
      version: typeof version === 'number' ? version : undefined,
    });
  const data = parseJson(row.data, '$.data');
  if (!data.ok) throw fail([{ path: '$.data', reason: data.reason }]);
  const metadata = parseJson(row.metadata, '$.metadata');
  if (!metadata.ok) throw fail([{ path: '$.metadata', reason: metadata.reason }]);
  const decoded = EventEnvelopeCodec.decode({
    id: row.event_id,
    type: row.type,
    version,
    data: data.value,
    metadata: metadata.value,
  });
  if (E.isLeft(decoded)) throw fail(validationIssues(decoded.left));
  const envelope = decoded.right;
  return Object.freeze({
    id: envelope.id,
    type: envelope.type,
    version: envelope.version,
    data: envelope.data,
    metadata: Object.freeze(envelope.metadata),
    streamName: stream,
    revision,
    position: toBigInt(row.position),
  });
};
