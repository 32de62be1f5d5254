/**
 * The `Streams.BatchAppend` RPC of the EventStoreDB test double, the append path the client
 * takes when the server lists it among its features (every server since 21.10).
 *
 * As on the server: requests of one append share a correlation id, the first carries the options,
 * events accumulate until `is_final`; the append is then checked and written atomically (see the
 * log). A batch over the maximum append size fails as `MaximumAppendSizeExceeded`; a conflict
 * answers a `WrongExpectedVersion` status whose current revision is `current_no_stream` for a
 * missing stream. Not implemented: deadlines, the unary `Append` RPC (used by the client only
 * with per-call credentials).
 */
import type { ServerDuplexStream } from '@grpc/grpc-js';
import type { Code } from '@eventstore/db-client/generated/code_pb.js';
import type { BatchAppendReq, BatchAppendResp } from '@eventstore/db-client/generated/streams_pb.js';
import type { Status } from '@eventstore/db-client/generated/status_pb.js';
import type { DoubleAppendOutcome, DoubleExpectedRevision, EventStoreDbDoubleLog, ProposedDoubleEvent } from './eventStoreDbDoubleLog.js';
import { codePb, emptyPb, packAny, sharedPb, statusPb, streamIdentifier, streamNameOf, streamsPb, uuidMessage, uuidText } from './eventStoreDbDoubleWire.js';

type AppendCall = ServerDuplexStream<BatchAppendReq, BatchAppendResp>;
type Options = InstanceType<typeof streamsPb.BatchAppendReq.Options>;
type ProposedMessage = InstanceType<typeof streamsPb.BatchAppendReq.ProposedMessage>;

interface PendingAppend {
  readonly stream: string;
  readonly expected: DoubleExpectedRevision;
  readonly events: ProposedDoubleEvent[];
  size: number;
}

const expectedOf = (options: Options): DoubleExpectedRevision => {
  const { ExpectedStreamPositionCase } = streamsPb.BatchAppendReq.Options;
  switch (options.getExpectedStreamPositionCase()) {
    case ExpectedStreamPositionCase.STREAM_POSITION:
      return { kind: 'revision', revision: BigInt(options.getStreamPosition()) };
    case ExpectedStreamPositionCase.NO_STREAM:
      return { kind: 'no_stream' };
    case ExpectedStreamPositionCase.STREAM_EXISTS:
      return { kind: 'stream_exists' };
    default:
      return { kind: 'any' };
  }
};

/** The proposed event, or a reason it is malformed (the server requires `type` and `content-type`). */
const proposedOf = (message: ProposedMessage): ProposedDoubleEvent | string => {
  const id = uuidText(message.getId());
  const type = message.getMetadataMap().get('type');
  const contentType = message.getMetadataMap().get('content-type');
  if (id === undefined) return 'proposed message without a string id';
  if (type === undefined || contentType === undefined) return 'required metadata properties type and content-type';
  return { id, type, contentType, data: message.getData_asU8(), metadata: message.getCustomMetadata_asU8() };
};

/** Bytes the server counts against the maximum append size (close to its `Event.SizeOnDisk`). */
const sizeOf = (event: ProposedDoubleEvent): number => event.data.length + event.metadata.length + event.type.length * 2 + 40;

/** A `google.rpc.Status` of a failed append, with its typed details packed as the server packs them. */
const statusOf = (code: Code, message: string, details: { serializeBinary(): Uint8Array }, typeName: string): Status =>
  new statusPb.Status().setCode(code).setMessage(message).setDetails(packAny(details, `event_store.client.${typeName}`));

const wrongExpectedVersion = (expected: DoubleExpectedRevision, current: bigint) => {
  const details = new sharedPb.WrongExpectedVersion();
  if (current < 0n) details.setCurrentNoStream(new emptyPb.Empty());
  else details.setCurrentStreamRevision(current.toString());
  switch (expected.kind) {
    case 'revision':
      details.setExpectedStreamPosition(expected.revision.toString());
      break;
    case 'no_stream':
      details.setExpectedNoStream(new emptyPb.Empty());
      break;
    case 'stream_exists':
      details.setExpectedStreamExists(new emptyPb.Empty());
      break;
    case 'any':
      details.setExpectedAny(new emptyPb.Empty());
      break;
  }
  return details;
};

const responseTo = (correlationId: string, append: PendingAppend): BatchAppendResp =>
  new streamsPb.BatchAppendResp().setCorrelationId(uuidMessage(correlationId)).setStreamIdentifier(streamIdentifier(append.stream));

const outcomeResponse = (correlationId: string, append: PendingAppend, outcome: DoubleAppendOutcome): BatchAppendResp => {
  const response = responseTo(correlationId, append);
  if (outcome.kind === 'wrong_expected_version') {
    const details = wrongExpectedVersion(append.expected, outcome.current);
    return response.setError(statusOf(codePb.Code.ALREADY_EXISTS, 'WrongExpectedVersion', details, 'WrongExpectedVersion'));
  }
  const position = new sharedPb.AllStreamPosition().setCommitPosition(outcome.position.toString()).setPreparePosition(outcome.position.toString());
  return response.setSuccess(new streamsPb.BatchAppendResp.Success().setCurrentRevision(outcome.lastRevision.toString()).setPosition(position));
};

/** The handler of `event_store.client.streams.Streams/BatchAppend`. */
export const createBatchAppendHandler =
  (log: EventStoreDbDoubleLog, maxAppendSize: number) =>
  (call: AppendCall): void => {
    const pending = new Map<string, PendingAppend>();
    const reply = (response: BatchAppendResp): void => {
      if (!call.cancelled) call.write(response);
    };
    call.on('data', (request: BatchAppendReq) => {
      const correlationId = uuidText(request.getCorrelationId()) ?? '';
      const options = request.getOptions();
      if (options !== undefined) {
        const stream = streamNameOf(options.getStreamIdentifier());
        pending.set(correlationId, { stream, expected: expectedOf(options), events: [], size: 0 });
      }
      const append = pending.get(correlationId);
      if (append === undefined) return;
      for (const message of request.getProposedMessagesList()) {
        const event = proposedOf(message);
        if (typeof event === 'string') {
          pending.delete(correlationId);
          const details = new sharedPb.BadRequest().setMessage(event);
          reply(responseTo(correlationId, append).setError(statusOf(codePb.Code.INVALID_ARGUMENT, 'BadRequest', details, 'BadRequest')));
          return;
        }
        append.events.push(event);
        append.size += sizeOf(event);
      }
      if (append.size > maxAppendSize) {
        pending.delete(correlationId);
        const details = new sharedPb.MaximumAppendSizeExceeded().setMaxappendsize(maxAppendSize);
        reply(responseTo(correlationId, append).setError(statusOf(codePb.Code.INVALID_ARGUMENT, 'MaximumAppendSizeExceeded', details, 'MaximumAppendSizeExceeded')));
        return;
      }
      if (!request.getIsFinal()) return;
      pending.delete(correlationId);
      reply(outcomeResponse(correlationId, append, log.append(append.stream, append.expected, append.events)));
    });
    call.on('end', () => call.end());
    call.on('cancelled', () => pending.clear());
    call.on('error', () => pending.clear());
  };
