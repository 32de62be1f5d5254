import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../../eventStore/inMemoryEventStore.js';
import type { RecordedEvent } from '../../eventStore/envelope.js';
import type { EventStore } from '../../eventStore/eventStore.js';
import { isEventDecodeError } from '../../eventStore/errors.js';
import { toBigInt, type SqlDatabase } from '../../sql/sqlDatabase.js';
import { describePostgres } from '../../testing/postgresTestDatabase.js';
import { eventually, rejectionOf, testMetadata } from '../../testing/index.js';
import { LedgerReadModel } from '../ledgerReadModel.js';
import { ProjectionHandlerError } from '../runner/errors.js';
import { QueryArgumentError } from '../queryError.js';
import { rebuildProjection, startProjection, type ProjectionRunner } from '../runner/startProjection.js';
import type { SqlProjection } from '../runner/sqlProjection.js';
import {
  commandArb,
  expectAgreement,
  expectPageAgreement,
  fund,
  memoryModelOf,
  openTestBook,
  runRandomCommands,
  runScript,
  scriptedPhases,
  TestClock,
} from '../../../test-kit/projections/bookActivity.test-support.js';
import { SqlLedgerReadModel } from './sqlLedgerReadModel.js';
import { databaseKinds, postgresTestDatabase, sqliteTestDatabase, type TestDatabase } from '../../../test-kit/projections/testDatabases.test-support.js';

const headOf = async (store: EventStore): Promise<bigint> => (await store.readAll()).at(-1)?.position ?? 0n;

const checkpointOf = async (database: SqlDatabase, name: string): Promise<bigint | 'start'> => {
  const [row] = await database.query<{ position: unknown }>('SELECT position FROM ecoledger_checkpoints WHERE name = $1', [name]);
  return row?.position === null || row?.position === undefined ? 'start' : toBigInt(row.position);
};

/** The in-memory model of the events up to `position`. */
const memoryUpTo = async (store: EventStore, position: bigint | 'start'): Promise<LedgerReadModel> => {
  const model = new LedgerReadModel();
  if (position !== 'start') model.applyAll((await store.readAll()).filter((event) => event.position <= position));
  return model;
};

/** Wraps a projection: `before` runs ahead of each page, `after` once it is handled (still inside the transaction). */
const wrap = (
  inner: SqlProjection,
  hooks: { before?: (page: number, events: readonly RecordedEvent[]) => Promise<void> | void; after?: (page: number) => void },
): SqlProjection => {
  let page = 0;
  return {
    name: inner.name,
    setUp: (tx) => inner.setUp(tx),
    reset: (tx) => inner.reset(tx),
    handle: async (events, tx) => {
      page += 1;
      await hooks.before?.(page, events);
      await inner.handle(events, tx);
      hooks.after?.(page);
    },
  };
};

