/** Failures the PostgreSQL store must survive: a killed connection mid-batch, corrupt rows, racing starts. */
import { v4 as uuidv4 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { describePostgres, eventually, rejectionOf, testEvent, testEvents } from '../../testing/index.js';
import type { RecordedEvent } from '../envelope.js';
import { EventDecodeError } from '../errors.js';
import { createPostgresEventStore } from './postgresEventStore.js';
import { usePostgresTestKit, waitFor } from '../../../test-kit/eventStore/postgresTestKit.js';

describePostgres('PostgreSQL event store: failures', () => {
  const kit = usePostgresTestKit();

  describe('a connection killed in the middle of a batch', () => {
    it('writes none of the batch, rejects the append, and the store keeps working', async () => {
      const schema = await kit.schema();
      const store = await kit.store(schema, { max: 2 });
      const blocker = await kit.client(schema);
      const killer = await kit.client(schema);
      const stream = 'account-big';
      const batch = testEvents(20_000);

      // An uncommitted row at the batch's last revision: the INSERT writes rows 0..19,998, then waits on it.
      await blocker.query('BEGIN');
      await blocker.query(
        `INSERT INTO ecoledger_events (position, stream, revision, event_id, type, version, data, metadata)
         VALUES (9000000000000000000, $1, 19999, $2, 'Blocker', 1, '{}', '{}')`,
        [stream, uuidv4()],
      );
      const blockerPid = (await blocker.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid;
      const appending = rejectionOf(store.append(stream, batch, 'no_stream'));
      const victim = await waitFor(async () => {
        const { rows } = await killer.query<{ pid: number; query: string }>(
          'SELECT pid, query FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))',
          [blockerPid],
        );
        return rows[0];
      });
      expect(victim.query).toContain('INSERT INTO');
      await killer.query('SELECT pg_terminate_backend($1)', [victim.pid]);

      const error = await appending;
      expect(error).toBeInstanceOf(Error);
      await blocker.query('ROLLBACK');
      const { rows } = await killer.query<{ count: string }>('SELECT count(*) FROM ecoledger_events');
      expect(rows[0]?.count).toBe('0');
      expect(await store.streamRevision(stream)).toBe('no_stream');
      expect(await store.readStream(stream)).toEqual([]);
      expect(await store.readAll()).toEqual([]);

      const next = await store.append(stream, testEvents(3), 'no_stream');
      expect(next.nextExpectedRevision).toBe(2n);
      const all = await store.readAll();
      expect(all.map((event) => event.revision)).toEqual([0n, 1n, 2n]);
      expect(next.position).toBe(all[2]?.position);
    });
  });

  describe('corrupt rows', () => {
    const corrupted = async (assignment: string) => {
      const schema = await kit.schema();
      const store = await kit.store(schema);
      await store.append('account-1', testEvents(3), 'no_stream');
      const raw = await kit.client(schema);
      await raw.query(`UPDATE ecoledger_events SET ${assignment} WHERE stream = 'account-1' AND revision = 1`);
      return store;
    };

    it('metadata failing its schema: EventDecodeError naming stream and revision, on every read path', async () => {
      const store = await corrupted(`metadata = '{"channel": "fax"}'`);
      const reads = [
        () => store.readStream('account-1'),
        () => store.readAll(),
        () => store.readStream('account-1', { direction: 'backwards' }),
      ];
      for (const read of reads) {
        const error = await rejectionOf(read());
        expect(error).toBeInstanceOf(EventDecodeError);
        expect(error).toMatchObject({ code: 'event_decode_failed', stream: 'account-1', revision: 1n, eventType: 'FundsDeposited', version: 1 });
        expect((error as Error).message).toContain('revision 1');
      }
      expect(await store.readStream('account-1', { maxCount: 1 })).toHaveLength(1);
    });

    it('an impossible version, or data that is not JSON the codec accepts', async () => {
      const badVersion = await corrupted('version = 0');
      expect(await rejectionOf(badVersion.readAll())).toMatchObject({ code: 'event_decode_failed', revision: 1n, path: '$.version' });
      const badType = await corrupted(`type = ''`);
      expect(await rejectionOf(badType.readStream('account-1'))).toMatchObject({ code: 'event_decode_failed', revision: 1n, path: '$.type' });
    });

    it('stops a subscription that reaches the corrupt row, reporting the decode error', async () => {
      const store = await corrupted(`metadata = '{}'`);
      const received: RecordedEvent[] = [];
      const errors: unknown[] = [];
      store.subscribe({ batchSize: 1, onEvent: (event) => void received.push(event), onError: (error) => errors.push(error) });
      await eventually(() => errors.length === 1);
      expect(received).toHaveLength(1);
      expect(errors[0]).toMatchObject({ code: 'event_decode_failed', stream: 'account-1', revision: 1n });
    });
  });

  describe('starting', () => {
    it('concurrent starts on a fresh schema migrate it exactly once and all work', async () => {
      const schema = await kit.schema();
      const stores = await Promise.all(Array.from({ length: 6 }, () => kit.store(schema, { max: 2 })));
      const raw = await kit.client(schema);
      const { rows } = await raw.query<{ version: number }>('SELECT version FROM ecoledger_migrations ORDER BY version');
      expect(rows.map((row) => row.version)).toEqual([1]);
      await Promise.all(stores.map((store, index) => store.append(`account-${index}`, testEvents(2), 'no_stream')));
      for (const store of stores) expect(await store.readAll()).toHaveLength(12);
    });

    it('refuses a schema newer than this code, and malformed options', async () => {
      const schema = await kit.schema();
      await kit.store(schema);
      const raw = await kit.client(schema);
      await raw.query('INSERT INTO ecoledger_migrations (version) VALUES (99)');
      const { connectionString } = schema;
      expect(await rejectionOf(createPostgresEventStore({ connectionString, schema: schema.schema }))).toMatchObject({
        code: 'invalid_argument',
        path: '$.options',
      });
      expect(await rejectionOf(createPostgresEventStore({ connectionString, schema: 'Bad-Name' }))).toMatchObject({ path: '$.options.schema' });
      expect(await rejectionOf(createPostgresEventStore({ connectionString: '' }))).toMatchObject({ path: '$.options.connectionString' });
      expect(await rejectionOf(createPostgresEventStore({ connectionString, max: 0 }))).toMatchObject({ path: '$.options.max' });
      expect(await rejectionOf(createPostgresEventStore({ connectionString, pollIntervalMs: 0 }))).toMatchObject({ path: '$.options.pollIntervalMs' });
      expect(await rejectionOf(createPostgresEventStore({ connectionString, visibilityWaitMs: -1 }))).toMatchObject({
        path: '$.options.visibilityWaitMs',
      });
      const notPostgres = { ...(await kit.database(schema)), dialect: 'sqlite' as const };
      expect(await rejectionOf(createPostgresEventStore({ database: notPostgres as never }))).toMatchObject({ path: '$.options.database' });
    });
  });

  it('a duplicate id at the end of a big batch writes none of it and names the id', async () => {
    const store = await kit.store();
    const taken = testEvent();
    await store.append('account-1', [taken], 'no_stream');
    const error = await rejectionOf(store.append('account-2', [...testEvents(999), taken], 'no_stream'));
    expect(error).toMatchObject({ code: 'duplicate_event_id', stream: 'account-2', eventId: taken.id });
    expect(await store.readAll()).toHaveLength(1);
    expect(await store.streamRevision('account-2')).toBe('no_stream');
    expect((await store.append('account-2', testEvents(1), 'no_stream')).nextExpectedRevision).toBe(0n);
  });
});
