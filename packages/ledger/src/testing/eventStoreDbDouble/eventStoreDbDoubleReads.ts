/**
 * The `Streams.Read` RPC of the EventStoreDB test double: stream reads, `$all` reads and
 * catch-up subscriptions to `$all`, as the server serves them.
 *
 * - Stream reads: a missing stream answers `stream_not_found`. Backward reads page by 32 from the
 *   requested revision and stop at the first empty page, as the server does (so a start far
 *   beyond the end reads nothing).
 * - `$all` reads: forwards from a position are inclusive, backwards exclusive; a position that is
 *   not a record start fails the call as the server's `InvalidPosition` does (status
 *   `INVALID_ARGUMENT` without exception metadata, which the client reports as an `UnknownError`).
 * - `$all` subscriptions: a confirmation, then the events strictly after the start position
 *   (history, then live), through the requested filter (event-type or stream-name regex/prefixes).
 *   The server's periodic checkpoint and caught-up messages are not sent.
 * - Not implemented: subscriptions to a single stream, link resolution, structured UUIDs.
 */
import { randomUUID } from 'node:crypto';
import { status, type ServerWritableStream } from '@grpc/grpc-js';
import type { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb.js';
import type { DoubleEvent, EventStoreDbDoubleLog } from './eventStoreDbDoubleLog.js';
import { eventResponse, rpcError, streamIdentifier, streamNameOf, streamsPb } from './eventStoreDbDoubleWire.js';

const { Options } = streamsPb.ReadReq;
type Options = InstanceType<typeof Options>;
type ReadCall = ServerWritableStream<ReadReq, ReadResp>;

/** The server's page size of backward stream reads. */
const backwardPageSize = 32n;

const send = (call: ReadCall, events: Iterable<DoubleEvent>): void => {
  for (const event of events) {
    if (call.cancelled) return;
    call.write(eventResponse(event));
  }
};

/** The filter of a `$all` read or subscription (everything passes without one). */
const eventFilter = (options: Options): ((event: DoubleEvent) => boolean) => {
  const filter = options.getFilter();
  if (filter === undefined) return () => true;
  const onType = filter.hasEventType();
  const expression = onType ? filter.getEventType() : filter.getStreamIdentifier();
  const prefixes = expression?.getPrefixList() ?? [];
  const regex = expression?.getRegex() ? new RegExp(expression.getRegex()) : undefined;
  return (event) => {
    const value = onType ? event.type : event.stream;
    return (prefixes.length === 0 || prefixes.some((prefix) => value.startsWith(prefix))) && (regex === undefined || regex.test(value));
  };
};

function* readStreamForwards(events: readonly DoubleEvent[], from: bigint, count: bigint): Generator<DoubleEvent> {
  for (let revision = from, sent = 0n; revision < BigInt(events.length) && sent < count; revision++, sent++) {
    yield events[Number(revision)] as DoubleEvent;
  }
}

/** Backward pages as the server reads them: [from - 31, from], then below, until a page is empty. */
function* readStreamBackwards(events: readonly DoubleEvent[], from: bigint, count: bigint): Generator<DoubleEvent> {
  const last = BigInt(events.length) - 1n;
  const pageSize = count < backwardPageSize ? count : backwardPageSize;
  let cursor = from;
  let sent = 0n;
  while (sent < count && cursor >= 0n) {
    const start = cursor - pageSize + 1n > 0n ? cursor - pageSize + 1n : 0n;
    const top = cursor > last ? last : cursor;
    if (top < start) return;
    for (let revision = top; revision >= start && sent < count; revision--, sent++) yield events[Number(revision)] as DoubleEvent;
    cursor = start - 1n;
  }
}

const readStream = (log: EventStoreDbDoubleLog, call: ReadCall, options: Options): void => {
  const streamOptions = options.getStream();
  const name = streamNameOf(streamOptions?.getStreamIdentifier());
  const events = log.stream(name);
  if (events === undefined) {
    const notFound = new streamsPb.ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(name));
    call.write(new streamsPb.ReadResp().setStreamNotFound(notFound));
    call.end();
    return;
  }
  const count = BigInt(options.getCount() || '0');
  const last = BigInt(events.length) - 1n;
  const { RevisionOptionCase } = streamsPb.ReadReq.Options.StreamOptions;
  const revisionCase = streamOptions?.getRevisionOptionCase();
  const forwards = options.getReadDirection() === Options.ReadDirection.FORWARDS;
  const from =
    revisionCase === RevisionOptionCase.REVISION
      ? BigInt(streamOptions?.getRevision() ?? '0')
      : revisionCase === RevisionOptionCase.END
        ? forwards
          ? last + 1n
          : last
        : 0n;
  send(call, forwards ? readStreamForwards(events, from, count) : readStreamBackwards(events, from, count));
  call.end();
};

