import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../eventStore/envelope.js';
import type { EventStore } from '../../eventStore/eventStore.js';
import { createInMemoryEventStore } from '../../eventStore/inMemoryEventStore.js';
import type { SqlDatabase, SqlExecutor } from '../../sql/sqlDatabase.js';
import { eventually, rejectionOf, testEvents } from '../../testing/index.js';
import { LedgerReadModel } from '../ledgerReadModel.js';
import { memoryModelOf, openTestBook, runScript, scriptedPhases, TestClock } from '../../../test-kit/projections/bookActivity.test-support.js';
import { databaseKinds, sqliteTestDatabase, type TestDatabase } from '../../../test-kit/projections/testDatabases.test-support.js';
import { createInMemoryCheckpointStore } from './checkpointStore.js';
import { isProjectionRunnerError, ProjectionHandlerError } from './errors.js';
import { ledgerReadModelProjection, type IdempotentProjection } from './idempotentProjection.js';
import { createSqlCheckpointStore } from './sqlCheckpoints.js';
import type { SqlProjection } from './sqlProjection.js';
import { rebuildProjection, startProjection, type ProjectionRunner } from './startProjection.js';

/** A SQL projection recording every event it handles; `failAt` makes the handler throw at that position. */
const recordingProjection = (name: string, options: { failAt?: () => bigint | undefined } = {}): SqlProjection & { rows(db: SqlExecutor): Promise<bigint[]> } => {
  const table = `${name}_events`;
  return {
    name,
    setUp: async (tx) => {
      await tx.query(`CREATE TABLE IF NOT EXISTS ${table} (position TEXT PRIMARY KEY, stream TEXT NOT NULL)`);
    },
    reset: async (tx) => {
      await tx.query(`DROP TABLE IF EXISTS ${table}`);
    },
    handle: async (events, tx) => {
      for (const event of events) {
        // The primary key makes a second application of any event fail loudly.
        await tx.query(`INSERT INTO ${table} (position, stream) VALUES ($1, $2)`, [event.position.toString(), event.streamName]);
        if (event.position === options.failAt?.()) throw new Error(`refusing position ${event.position}`);
      }
    },
    rows: async (db) => (await db.query<{ position: string }>(`SELECT position FROM ${table}`)).map((r) => BigInt(r.position)).sort((a, b) => (a < b ? -1 : 1)),
  };
};

const positionsOf = async (store: EventStore): Promise<bigint[]> => (await store.readAll()).map((e) => e.position);

const appendMany = async (store: EventStore, stream: string, count: number): Promise<void> => {
  await store.append(stream, testEvents(count), 'any');
};

