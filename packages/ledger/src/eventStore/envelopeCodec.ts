/** io-ts codecs for the stored envelope: what every adapter validates on append and on read. */
import * as t from 'io-ts';
import { closedStruct } from '../codecs/closedStruct.js';
import { IsoInstant } from '../codecs/isoInstant.js';
import { JsonValue, type Json } from '../codecs/jsonValue.js';
import { NonEmptyString } from '../codecs/nonEmptyString.js';
import { PositiveInteger } from '../codecs/positiveInteger.js';
import { Sha256Hex } from '../codecs/sha256Hex.js';
import { Uuid } from '../codecs/uuid.js';
import type { AdoptedHeadRecord, Channel, EventEnvelope, EventMetadata } from './envelope.js';

const channels = {
  app: null,
  web: null,
  branch: null,
  'partner-api': null,
  batch: null,
  system: null,
} as const satisfies Record<Channel, null>;

/** One of the {@link Channel} literals. */
export const ChannelCodec: t.Type<Channel, Channel, unknown> = t.keyof(channels);

const DECIMAL_REVISION = /^(0|[1-9][0-9]{0,19})$/;

/** {@link AdoptedHeadRecord}: a decimal revision and a SHA-256 hex hash, nothing else. */
export const AdoptedHeadCodec: t.Type<AdoptedHeadRecord, AdoptedHeadRecord, unknown> = closedStruct('AdoptedHead', {
  hash: Sha256Hex,
  revision: new t.Type<string, string, unknown>(
    'decimal revision',
    (u): u is string => typeof u === 'string' && DECIMAL_REVISION.test(u),
    (u, c) => (typeof u === 'string' && DECIMAL_REVISION.test(u) ? t.success(u) : t.failure(u, c)),
    t.identity,
  ),
});

const MetadataStruct: t.Type<EventMetadata, EventMetadata, unknown> = closedStruct(
  'EventMetadata',
  {
    correlationId: NonEmptyString,
    causationId: NonEmptyString,
    tenant: NonEmptyString,
    actor: NonEmptyString,
    channel: ChannelCodec,
    occurredAt: IsoInstant,
  },
  { commandId: NonEmptyString, requestHash: Sha256Hex, previousHash: Sha256Hex, hash: Sha256Hex, sealKeyId: NonEmptyString, adoptedHead: AdoptedHeadCodec },
);

/**
 * Metadata objects this codec produced: fresh and frozen, so already valid for good. An event
 * encoded by `encodeEvent` and then appended is checked once, not again by the store.
 */
const decodedMetadata = new WeakSet<object>();

/** {@link EventMetadata}: all fields required except `commandId`, `requestHash` and the hash chain; unknown fields are rejected. */
export const EventMetadataCodec: t.Type<EventMetadata, EventMetadata, unknown> = new t.Type<EventMetadata, EventMetadata, unknown>(
  MetadataStruct.name,
  MetadataStruct.is,
  (input, context) => {
    if (typeof input === 'object' && input !== null && decodedMetadata.has(input)) return t.success(input as EventMetadata);
    const decoded = MetadataStruct.validate(input, context);
    if (decoded._tag === 'Right') {
      // Fresh objects (closedStruct copies), so freezing them touches nothing of the caller's.
      if (decoded.right.adoptedHead !== undefined) Object.freeze(decoded.right.adoptedHead);
      decodedMetadata.add(Object.freeze(decoded.right));
    }
    return decoded;
  },
  MetadataStruct.encode,
);

/**
 * {@link EventEnvelope} with JSON `data`: lowercase UUID id, non-empty type, integer version >= 1.
 * Decoding yields a fresh object with deep-frozen data; unknown fields are rejected.
 */
export const EventEnvelopeCodec: t.Type<EventEnvelope<string, Json>, EventEnvelope<string, Json>, unknown> = closedStruct('EventEnvelope', {
  id: Uuid,
  type: NonEmptyString,
  version: PositiveInteger,
  data: JsonValue,
  metadata: EventMetadataCodec,
});
