/**
 * The `appendMany` part of the event store contract, registered by `describeEventStoreContract`
 * for every adapter. Cases that hold only for an all-or-nothing store are skipped, with the reason
 * shown, where `atomicMultiStreamAppend` is false (EventStoreDB); that store gets cases of its own
 * for what it promises instead (a prefix, and per-stream idempotent re-runs).
 */
import { describe, expect, it } from 'vitest';
import type { EventEnvelope, Json, RecordedEvent } from '../eventStore/envelope.js';
import type { EventStore, MultiAppendResult, StreamAppend, SubscribeOptions, Subscription } from '../eventStore/eventStore.js';
import { isEventStoreError } from '../eventStore/errors.js';
import { MAX_APPEND_MANY_EVENTS, MAX_APPEND_MANY_STREAMS } from '../limits.js';
import { eventually, rejectionOf } from './asyncExpectations.js';
import { envelopeCorruptions, testEvent, testEvents } from './eventFixtures.js';

/** What the cases need from the enclosing contract suite (its current store, and tracked subscriptions). */
export interface MultiAppendContractContext {
  readonly store: () => EventStore;
  readonly subscribe: (options: SubscribeOptions) => Subscription;
}

const notAtomic = 'the store does not promise an atomic appendMany (atomicMultiStreamAppend is false)';
const atomicOnly = 'the store promises an atomic appendMany; this case is for a non-atomic one';

let streamCounter = 0;
/** A stream name unused so far in this process. */
const freshStream = (): string => `multi-${++streamCounter}-${Date.now().toString(36)}`;

const ids = (events: readonly { readonly id: string }[]): string[] => events.map((event) => event.id);

const part = (stream: string, events: readonly EventEnvelope[], expectedRevision: StreamAppend['expectedRevision']): StreamAppend => ({
  stream,
  events,
  expectedRevision,
});

const expectCode = (error: unknown, code: string): void => {
  expect(error).toBeInstanceOf(Error);
  expect((error as { code?: unknown }).code).toBe(code);
  expect(isEventStoreError(error)).toBe(true);
};

