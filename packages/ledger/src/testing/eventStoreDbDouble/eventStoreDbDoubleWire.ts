/**
 * Protobuf plumbing of the EventStoreDB test double: the client's own generated messages
 * (`@eventstore/db-client/generated`), so the double speaks exactly the wire format the client does.
 * The generated modules are CommonJS without static exports, hence the default imports.
 */
import type { ServerErrorResponse } from '@grpc/grpc-js';
import { Metadata, status } from '@grpc/grpc-js';
import codePb from '@eventstore/db-client/generated/code_pb.js';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import statusPb from '@eventstore/db-client/generated/status_pb.js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import type { StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb.js';
import type { ReadResp } from '@eventstore/db-client/generated/streams_pb.js';
import anyPb from 'google-protobuf/google/protobuf/any_pb.js';
import emptyPb from 'google-protobuf/google/protobuf/empty_pb.js';
import type { DoubleEvent } from './eventStoreDbDoubleLog.js';

export { codePb, emptyPb, sharedPb, statusPb, streamsPb };

/** The stream name carried by a stream identifier (UTF-8 bytes on the wire). */
export const streamNameOf = (identifier: StreamIdentifier | undefined): string =>
  identifier === undefined ? '' : Buffer.from(identifier.getStreamName_asU8()).toString('utf8');

/** A stream identifier for `name`. */
export const streamIdentifier = (name: string): StreamIdentifier =>
  new sharedPb.StreamIdentifier().setStreamName(Uint8Array.from(Buffer.from(name, 'utf8')));

/** The lowercase text form of a UUID message (the double only serves the string form the client asks for). */
export const uuidText = (uuid: UUID | undefined): string | undefined =>
  uuid !== undefined && uuid.hasString() ? uuid.getString().toLowerCase() : undefined;

/** A UUID message in string form. */
export const uuidMessage = (text: string): UUID => new sharedPb.UUID().setString(text);

/** A ReadResp carrying one stored event with its `$all` position. */
export const eventResponse = (event: DoubleEvent): ReadResp => {
  const recorded = new streamsPb.ReadResp.ReadEvent.RecordedEvent()
    .setId(uuidMessage(event.id))
    .setStreamIdentifier(streamIdentifier(event.stream))
    .setStreamRevision(event.revision.toString())
    .setCommitPosition(event.position.toString())
    .setPreparePosition(event.position.toString())
    .setData(event.data)
    .setCustomMetadata(event.metadata);
  recorded.getMetadataMap().set('type', event.type).set('content-type', event.contentType).set('created', event.created.toString());
  const readEvent = new streamsPb.ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(event.position.toString());
  return new streamsPb.ReadResp().setEvent(readEvent);
};

/** Packs a message into a `google.protobuf.Any` under its full protobuf name. */
export const packAny = (message: { serializeBinary(): Uint8Array }, typeName: string): InstanceType<typeof anyPb.Any> => {
  const any = new anyPb.Any();
  any.pack(message.serializeBinary(), typeName);
  return any;
};

/** A gRPC error status to end a call with (`exception` metadata is how the server names its errors). */
export const rpcError = (code: status, details: string, exception?: Record<string, string>): ServerErrorResponse => {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(exception ?? {})) metadata.set(key, value);
  return Object.assign(new Error(details), { code, details, metadata });
};