for (const kind of databaseKinds) {
  kind.describe(`startProjection: SQL projections on ${kind.name}`, () => {
    let db: TestDatabase;
    let store: EventStore;
    const runners: ProjectionRunner[] = [];
    const start = async (options: Parameters<typeof startProjection>[0]): Promise<ProjectionRunner> => {
      const runner = await startProjection(options);
      runners.push(runner);
      return runner;
    };

    beforeEach(async () => {
      db = await kind.open();
      // Gaps between positions: the runner must never assume they are contiguous.
      store = createInMemoryEventStore({ positionStep: 7n });
    });
    afterEach(async () => {
      for (const runner of runners.splice(0)) await runner.stop();
      await store.close();
      await db.teardown();
    });

    it('applies every event of every stream once, in pages, then follows live appends', async () => {
      await appendMany(store, 'orders-1', 5);
      await appendMany(store, 'payments-1', 6);
      const projection = recordingProjection('rec');
      const runner = await start({ source: store, database: db.database, projection, batchSize: 4 });
      await runner.caughtUp;
      expect(await projection.rows(db.database)).toEqual(await positionsOf(store));
      expect(runner.position()).toBe((await positionsOf(store)).at(-1));
      await appendMany(store, 'orders-2', 3);
      const head = (await positionsOf(store)).at(-1);
      await eventually(() => runner.position() === head, 60_000);
      expect(await projection.rows(db.database)).toEqual(await positionsOf(store));
      expect(await runner.lag()).toBe(0n);
    });

    it('polls instead of subscribing when pollIntervalMs is set', async () => {
      const projection = recordingProjection('polled');
      const runner = await start({ source: store, database: db.database, projection, pollIntervalMs: 5 });
      await runner.caughtUp;
      expect(runner.position()).toBe('start');
      await appendMany(store, 'orders-1', 3);
      const head = (await positionsOf(store)).at(-1);
      await eventually(() => runner.position() === head, 60_000);
      expect(await projection.rows(db.database)).toEqual(await positionsOf(store));
    });

    it('two runners of one projection never apply a page twice: the loser stops with a checkpoint conflict', async () => {
      await appendMany(store, 'orders-1', 3);
      // SQLite: the same connection object. Two better-sqlite3 connections of one process cannot
      // contend for the write lock: the busy wait is synchronous and blocks the holder's event loop.
      const other = kind.name === 'SQLite' ? db.database : await db.reopen();
      const firstErrors: unknown[] = [];
      const secondErrors: unknown[] = [];
      const projection = recordingProjection('shared');
      const first = await start({ source: store, database: db.database, projection, batchSize: 2, onError: (e) => firstErrors.push(e) });
      await first.caughtUp;
      const second = await start({ source: store, database: other, projection, batchSize: 2, onError: (e) => secondErrors.push(e) });
      await second.caughtUp;
      // Both wait at the same checkpoint; new events wake both, and only one may move it.
      await appendMany(store, 'orders-1', 4);
      await eventually(() => firstErrors.length + secondErrors.length > 0, 60_000);
      const [lost, survivor] = firstErrors.length > 0 ? [firstErrors, second] : [secondErrors, first];
      expect(lost).toHaveLength(1);
      expect(isProjectionRunnerError(lost[0], 'projection_checkpoint_conflict')).toBe(true);
      const head = (await positionsOf(store)).at(-1);
      await eventually(() => survivor.position() === head, 60_000);
      expect(firstErrors.length + secondErrors.length).toBe(1);
      expect(await projection.rows(db.database)).toEqual(await positionsOf(store));
    });

    it('a failing handler after catching up stops the runner, reports once, and rolls its page back', async () => {
      await appendMany(store, 'orders-1', 2);
      let failAt: bigint | undefined;
      const projection = recordingProjection('fails', { failAt: () => failAt });
      const errors: unknown[] = [];
      const runner = await start({ source: store, database: db.database, projection, batchSize: 10, onError: (e) => errors.push(e) });
      await runner.caughtUp;
      const before = runner.position();
      await appendMany(store, 'orders-1', 3);
      failAt = (await positionsOf(store)).at(-1);
      const error = await rejectionOf(runner.done);
      expect(errors).toEqual([error]);
      expect(error).toBeInstanceOf(ProjectionHandlerError);
      expect((error as ProjectionHandlerError).toPosition).toBe(failAt);
      expect(runner.position()).toBe(before);
      // The two events handled before the throw in that page were rolled back with it.
      expect(await projection.rows(db.database)).toEqual((await positionsOf(store)).slice(0, 2));
      await runner.stop(); // stopping a failed runner is harmless
    });

    it('rebuildProjection drops the tables and the checkpoint and replays from zero', async () => {
      await appendMany(store, 'orders-1', 5);
      const projection = recordingProjection('rebuilt');
      const runner = await start({ source: store, database: db.database, projection });
      await runner.caughtUp;
      await runner.stop();
      await db.database.query(`INSERT INTO rebuilt_events (position, stream) VALUES ('999999', 'junk')`);
      const rebuilt = await rebuildProjection({ source: store, database: db.database, projection, batchSize: 2 });
      runners.push(rebuilt);
      await rebuilt.caughtUp;
      expect(await projection.rows(db.database)).toEqual(await positionsOf(store));
    });

    it('stops promptly while waiting, resolves caughtUp when stopped first, and stop can be called twice', async () => {
      await appendMany(store, 'orders-1', 50);
      const projection = recordingProjection('stops');
      const runner = await start({ source: store, database: db.database, projection, batchSize: 1 });
      await runner.stop();
      await runner.stop();
      await runner.caughtUp;
      await runner.done;
      const position = runner.position();
      expect(await runner.lag()).toBe(BigInt((await positionsOf(store)).filter((p) => position === 'start' || p > position).length));
    });
  });
}