/** Registers the `appendMany` cases. */
export const describeMultiAppendContract = ({ store, subscribe }: MultiAppendContractContext): void => {
  describe('appendMany', () => {
    it('appends to three streams, returning each stream result in input order and consecutive positions', async () => {
      const [a, b, c] = [freshStream(), freshStream(), freshStream()] as const;
      await store().append(b, testEvents(2), 'no_stream');
      const before = await store().readAll();
      const call = [part(c, testEvents(1), 'no_stream'), part(b, testEvents(3), 1n), part(a, testEvents(2), 'any')];
      const result = await store().appendMany(call);
      expect(result.streams.map((stream) => [stream.stream, stream.nextExpectedRevision])).toEqual([[c, 0n], [b, 4n], [a, 1n]]);
      const added = (await store().readAll()).slice(before.length);
      expect(ids(added)).toEqual(call.flatMap((append) => ids(append.events)));
      expect(added.map((event) => event.streamName)).toEqual([c, b, b, b, a, a]);
      for (let i = 1; i < added.length; i++) expect((added[i] as RecordedEvent).position > (added[i - 1] as RecordedEvent).position).toBe(true);
      expect(result.streams.map((stream) => stream.position)).toEqual([added[0]?.position, added[3]?.position, added[5]?.position]);
      expect(result.position).toBe(added[5]?.position);
      expect((await store().readStream(b)).map((event) => event.revision)).toEqual([0n, 1n, 2n, 3n, 4n]);
      expect(await store().streamRevision(c)).toBe(0n);
    });

    it('gives the events of one call adjacent places in the global log, between the appends around it', async () => {
      const x = testEvents(1);
      const y = testEvents(1);
      await store().append(freshStream(), x, 'no_stream');
      const call = [part(freshStream(), testEvents(2), 'no_stream'), part(freshStream(), testEvents(3), 'no_stream')];
      await store().appendMany(call);
      await store().append(freshStream(), y, 'no_stream');
      expect(ids(await store().readAll())).toEqual([...ids(x), ...call.flatMap((append) => ids(append.events)), ...ids(y)]);
    });

    it('delivers a call to subscribers once each, in input order', async () => {
      const received: RecordedEvent[] = [];
      const subscription = subscribe({ batchSize: 3, onEvent: (event) => void received.push(event) });
      await subscription.caughtUp;
      const call = [part(freshStream(), testEvents(4), 'no_stream'), part(freshStream(), testEvents(1), 'no_stream'), part(freshStream(), testEvents(3), 'any')];
      await store().appendMany(call);
      await eventually(() => received.length >= 8);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(ids(received)).toEqual(call.flatMap((append) => ids(append.events)));
      expect(received).toEqual(await store().readAll());
    });

    it('writes nothing when one stream expectation fails, naming the first failing stream', async ({ skip }) => {
      skip(!store().atomicMultiStreamAppend, notAtomic);
      const [a, b, c, d] = [freshStream(), freshStream(), freshStream(), freshStream()] as const;
      await store().append(b, testEvents(1), 'no_stream');
      await store().append(d, testEvents(1), 'no_stream');
      const before = await store().readAll();
      const received: RecordedEvent[] = [];
      const subscription = subscribe({ after: before.at(-1)?.position ?? 'start', onEvent: (event) => void received.push(event) });
      await subscription.caughtUp;
      const call = [part(a, testEvents(2), 'no_stream'), part(b, testEvents(2), 5n), part(c, testEvents(1), 'no_stream'), part(d, testEvents(1), 'no_stream')];
      const error = await rejectionOf(store().appendMany(call));
      expectCode(error, 'wrong_expected_version');
      expect(error).toMatchObject({ stream: b, expected: 5n, actual: 0n });
      expect(await store().readAll()).toEqual(before);
      expect(await store().readStream(a)).toEqual([]);
      expect(await store().streamRevision(c)).toBe('no_stream');
      const later = testEvents(1);
      const result = await store().append(freshStream(), later, 'no_stream');
      await eventually(() => received.length >= 1);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(ids(received)).toEqual(ids(later));
      expect(result.position > (before.at(-1)?.position ?? 0n)).toBe(true);
    });

    it('a retry of a committed call returns the original result and writes nothing', async ({ skip }) => {
      skip(!store().atomicMultiStreamAppend, notAtomic);
      const existing = freshStream();
      await store().append(existing, testEvents(1), 'no_stream');
      const call = [part(freshStream(), testEvents(2), 'no_stream'), part(existing, testEvents(1), 0n), part(freshStream(), testEvents(1), 'any')];
      const first = await store().appendMany(call);
      const count = (await store().readAll()).length;
      expect(await store().appendMany(call)).toEqual(first);
      expect(await store().appendMany(call.map((append) => ({ ...append, events: append.events.map((event) => ({ ...event })) })))).toEqual(first);
      expect(await store().readAll()).toHaveLength(count);
      const changed = call.map((append, i) => (i === 2 ? { ...append, events: [{ ...(append.events[0] as EventEnvelope<string, Json>), type: 'Changed' }] } : append));
      expect(await rejectionOf(store().appendMany(changed))).toMatchObject({ code: 'wrong_expected_version', stream: call[2]?.stream });
    });

    it('rejects a retry that finds only some of its streams written, writing nothing', async ({ skip }) => {
      skip(!store().atomicMultiStreamAppend, notAtomic);
      const [a, b, c] = [freshStream(), freshStream(), freshStream()] as const;
      const first = [part(a, testEvents(1), 'no_stream'), part(b, testEvents(2), 'no_stream')];
      await store().appendMany(first);
      const before = await store().readAll();
      const mixed = [part(c, testEvents(1), 'no_stream'), ...first];
      const error = await rejectionOf(store().appendMany(mixed));
      expect(error).toMatchObject({ code: 'wrong_expected_version', stream: a, expected: 'no_stream', actual: 0n });
      expect(await store().readAll()).toEqual(before);
      expect(await store().streamRevision(c)).toBe('no_stream');
    });

    it('rejects an event id already stored, writing nothing', async ({ skip }) => {
      skip(!store().atomicMultiStreamAppend, notAtomic);
      const stored = testEvent();
      await store().append(freshStream(), [stored], 'no_stream');
      const before = await store().readAll();
      const target = freshStream();
      const error = await rejectionOf(store().appendMany([part(freshStream(), testEvents(2), 'no_stream'), part(target, [testEvent(), stored], 'no_stream')]));
      expect(error).toMatchObject({ code: 'duplicate_event_id', stream: target, eventId: stored.id });
      expect(await store().readAll()).toEqual(before);
    });

    it('commits 1,000 streams in one call, beyond any statement chunk', async ({ skip }) => {
      skip(!store().atomicMultiStreamAppend, notAtomic);
      const call = Array.from({ length: 1_000 }, (_, i) => part(freshStream(), testEvents(i % 7 === 0 ? 3 : 1), 'no_stream'));
      const result: MultiAppendResult = await store().appendMany(call);
      const all = await store().readAll();
      expect(ids(all)).toEqual(call.flatMap((append) => ids(append.events)));
      expect(result.position).toBe(all.at(-1)?.position);
      expect(result.streams[999]?.nextExpectedRevision).toBe(0n);
      expect(await store().appendMany(call)).toEqual(result);
    });

    it('non-atomic: a failure leaves a prefix of the streams, and a re-run of the call completes it', async ({ skip }) => {
      skip(store().atomicMultiStreamAppend, atomicOnly);
      const [a, b, c] = [freshStream(), freshStream(), freshStream()] as const;
      const call = [part(a, testEvents(1), 'no_stream'), part(b, testEvents(2), 'no_stream'), part(c, testEvents(1), 'no_stream')];
      await store().append(b, testEvents(1), 'no_stream');
      expect(await rejectionOf(store().appendMany(call))).toMatchObject({ code: 'wrong_expected_version', stream: b });
      expect(await store().streamRevision(a)).toBe(0n);
      expect(await store().streamRevision(c)).toBe('no_stream');
      const rerun = [call[0] as StreamAppend, part(b, call[1]?.events ?? [], 0n), call[2] as StreamAppend];
      const result = await store().appendMany(rerun);
      expect(result.streams.map((stream) => stream.nextExpectedRevision)).toEqual([0n, 2n, 0n]);
      expect(ids(await store().readStream(a))).toEqual(ids(call[0]?.events ?? []));
      expect(await store().readAll()).toHaveLength(5);
    });

    describe('invalid arguments', () => {
      const expectRejectedUnchanged = async (appends: unknown, path?: string): Promise<void> => {
        const before = await store().readAll();
        const error = await rejectionOf(store().appendMany(appends as StreamAppend[]));
        expectCode(error, 'invalid_argument');
        if (path !== undefined) expect(error).toMatchObject({ path });
        expect(await store().readAll()).toEqual(before);
      };

      it('rejects a call that is not a non-empty list of stream parts with known fields', async () => {
        await store().append(freshStream(), testEvents(1), 'no_stream');
        for (const bad of [[], null, undefined, 'appends', part(freshStream(), testEvents(1), 'any'), [null], [[]]]) {
          await expectRejectedUnchanged(bad);
        }
        await expectRejectedUnchanged([{ ...part(freshStream(), testEvents(1), 'any'), shard: 1 }], '$.appends[0].shard');
      });

      it('rejects every stream part an append would reject, naming its place in the call', async () => {
        const ok = part(freshStream(), testEvents(1), 'no_stream');
        await expectRejectedUnchanged([ok, part('', testEvents(1), 'any')], '$.appends[1].stream');
        await expectRejectedUnchanged([ok, part(freshStream(), [], 'any')], '$.appends[1].events');
        await expectRejectedUnchanged([ok, part(freshStream(), testEvents(1), 0 as unknown as bigint)], '$.appends[1].expectedRevision');
        for (const corruption of envelopeCorruptions) {
          await expectRejectedUnchanged([ok, part(freshStream(), [testEvent(), corruption.corrupt(testEvent()) as EventEnvelope<string, Json>], 'any')]);
        }
      });

      it('rejects a stream named twice and an event id repeated anywhere in the call', async () => {
        const stream = freshStream();
        await expectRejectedUnchanged([part(stream, testEvents(1), 'any'), part(freshStream(), testEvents(1), 'any'), part(stream, testEvents(1), 'any')], '$.appends[2].stream');
        const shared = testEvent();
        await expectRejectedUnchanged([part(freshStream(), [shared], 'any'), part(freshStream(), [testEvent(), shared], 'any')], '$.appends[1].events[1].id');
      });

      it('rejects more streams or events than the limits allow, before decoding them', async () => {
        const event = testEvent();
        const streams = Array.from({ length: MAX_APPEND_MANY_STREAMS + 1 }, (_, i) => part(`limit-${i}`, [event], 'any'));
        await expectRejectedUnchanged(streams, '$.appends');
        await expectRejectedUnchanged([part(freshStream(), new Array<EventEnvelope<string, Json>>(MAX_APPEND_MANY_EVENTS + 1).fill(event), 'any')], '$.appends');
      });
    });
  });
};
