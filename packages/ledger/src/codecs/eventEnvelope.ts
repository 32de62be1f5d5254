/** io-ts codecs for the stored envelope: what every adapter validates on append and on read. */
import * as t from 'io-ts';
import type { AdoptedHeadRecord, Channel, EventEnvelope, EventMetadata, Json } from '../eventStore/envelope.js';
import { closedStruct } from './closedStruct.js';
import { IsoInstant } from './isoInstant.js';
import { JsonValue } from './jsonValue.js';
import { NonEmptyString } from './nonEmptyString.js';
import { PositiveInteger } from './positiveInteger.js';
import { Uuid } from './uuid.js';

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

/** A SHA-256 digest in lowercase hex. */
export const Sha256Hex: t.Type<string, string, unknown> = new t.Type<string, string, unknown>(
  'sha256 hex digest',
  (u): u is string => typeof u === 'string' && /^[0-9a-f]{64}$/.test(u),
  (u, c) => (typeof u === 'string' && /^[0-9a-f]{64}$/.test(u) ? t.success(u) : t.failure(u, c)),
  t.identity,
);

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

/** {@link EventMetadata}: all fields required except `commandId`, `requestHash` and the hash chain; unknown fields are rejected. */
export const EventMetadataCodec: t.Type<EventMetadata, EventMetadata, unknown> = closedStruct(
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
