/**
 * The event schema registry: per domain event type, the current schema version and the io-ts codec
 * between typed data (bigints, branded values) and stored JSON (amounts as decimal strings).
 * Events are validated on write (`encodeEvent`) and on read (`decodeEvent`).
 */
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { decodeEither, decodeOrThrow } from '../eventStore/decode.js';
import { EventMetadataCodec } from '../eventStore/envelopeCodec.js';
import { describeValue } from '../codecs/formatValidationErrors.js';
import { JsonValue } from '../codecs/jsonValue.js';
import { Uuid } from '../codecs/uuid.js';
import type { EventEnvelope, EventMetadata, Json, RecordedEvent } from '../eventStore/envelope.js';
import { EventDecodeError } from '../eventStore/errors.js';
import type { DomainEvent } from './domainEvent.js';

/** How one event type is stored. */
export interface EventSchema<Data> {
  /** Version written by {@link encodeEvent}, from 1. */
  readonly version: number;
  /** Typed data <-> JSON. Its output must be JSON; decoding its output must succeed. */
  readonly codec: t.Type<Data, unknown, unknown>;
  /** Decoders of older versions still present in stores, upcasting to `Data` (see {@link upcastFrom}). */
  readonly upcasters?: { readonly [version: number]: t.Decoder<unknown, Data> };
}

/** The registry: one {@link EventSchema} for every `type` of the `Event` union. */
export type EventSchemas<Event extends DomainEvent> = {
  readonly [Type in Event['type']]: EventSchema<Extract<Event, { readonly type: Type }>['data']>;
};

/** Builds an upcaster: decode old JSON with `codec`, then convert it to the current data shape. */
export const upcastFrom = <Old, Data>(codec: t.Decoder<unknown, Old>, upcast: (old: Old) => Data): t.Decoder<unknown, Data> => {
  const validate: t.Validate<unknown, Data> = (input, context) => E.map(upcast)(codec.validate(input, context));
  return { name: codec.name, validate, decode: (input) => validate(input, [{ key: '', type: codec, actual: input }]) };
};

const schemaOf = <Event extends DomainEvent>(
  schemas: EventSchemas<Event>,
  type: string,
): EventSchema<unknown> | undefined =>
  Object.hasOwn(schemas, type) ? (schemas as unknown as Record<string, EventSchema<unknown>>)[type] : undefined;

/** The id and metadata to wrap a domain event in. */
export interface EncodeEventOptions {
  readonly id: string;
  readonly metadata: EventMetadata;
}

/**
 * Wraps a domain event in an envelope with JSON data, validating on write: the codec's output must be
 * JSON and must decode again, and id/metadata must be well formed. Throws {@link EventDecodeError}
 * (`event_type_unknown` for an unregistered type).
 */
export const encodeEvent = <Event extends DomainEvent>(
  schemas: EventSchemas<Event>,
  event: Event,
  { id, metadata }: EncodeEventOptions,
): EventEnvelope<Event['type'], Json> => {
  const eventType: string = event.type;
  const schema = schemaOf(schemas, eventType);
  if (schema === undefined) {
    throw new EventDecodeError('event_type_unknown', {
      eventType: typeof eventType === 'string' ? eventType : describeValue(eventType),
      issues: [{ path: '$.type', reason: 'no schema is registered for this type' }],
    });
  }
  const context = { eventType, version: schema.version };
  let encoded: unknown;
  try {
    encoded = schema.codec.encode(event.data);
  } catch (error) {
    throw new EventDecodeError('event_decode_failed', {
      ...context,
      issues: [{ path: '$.data', reason: `encoding threw: ${error instanceof Error ? error.message : String(error)}` }],
    });
  }
  const data = decodeOrThrow(JsonValue, encoded, { ...context, root: '$.data' });
  decodeOrThrow(schema.codec, data, { ...context, root: '$.data' });
  return {
    id: decodeOrThrow(Uuid, id, { ...context, root: '$.id' }),
    type: event.type,
    version: schema.version,
    data,
    metadata: decodeOrThrow(EventMetadataCodec, metadata, { ...context, root: '$.metadata' }),
  };
};

/**
 * Validates a stored event on read and returns the domain event. Unknown type or version gives
 * `event_type_unknown`; data not matching its schema gives `event_decode_failed`; both name the
 * stream and revision when `event` is a recorded event.
 */
export const decodeEvent = <Event extends DomainEvent>(
  schemas: EventSchemas<Event>,
  event: EventEnvelope | RecordedEvent,
): E.Either<EventDecodeError, Event> => {
  const where =
    'streamName' in event && 'revision' in event ? { stream: event.streamName, revision: event.revision } : {};
  const unknownSchema = (path: string, reason: string): E.Either<EventDecodeError, Event> =>
    E.left(
      new EventDecodeError('event_type_unknown', {
        eventType: event.type,
        version: event.version,
        ...where,
        issues: [{ path, reason }],
      }),
    );
  const schema = schemaOf(schemas, event.type);
  if (schema === undefined) return unknownSchema('$.type', 'no schema is registered for this type');
  const decoder: t.Decoder<unknown, unknown> | undefined =
    event.version === schema.version ? schema.codec : schema.upcasters?.[event.version];
  if (decoder === undefined) {
    return unknownSchema('$.version', `no schema for version ${event.version} (current version is ${schema.version})`);
  }
  const context = { eventType: event.type, version: event.version, ...where, root: '$.data' };
  const data = decodeEither(decoder, event.data, context);
  if (E.isLeft(data)) return data;
  return E.right({ type: event.type, data: data.right } as Event);
};