for (const kind of databaseKinds) {
  kind.describe(`SqlLedgerReadModel on ${kind.name}`, () => {
    let db: TestDatabase;
    let store: EventStore;
    let clock: TestClock;
    const runners: ProjectionRunner[] = [];
    const track = (runner: ProjectionRunner): ProjectionRunner => {
      runners.push(runner);
      return runner;
    };

    beforeEach(async () => {
      db = await kind.open();
      store = createInMemoryEventStore();
      clock = new TestClock();
    });
    afterEach(async () => {
      for (const runner of runners.splice(0)) await runner.stop();
      await store.close();
      await db.teardown();
    });

    it('agrees with the in-memory model and the book after a scripted history', async () => {
      const book = await openTestBook(store, clock);
      await runScript(book, clock);
      const model = new SqlLedgerReadModel(db.database);
      const runner = track(await startProjection({ source: store, database: db.database, projection: model.projection, batchSize: 3 }));
      await runner.caughtUp;
      expect(runner.position()).toBe(await headOf(store));
      expect(await checkpointOf(db.database, model.projection.name)).toBe(runner.position());
      await expectAgreement(model, await memoryModelOf(store), book);
      expect((await model.statement('alice'))?.lines.map((l) => [l.transferId, l.kind])).toEqual([
        ['t1', 'posted'],
        ['h1', 'pending'],
        ['p1', 'pending_posted'],
        ['h2', 'pending'],
        ['v1', 'pending_voided'],
        ['h3', 'pending'],
        ['j1', 'posted'],
        ['b1', 'posted'],
        ['h3', 'expired'],
        ['r1', 'posted'],
        ['r2', 'posted'],
        ['f1', 'posted'],
        ['h4', 'pending'],
      ]);
      // Only the holds still open are kept, with their amounts in minor units.
      expect(await db.database.query(`SELECT id, amount, debit_account_id FROM ${model.tables.holds}`)).toEqual([{ id: 'h4', amount: '99', debit_account_id: 'bob' }]);
      expect((await model.trialBalance()).balanced).toBe(true);
    });

    it('pages: invalid page requests and ranges are QueryArgumentErrors naming the argument; pages walk like the in-memory ones', async () => {
      const book = await openTestBook(store, clock);
      await runScript(book, clock);
      const model = new SqlLedgerReadModel(db.database);
      const runner = track(await startProjection({ source: store, database: db.database, projection: model.projection }));
      await runner.caughtUp;
      const bad: [() => Promise<unknown>, string][] = [
        [() => model.balancesPage({ limit: 0 }), 'page.limit'],
        [() => model.balancesPage({ limit: 1001 }), 'page.limit'],
        [() => model.balancesPage({ after: '-1' }), 'page.after'],
        [() => model.balancesPage({ afterr: '1' } as never), 'page.afterr'],
        [() => model.balancesAsOfPage(5 as never, {}), 'instant'],
        [() => model.balancesAsOfPage(0n, { limit: 2.5 }), 'page.limit'],
        [() => model.statementPage('alice', {}, { after: 'x' }), 'page.after'],
        [() => model.statementPage('alice', { from: 1 as never }), 'range.from'],
        [() => model.statementPage('alice', null as never), 'range'],
        [() => model.statementPage(7 as never), 'accountId'],
        // The unbounded queries check their arguments the same way.
        [() => model.statement(7 as never), 'accountId'],
        [() => model.statement('alice', { to: new Date(Number.NaN) }), 'range.to'],
        [() => model.statement('alice', null as never), 'range'],
        [() => model.balanceAsOf('alice', 5 as never), 'instant'],
        [() => model.balanceAsOf('bad id!', 0n), 'accountId'],
        [() => model.balancesAsOf(new Date(Number.NaN)), 'instant'],
        [() => model.trialBalanceAsOf('2026-01-01' as never), 'instant'],
      ];
      for (const [call, argument] of bad) {
        const error = await rejectionOf(call());
        expect(error).toBeInstanceOf(QueryArgumentError);
        expect((error as QueryArgumentError).argument).toBe(argument);
      }
      const memory = await memoryModelOf(store);
      // The default page holds up to 100 items; a cursor past the end reads an empty last page.
      expect(await model.balancesPage()).toEqual(memory.balancesPage());
      expect(await model.balancesPage({ after: '999999' })).toEqual({ items: [] });
      expect(await model.statementPage('alice', {}, { after: '999999' })).toEqual(memory.statementPage('alice', {}, { after: '999999' }));
      expect(await model.statementPage('nobody')).toBeUndefined();
      await expectPageAgreement(model, memory, [-1n, 0n, 10n ** 40n], [1, 2, 4, 100]);
    });

    it('follows live events after catching up', async () => {
      const book = await openTestBook(store, clock);
      const model = new SqlLedgerReadModel(db.database);
      const runner = track(await startProjection({ source: store, database: db.database, projection: model.projection }));
      await runner.caughtUp;
      for (const phase of scriptedPhases) {
        await phase(book, clock);
        const head = await headOf(store);
        await eventually(() => runner.position() === head, 60_000);
        await expectAgreement(model, await memoryModelOf(store), book, { step: 4 });
      }
      expect(await runner.lag()).toBe(0n);
    });

    it('resumes strictly after its checkpoint when restarted with new objects on the same database', async () => {
      const book = await openTestBook(store, clock);
      await runScript(book, clock, scriptedPhases.slice(0, 2));
      const first = new SqlLedgerReadModel(db.database);
      const runner = track(await startProjection({ source: store, database: db.database, projection: first.projection, batchSize: 4 }));
      await runner.caughtUp;
      await runner.stop();
      const checkpoint = runner.position();
      await runScript(book, clock, scriptedPhases.slice(2));

      // A "new process": another connection, another model, another runner.
      const database = await db.reopen();
      const second = new SqlLedgerReadModel(database);
      const seen: bigint[] = [];
      const projection = wrap(second.projection, { before: (_, events) => void seen.push(...events.map((e) => e.position)) });
      const resumed = track(await startProjection({ source: store, database, projection, batchSize: 4 }));
      expect(resumed.position()).toBe(checkpoint);
      await resumed.caughtUp;
      expect(typeof checkpoint === 'bigint' && seen.every((position) => position > checkpoint)).toBe(true);
      expect(seen.length).toBeGreaterThan(0);
      await expectAgreement(second, await memoryModelOf(store), book);
    });

    it('stopped in the middle of catching up, a new runner finishes the job', async () => {
      const book = await openTestBook(store, clock);
      await runScript(book, clock);
      const model = new SqlLedgerReadModel(db.database);
      let runner: ProjectionRunner | undefined;
      // Stop is requested from inside the third page: the page still commits, then the runner exits.
      const projection = wrap(model.projection, { after: (page) => void (page === 3 ? runner?.stop() : undefined) });
      runner = track(await startProjection({ source: store, database: db.database, projection, batchSize: 2 }));
      await runner.done;
      const stoppedAt = runner.position();
      const events = await store.readAll();
      expect(stoppedAt).toBe(events[5]?.position);
      expect(await checkpointOf(db.database, model.projection.name)).toBe(stoppedAt);
      await expectAgreement(model, await memoryUpTo(store, stoppedAt), undefined, { step: 3 });

      const database = await db.reopen();
      const again = new SqlLedgerReadModel(database);
      const resumed = track(await startProjection({ source: store, database, projection: again.projection, batchSize: 2 }));
      await resumed.caughtUp;
      await expectAgreement(again, await memoryModelOf(store), book);
    });

    it('a page whose handler fails after writing leaves both the read model and the checkpoint unchanged', async () => {
      const book = await openTestBook(store, clock);
      await runScript(book, clock);
      const model = new SqlLedgerReadModel(db.database);
      const boom = new Error('crash after handling, before the commit');
      // The whole page is handled (its rows written), then the transaction fails.
      const projection: SqlProjection = { ...wrap(model.projection, { after: (page) => { if (page === 3) throw boom; } }), name: model.projection.name };
      const errors: unknown[] = [];
      const runner = track(await startProjection({ source: store, database: db.database, projection, batchSize: 3, onError: (e) => errors.push(e) }));
      const error = await rejectionOf(runner.caughtUp);
      await expect(runner.done).rejects.toBe(error);
      expect(errors).toEqual([error]);
      expect(error).toBeInstanceOf(ProjectionHandlerError);
      expect((error as ProjectionHandlerError).cause).toBe(boom);
      const events = await store.readAll();
      const checkpoint = events[5]?.position as bigint;
      expect((error as ProjectionHandlerError).fromPosition).toBe(events[6]?.position);
      expect(runner.position()).toBe(checkpoint);
      expect(await checkpointOf(db.database, model.projection.name)).toBe(checkpoint);
      await expectAgreement(model, await memoryUpTo(store, checkpoint), undefined, { step: 2 });
      // Nothing was skipped: a new runner handles the failed page again.
      const resumed = track(await startProjection({ source: store, database: db.database, projection: model.projection, batchSize: 3 }));
      await resumed.caughtUp;
      await expectAgreement(model, await memoryModelOf(store), book);
    });

    it('a corrupt ledger event stops the runner with an error naming it, and nothing of its page is kept', async () => {
      const book = await openTestBook(store, clock);
      await runScript(book, clock, scriptedPhases.slice(0, 1));
      const appended = await store.append(
        book.streamName,
        [{ id: '0b0e8f0e-6a34-4f8e-9d55-3a7c2f1b9d01', type: 'TransfersCommitted', version: 1, data: { expired: [], transfers: [{ kind: 'transfer', amount: 12.5 }], failed: [] }, metadata: testMetadata() }],
        'any',
      );
      const model = new SqlLedgerReadModel(db.database);
      const errors: unknown[] = [];
      const runner = track(await startProjection({ source: store, database: db.database, projection: model.projection, batchSize: 4, onError: (e) => errors.push(e) }));
      const error = await rejectionOf(runner.caughtUp);
      expect(errors).toEqual([error]);
      const cause = (error as ProjectionHandlerError).cause;
      expect(isEventDecodeError(cause)).toBe(true);
      expect(cause).toMatchObject({ stream: book.streamName, revision: appended.nextExpectedRevision });
      const pageStart = (error as ProjectionHandlerError).fromPosition;
      const kept = runner.position();
      expect(kept === 'start' || kept < pageStart).toBe(true);
      expect(await checkpointOf(db.database, model.projection.name)).toBe(kept);
      await expectAgreement(model, await memoryUpTo(store, kept), undefined);
    });

    it('rebuilds from zero: drops the tables and the checkpoint, then replays', async () => {
      const book = await openTestBook(store, clock);
      await runScript(book, clock);
      const model = new SqlLedgerReadModel(db.database);
      const runner = track(await startProjection({ source: store, database: db.database, projection: model.projection }));
      await runner.caughtUp;
      await runner.stop();
      // Damage the read model: a rebuild must not trust anything in it.
      await db.database.query(`UPDATE ${model.tables.accounts} SET debits_posted = '999999'`);
      await db.database.query(`DELETE FROM ${model.tables.lines} WHERE account_id = 'bob'`);
      expect(await model.balances()).not.toEqual((await memoryModelOf(store)).balances());
      const rebuilt = track(await rebuildProjection({ source: store, database: db.database, projection: model.projection, batchSize: 5 }));
      expect(rebuilt.position()).toBe('start');
      await rebuilt.caughtUp;
      expect(await checkpointOf(db.database, model.projection.name)).toBe(await headOf(store));
      await expectAgreement(model, await memoryModelOf(store), book);
    });

    it('reports its lag in events behind the store', async () => {
      const book = await openTestBook(store, clock);
      await runScript(book, clock, scriptedPhases.slice(0, 2));
      const total = BigInt((await store.readAll()).length);
      const model = new SqlLedgerReadModel(db.database);
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let entered!: () => void;
      const inFirstPage = new Promise<void>((resolve) => (entered = resolve));
      const projection = wrap(model.projection, {
        before: async (page) => {
          if (page !== 1) return;
          entered();
          await gate;
        },
      });
      const runner = track(await startProjection({ source: store, database: db.database, projection, batchSize: 3 }));
      await inFirstPage;
      // The first page is in flight, not committed: everything is still behind.
      expect(runner.position()).toBe('start');
      expect(await runner.lag()).toBe(total);
      release();
      await runner.caughtUp;
      expect(await runner.lag()).toBe(0n);
      await runner.stop();
      await runScript(book, clock, scriptedPhases.slice(2, 3));
      const added = BigInt((await store.readAll()).length) - total;
      expect(added).toBeGreaterThan(0n);
      expect(await runner.lag()).toBe(added);
    });

    it('keeps two books apart in one database with table prefixes and stream filters', async () => {
      const a = await openTestBook(store, clock, 'a');
      const b = await openTestBook(store, clock, 'b');
      await runScript(a, clock, scriptedPhases.slice(0, 2));
      await runScript(b, clock);
      const models = [
        { book: a, model: new SqlLedgerReadModel(db.database, { tablePrefix: 'book_a_', streams: (name) => name === a.streamName }) },
        { book: b, model: new SqlLedgerReadModel(db.database, { tablePrefix: 'book_b_', streams: (name) => name === b.streamName }) },
      ];
      for (const { book, model } of models) {
        const runner = track(await startProjection({ source: store, database: db.database, projection: model.projection, batchSize: 7 }));
        await runner.caughtUp;
        const memory = new LedgerReadModel({ streams: (name) => name === book.streamName });
        memory.applyAll(await store.readAll());
        await expectAgreement(model, memory, book, { step: 3 });
      }
    });
  });
}

