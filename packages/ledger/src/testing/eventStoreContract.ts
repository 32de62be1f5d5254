/**
 * The event store contract: one vitest suite that every adapter (in-memory, SQLite, PostgreSQL,
 * EventStoreDB) runs, so they all behave the same way.
 *
 * ```ts
 * describeEventStoreContract('sqlite', async () => {
 *   const file = tempFile();
 *   return { store: openSqliteStore(file), teardown: () => rm(file), reopen: async () => openSqliteStore(file) };
 * });
 * ```
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventEnvelope, Json, RecordedEvent } from '../eventStore/envelope.js';
import type { AppendResult, EventStore, SubscribeOptions, Subscription } from '../eventStore/eventStore.js';
import { isEventStoreError, isWrongExpectedVersion } from '../eventStore/errors.js';
import { envelopeCorruptions, testEvent, testEvents, testMetadata } from './eventFixtures.js';
import { describeEventStoreProperties } from './eventStoreProperties.js';
import { rejectionOf, eventually } from './asyncExpectations.js';
import { describeMultiAppendContract } from './eventStoreMultiAppendContract.js';
import { describeMultiAppendProperties } from './eventStoreMultiAppendProperties.js';

/** What a contract factory returns for each test. */
export interface EventStoreContractSubject {
  /** A fresh, empty, open store. The suite closes it after each test (closing twice must be fine). */
  readonly store: EventStore;
  /** Drops whatever the factory created; runs after the store was closed. */
  readonly teardown?: () => Promise<void>;
  /** Opens a new store over the same storage, after the suite closed the current one (a restart). */
  readonly reopen?: () => Promise<EventStore>;
}

/** Creates one isolated subject per test. */
export type EventStoreContractFactory = () => Promise<EventStoreContractSubject>;

/** Tuning for slow adapters. */
export interface EventStoreContractOptions {
  /** Runs of the model-based property (default 40; the malformed-input property runs 3x as many). Each run opens a fresh store. */
  readonly propertyRuns?: number;
}

export { eventually, rejectionOf } from './asyncExpectations.js';

const ids = (events: readonly { readonly id: string }[]): string[] => events.map((event) => event.id);

const expectStrictlyIncreasing = (positions: readonly bigint[]): void => {
  for (const [index, position] of positions.entries()) {
    expect(typeof position).toBe('bigint');
    expect(position > 0n).toBe(true);
    if (index > 0) expect(position > (positions[index - 1] as bigint)).toBe(true);
  }
};

const expectCode = (error: unknown, code: string): void => {
  expect(error).toBeInstanceOf(Error);
  expect((error as { code?: unknown }).code).toBe(code);
  expect(isEventStoreError(error)).toBe(true);
};

/** The recorded form of `event` as a store must return it. */
const recorded = (
  event: EventEnvelope<string, Json>,
  streamName: string,
  revision: bigint,
  position: bigint,
): RecordedEvent<string, Json> => ({ ...event, streamName, revision, position });

let streamCounter = 0;
/** A stream name unused so far in this process. */
const freshStream = (category = 'account'): string => `${category}-${++streamCounter}-${Date.now().toString(36)}`;

