import { describe, expect, it } from 'vitest';
import { describeEventStoreContract, eventually, rejectionOf, testEvent, testEvents, testMetadata } from '../testing/index.js';
import type { RecordedEvent } from './envelope.js';
import { createInMemoryEventStore, createInMemoryStorage } from './inMemoryEventStore.js';

describeEventStoreContract('in-memory', async () => {
  const storage = createInMemoryStorage();
  return { store: createInMemoryEventStore({ storage }), reopen: async () => createInMemoryEventStore({ storage }) };
});

// Gapped positions: the contract must hold without contiguous positions, as with SQL sequences.
describeEventStoreContract('in-memory, positions stepping by 10', async () => ({
  store: createInMemoryEventStore({ positionStep: 10n }),
}));

describe('createInMemoryEventStore', () => {
  it('names the offending argument by path', async () => {
    const store = createInMemoryEventStore();
    const batch: unknown[] = [testEvent(), testEvent(), { ...testEvent(), metadata: testMetadata({ channel: 'fax' as 'app' }) }];
    expect(await rejectionOf(store.append('account-1', batch as never, 'any'))).toMatchObject({
      code: 'invalid_argument',
      path: '$.events[2].metadata.channel',
      reason: 'expected "app" | "web" | "branch" | "partner-api" | "batch" | "system", got "fax"',
    });
    expect(await rejectionOf(store.append('account-1', [testEvent({ data: { amount: 1n } as never })], 'any'))).toMatchObject({
      path: '$.events[0].data.amount',
      reason: 'expected JSON value, got a bigint',
    });
    expect(await rejectionOf(store.append('account-1', testEvents(1), 0 as never))).toMatchObject({
      path: '$.expectedRevision',
      reason: 'expected "no_stream" | "stream_exists" | "any" | bigint >= 0n, got 0',
    });
    const event = testEvent();
    expect(await rejectionOf(store.append('account-1', [event, event], 'any'))).toMatchObject({ path: '$.events[1].id' });
    expect(await rejectionOf(store.readStream('account-1', { maxCount: -1 }))).toMatchObject({ path: '$.options.maxCount' });
  });

  it('rejects an event id stored in another stream with duplicate_event_id, writing nothing', async () => {
    const store = createInMemoryEventStore();
    const event = testEvent();
    await store.append('account-1', [event], 'no_stream');
    const error = await rejectionOf(store.append('account-2', [testEvent(), event], 'any'));
    expect(error).toMatchObject({ code: 'duplicate_event_id', stream: 'account-2', eventId: event.id });
    expect(await store.readAll()).toHaveLength(1);
    // Not the idempotent tail of its own stream either: earlier events are not replays.
    await store.append('account-1', testEvents(1), 0n);
    expect(await rejectionOf(store.append('account-1', [event], 'any'))).toMatchObject({ code: 'duplicate_event_id' });
  });

  it('steps positions as configured and validates the step', async () => {
    const store = createInMemoryEventStore({ positionStep: 100n });
    await store.append('account-1', testEvents(3), 'no_stream');
    expect((await store.readAll()).map((event) => event.position)).toEqual([100n, 200n, 300n]);
    expect((await store.readAll({ after: 150n })).map((event) => event.position)).toEqual([200n, 300n]);
    expect(() => createInMemoryEventStore({ positionStep: 0n })).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    expect(() => createInMemoryEventStore({ positionStep: 2n, storage: createInMemoryStorage() })).toThrow(
      expect.objectContaining({ code: 'invalid_argument' }),
    );
  });

  it('shares storage between stores: a subscription on one sees appends through another', async () => {
    const storage = createInMemoryStorage();
    const reader = createInMemoryEventStore({ storage });
    const writer = createInMemoryEventStore({ storage });
    const received: RecordedEvent[] = [];
    const subscription = reader.subscribe({ onEvent: (event) => void received.push(event) });
    await subscription.caughtUp;
    await writer.append('account-1', testEvents(3), 'no_stream');
    await eventually(() => received.length === 3);
    await writer.close();
    expect(await reader.streamRevision('account-1')).toBe(2n);
    await reader.close();
  });

  it('hands out frozen records', async () => {
    const store = createInMemoryEventStore();
    await store.append('account-1', [testEvent({ data: { lines: [{ amount: '1.00' }] } })], 'no_stream');
    const [event] = await store.readStream('account-1');
    expect(Object.isFrozen(event)).toBe(true);
    expect(Object.isFrozen(event?.metadata)).toBe(true);
    expect(Object.isFrozen((event?.data as { lines: object[] }).lines[0])).toBe(true);
  });

  it('lets a handler await stop() on its own subscription without deadlock', async () => {
    const store = createInMemoryEventStore();
    await store.append('account-1', testEvents(5), 'no_stream');
    const received: RecordedEvent[] = [];
    let stopped = false;
    const subscription = store.subscribe({
      onEvent: async (event) => {
        received.push(event);
        if (received.length === 2) {
          await subscription.stop();
          stopped = true;
        }
      },
    });
    await eventually(() => stopped);
    expect(received).toHaveLength(2);
  });

  // Whether an append costs the same however long the log is: `npm run bench` (eventStore.append,
  // "into a log growing to ..."), not a timed test.
  it('appends 8,000-event batches to a growing log with gap-free positions', async () => {
    const store = createInMemoryEventStore();
    const batches = Array.from({ length: 12 }, () => testEvents(8_000));
    for (const [index, batch] of batches.entries()) await store.append(`account-${index % 3}`, batch, 'any');
    expect((await store.readAll({ after: 95_000n })).map((event) => event.position)[0]).toBe(95_001n);
    expect((await store.readAll({ after: 95_999n })).map((event) => event.position)).toEqual([96_000n]);
  });
});
