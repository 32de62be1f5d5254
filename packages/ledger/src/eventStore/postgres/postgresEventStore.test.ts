/** PostgreSQL-specific behaviour beyond the shared contract (see `postgresEventStore.contract.test.ts`). */
import { describe, expect, it } from 'vitest';
import { describePostgres, eventually, rejectionOf, testEvent, testEvents, testMetadata } from '../../testing/index.js';
import type { RecordedEvent } from '../envelope.js';
import { createPostgresEventStore } from './postgresEventStore.js';
import { textArrayLiteral } from './postgresText.js';
import { usePostgresTestKit, waitFor } from '../../../test-kit/eventStore/postgresTestKit.js';

describe('textArrayLiteral', () => {
  it('quotes every element and escapes quotes and backslashes', () => {
    expect(textArrayLiteral([])).toBe('{}');
    expect(textArrayLiteral(['a', 'b"c', 'd\\e', '', 'NULL', '{x,y}'])).toBe('{"a","b\\"c","d\\\\e","","NULL","{x,y}"}');
  });
});

describePostgres('PostgreSQL event store', () => {
  const kit = usePostgresTestKit();

  describe('storage', () => {
    it('keeps data and metadata as the exact JSON text written: key order, escapes, U+0000, lone surrogates', async () => {
      const schema = await kit.schema();
      const store = await kit.store(schema);
      const raw = await kit.client(schema);
      const data = {
        zeta: '1.00',
        alpha: { b: 2, a: 1 },
        nul: 'a\u0000b',
        lone: 'x\ud800y',
        quote: '"{}\\,',
        array: ['NULL', null, '', '{1,2}'],
        big: 1e21,
        small: 1e-7,
      };
      const event = testEvent({ data, metadata: testMetadata({ actor: 'naïve \u0000 ✓', commandId: 'c-1' }) });
      await store.append('account-1', [event], 'no_stream');
      const [read] = await store.readStream('account-1');
      expect(JSON.stringify(read?.data)).toBe(JSON.stringify(data));
      expect(JSON.stringify(read?.metadata)).toBe(JSON.stringify(event.metadata));
      const { rows } = await raw.query<{ data: string }>('SELECT data::text AS data FROM ecoledger_events');
      expect(rows[0]?.data).toBe(JSON.stringify(data));
    });

    it('rejects stream names and event types PostgreSQL text cannot hold, writing nothing', async () => {
      const store = await kit.store();
      for (const stream of ['account-\u0000', 'account-\ud800', 'account-\udc00x']) {
        expect(await rejectionOf(store.append(stream, testEvents(1), 'any'))).toMatchObject({ code: 'invalid_argument', path: '$.stream' });
        expect(await rejectionOf(store.readStream(stream))).toMatchObject({ code: 'invalid_argument', path: '$.stream' });
        expect(await rejectionOf(store.streamRevision(stream))).toMatchObject({ code: 'invalid_argument', path: '$.stream' });
      }
      const batch = [testEvent(), testEvent({ type: 'Funds\u0000Deposited' })];
      expect(await rejectionOf(store.append('account-1', batch, 'any'))).toMatchObject({ code: 'invalid_argument', path: '$.events[1].type' });
      expect(await store.readAll()).toEqual([]);
      // A surrogate pair is fine.
      await store.append('account-😀', [testEvent({ type: 'Smiled😀' })], 'no_stream');
      expect((await store.readStream('account-😀'))[0]).toMatchObject({ streamName: 'account-😀', type: 'Smiled😀' });
    });

    it('records the schema version, the transaction of every event, and consecutive positions per batch', async () => {
      const schema = await kit.schema();
      const store = await kit.store(schema);
      await store.append('account-1', testEvents(3), 'no_stream');
      await store.append('account-2', testEvents(2), 'no_stream');
      const raw = await kit.client(schema);
      const migrations = await raw.query<{ version: number; applied_at: Date }>('SELECT version, applied_at FROM ecoledger_migrations');
      expect(migrations.rows).toEqual([{ version: 1, applied_at: expect.any(Date) }]);
      const rows = await raw.query<{ position: string; transaction_id: string }>(
        'SELECT position, transaction_id::text FROM ecoledger_events ORDER BY position',
      );
      expect(rows.rows.map((row) => row.position)).toEqual(['1', '2', '3', '4', '5']);
      const transactions = rows.rows.map((row) => BigInt(row.transaction_id));
      expect(new Set(transactions.slice(0, 3)).size).toBe(1);
      expect((transactions[3] as bigint) > (transactions[0] as bigint)).toBe(true);
      expect((await raw.query('SELECT stream, revision FROM ecoledger_streams ORDER BY stream')).rows).toEqual([
        { stream: 'account-1', revision: '2' },
        { stream: 'account-2', revision: '1' },
      ]);
    });

    it('a rejected append consumes no position', async () => {
      const store = await kit.store();
      await store.append('account-1', testEvents(1), 'no_stream');
      await rejectionOf(store.append('account-1', testEvents(5), 'no_stream'));
      await store.append('account-1', testEvents(1), 0n);
      expect((await store.readAll()).map((event) => event.position)).toEqual([1n, 2n]);
    });
  });

  describe('sharing a database', () => {
    it('stores over one database see each other, and closing them leaves the database open', async () => {
      const schema = await kit.schema();
      const database = await kit.database(schema);
      const first = await createPostgresEventStore({ database });
      const second = await createPostgresEventStore({ database });
      await first.append('account-1', testEvents(2), 'no_stream');
      expect(await second.streamRevision('account-1')).toBe(1n);
      expect(second.database).toBe(database);
      await first.close();
      await second.close();
      expect(await database.query('SELECT count(*)::int AS n FROM ecoledger_events')).toEqual([{ n: 2 }]);
    });
  });

  describe('notifications', () => {
    it("wakes a subscription at once on another store's append, with polling practically off", async () => {
      const schema = await kit.schema();
      const reader = await kit.store(schema, { pollIntervalMs: 600_000 });
      const writer = await kit.store(schema);
      const received: RecordedEvent[] = [];
      const subscription = reader.subscribe({ onEvent: (event) => void received.push(event) });
      await subscription.caughtUp;
      for (let round = 1; round <= 3; round++) {
        await writer.append('account-1', testEvents(2), 'any');
        await eventually(() => received.length === 2 * round, 30_000);
      }
    });

    it('keeps delivering after its LISTEN connection is killed', async () => {
      const schema = await kit.schema();
      const reader = await kit.store(schema, { pollIntervalMs: 600_000 });
      const writer = await kit.store(schema);
      const admin = await kit.client(schema);
      const received: RecordedEvent[] = [];
      const subscription = reader.subscribe({ onEvent: (event) => void received.push(event) });
      await subscription.caughtUp;
      const listenerPid = async (): Promise<number | undefined> => {
        const { rows } = await admin.query<{ pid: number }>(
          "SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND query LIKE 'LISTEN%'",
          [`ecoledger_listen_${schema.schema}`],
        );
        return rows[0]?.pid;
      };
      const killed = await waitFor(listenerPid);
      await admin.query('SELECT pg_terminate_backend($1)', [killed]);
      await waitFor(async () => {
        const pid = await listenerPid();
        return pid !== undefined && pid !== killed ? pid : undefined;
      });
      await writer.append('account-1', testEvents(3), 'no_stream');
      await eventually(() => received.length === 3, 30_000);
    });

    it('falls back to polling without notifications', async () => {
      const schema = await kit.schema();
      const reader = await kit.store(schema, { pollIntervalMs: 20 });
      const database = await kit.database(schema);
      const received: RecordedEvent[] = [];
      const subscription = reader.subscribe({ onEvent: (event) => void received.push(event) });
      await subscription.caughtUp;
      // Rows written behind the store's back: no notification is sent.
      const event = testEvent();
      await database.query(
        `INSERT INTO ecoledger_events (position, stream, revision, event_id, type, version, data, metadata)
         VALUES (nextval('ecoledger_positions'), 'account-1', 0, $1, $2, 1, $3, $4)`,
        [event.id, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata)],
      );
      await eventually(() => received.length === 1, 30_000);
      expect(received[0]).toMatchObject({ ...event, streamName: 'account-1', revision: 0n });
    });
  });
});
