/**
 * Decoding of events read back from storage, shared by the durable adapters. Every stored event
 * goes through the envelope codec: one that does not fit is a typed {@link EventDecodeError}
 * naming its stream and revision, never a silent skip. The event type is not checked here: an
 * unknown type is the domain's concern.
 */
import * as E from 'fp-ts/lib/Either.js';
import { EventEnvelopeCodec } from './envelopeCodec.js';
import { validationIssues } from '../codecs/formatValidationErrors.js';
import type { Json, RecordedEvent } from './envelope.js';
import { EventDecodeError, type DecodeIssue } from './errors.js';

/** An envelope as read from storage, not yet validated (JSON already parsed). */
export interface StoredEnvelope {
  readonly id: unknown;
  readonly type: unknown;
  readonly version: unknown;
  readonly data: unknown;
  readonly metadata: unknown;
}

/** Where a stored event sits: what its decode errors name. */
export interface StoredEventAddress {
  readonly stream: string;
  readonly revision: bigint;
}

/** The `event_decode_failed` error for a stored event at `address` (type and version as stored). */
export const storedEventDecodeError = (
  stored: Pick<StoredEnvelope, 'type' | 'version'>,
  address: StoredEventAddress,
  issues: readonly DecodeIssue[],
): EventDecodeError =>
  new EventDecodeError('event_decode_failed', {
    eventType: String(stored.type),
    issues,
    stream: address.stream,
    revision: address.revision,
    version: typeof stored.version === 'number' ? stored.version : undefined,
  });

/**
 * Decodes a stored envelope with the envelope codec into a frozen recorded event at `address` and `position`.
 * @throws EventDecodeError (`event_decode_failed`) naming stream and revision.
 */
export const decodeStoredEnvelope = (
  stored: StoredEnvelope,
  address: StoredEventAddress,
  position: bigint,
): RecordedEvent<string, Json> => {
  const decoded = EventEnvelopeCodec.decode({
    id: stored.id,
    type: stored.type,
    version: stored.version,
    data: stored.data,
    metadata: stored.metadata,
  });
  if (E.isLeft(decoded)) throw storedEventDecodeError(stored, address, validationIssues(decoded.left));
  const envelope = decoded.right;
  return Object.freeze({
    id: envelope.id,
    type: envelope.type,
    version: envelope.version,
    data: envelope.data,
    metadata: Object.freeze(envelope.metadata),
    streamName: address.stream,
    revision: address.revision,
    position,
  });
};
