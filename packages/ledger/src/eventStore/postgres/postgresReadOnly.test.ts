/**
 * The read-only opener verify uses: it never creates or migrates, runs every statement in a READ
 * ONLY transaction, refuses appends, and never passes off a held-back prefix as the whole log.
 */
import { expect, it } from 'vitest';
import { Book } from '../../ledger/book.js';
import { verifyLedgerStore } from '../../ledger/verifyLedger.js';
import { describePostgres, testEvents } from '../../testing/index.js';
import { createPostgresEventStore, type PostgresDatabase } from './postgresEventStore.js';
import { usePostgresTestKit } from '../../../test-kit/eventStore/postgresTestKit.js';

describePostgres('PostgreSQL event store: read-only', () => {
  const kit = usePostgresTestKit();

  it('a schema without an event store is store_not_found, and nothing is created', async () => {
    const schema = await kit.schema();
    const raw = await kit.client(schema);
    const missing = `${schema.schema}_none`;
    await expect(createPostgresEventStore({ connectionString: schema.connectionString, schema: missing, readOnly: true })).rejects.toMatchObject({
      code: 'store_not_found',
    });
    expect((await raw.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [missing])).rowCount).toBe(0);
    // An existing but empty schema is not an event store either, and stays without tables.
    await expect(createPostgresEventStore({ connectionString: schema.connectionString, schema: schema.schema, readOnly: true })).rejects.toMatchObject({
      code: 'store_not_found',
    });
    expect((await raw.query('SELECT 1 FROM information_schema.tables WHERE table_schema = $1', [schema.schema])).rowCount).toBe(0);
  });

  it('reads what a writer stored, refuses appends, and cannot write even through its own connection', async () => {
    const schema = await kit.schema();
    const writer = await kit.store(schema);
    await writer.append('account-1', testEvents(2), 'no_stream');
    const reader = await createPostgresEventStore({ connectionString: schema.connectionString, schema: schema.schema, readOnly: true });
    try {
      expect(await reader.readAll()).toHaveLength(2);
      await expect(reader.append('account-2', testEvents(1), 'no_stream')).rejects.toMatchObject({ code: 'store_read_only' });
      await expect(reader.database.query('DELETE FROM ecoledger_events')).rejects.toMatchObject({ code: '25006' });
      expect(await writer.readAll()).toHaveLength(2);
    } finally {
      await reader.close();
    }
  });

  it('verify reports a log held back by a transaction in progress as incomplete, never OK', async () => {
    const schema = await kit.schema();
    const database = await kit.database(schema);
    let arrived!: () => void;
    let release!: () => void;
    const atGate = new Promise<void>((resolve) => (arrived = resolve));
    const gate = new Promise<void>((resolve) => (release = resolve));
    let hold = false;
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
    const slow = await createPostgresEventStore({ database: held });
    const book = await Book.open({ store: await kit.store(schema), bookId: 'main', snapshotEvery: 0 });
    await book.defineLedgers([{ id: 'cny', asset: { code: 'CNY', scale: 2 } }]);
    hold = true;
    const slowAppend = slow.append('account-slow', testEvents(1), 'no_stream');
    try {
      await atGate; // its position is reserved, its COMMIT not sent
      await book.openAccounts([{ id: 'cash', ledger: 'cny', code: 1001, type: 'asset' }]);
      const reader = await createPostgresEventStore({ connectionString: schema.connectionString, schema: schema.schema, readOnly: true, visibilityWaitMs: 0 });
      try {
        const report = await verifyLedgerStore(reader);
        expect(report.ok).toBe(false);
        expect(report.incomplete).toMatch(/held back/);
        expect(report.problem).toBeUndefined();
      } finally {
        await reader.close();
      }
    } finally {
      release();
    }
    await slowAppend;
    await slow.close();
    const reader = await createPostgresEventStore({ connectionString: schema.connectionString, schema: schema.schema, readOnly: true });
    try {
      const report = await verifyLedgerStore(reader);
      expect(report.problem).toBeUndefined();
      expect(report).toMatchObject({ ok: true, eventsRead: 3 });
      expect(report.incomplete).toBeUndefined();
    } finally {
      await reader.close();
    }
  });
});