describe('startProjection: idempotent projections', () => {
  let store: EventStore;
  beforeEach(() => {
    store = createInMemoryEventStore();
  });
  afterEach(async () => {
    await store.close();
  });

  it('runs the in-memory LedgerReadModel with an in-memory checkpoint store, resuming after its checkpoint', async () => {
    const clock = new TestClock();
    const book = await openTestBook(store, clock);
    await runScript(book, clock, scriptedPhases.slice(0, 2));
    const checkpoints = createInMemoryCheckpointStore();
    const projection = ledgerReadModelProjection(() => new LedgerReadModel());
    const first = await startProjection({ source: store, checkpoints, projection, batchSize: 3 });
    await first.caughtUp;
    await first.stop();
    expect(checkpoints.entries.get(projection.name)).toBe(first.position());
    await runScript(book, clock, scriptedPhases.slice(2));
    const second = await startProjection({ source: store, checkpoints, projection, batchSize: 3 });
    expect(second.position()).toBe(first.position());
    await second.caughtUp;
    await second.stop();
    expect(projection.model().balances()).toEqual((await memoryModelOf(store)).balances());
  });

  it('a crash between handling and saving re-delivers the page, which the handler ignores', async () => {
    const clock = new TestClock();
    const book = await openTestBook(store, clock);
    await runScript(book, clock);
    const checkpoints = createInMemoryCheckpointStore();
    const projection = ledgerReadModelProjection(() => new LedgerReadModel());
    const runner = await startProjection({ source: store, checkpoints, projection, batchSize: 4 });
    await runner.caughtUp;
    await runner.stop();
    // As if the last saves were lost: the checkpoint is behind what the model has applied.
    const events = await store.readAll();
    await checkpoints.save(projection.name, (events[3] as RecordedEvent).position);
    const again = await startProjection({ source: store, checkpoints, projection, batchSize: 4 });
    await again.caughtUp;
    await again.stop();
    expect(projection.model().statement('alice')).toEqual((await memoryModelOf(store)).statement('alice'));
    expect(projection.model().trialBalance()).toEqual((await memoryModelOf(store)).trialBalance());
  });

  it('does not save the checkpoint of a page whose handler failed', async () => {
    await store.append('orders-1', testEvents(5), 'no_stream');
    const checkpoints = createInMemoryCheckpointStore();
    const handled: bigint[] = [];
    const failAt = (await store.readAll())[3]?.position;
    const projection: IdempotentProjection = {
      name: 'flaky',
      handle: (events) => {
        for (const event of events) {
          if (event.position === failAt) throw new Error('no');
          handled.push(event.position);
        }
      },
    };
    const errors: unknown[] = [];
    const runner = await startProjection({ source: store, checkpoints, projection, batchSize: 2, onError: (e) => errors.push(e) });
    const error = await rejectionOf(runner.caughtUp);
    expect(errors).toEqual([error]);
    expect(isProjectionRunnerError(error, 'projection_handler_failed')).toBe(true);
    const second = (await store.readAll())[1]?.position;
    expect(runner.position()).toBe(second);
    expect(await checkpoints.load('flaky')).toBe(second);
    // Rebuilding needs reset(): a projection without it is refused, changing nothing.
    await expect(rebuildProjection({ source: store, checkpoints, projection })).rejects.toSatisfy((e: unknown) => isProjectionRunnerError(e, 'projection_options_invalid'));
    expect(await checkpoints.load('flaky')).toBe(second);
  });

  it('rebuilds an idempotent projection: reset, forget the checkpoint, replay', async () => {
    const clock = new TestClock();
    const book = await openTestBook(store, clock);
    await runScript(book, clock);
    const checkpoints = createInMemoryCheckpointStore();
    const projection = ledgerReadModelProjection(() => new LedgerReadModel());
    const runner = await startProjection({ source: store, checkpoints, projection });
    await runner.caughtUp;
    await runner.stop();
    const before = projection.model();
    const rebuilt = await rebuildProjection({ source: store, checkpoints, projection, batchSize: 2 });
    await rebuilt.caughtUp;
    await rebuilt.stop();
    expect(projection.model()).not.toBe(before);
    expect(projection.model().balances()).toEqual(before.balances());
  });

  it('checkpoints in SQL survive a restart (positions beyond 64 bits included)', async () => {
    const db = await sqliteTestDatabase();
    try {
      const checkpoints = createSqlCheckpointStore(db.database);
      expect(await checkpoints.load('a')).toBe('start');
      await checkpoints.save('a', 2n ** 100n);
      await checkpoints.save('b', 7n);
      await checkpoints.save('b', 9n);
      const reopened = createSqlCheckpointStore(await db.reopen());
      expect(await reopened.load('a')).toBe(2n ** 100n);
      expect(await reopened.load('b')).toBe(9n);
      await reopened.reset('a');
      expect(await checkpoints.load('a')).toBe('start');
    } finally {
      await db.teardown();
    }
  });

  it('rejects bad options with a typed error, starting nothing', async () => {
    const checkpoints = createInMemoryCheckpointStore();
    const projection: IdempotentProjection = { name: 'p', handle: () => undefined };
    const bad = [
      { source: store, checkpoints, projection, batchSize: 0 },
      { source: store, checkpoints, projection, batchSize: 1.5 },
      { source: store, checkpoints, projection, pollIntervalMs: -1 },
      { source: store, checkpoints, projection: { ...projection, name: '' } },
      { source: store, checkpoints: undefined as unknown as ReturnType<typeof createInMemoryCheckpointStore>, projection },
      { source: store, database: undefined as unknown as SqlDatabase, projection: { name: 'q', setUp: async () => {}, reset: async () => {}, handle: async () => {} } },
    ];
    for (const options of bad) {
      await expect(startProjection(options)).rejects.toSatisfy((e: unknown) => isProjectionRunnerError(e, 'projection_options_invalid'));
    }
  });
});
