import { randomUUID } from 'node:crypto';
import {
  ANY,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  jsonEvent,
  type AllStreamResolvedEvent,
} from '@eventstore/db-client';
import { v5 as uuidv5 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  describeEventStoreContract,
  eventually,
  rejectionOf,
  startEventStoreDbDouble,
  testEvent,
  testEvents,
  testMetadata,
  type EventStoreDbDouble,
} from '../../testing/index.js';
import type { EventStore } from '../eventStore.js';
import { createEventStoreDbEventStore } from './index.js';
import { checkpointToReadPosition, eventStoreDbNoPosition, fromEventStoreDbPosition, toEventStoreDbPosition } from './eventStoreDbPosition.js';
import { toActualRevision, toClientExpectedRevision } from './eventStoreDbRevision.js';

describeEventStoreContract('eventstoredb (double)', async () => {
  const double = await startEventStoreDbDouble();
  const open = (): EventStore => createEventStoreDbEventStore({ connectionString: double.connectionString });
  return { store: open(), reopen: async () => open(), teardown: () => double.stop() };
});

// As the real-server run below: a random prefix per store, here next to other stores' events.
describeEventStoreContract(
  'eventstoredb (double, stream prefix)',
  async () => {
    const double = await startEventStoreDbDouble();
    const { connectionString } = double;
    const neighbours = [createEventStoreDbEventStore({ connectionString, streamPrefix: 'other_' }), createEventStoreDbEventStore({ connectionString })];
    for (const neighbour of neighbours) {
      await neighbour.append('account-a', testEvents(2), 'no_stream');
      await neighbour.close();
    }
    const streamPrefix = `test${randomUUID().replaceAll('-', '')}_`;
    const open = (): EventStore => createEventStoreDbEventStore({ connectionString, streamPrefix });
    return { store: open(), reopen: async () => open(), teardown: () => double.stop() };
  },
  { propertyRuns: 10 },
);

const realServerUrl = process.env['ECOLEDGER_ESDB_URL'];
if (realServerUrl !== undefined && realServerUrl !== '') {
  // A real server cannot be wiped: every store gets streams of its own under a random prefix.
  describeEventStoreContract(
    'eventstoredb (real server)',
    async () => {
      const streamPrefix = `test${randomUUID().replaceAll('-', '')}_`;
      const open = (): EventStore => createEventStoreDbEventStore({ connectionString: realServerUrl, streamPrefix });
      return { store: open(), reopen: async () => open() };
    },
    { propertyRuns: 10 },
  );
}

describe('EventStoreDB revision and position mapping', () => {
  it('maps expected revisions to the client constants', () => {
    expect(toClientExpectedRevision('no_stream')).toBe(NO_STREAM);
    expect(toClientExpectedRevision('stream_exists')).toBe(STREAM_EXISTS);
    expect(toClientExpectedRevision('any')).toBe(ANY);
    expect(toClientExpectedRevision(0n)).toBe(0n);
    expect(toClientExpectedRevision(41n)).toBe(41n);
  });

  it("reads every way the client reports a missing stream as 'no_stream'", () => {
    expect(toActualRevision('no_stream')).toBe('no_stream');
    expect(toActualRevision(-1n)).toBe('no_stream');
    expect(toActualRevision(eventStoreDbNoPosition)).toBe('no_stream');
    expect(toActualRevision(0n)).toBe(0n);
    expect(toActualRevision(7n)).toBe(7n);
  });

  it('round-trips checkpoints through client positions', () => {
    for (const checkpoint of [1n, 858n, 2n ** 62n]) {
      const position = toEventStoreDbPosition(checkpoint);
      expect(position).toEqual({ commit: checkpoint, prepare: checkpoint });
      expect(fromEventStoreDbPosition(position)).toBe(checkpoint);
      expect(checkpointToReadPosition(checkpoint)).toEqual(position);
    }
    expect(checkpointToReadPosition('start')).toBe(START);
    expect(checkpointToReadPosition(0n)).toBe(START);
    expect(() => fromEventStoreDbPosition({ commit: 10n, prepare: 9n })).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    expect(() => fromEventStoreDbPosition({ commit: eventStoreDbNoPosition, prepare: eventStoreDbNoPosition })).toThrow(
      expect.objectContaining({ code: 'invalid_argument' }),
    );
    expect(() => toEventStoreDbPosition(-1n)).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
  });
});

