/**
 * Stored rows to recorded events. Every row is decoded with the envelope codec (see
 * `storedEvent.ts`): a row whose JSON is unreadable or whose envelope fails its schema is a typed
 * `EventDecodeError` naming the stream and revision, never a silent skip.
 */
import { adoptParsedJson } from '../../codecs/jsonValue.js';
import { toBigInt } from '../../sql/sqlDatabase.js';
import type { Json, RecordedEvent } from '../envelope.js';
import type { EventDecodeError } from '../errors.js';
import { decodeStoredEnvelope, storedEventDecodeError } from '../storedEvent.js';
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
  const address = { stream: String(row.stream), revision: toBigInt(row.revision) };
  const version = typeof row.version === 'bigint' ? Number(row.version) : row.version;
  const fail = (path: string, reason: string): EventDecodeError => storedEventDecodeError({ type: row.type, version }, address, [{ path, reason }]);
  const data = parseJson(row.data, '$.data');
  if (!data.ok) throw fail('$.data', data.reason);
  const metadata = parseJson(row.metadata, '$.metadata');
  if (!metadata.ok) throw fail('$.metadata', metadata.reason);
  return decodeStoredEnvelope(
    { id: row.event_id, type: row.type, version, data: adoptParsedJson(data.value), metadata: metadata.value },
    address,
    toBigInt(row.position),
  );
};