/** Registers the shared event store contract suite for one adapter. */
export const describeEventStoreContract = (
  name: string,
  factory: EventStoreContractFactory,
  options: EventStoreContractOptions = {},
): void => {
  describe(`EventStore contract: ${name}`, () => {
    let subject: EventStoreContractSubject;
    let store: EventStore;
    const subscriptions: Subscription[] = [];

    beforeEach(async () => {
      subject = await factory();
      store = subject.store;
    });

    afterEach(async () => {
      await Promise.all(subscriptions.splice(0).map((subscription) => subscription.stop()));
      await store.close();
      await subject.teardown?.();
    });

    /** Subscribes and remembers the subscription so it is stopped after the test. */
    const subscribe = (options: SubscribeOptions): Subscription => {
      const subscription = store.subscribe(options);
      subscriptions.push(subscription);
      return subscription;
    };

    describe('append and readStream', () => {
      it('numbers a new stream from revision 0n and returns the last revision and position', async () => {
        const stream = freshStream();
        const events = testEvents(3);
        const result = await store.append(stream, events, 'no_stream');
        const read = await store.readStream(stream);
        expect(result.nextExpectedRevision).toBe(2n);
        expect(read.map((event) => event.revision)).toEqual([0n, 1n, 2n]);
        expect(ids(read)).toEqual(ids(events));
        expect(read.every((event) => event.streamName === stream)).toBe(true);
        expect(result.position).toBe(read[2]?.position);
        expectStrictlyIncreasing(read.map((event) => event.position));
      });

      it('continues revisions across appends', async () => {
        const stream = freshStream();
        await store.append(stream, testEvents(2), 'no_stream');
        const result = await store.append(stream, testEvents(3), 1n);
        expect(result.nextExpectedRevision).toBe(4n);
        expect((await store.readStream(stream)).map((event) => event.revision)).toEqual([0n, 1n, 2n, 3n, 4n]);
        expect(await store.streamRevision(stream)).toBe(4n);
      });

      it('reads a missing stream as empty with revision no_stream', async () => {
        const stream = freshStream();
        expect(await store.readStream(stream)).toEqual([]);
        expect(await store.readStream(stream, { direction: 'backwards' })).toEqual([]);
        expect(await store.streamRevision(stream)).toBe('no_stream');
      });

      it('reads forwards from an inclusive revision, with maxCount', async () => {
        const stream = freshStream();
        const events = testEvents(10);
        await store.append(stream, events, 'no_stream');
        expect(ids(await store.readStream(stream, { fromRevision: 4n }))).toEqual(ids(events.slice(4)));
        expect(ids(await store.readStream(stream, { fromRevision: 4n, maxCount: 3 }))).toEqual(ids(events.slice(4, 7)));
        expect(ids(await store.readStream(stream, { fromRevision: 'start', maxCount: 2 }))).toEqual(ids(events.slice(0, 2)));
        expect(ids(await store.readStream(stream, { fromRevision: 'end' }))).toEqual(ids(events.slice(9)));
        expect(await store.readStream(stream, { fromRevision: 10n })).toEqual([]);
        expect(await store.readStream(stream, { maxCount: 0 })).toEqual([]);
        expect(ids(await store.readStream(stream, { maxCount: 100 }))).toEqual(ids(events));
      });

      it('reads backwards from the end or from an inclusive revision, with maxCount', async () => {
        const stream = freshStream();
        const events = testEvents(10);
        await store.append(stream, events, 'no_stream');
        const reversed = [...events].reverse();
        const backwards = await store.readStream(stream, { direction: 'backwards' });
        expect(ids(backwards)).toEqual(ids(reversed));
        expect(backwards.map((event) => event.revision)).toEqual([9n, 8n, 7n, 6n, 5n, 4n, 3n, 2n, 1n, 0n]);
        expect(ids(await store.readStream(stream, { direction: 'backwards', maxCount: 3 }))).toEqual(ids(reversed.slice(0, 3)));
        expect(ids(await store.readStream(stream, { direction: 'backwards', fromRevision: 5n }))).toEqual(ids(reversed.slice(4)));
        expect(ids(await store.readStream(stream, { direction: 'backwards', fromRevision: 5n, maxCount: 2 }))).toEqual([
          events[5]?.id,
          events[4]?.id,
        ]);
        expect(ids(await store.readStream(stream, { direction: 'backwards', fromRevision: 'start' }))).toEqual([events[0]?.id]);
        expect(ids(await store.readStream(stream, { direction: 'backwards', fromRevision: 50n, maxCount: 1 }))).toEqual([
          events[9]?.id,
        ]);
      });

      it('keeps streams apart', async () => {
        const first = freshStream();
        const second = freshStream();
        const a = testEvents(2);
        const b = testEvents(3);
        await store.append(first, a, 'no_stream');
        await store.append(second, b, 'no_stream');
        expect(ids(await store.readStream(first))).toEqual(ids(a));
        expect(ids(await store.readStream(second))).toEqual(ids(b));
        expect((await store.readStream(second)).map((event) => event.revision)).toEqual([0n, 1n, 2n]);
      });
    });

    describe('expected revision', () => {
      it("'no_stream' creates a stream and conflicts once it exists, naming the actual revision", async () => {
        const stream = freshStream();
        await store.append(stream, testEvents(2), 'no_stream');
        const error = await rejectionOf(store.append(stream, testEvents(1), 'no_stream'));
        expectCode(error, 'wrong_expected_version');
        expect(isWrongExpectedVersion(error)).toBe(true);
        expect(error).toMatchObject({ stream, expected: 'no_stream', actual: 1n });
      });

      it("'stream_exists' conflicts on a missing stream with actual 'no_stream'", async () => {
        const stream = freshStream();
        const error = await rejectionOf(store.append(stream, testEvents(1), 'stream_exists'));
        expectCode(error, 'wrong_expected_version');
        expect(error).toMatchObject({ stream, expected: 'stream_exists', actual: 'no_stream' });
        await store.append(stream, testEvents(1), 'no_stream');
        expect((await store.append(stream, testEvents(1), 'stream_exists')).nextExpectedRevision).toBe(1n);
      });

      it("'any' appends whatever the stream's state", async () => {
        const stream = freshStream();
        expect((await store.append(stream, testEvents(1), 'any')).nextExpectedRevision).toBe(0n);
        expect((await store.append(stream, testEvents(2), 'any')).nextExpectedRevision).toBe(2n);
      });

      it('an exact revision must be the revision of the last event', async () => {
        const stream = freshStream();
        const missing = await rejectionOf(store.append(stream, testEvents(1), 0n));
        expect(missing).toMatchObject({ code: 'wrong_expected_version', stream, expected: 0n, actual: 'no_stream' });
        await store.append(stream, testEvents(3), 'no_stream');
        for (const wrong of [0n, 1n, 3n, 100n]) {
          const error = await rejectionOf(store.append(stream, testEvents(1), wrong));
          expect(error).toMatchObject({ code: 'wrong_expected_version', stream, expected: wrong, actual: 2n });
        }
        expect((await store.append(stream, testEvents(1), 2n)).nextExpectedRevision).toBe(3n);
      });

      it('writes nothing when the expectation fails', async () => {
        const stream = freshStream();
        await store.append(stream, testEvents(2), 'no_stream');
        const before = await store.readAll();
        await rejectionOf(store.append(stream, testEvents(5), 0n));
        await rejectionOf(store.append(stream, testEvents(5), 'no_stream'));
        await rejectionOf(store.append(freshStream(), testEvents(5), 'stream_exists'));
        expect(await store.readAll()).toEqual(before);
        expect(await store.streamRevision(stream)).toBe(1n);
      });
    });

    describe('concurrency', () => {
      it('of many concurrent appends with the same expected revision exactly one wins', async () => {
        const stream = freshStream();
        await store.append(stream, testEvents(1), 'no_stream');
        const batches = Array.from({ length: 25 }, () => testEvents(2));
        const results = await Promise.allSettled(batches.map((batch) => store.append(stream, batch, 0n)));
        const winners = results.flatMap((result, index) => (result.status === 'fulfilled' ? [index] : []));
        expect(winners).toHaveLength(1);
        for (const result of results) {
          if (result.status === 'fulfilled') expect(result.value.nextExpectedRevision).toBe(2n);
          else expect(result.reason).toMatchObject({ code: 'wrong_expected_version', stream, expected: 0n, actual: 2n });
        }
        const read = await store.readStream(stream);
        expect(read).toHaveLength(3);
        expect(ids(read.slice(1))).toEqual(ids(batches[winners[0] as number] ?? []));
      });

      it("of many concurrent 'no_stream' creations exactly one wins", async () => {
        const stream = freshStream();
        const results = await Promise.allSettled(
          Array.from({ length: 20 }, () => store.append(stream, testEvents(3), 'no_stream')),
        );
        expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
        for (const result of results) {
          if (result.status === 'rejected') expect(result.reason).toMatchObject({ code: 'wrong_expected_version', actual: 2n });
        }
        expect(await store.readStream(stream)).toHaveLength(3);
      });

      it('concurrent appends to different streams all succeed with distinct positions', async () => {
        const streams = Array.from({ length: 40 }, () => freshStream());
        const results = await Promise.all(streams.map((stream) => store.append(stream, testEvents(2), 'no_stream')));
        const positions = results.map((result) => result.position);
        expect(new Set(positions).size).toBe(positions.length);
        const all = await store.readAll();
        expect(all).toHaveLength(80);
        expectStrictlyIncreasing(all.map((event) => event.position));
      });
    });

    describe('global log', () => {
      it('orders events across streams by append, with strictly increasing positions', async () => {
        const streams = [freshStream(), freshStream(), freshStream()];
        const appended: EventEnvelope[] = [];
        for (let round = 0; round < 4; round++) {
          for (const stream of streams) {
            const batch = testEvents(round + 1);
            await store.append(stream, batch, 'any');
            appended.push(...batch);
          }
        }
        const all = await store.readAll();
        expect(ids(all)).toEqual(ids(appended));
        expectStrictlyIncreasing(all.map((event) => event.position));
        for (const stream of streams) {
          const read = await store.readStream(stream);
          expect(read).toEqual(all.filter((event) => event.streamName === stream));
        }
      });

      it('pages with an exclusive `after` position and maxCount', async () => {
        for (let i = 0; i < 7; i++) await store.append(freshStream(), testEvents(3), 'no_stream');
        const all = await store.readAll();
        expect(all).toHaveLength(21);
        const paged: RecordedEvent[] = [];
        let after: bigint | 'start' = 'start';
        for (;;) {
          const page = await store.readAll({ after, maxCount: 5 });
          expect(page.length).toBeLessThanOrEqual(5);
          if (page.length === 0) break;
          paged.push(...page);
          after = (page[page.length - 1] as RecordedEvent).position;
        }
        expect(paged).toEqual(all);
        const middle = all[9] as RecordedEvent;
        expect(ids(await store.readAll({ after: middle.position }))).toEqual(ids(all.slice(10)));
        expect(ids(await store.readAll({ after: middle.position - 1n, maxCount: 1 }))).toEqual([middle.id]);
        expect(await store.readAll({ after: (all[20] as RecordedEvent).position })).toEqual([]);
        expect(await store.readAll({ maxCount: 0 })).toEqual([]);
        expect(await store.readAll({ after: 0n })).toEqual(all);
      });

      it('reads an empty log as empty', async () => {
        expect(await store.readAll()).toEqual([]);
        expect(await store.readAll({ after: 10n })).toEqual([]);
      });
    });

    describe('round trip', () => {
      it('returns events and metadata exactly as appended', async () => {
        const stream = freshStream();
        const events = [
          testEvent({
            type: 'TransferBooked',
            version: 3,
            data: {
              amount: '12345678901234567890.123456789',
              fee: '-0.000001',
              zero: '0',
              transfers: [
                { amount: '1.50', to: 'acc-1' },
                { amount: '2.25', to: 'acc-2' },
              ],
              nested: { empty: {}, list: [], flag: true, off: false, none: null, count: 3, ratio: 0.5, negative: -7 },
              text: 'naïve café ✓ 🎉 "quoted" \\ back\nslash',
              'key with spaces': 'ok',
              'dotted.key': 'ok',
            },
            metadata: testMetadata({ commandId: 'command-42', channel: 'partner-api', occurredAt: '2024-02-29T23:59:59.999Z' }),
          }),
          testEvent({ data: null, metadata: testMetadata({ channel: 'batch' }) }),
          testEvent({ data: ['1.00', 2, [true, null]] }),
          testEvent({ data: 'just a string' }),
        ];
        const result = await store.append(stream, events, 'no_stream');
        const read = await store.readStream(stream);
        const positions = read.map((event) => event.position);
        const expected = events.map((event, index) => recorded(event, stream, BigInt(index), positions[index] as bigint));
        expect(read).toStrictEqual(expected);
        expect(await store.readAll()).toStrictEqual(expected);
        expect(result.position).toBe(positions[3]);
        expect(Object.hasOwn(read[1]?.metadata ?? {}, 'commandId')).toBe(false);
        expect(typeof read[0]?.revision).toBe('bigint');
      });

      it('is not affected by mutating the appended input or a read result', async () => {
        const stream = freshStream();
        const event = testEvent({ data: { amount: '10.00', lines: [{ amount: '10.00' }] } });
        const pristine = structuredClone(event);
        await store.append(stream, [event], 'no_stream');
        const mutable = event as unknown as { data: { amount: string; lines: { amount: string }[] }; metadata: { tenant: string } };
        mutable.data.amount = '999.00';
        mutable.data.lines[0] = { amount: '999.00' };
        mutable.metadata.tenant = 'other';
        const first = await store.readStream(stream);
        expect(first[0]).toMatchObject({ data: pristine.data, metadata: pristine.metadata });
        try {
          const read = first[0] as unknown as { data: { amount: string }; metadata: { tenant: string } };
          read.data.amount = '0.00';
          read.metadata.tenant = 'other';
        } catch {
          // Frozen results throw in strict mode; either way the store must be unaffected.
        }
        first.length = 0;
        const again = await store.readStream(stream);
        expect(again).toHaveLength(1);
        expect(again[0]).toMatchObject({ data: pristine.data, metadata: pristine.metadata });
        expect((await store.readAll())[0]).toMatchObject({ data: pristine.data });
      });
    });

    describe('large batches', () => {
      it('appends a 10,000-event batch atomically and reads it back', async () => {
        const stream = freshStream();
        await store.append(stream, testEvents(1), 'no_stream');
        const batch = testEvents(10_000);
        const result = await store.append(stream, batch, 0n);
        expect(result.nextExpectedRevision).toBe(10_000n);
        const read = await store.readStream(stream);
        expect(read).toHaveLength(10_001);
        expect(ids(read.slice(1))).toEqual(ids(batch));
        expect(read[10_000]?.revision).toBe(10_000n);
        expect(read[5_000]?.data).toEqual(batch[4_999]?.data);
        const all = await store.readAll();
        expect(all).toHaveLength(10_001);
        expectStrictlyIncreasing(all.map((event) => event.position));
        expect(result.position).toBe(all[10_000]?.position);
        expect(ids(await store.readAll({ after: all[9_990]?.position ?? 0n }))).toEqual(ids(batch.slice(9_990)));
      });

      it('writes nothing of a 10,000-event batch that conflicts or holds one invalid event', async () => {
        const stream = freshStream();
        await store.append(stream, testEvents(1), 'no_stream');
        const conflicting = await rejectionOf(store.append(stream, testEvents(10_000), 5n));
        expectCode(conflicting, 'wrong_expected_version');
        const batch: unknown[] = testEvents(10_000);
        batch[9_999] = { ...testEvent(), version: 0 };
        const invalid = await rejectionOf(store.append(stream, batch as EventEnvelope[], 0n));
        expectCode(invalid, 'invalid_argument');
        expect(await store.readStream(stream)).toHaveLength(1);
        expect(await store.readAll()).toHaveLength(1);
      });
    });

    describe('idempotent appends', () => {
      it('re-appending the events that created a stream returns the original result and writes nothing', async () => {
        const stream = freshStream();
        const events = testEvents(3);
        const first = await store.append(stream, events, 'no_stream');
        const again = await store.append(stream, events, 'no_stream');
        expect(again).toEqual(first);
        expect(await store.readStream(stream)).toHaveLength(3);
        expect(await store.readAll()).toHaveLength(3);
      });

      it('re-appending the last batch with the same expected revision (or any) is idempotent', async () => {
        const stream = freshStream();
        await store.append(stream, testEvents(2), 'no_stream');
        const batch = testEvents(2);
        const first: AppendResult = await store.append(stream, batch, 1n);
        expect(await store.append(stream, batch, 1n)).toEqual(first);
        expect(await store.append(stream, batch, 'any')).toEqual(first);
        expect(await store.append(stream, [...batch].map((event) => ({ ...event })), 1n)).toEqual(first);
        expect(await store.readStream(stream)).toHaveLength(4);
        expect(await store.readAll()).toHaveLength(4);
      });

      it('a re-append with a different expected revision is a conflict, not a replay', async () => {
        const stream = freshStream();
        await store.append(stream, testEvents(2), 'no_stream');
        const batch = testEvents(2);
        await store.append(stream, batch, 1n);
        const error = await rejectionOf(store.append(stream, batch, 0n));
        expect(error).toMatchObject({ code: 'wrong_expected_version', expected: 0n, actual: 3n });
        expect(await store.readStream(stream)).toHaveLength(4);
      });

      it('a re-append of the same ids with different content is a conflict, never a replay', async () => {
        const stream = freshStream();
        const created = testEvents(2);
        await store.append(stream, created, 'no_stream');
        const batch = testEvents(2);
        const first = await store.append(stream, batch, 1n);
        const changes: readonly ((event: EventEnvelope<string, Json>) => EventEnvelope<string, Json>)[] = [
          (event) => ({ ...event, type: `${event.type}Changed` }),
          (event) => ({ ...event, version: event.version + 1 }),
          (event) => ({ ...event, data: { ...(event.data as Record<string, Json>), amount: '999.00' } }),
          (event) => ({ ...event, metadata: { ...event.metadata, actor: 'someone-else' } }),
          (event) => ({ ...event, metadata: { ...event.metadata, commandId: 'another-command' } }),
        ];
        for (const change of changes) {
          const changedLast = [batch[0] as EventEnvelope<string, Json>, change(batch[1] as EventEnvelope<string, Json>)];
          for (const expected of [1n, 'any'] as const) {
            const error = await rejectionOf(store.append(stream, changedLast, expected));
            expect(error).toMatchObject({ code: 'wrong_expected_version', actual: 3n });
          }
          const changedCreation = created.map(change);
          const error = await rejectionOf(store.append(stream, changedCreation, 'no_stream'));
          expect(error).toMatchObject({ code: 'wrong_expected_version', actual: 3n });
        }
        // Content is compared canonically: the same JSON with its keys in another order is the same content.
        const reordered = batch.map((event) => ({
          metadata: Object.fromEntries(Object.entries(event.metadata).reverse()) as typeof event.metadata,
          data: Object.fromEntries(Object.entries(event.data as Record<string, Json>).reverse()),
          version: event.version,
          type: event.type,
          id: event.id,
        }));
        expect(await store.append(stream, reordered, 1n)).toEqual(first);
        expect((await store.readStream(stream)).map((event) => event.data)).toEqual([...created, ...batch].map((event) => event.data));
        expect(await store.readAll()).toHaveLength(4);
      });

      it('rejects a batch repeating an event id', async () => {
        const stream = freshStream();
        const event = testEvent();
        const error = await rejectionOf(store.append(stream, [event, testEvent(), event], 'no_stream'));
        expectCode(error, 'invalid_argument');
        expect(await store.streamRevision(stream)).toBe('no_stream');
      });
    });

    describe('invalid arguments', () => {
      const expectRejectedUnchanged = async (attempt: () => Promise<unknown>, code = 'invalid_argument'): Promise<void> => {
        const before = await store.readAll();
        const error = await rejectionOf(attempt());
        expectCode(error, code);
        expect(await store.readAll()).toEqual(before);
      };

      it('rejects malformed stream names', async () => {
        await store.append(freshStream(), testEvents(1), 'no_stream');
        for (const bad of ['', 5, null, undefined, 'x'.repeat(513)]) {
          await expectRejectedUnchanged(() => store.append(bad as string, testEvents(1), 'any'));
          await expectRejectedUnchanged(() => store.readStream(bad as string));
          await expectRejectedUnchanged(() => store.streamRevision(bad as string));
        }
      });

      it('rejects events that are not a non-empty array', async () => {
        const stream = freshStream();
        await store.append(stream, testEvents(1), 'no_stream');
        for (const bad of [[], null, undefined, 'events', testEvent(), { length: 1, 0: testEvent() }]) {
          await expectRejectedUnchanged(() => store.append(stream, bad as EventEnvelope[], 'any'));
        }
      });

      it('rejects malformed expected revisions', async () => {
        const stream = freshStream();
        await store.append(stream, testEvents(1), 'no_stream');
        for (const bad of [0, 1, -1n, 'latest', null, undefined, '0']) {
          await expectRejectedUnchanged(() => store.append(stream, testEvents(1), bad as bigint));
        }
      });

      it('rejects every kind of malformed envelope', async () => {
        const stream = freshStream();
        await store.append(stream, testEvents(1), 'no_stream');
        for (const corruption of envelopeCorruptions) {
          const before = await store.readAll();
          const error = await rejectionOf(store.append(stream, [corruption.corrupt(testEvent())] as EventEnvelope[], 'any'));
          expect((error as { code?: unknown }).code, corruption.name).toBe('invalid_argument');
          expect(await store.readAll()).toEqual(before);
        }
      });

      it('rejects a mixed batch whose last event is malformed, writing none of it', async () => {
        const stream = freshStream();
        await store.append(stream, testEvents(1), 'no_stream');
        const batch: unknown[] = [...testEvents(5), { ...testEvent(), metadata: { ...testMetadata(), channel: 'fax' } }];
        await expectRejectedUnchanged(() => store.append(stream, batch as EventEnvelope[], 0n));
        expect(await store.streamRevision(stream)).toBe(0n);
      });

      it('rejects malformed read options', async () => {
        const stream = freshStream();
        await store.append(stream, testEvents(2), 'no_stream');
        const badStreamOptions: unknown[] = [
          { maxCount: -1 },
          { maxCount: 1.5 },
          { maxCount: '3' },
          { fromRevision: 1 },
          { fromRevision: -1n },
          { fromRevision: 'middle' },
          { direction: 'sideways' },
          'forwards',
        ];
        for (const bad of badStreamOptions) {
          await expectRejectedUnchanged(() => store.readStream(stream, bad as never));
        }
        for (const bad of [{ after: -1n }, { after: 3 }, { after: 'end' }, { maxCount: -2 }, 7] as unknown[]) {
          await expectRejectedUnchanged(() => store.readAll(bad as never));
        }
      });

      it('rejects malformed subscription options synchronously', () => {
        for (const bad of [{}, { onEvent: 'no' }, { onEvent: () => undefined, batchSize: 0 }, { onEvent: () => undefined, after: -1n }]) {
          let thrown: unknown;
          try {
            subscribe(bad as SubscribeOptions);
          } catch (error) {
            thrown = error;
          }
          expectCode(thrown, 'invalid_argument');
        }
      });
    });

    describe('catch-up subscriptions', () => {
      it('delivers history in pages then live events, each once and in global order', async () => {
        for (let i = 0; i < 4; i++) await store.append(freshStream(), testEvents(3), 'no_stream');
        const received: RecordedEvent[] = [];
        let appendedWhileHandling = false;
        const live = freshStream('live');
        const subscription = subscribe({
          batchSize: 5,
          onEvent: async (event) => {
            received.push(event);
            if (received.length === 7 && !appendedWhileHandling) {
              appendedWhileHandling = true;
              await store.append(live, testEvents(2), 'no_stream');
            }
          },
        });
        await subscription.caughtUp;
        await Promise.all(Array.from({ length: 10 }, () => store.append(freshStream(), testEvents(2), 'no_stream')));
        await store.append(live, testEvents(3), 1n);
        await eventually(() => received.length >= 37);
        await new Promise((resolve) => setTimeout(resolve, 20));
        const all = await store.readAll();
        expect(all).toHaveLength(37);
        expect(received).toEqual(all);
        expect(subscription.position()).toBe(all[36]?.position);
      });

      it('awaits each handler before delivering the next event', async () => {
        await store.append(freshStream(), testEvents(6), 'no_stream');
        let running = 0;
        let maxRunning = 0;
        const order: number[] = [];
        const subscription = subscribe({
          onEvent: async (event) => {
            running++;
            maxRunning = Math.max(maxRunning, running);
            await new Promise((resolve) => setTimeout(resolve, 1));
            order.push((event.data as { n: number }).n);
            running--;
          },
        });
        await subscription.caughtUp;
        expect(maxRunning).toBe(1);
        expect(order).toEqual([0, 1, 2, 3, 4, 5]);
      });

      it('reports catching up: caughtUp resolves and onCaughtUp gets the last position, also on an empty log', async () => {
        const caughtUpAt: (bigint | 'start')[] = [];
        const empty = subscribe({ onEvent: () => undefined, onCaughtUp: (position) => caughtUpAt.push(position) });
        await empty.caughtUp;
        expect(caughtUpAt).toEqual(['start']);
        expect(empty.position()).toBe('start');
        const result = await store.append(freshStream(), testEvents(2), 'no_stream');
        await eventually(() => caughtUpAt.length === 2);
        expect(caughtUpAt[1]).toBe(result.position);
      });

      it('resumes after a checkpoint, delivering only later events', async () => {
        const stream = freshStream();
        await store.append(stream, testEvents(5), 'no_stream');
        const all = await store.readAll();
        const checkpoint = (all[2] as RecordedEvent).position;
        const received: RecordedEvent[] = [];
        const subscription = subscribe({ after: checkpoint, onEvent: (event) => void received.push(event) });
        await subscription.caughtUp;
        expect(ids(received)).toEqual(ids(all.slice(3)));
        const more = testEvents(2);
        await store.append(stream, more, 4n);
        await eventually(() => received.length === 4);
        expect(ids(received.slice(2))).toEqual(ids(more));
      });

      it('stops mid-stream when stop() is called from a handler', async () => {
        await store.append(freshStream(), testEvents(10), 'no_stream');
        const received: RecordedEvent[] = [];
        let stopping: Promise<void> | undefined;
        const subscription: Subscription = subscribe({
          batchSize: 4,
          onEvent: (event) => {
            received.push(event);
            if (received.length === 3) stopping = subscription.stop();
          },
        });
        await eventually(() => stopping !== undefined);
        await stopping;
        await store.append(freshStream(), testEvents(2), 'no_stream');
        await new Promise((resolve) => setTimeout(resolve, 30));
        expect(received).toHaveLength(3);
        expect(subscription.position()).toBe(received[2]?.position);
      });

      it('stop() from outside waits for the in-flight handler', async () => {
        await store.append(freshStream(), testEvents(3), 'no_stream');
        let release!: () => void;
        const gate = new Promise<void>((resolve) => {
          release = resolve;
        });
        const received: RecordedEvent[] = [];
        let handlerFinished = false;
        const subscription = subscribe({
          onEvent: async (event) => {
            received.push(event);
            await gate;
            handlerFinished = true;
          },
        });
        await eventually(() => received.length === 1);
        const stopped = subscription.stop().then(() => handlerFinished);
        release();
        expect(await stopped).toBe(true);
        await new Promise((resolve) => setTimeout(resolve, 20));
        expect(received).toHaveLength(1);
      });

      it('sends a handler failure to onError and stops', async () => {
        await store.append(freshStream(), testEvents(5), 'no_stream');
        const failure = new Error('projection failed');
        const errors: unknown[] = [];
        const received: RecordedEvent[] = [];
        const subscription = subscribe({
          onEvent: (event) => {
            received.push(event);
            if (received.length === 2) throw failure;
          },
          onError: (error) => errors.push(error),
        });
        await expect(subscription.caughtUp).rejects.toBe(failure);
        await eventually(() => errors.length === 1);
        await store.append(freshStream(), testEvents(1), 'no_stream');
        await new Promise((resolve) => setTimeout(resolve, 20));
        expect(errors).toEqual([failure]);
        expect(received).toHaveLength(2);
        expect(subscription.position()).toBe(received[0]?.position);
      });

      it('delivers concurrent appends from many writers exactly once, in order', async () => {
        const received: RecordedEvent[] = [];
        const subscription = subscribe({ batchSize: 7, onEvent: (event) => void received.push(event) });
        await subscription.caughtUp;
        const streams = Array.from({ length: 8 }, () => freshStream());
        await Promise.all(
          streams.map(async (stream) => {
            for (let i = 0; i < 5; i++) await store.append(stream, testEvents(2), 'any');
          }),
        );
        await eventually(() => received.length >= 80);
        await new Promise((resolve) => setTimeout(resolve, 20));
        expect(received).toEqual(await store.readAll());
      });
    });

    describe('restart', () => {
      it('keeps every event, revision and position across a reopen, and resumes from a checkpoint', async ({ skip }) => {
        if (subject.reopen === undefined) skip();
        const reopen = subject.reopen as () => Promise<EventStore>;
        const stream = freshStream();
        await store.append(stream, testEvents(4), 'no_stream');
        await store.append(freshStream(), testEvents(2), 'no_stream');
        const before = await store.readAll();
        await store.close();
        store = await reopen();
        expect(await store.readAll()).toEqual(before);
        expect(await store.streamRevision(stream)).toBe(3n);
        const more = testEvents(2);
        const result = await store.append(stream, more, 3n);
        expect(result.position > (before[before.length - 1] as RecordedEvent).position).toBe(true);
        const received: RecordedEvent[] = [];
        const subscription = subscribe({
          after: (before[before.length - 1] as RecordedEvent).position,
          onEvent: (event) => void received.push(event),
        });
        await subscription.caughtUp;
        expect(ids(received)).toEqual(ids(more));
      });
    });

    describe('closing', () => {
      it('rejects every call after close with store_closed, and closing twice is fine', async () => {
        const stream = freshStream();
        await store.append(stream, testEvents(1), 'no_stream');
        await store.close();
        await store.close();
        expectCode(await rejectionOf(store.append(stream, testEvents(1), 'any')), 'store_closed');
        expectCode(await rejectionOf(store.readStream(stream)), 'store_closed');
        expectCode(await rejectionOf(store.streamRevision(stream)), 'store_closed');
        expectCode(await rejectionOf(store.readAll()), 'store_closed');
        let thrown: unknown;
        try {
          store.subscribe({ onEvent: () => undefined });
        } catch (error) {
          thrown = error;
        }
        expectCode(thrown, 'store_closed');
      });

      it('stops running subscriptions', async () => {
        const received: RecordedEvent[] = [];
        const errors: unknown[] = [];
        const subscription = subscribe({ onEvent: (event) => void received.push(event), onError: (error) => errors.push(error) });
        await subscription.caughtUp;
        await store.append(freshStream(), testEvents(1), 'no_stream');
        await eventually(() => received.length === 1);
        await store.close();
        await subscription.stop();
        expect(errors).toEqual([]);
      });
    });

    describeMultiAppendContract({ store: () => store, subscribe });

    describeEventStoreProperties(factory, options.propertyRuns ?? 40);
    describeMultiAppendProperties(factory, options.propertyRuns ?? 40);
  });
};