describe('createEventStoreDbEventStore against the double', () => {
  let double: EventStoreDbDouble;
  let store: EventStore;
  let client: EventStoreDBClient;

  beforeEach(async () => {
    double = await startEventStoreDbDouble();
    store = createEventStoreDbEventStore({ connectionString: double.connectionString });
    client = EventStoreDBClient.connectionString(double.connectionString);
  });

  afterEach(async () => {
    await store.close();
    await client.dispose();
    await double.stop();
  });

  it("reports a conflict on a missing stream with actual 'no_stream'", async () => {
    for (const expected of ['stream_exists', 0n, 5n] as const) {
      expect(await rejectionOf(store.append('account-1', testEvents(1), expected))).toMatchObject({
        code: 'wrong_expected_version',
        stream: 'account-1',
        expected,
        actual: 'no_stream',
      });
    }
    expect(await store.streamRevision('account-1')).toBe('no_stream');
  });

  it('deduplicates a retried append of deterministic (uuid v5) ids, also from another client', async () => {
    const namespace = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';
    const commandId = randomUUID();
    const batch = [0, 1, 2].map((index) => testEvent({ id: uuidv5(`${commandId}/${index}`, namespace), data: { index } }));
    const first = await store.append('account-1', batch, 'no_stream');
    expect(await store.append('account-1', batch, 'no_stream')).toEqual(first);
    const restarted = createEventStoreDbEventStore({ connectionString: double.connectionString });
    try {
      expect(await restarted.append('account-1', batch.map((event) => ({ ...event })), 'no_stream')).toEqual(first);
      expect(await restarted.append('account-1', batch, 'any')).toEqual(first);
    } finally {
      await restarted.close();
    }
    expect((await store.readStream('account-1')).map((event) => event.id)).toEqual(batch.map((event) => event.id));
    expect(await store.readAll()).toHaveLength(3);
  });

  it('the server replays by ids alone; the adapter reads the batch back and reports other content as a conflict', async () => {
    const batch = testEvents(2);
    const first = await store.append('account-1', batch, 'no_stream');
    const changed = batch.map((event) => ({ ...event, data: { amount: '999.00' } }));
    // The raw client (as the server) answers a different-content re-append with success ...
    const raw = await client.appendToStream('account-1', changed.map((event) => jsonEvent({ id: event.id, type: event.type, data: event.data })), {
      expectedRevision: NO_STREAM,
    });
    expect(raw.success).toBe(true);
    expect(raw.nextExpectedRevision).toBe(first.nextExpectedRevision);
    // ... which the adapter does not pass on as success.
    expect(await rejectionOf(store.append('account-1', changed, 'no_stream'))).toMatchObject({ code: 'wrong_expected_version', actual: 1n });
    expect((await store.readStream('account-1')).map((event) => event.data)).toEqual(batch.map((event) => event.data));
  });

  it('writes an id already used in another stream again, as EventStoreDB does', async () => {
    const event = testEvent();
    await store.append('account-1', [event], 'no_stream');
    await store.append('account-2', [event], 'no_stream');
    expect((await store.readAll()).map((recorded) => recorded.streamName)).toEqual(['account-1', 'account-2']);
  });

  it('resumes a client subscription from a stored checkpoint, exclusively', async () => {
    await store.append('account-1', testEvents(5), 'no_stream');
    const all = await store.readAll();
    const checkpoint = all[1]?.position as bigint;
    const subscription = client.subscribeToAll({ fromPosition: checkpointToReadPosition(checkpoint) });
    const received: bigint[] = [];
    subscription.on('data', (resolved: AllStreamResolvedEvent) => {
      const position = resolved.event?.position;
      if (position !== undefined && !resolved.event?.streamId.startsWith('$')) received.push(fromEventStoreDbPosition(position));
    });
    await eventually(() => received.length === 3);
    await subscription.unsubscribe();
    expect(received).toEqual(all.slice(2).map((event) => event.position));
  });

  it('wakes any number of catch-up subscriptions through one live $all subscription per store', async () => {
    const received: string[] = [];
    const subscriptions = [0, 1].map(() => store.subscribe({ onEvent: (event) => void received.push(event.id) }));
    await Promise.all(subscriptions.map((subscription) => subscription.caughtUp));
    for (let i = 0; i < 3; i++) await store.append(`account-${i}`, testEvents(2), 'no_stream');
    await eventually(() => received.length === 12);
    expect(double.log.listenerCount()).toBe(1);
    await Promise.all(subscriptions.map((subscription) => subscription.stop()));
  });

  it('reads $all after any bigint, also one that is not an event position', async () => {
    await store.append('account-1', testEvents(4), 'no_stream');
    const all = await store.readAll();
    const third = all[2]?.position as bigint;
    expect((await store.readAll({ after: third - 1n })).map((event) => event.position)).toEqual(all.slice(2).map((event) => event.position));
    expect(await store.readAll({ after: (all[3]?.position as bigint) + 1n })).toEqual([]);
  });

  it('hides system events and refuses system stream names and event types', async () => {
    await client.appendToStream('$system-stream', jsonEvent({ type: 'Noted', data: { ok: true } }));
    await client.appendToStream('plain', jsonEvent({ type: '$SystemType', data: { ok: true } }));
    await store.append('account-1', testEvents(1), 'no_stream');
    expect((await store.readAll()).map((event) => event.streamName)).toEqual(['account-1']);
    expect(await rejectionOf(store.append('$stream', testEvents(1), 'any'))).toMatchObject({ code: 'invalid_argument', path: '$.stream' });
    expect(await rejectionOf(store.append('account-1', [testEvent(), testEvent({ type: '$x' })], 'any'))).toMatchObject({
      code: 'invalid_argument',
      path: '$.events[1].type',
    });
  });

  it('keeps the schema version and strips its reserved metadata field on read', async () => {
    const event = testEvent({ version: 4, metadata: testMetadata({ commandId: 'command-1' }) });
    await store.append('account-1', [event], 'no_stream');
    const stored = (await client.readStream('account-1', { direction: FORWARDS, fromRevision: START }).toArray())[0] as { event?: { metadata?: unknown; type?: string; id?: string } } | undefined;
    expect(stored?.event?.metadata).toMatchObject({ $schemaVersion: 4, commandId: 'command-1' });
    expect(stored?.event?.type).toBe(event.type);
    expect(stored?.event?.id).toBe(event.id);
    const [read] = await store.readStream('account-1');
    expect(read).toMatchObject({ version: 4, metadata: event.metadata });
    expect(Object.keys(read?.metadata ?? {})).not.toContain('$schemaVersion');
  });

  it('fails a read of a corrupt stored event with a decode error naming stream and revision', async () => {
    await store.append('account-1', testEvents(2), 'no_stream');
    await client.appendToStream('account-1', jsonEvent({ type: 'FundsDeposited', data: { amount: '1.00' }, metadata: { tenant: 'a' } }));
    const error = await rejectionOf(store.readStream('account-1'));
    expect(error).toMatchObject({ code: 'event_decode_failed', stream: 'account-1', revision: 2n });
    expect(await rejectionOf(store.readAll())).toMatchObject({ code: 'event_decode_failed', stream: 'account-1', revision: 2n });
  });

  it('refuses a batch over the server maximum append size with invalid_argument, writing nothing', async () => {
    const small = await startEventStoreDbDouble({ maxAppendSize: 4_096 });
    const limited = createEventStoreDbEventStore({ connectionString: small.connectionString });
    try {
      expect(await rejectionOf(limited.append('account-1', testEvents(50), 'no_stream'))).toMatchObject({
        code: 'invalid_argument',
        path: '$.events',
      });
      expect(await limited.streamRevision('account-1')).toBe('no_stream');
    } finally {
      await limited.close();
      await small.stop();
    }
  });

  it('leaves a client it was given open on close', async () => {
    const onClient = createEventStoreDbEventStore({ client });
    await onClient.append('account-1', testEvents(1), 'no_stream');
    await onClient.close();
    expect(await rejectionOf(onClient.readAll())).toMatchObject({ code: 'store_closed' });
    const events = [];
    for await (const resolved of client.readStream('account-1')) events.push(resolved);
    expect(events).toHaveLength(1);
  });

  it('meets, in the double, the server behaviours the adapter works around', async () => {
    await store.append('account-1', testEvents(10), 'no_stream');
    const drain = async (read: AsyncIterable<{ event?: { revision: bigint } }>): Promise<bigint[]> => {
      const revisions: bigint[] = [];
      for await (const resolved of read) if (resolved.event !== undefined) revisions.push(resolved.event.revision);
      return revisions;
    };
    // Backward reads page by 32 and stop at an empty page, so a start beyond the end may read nothing.
    expect(await drain(client.readStream('account-1', { direction: 'backwards', fromRevision: 50n, maxCount: 1 }))).toEqual([]);
    expect(await drain(client.readStream('account-1', { direction: 'backwards', fromRevision: 12n, maxCount: 100 }))).toHaveLength(10);
    expect(await store.readStream('account-1', { direction: 'backwards', fromRevision: 50n, maxCount: 1 })).toMatchObject([{ revision: 9n }]);
    // $all reads can only start at a record boundary.
    const position = (await store.readAll())[3]?.position as bigint;
    const error = await rejectionOf(drain(client.readAll({ fromPosition: { commit: position - 1n, prepare: position - 1n } })));
    expect(error).toMatchObject({ type: 'unknown' });
    // A conflict on a missing stream.
    const conflict = await rejectionOf(client.appendToStream('missing', jsonEvent({ type: 'T', data: {} }), { expectedRevision: STREAM_EXISTS }));
    expect(conflict).toMatchObject({ type: 'wrong-expected-version', actualVersion: 'no_stream' });
  });

  it('rejects a malformed stream prefix', () => {
    for (const streamPrefix of ['', '$system', 5]) {
      expect(() => createEventStoreDbEventStore({ client, streamPrefix: streamPrefix as string })).toThrow(
        expect.objectContaining({ code: 'invalid_argument', path: '$.options.streamPrefix' }),
      );
    }
  });
});
