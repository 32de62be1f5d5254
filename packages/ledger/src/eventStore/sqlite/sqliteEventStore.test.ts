import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteDatabase } from '../../sql/sqliteDatabase.js';
import { describeEventStoreContract, eventually, rejectionOf, testEvent, testEvents } from '../../testing/index.js';
import type { RecordedEvent } from '../envelope.js';
import { EventDecodeError, WrongExpectedVersionError } from '../errors.js';
import { createSqliteEventStore, type SqliteEventStore } from './index.js';

/** A fresh directory under the OS temp dir, removed by `cleanUp`. */
const tempDirs: string[] = [];
const tempDbPath = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'ecoledger-sqlite-'));
  tempDirs.push(dir);
  return join(dir, 'events.db');
};
const removeDir = (path: string): Promise<void> => rm(path, { recursive: true, force: true });

describeEventStoreContract('sqlite', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ecoledger-sqlite-contract-'));
  const path = join(dir, 'events.db');
  return {
    store: await createSqliteEventStore({ path }),
    reopen: () => createSqliteEventStore({ path }),
    teardown: () => removeDir(dir),
  };
});

describe('createSqliteEventStore', () => {
  const opened: { close(): Promise<void> }[] = [];
  /** Remembers something to close after the test. */
  const track = <T extends { close(): Promise<void> }>(closable: T): T => {
    opened.push(closable);
    return closable;
  };

  afterEach(async () => {
    for (const closable of opened.splice(0).reverse()) await closable.close();
    await Promise.all(tempDirs.splice(0).map(removeDir));
  });

  describe('decoding stored rows', () => {
    const corruptedStore = async (column: 'data' | 'metadata' | 'event_id', value: string) => {
      const database = track(openSqliteDatabase(await tempDbPath()));
      const store = track(await createSqliteEventStore({ database }));
      await store.append('account-1', testEvents(3), 'no_stream');
      database.raw.prepare(`UPDATE ecoledger_events SET ${column} = ? WHERE stream = 'account-1' AND revision = 1`).run(value);
      return store;
    };

    it('rejects a row with invalid JSON with an EventDecodeError naming stream and revision', async () => {
      const store = await corruptedStore('data', '{"amount": "1.00"');
      for (const read of [store.readStream('account-1'), store.readAll(), store.readStream('account-1', { fromRevision: 1n })]) {
        const error = await rejectionOf(read);
        expect(error).toBeInstanceOf(EventDecodeError);
        expect(error).toMatchObject({ code: 'event_decode_failed', stream: 'account-1', revision: 1n, path: '$.data' });
        expect((error as Error).message).toContain('revision 1');
      }
      // Rows before the corrupt one still read.
      expect(await store.readStream('account-1', { maxCount: 1 })).toHaveLength(1);
    });

    it('rejects a row whose envelope fails its schema', async () => {
      const badMetadata = await corruptedStore('metadata', JSON.stringify({ channel: 'fax' }));
      expect(await rejectionOf(badMetadata.readAll())).toMatchObject({
        code: 'event_decode_failed',
        stream: 'account-1',
        revision: 1n,
        eventType: 'FundsDeposited',
        version: 1,
      });
      const badId = await corruptedStore('event_id', 'not-a-uuid');
      expect(await rejectionOf(badId.readStream('account-1', { direction: 'backwards' }))).toMatchObject({
        code: 'event_decode_failed',
        revision: 1n,
        path: '$.id',
      });
    });

    it('stops a subscription that reaches a corrupt row, reporting the decode error', async () => {
      const store = await corruptedStore('data', 'not json');
      const received: RecordedEvent[] = [];
      const errors: unknown[] = [];
      store.subscribe({ onEvent: (event) => void received.push(event), onError: (error) => errors.push(error), batchSize: 1 });
      await eventually(() => errors.length === 1);
      expect(received).toHaveLength(1);
      expect(errors[0]).toMatchObject({ code: 'event_decode_failed', revision: 1n });
    });

    it('reads a row of an event type nobody registered: an unknown type is for the domain to judge', async () => {
      const database = track(openSqliteDatabase(await tempDbPath()));
      const store = track(await createSqliteEventStore({ database }));
      const event = testEvent({ type: 'InterestCompoundedV9', version: 9, data: { rate: '0.0125' } });
      database.raw
        .prepare(`INSERT INTO ecoledger_events (stream, revision, event_id, type, version, data, metadata) VALUES (?, 0, ?, ?, ?, ?, ?)`)
        .run('account-9', event.id, event.type, event.version, JSON.stringify(event.data), JSON.stringify(event.metadata));
      const [read] = await store.readAll();
      expect(read).toMatchObject({ ...event, streamName: 'account-9', revision: 0n });
      expect(typeof read?.position).toBe('bigint');
    });
  });

  describe('several stores over one file', () => {
    it('a second store on the same file sees appends, and stale writers get WrongExpectedVersionError', async () => {
      const path = await tempDbPath();
      const first = track(await createSqliteEventStore({ path }));
      const second = track(await createSqliteEventStore({ path, pollIntervalMs: 20 }));
      const received: RecordedEvent[] = [];
      const subscription = second.subscribe({ onEvent: (event) => void received.push(event) });
      await subscription.caughtUp;

      await first.append('account-1', testEvents(2), 'no_stream');
      expect(await second.streamRevision('account-1')).toBe(1n);
      // Only polling can tell the second store: it shares no memory with the first.
      await eventually(() => received.length === 2);

      await second.append('account-1', testEvents(1), 1n);
      const stale = await rejectionOf(first.append('account-1', testEvents(1), 1n));
      expect(stale).toBeInstanceOf(WrongExpectedVersionError);
      expect(stale).toMatchObject({ stream: 'account-1', expected: 1n, actual: 2n });
      const created = await rejectionOf(first.append('account-1', testEvents(1), 'no_stream'));
      expect(created).toMatchObject({ code: 'wrong_expected_version', actual: 2n });
      expect(await first.readStream('account-1')).toEqual(await second.readStream('account-1'));
      await eventually(() => received.length === 3);
    });

    it('stores sharing one database wake each other at once, and leave the database open on close', async () => {
      const database = track(openSqliteDatabase(await tempDbPath()));
      // A poll interval far beyond the test's patience: only the in-process wake-up can deliver.
      const reader = await createSqliteEventStore({ database, pollIntervalMs: 600_000 });
      const writer = await createSqliteEventStore({ database });
      const received: RecordedEvent[] = [];
      const subscription = reader.subscribe({ onEvent: (event) => void received.push(event) });
      await subscription.caughtUp;
      await writer.append('account-1', testEvents(3), 'no_stream');
      await eventually(() => received.length === 3);
      await writer.close();
      await reader.close();
      expect(await database.query('SELECT COUNT(*) AS n FROM ecoledger_events')).toEqual([{ n: 3n }]);
    });

    it('a duplicate id at the end of a big batch writes none of it', async () => {
      const store = track(await createSqliteEventStore({ path: await tempDbPath() }));
      const [taken] = testEvents(1);
      await store.append('account-1', [taken!], 'no_stream');
      const batch = [...testEvents(999), taken!];
      expect(await rejectionOf(store.append('account-2', batch, 'no_stream'))).toMatchObject({
        code: 'duplicate_event_id',
        stream: 'account-2',
        eventId: taken!.id,
      });
      expect(await store.readAll()).toHaveLength(1);
      expect(await store.streamRevision('account-2')).toBe('no_stream');
      const next = await store.append('account-2', testEvents(1), 'no_stream');
      expect(next.position).toBe(2n);
    });
  });

  describe('durability settings and schema', () => {
    const pragma = async (store: SqliteEventStore, name: string): Promise<unknown> => {
      const [row] = await store.database.query(`PRAGMA ${name}`);
      return row?.[name];
    };

    it('runs in WAL mode with synchronous FULL by default, NORMAL on request', async () => {
      const full = track(await createSqliteEventStore({ path: await tempDbPath() }));
      expect(await pragma(full, 'journal_mode')).toBe('wal');
      expect(await pragma(full, 'synchronous')).toBe(2n);
      const normal = track(await createSqliteEventStore({ path: await tempDbPath(), synchronous: 'NORMAL' }));
      expect(await pragma(normal, 'journal_mode')).toBe('wal');
      expect(await pragma(normal, 'synchronous')).toBe(1n);
    });

    it('creates the schema once and records it in ecoledger_migrations', async () => {
      const path = await tempDbPath();
      for (let i = 0; i < 3; i++) {
        const store = await createSqliteEventStore({ path });
        if (i === 0) await store.append('account-1', testEvents(2), 'no_stream');
        await store.close();
      }
      const store = track(await createSqliteEventStore({ path }));
      const migrations = await store.database.query('SELECT version, applied_at FROM ecoledger_migrations');
      expect(migrations).toEqual([{ version: 1n, applied_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }]);
      expect(await store.readAll()).toHaveLength(2);
      const indexes = await store.database.query<{ name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ecoledger_events'",
      );
      expect(indexes.map((index) => index.name)).toContain('ecoledger_events_event_id');
    });

    it('refuses a database with a newer schema version, and malformed options', async () => {
      const path = await tempDbPath();
      await (await createSqliteEventStore({ path })).close();
      const database = track(openSqliteDatabase(path));
      database.raw.prepare("INSERT INTO ecoledger_migrations (version, applied_at) VALUES (99, '2030-01-01T00:00:00.000Z')").run();
      expect(await rejectionOf(createSqliteEventStore({ database }))).toMatchObject({ code: 'invalid_argument' });
      expect(await rejectionOf(createSqliteEventStore({ path: '' }))).toMatchObject({ code: 'invalid_argument', path: '$.options.path' });
      expect(await rejectionOf(createSqliteEventStore({ path, synchronous: 'OFF' as 'FULL' }))).toMatchObject({
        path: '$.options.synchronous',
      });
      expect(await rejectionOf(createSqliteEventStore({ path, pollIntervalMs: 0 }))).toMatchObject({ path: '$.options.pollIntervalMs' });
      const notSqlite = { ...database, dialect: 'postgres' as const };
      expect(await rejectionOf(createSqliteEventStore({ database: notSqlite }))).toMatchObject({ path: '$.options.database' });
    });
  });
  describe('read-only (verify)', () => {
    it('a missing file or a file without an event store is store_not_found, and nothing is created or migrated', async () => {
      const { existsSync } = await import('node:fs');
      const missing = await tempDbPath();
      await expect(createSqliteEventStore({ path: missing, readOnly: true })).rejects.toMatchObject({ code: 'store_not_found' });
      expect(existsSync(missing)).toBe(false);
      const other = await tempDbPath();
      const database = openSqliteDatabase(other);
      await database.query('CREATE TABLE unrelated (x INTEGER)');
      await database.close();
      await expect(createSqliteEventStore({ path: other, readOnly: true })).rejects.toMatchObject({ code: 'store_not_found' });
      const check = track(openSqliteDatabase(other));
      expect(await check.query(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)).toEqual([{ name: 'unrelated' }]);
    });

    it('reads what a writer stored and refuses to append, at the store and at the connection', async () => {
      const path = await tempDbPath();
      const writer = track(await createSqliteEventStore({ path }));
      await writer.append('account-1', testEvents(2), 'no_stream');
      const reader = track(await createSqliteEventStore({ path, readOnly: true }));
      expect(await reader.readAll()).toHaveLength(2);
      await expect(reader.append('account-1', testEvents(1), 'any')).rejects.toMatchObject({ code: 'store_read_only' });
      await expect(reader.database.query('DELETE FROM ecoledger_events')).rejects.toMatchObject({ code: 'SQLITE_READONLY' });
      expect(await writer.readAll()).toHaveLength(2);
    });
  });
});
