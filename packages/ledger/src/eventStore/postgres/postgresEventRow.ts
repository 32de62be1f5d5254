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
import type { DecodeIssue } from '../errors.js';
import { EventDecodeError } from '../errors.js';
import type { Json, RecordedEvent } from '../envelope.js';

/** The columns every read selects; JSON comes back as its stored text, parsed here. */
export const eventColumns = `position, stream, revision, event_id, type, version, data::text AS data, metadata::text AS metadata`;

/** A row of the events table as `pg` returns it (bigints as decimal strings). */
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

const parseJson = (text: unknown, path: string): { readonly value: unknown } | DecodeIssue => {
  if (typeof text !== 'string') return { path, reason: `expected JSON text, got ${text === null ? 'null' : `a ${typeof text}`}` };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    return { path, reason: `invalid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
};

/** Decodes one stored row. @throws EventDecodeError (`event_decode_failed`) naming stream and revision. */
export const decodeEventRow = (row: EventRow): RecordedEvent<string, Json> => {
  const stream = String(row.stream);
  const revision = toBigInt(row.revision);
  const fail = (issues: readonly DecodeIssue[]): EventDecodeError =>
    new EventDecodeError('event_decode_failed', {
      eventType: String(row.type),
      issues,
      stream,
      revision,
      version: typeof row.version === 'number' ? row.version : undefined,
    });
  const data = parseJson(row.data, '$.data');
  if (!('value' in data)) throw fail([data]);
  const metadata = parseJson(row.metadata, '$.metadata');
  if (!('value' in metadata)) throw fail([metadata]);
  const decoded = EventEnvelopeCodec.decode({
    id: row.event_id,
    type: row.type,
    version: row.version,
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
