/**
 * Envelopes to EventStoreDB events and back.
 *
 * Written as: event id = the envelope's id (so the server deduplicates retried appends), event
 * type = the envelope's type, content type `application/json`, data = the envelope's data as
 * JSON, metadata = the envelope's metadata as JSON plus one reserved field, `$schemaVersion`
 * (the envelope's `version`). EventStoreDB reserves `$`-prefixed metadata names for such
 * system-level fields; ours is stripped again on read, so readers see exactly the metadata written.
 *
 * Read back: every event is decoded with the envelope codec; anything that does not fit (binary
 * content, metadata that is not a JSON object, a missing `$schemaVersion`, a schema failure, a
 * position with no one-bigint equivalent) is an {@link EventDecodeError} naming stream and revision.
 * One limit comes from the client: it hands over data whose JSON does not parse as the raw text,
 * a string, so such data decodes as a JSON string and is caught by the domain's event codecs.
 */
import type { EventData, JSONType, Position, RecordedEvent as ClientRecordedEvent } from '@eventstore/db-client';
import type { Json, RecordedEvent } from '../envelope.js';
import type { DecodeIssue, EventDecodeError } from '../errors.js';
import { decodeStoredEnvelope, storedEventDecodeError } from '../storedEvent.js';
import type { ValidEnvelope } from '../storeArguments.js';
import { eventStoreDbNoPosition, isRepresentablePosition } from './eventStoreDbPosition.js';

/** The reserved metadata field that carries the envelope's schema version. */
export const schemaVersionField = '$schemaVersion';

/** The client event for one validated envelope. */
export const toEventData = (event: ValidEnvelope): EventData => ({
  id: event.id,
  contentType: 'application/json',
  type: event.type,
  // Any JSON value is fine on the wire (the client JSON-stringifies it); its type is narrower.
  data: event.data as JSONType,
  metadata: { ...event.metadata, [schemaVersionField]: event.version },
});

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

/**
 * Decodes one event read through the client. `streamName` is the name to report (the stream as
 * our caller knows it, without any isolation prefix).
 * @throws EventDecodeError (`event_decode_failed`) naming stream and revision.
 */
export const decodeClientEvent = (event: ClientRecordedEvent, streamName: string): RecordedEvent<string, Json> => {
  const metadata: unknown = event.metadata;
  const version = isPlainObject(metadata) ? metadata[schemaVersionField] : undefined;
  const address = { stream: streamName, revision: event.revision };
  const fail = (issues: readonly DecodeIssue[]): EventDecodeError => storedEventDecodeError({ type: event.type, version }, address, issues);
  if (!event.isJson) throw fail([{ path: '$.data', reason: 'expected content type application/json, got binary data' }]);
  if (!isPlainObject(metadata)) throw fail([{ path: '$.metadata', reason: 'expected a JSON object' }]);
  const position: Position | undefined = event.position;
  if (position === undefined || !isRepresentablePosition(position)) {
    throw fail([
      {
        path: '$.position',
        reason:
          position === undefined || position.commit >= eventStoreDbNoPosition
            ? 'the server sent no $all position (EventStoreDB 22.10 or later is required)'
            : `commit ${position.commit} and prepare ${position.prepare} have no single-bigint equivalent (legacy transaction)`,
      },
    ]);
  }
  const { [schemaVersionField]: _version, ...envelopeMetadata } = metadata;
  return decodeStoredEnvelope(
    { id: event.id, type: event.type, version, data: event.data, metadata: envelopeMetadata },
    address,
    position.commit,
  );
};