describe('properties', () => {
  const property = (open: () => Promise<TestDatabase>, numRuns: number) => async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(commandArb, { maxLength: 12 }), fc.integer({ min: 1, max: 8 }), fc.nat(), async (commands, batchSize, split) => {
        const db = await open();
        const store = createInMemoryEventStore();
        const runners: ProjectionRunner[] = [];
        try {
          const clock = new TestClock();
          const book = await openTestBook(store, clock);
          await fund(book);
          // Half the history, a runner, the rest while it runs or after a restart.
          const cut = split % (commands.length + 1);
          await runRandomCommands(book, clock, commands.slice(0, cut));
          const model = new SqlLedgerReadModel(db.database);
          const first = await startProjection({ source: store, database: db.database, projection: model.projection, batchSize });
          runners.push(first);
          await first.caughtUp;
          await first.stop();
          await runRandomCommands(book, clock, commands.slice(cut));
          const database = await db.reopen();
          const resumed = new SqlLedgerReadModel(database);
          const second = await startProjection({ source: store, database, projection: resumed.projection, batchSize });
          runners.push(second);
          await second.caughtUp;
          await expectAgreement(resumed, await memoryModelOf(store), book, { step: 5, pageLimits: [1, 3] });
        } finally {
          for (const runner of runners) await runner.stop();
          await store.close();
          await db.teardown();
        }
      }),
      { numRuns },
    );
  };

  it('random book activity: the SQL model on SQLite equals the in-memory model', property(sqliteTestDatabase, 25));

  describePostgres('on PostgreSQL', () => {
    it('random book activity: the SQL model on PostgreSQL equals the in-memory model', property(postgresTestDatabase, 15));
  });
});
