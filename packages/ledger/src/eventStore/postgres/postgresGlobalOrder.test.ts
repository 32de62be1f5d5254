/**
 * The global-order guarantee: a reader never gets past a position whose transaction has not
 * committed yet, even when a later position commits first.
 */
import { describe, expect, it } from 'vitest';
import { describePostgres, eventually, testEvents } from '../../testing/index.js';
import type { RecordedEvent } from '../envelope.js';
import type { AppendResult, Subscription } from '../eventStore.js';
import { createPostgresEventStore, type PostgresDatabase } from './postgresEventStore.js';
import { usePostgresTestKit } from '../../../test-kit/eventStore/postgresTestKit.js';

describePostgres('PostgreSQL event store: global order', () => {
  const kit = usePostgresTestKit();

  /** A database whose next transaction waits at `gate` just before COMMIT, after announcing `atGate`. */
  const holdingNextCommit = (database: PostgresDatabase) => {
    let hold = false;
    let arrived!: () => void;
    let release!: () => void;
    const atGate = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const held: PostgresDatabase = {
      ...database,
      transaction: (work) =>
        database.transaction(async (tx) => {
          const result = await work(tx);
          if (hold) {
            hold = false;
            arrived();
            await gate;
          }
          return result;
        }),
    };
    return { database: held, arm: () => void (hold = true), atGate, release };
  };

  describe('an append holding lower positions commits after one holding higher positions', () => {
    it('readAll and subscribers do not see the higher positions until the lower ones commit', async () => {
      const schema = await kit.schema();
      const held = holdingNextCommit(await kit.database(schema));
      const slow = await createPostgresEventStore({ database: held.database });
      const writer = await kit.store(schema);
      const reader = await kit.store(schema, { visibilityWaitMs: 0 });
      const waitingReader = await kit.store(schema);
      const raw = await kit.client(schema);

      const received: RecordedEvent[] = [];
      const subscription = reader.subscribe({ onEvent: (event) => void received.push(event) });
      await subscription.caughtUp;
      held.arm();
      const slowEvents = testEvents(3);
      const slowAppend = slow.append('account-slow', slowEvents, 'no_stream');
      let late: Subscription | undefined;
      let lateCaughtUp = false;
      let fast: AppendResult;
      let waiting: Promise<RecordedEvent[]>;
      try {
        await held.atGate; // positions reserved and rows inserted; COMMIT not sent
        fast = await writer.append('account-fast', testEvents(2), 'no_stream');

        // The later append is committed: its stream reads it, and its rows are in the table.
        expect(await reader.readStream('account-fast')).toHaveLength(2);
        const committed = await raw.query<{ position: string }>('SELECT position FROM ecoledger_events ORDER BY position');
        expect(committed.rows.map((row) => BigInt(row.position))).toEqual([fast.position - 1n, fast.position]);

        // ...but the global log stops before the open transaction's positions.
        expect(await reader.readAll()).toEqual([]);
        // A subscription started now has not delivered everything committed: it must not claim to be caught up.
        late = reader.subscribe({ onEvent: () => undefined });
        void late.caughtUp.then(() => {
          lateCaughtUp = true;
        });
        await new Promise((resolve) => setTimeout(resolve, 300)); // several held-back polls
        expect(received).toEqual([]);
        expect(lateCaughtUp).toBe(false);
        waiting = waitingReader.readAll(); // waits for the held-back events instead of skipping them
      } finally {
        held.release(); // also on failure, so that cleanup does not wait on the open transaction
      }
      const slowResult = await slowAppend;
      expect(slowResult.position < fast.position - 1n).toBe(true); // the scenario really happened

      await eventually(() => received.length === 5);
      expect(received.map((event) => event.streamName)).toEqual([
        'account-slow',
        'account-slow',
        'account-slow',
        'account-fast',
        'account-fast',
      ]);
      expect(received.map((event) => event.id).slice(0, 3)).toEqual(slowEvents.map((event) => event.id));
      expect(await waiting).toEqual(received);
      expect(await reader.readAll()).toEqual(received);
      await late?.caughtUp;
      expect(late?.position()).toBe(fast.position);
      await late?.stop();
      await subscription.stop();
      await slow.close();
    });
  });

  it('appends to many streams from several stores interleave into one gap-free order every subscriber agrees on', async () => {
    const schema = await kit.schema();
    const writers = await Promise.all([kit.store(schema), kit.store(schema), kit.store(schema)]);
    const reader = await kit.store(schema);
    const received: RecordedEvent[] = [];
    const subscription = reader.subscribe({ batchSize: 13, onEvent: (event) => void received.push(event) });
    await subscription.caughtUp;
    await Promise.all(
      writers.flatMap((writer, w) =>
        Array.from({ length: 4 }, async (_, s) => {
          for (let i = 0; i < 5; i++) await writer.append(`account-${w}-${s}`, testEvents(1 + (i % 3)), 'any');
        }),
      ),
    );
    const total = 3 * 4 * (1 + 2 + 3 + 1 + 2);
    await eventually(() => received.length >= total, 60_000);
    expect(received).toEqual(await reader.readAll());
    expect(received).toHaveLength(total);
    await subscription.stop();
  });
});
