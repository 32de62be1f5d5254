/**
 * Stored rows to recorded events. Every row is decoded with the envelope codec (see
 * `storedEvent.ts`): a row whose JSON is unreadable or whose envelope fails its schema is a typed
 * `EventDecodeError` naming the stream and revision, never a silent skip.
 */
import { adoptParsedJson } from '../../codecs/jsonValue.js';
import { toBigInt } from '../../sql/sqlDatabase.js';
import type { DecodeIssue } from '../errors.js';
import type { Json, RecordedEvent } from '../envelope.js';
import { decodeStoredEnvelope, storedEventDecodeError } from '../storedEvent.js';

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
  const address = { stream: String(row.stream), revision: toBigInt(row.revision) };
  const data = parseJson(row.data, '$.data');
  if (!('value' in data)) throw storedEventDecodeError(row, address, [data]);
  const metadata = parseJson(row.metadata, '$.metadata');
  if (!('value' in metadata)) throw storedEventDecodeError(row, address, [metadata]);
  return decodeStoredEnvelope(
    { id: row.event_id, type: row.type, version: row.version, data: adoptParsedJson(data.value), metadata: metadata.value },
    address,
    toBigInt(row.position),
  );
};