/** The log position a `$all` read or subscription names, or `undefined` if it is not a valid read position. */
const allPosition = (log: EventStoreDbDoubleLog, options: Options): bigint | 'start' | 'end' | undefined => {
  const all = options.getAll();
  const { AllOptionCase } = streamsPb.ReadReq.Options.AllOptions;
  switch (all?.getAllOptionCase()) {
    case AllOptionCase.START:
      return 'start';
    case AllOptionCase.END:
      return 'end';
    case AllOptionCase.POSITION: {
      const commit = BigInt(all.getPosition()?.getCommitPosition() ?? '0');
      const prepare = BigInt(all.getPosition()?.getPreparePosition() ?? '0');
      return commit === prepare && log.isReadablePosition(commit) ? commit : undefined;
    }
    default:
      return undefined;
  }
};

const invalidPosition = () => rpcError(status.INVALID_ARGUMENT, 'Trying to read from an invalid position.');

const readAll = (log: EventStoreDbDoubleLog, call: ReadCall, options: Options): void => {
  const position = allPosition(log, options);
  if (position === undefined) {
    call.emit('error', invalidPosition());
    return;
  }
  const count = Number(BigInt(options.getCount() || '0'));
  const passes = eventFilter(options);
  const all = log.all;
  const selected: DoubleEvent[] = [];
  if (options.getReadDirection() === Options.ReadDirection.FORWARDS) {
    const start = position === 'start' ? 0 : position === 'end' ? all.length : log.firstIndexAtOrAfter(position);
    for (let index = start; index < all.length && selected.length < count; index++) {
      const event = all[index] as DoubleEvent;
      if (passes(event)) selected.push(event);
    }
  } else {
    const start = position === 'start' ? -1 : position === 'end' ? all.length - 1 : log.firstIndexAtOrAfter(position) - 1;
    for (let index = start; index >= 0 && selected.length < count; index--) {
      const event = all[index] as DoubleEvent;
      if (passes(event)) selected.push(event);
    }
  }
  send(call, selected);
  call.end();
};

const subscribeToAll = (log: EventStoreDbDoubleLog, call: ReadCall, options: Options): void => {
  const position = allPosition(log, options);
  if (position === undefined) {
    call.emit('error', invalidPosition());
    return;
  }
  const passes = eventFilter(options);
  const confirmation = new streamsPb.ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID());
  call.write(new streamsPb.ReadResp().setConfirmation(confirmation));
  const all = log.all;
  const start = position === 'start' ? 0 : position === 'end' ? all.length : log.firstIndexAtOrAfter(position + 1n);
  // History and registration happen in one synchronous step, so no write falls in between.
  send(call, all.slice(start).filter(passes));
  const unsubscribe = log.onWrite((events) => send(call, events.filter(passes)));
  call.on('cancelled', unsubscribe);
  call.on('close', unsubscribe);
  call.on('error', unsubscribe);
};

/** The handler of `event_store.client.streams.Streams/Read`. */
export const createReadHandler =
  (log: EventStoreDbDoubleLog) =>
  (call: ReadCall): void => {
    const options = call.request.getOptions();
    if (options === undefined) {
      call.emit('error', rpcError(status.INVALID_ARGUMENT, 'ReadReq.options is required'));
      return;
    }
    const subscription = options.getCountOptionCase() === Options.CountOptionCase.SUBSCRIPTION;
    switch (options.getStreamOptionCase()) {
      case Options.StreamOptionCase.STREAM:
        if (subscription) call.emit('error', rpcError(status.UNIMPLEMENTED, 'stream subscriptions are not implemented by the EventStoreDB double'));
        else readStream(log, call, options);
        return;
      case Options.StreamOptionCase.ALL:
        if (subscription) subscribeToAll(log, call, options);
        else readAll(log, call, options);
        return;
      default:
        call.emit('error', rpcError(status.INVALID_ARGUMENT, 'ReadReq.options needs stream or all'));
    }
  };

