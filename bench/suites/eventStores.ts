/**
 * Event store throughput per adapter: appends at batch sizes 1, 100 and 8,000 to book-like
 * streams with the expected revision checked, one `appendMany` over 10,000 new streams (a close of
 * business), and catch-up reads of the whole log through a
 * subscription. PostgreSQL runs in its own schema, dropped afterwards; it is skipped (and said so)
 * when the server is unreachable.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInMemoryEventStore, type EventEnvelope, type EventStore } from '@ecoledger/ledger';
import { createPostgresEventStore, defaultPostgresUrl, openPostgresDatabase } from '@ecoledger/ledger/postgres';
import { createSqliteEventStore } from '@ecoledger/ledger/sqlite';
import { measure, type BenchResult } from '../harness.js';

/** A store under test and how to dispose of it. */
interface Subject {
  readonly store: EventStore;
  readonly dispose: () => Promise<void>;
}

/** How to make a fresh, empty store of each kind. */
export const storeFactories = (): Record<string, () => Promise<Subject>> => ({
  memory: async () => ({ store: createInMemoryEventStore(), dispose: async () => {} }),
  sqlite: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecoledger-bench-'));
    const store = await createSqliteEventStore({ path: join(dir, 'bench.db') });
    return {
      store,
      dispose: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  postgres: async () => {
    const schema = `ecoledger_bench_${process.pid}_${Math.floor(Math.random() * 1e9)}`;
    const store = await createPostgresEventStore({ connectionString: defaultPostgresUrl(), schema });
    return {
      store,
      dispose: async () => {
        await store.close();
        const db = await openPostgresDatabase(defaultPostgresUrl());
        await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await db.close();
      },
    };
  },
});

/** True when PostgreSQL answers. */
export const postgresReachable = async (): Promise<boolean> => {
  try {
    const db = await openPostgresDatabase(defaultPostgresUrl());
    await db.query('SELECT 1');
    await db.close();
    return true;
  } catch {
    return false;
  }
};

const metadata = {
  correlationId: 'bench',
  causationId: 'bench',
  tenant: 'bench',
  actor: 'bench',
  channel: 'system' as const,
  occurredAt: '2026-01-01T00:00:00.000Z',
};

/** An event shaped like one transfer record of a ledger batch (about 300 bytes of JSON). */
const transferEvent = (n: number): EventEnvelope => ({
  id: randomUUID(),
  type: 'TransferRecorded',
  version: 1,
  data: {
    id: `t-${n}`,
    debitAccountId: `acct-${n % 1000}`,
    creditAccountId: `acct-${(n * 7 + 1) % 1000}`,
    amount: `${(n % 100000) + 1}.25`,
    ledger: 'cny',
    code: 1,
    flags: [],
    timestamp: `${1_767_225_600_000_000_000n + BigInt(n)}`,
  },
  metadata,
});

/** Append throughput of one adapter at one batch size. */
const appendCase = (kind: string, make: () => Promise<Subject>, batch: number, total: number, runs: { warmup: number; runs: number }) =>
  measure(
    'eventStore.append',
    `${kind} batch ${batch}`,
    runs,
    async () => {
      const { store, dispose } = await make();
      const batches = Math.max(1, Math.floor(total / batch));
      const prepared = Array.from({ length: batches }, (_, b) => Array.from({ length: batch }, (_, i) => transferEvent(b * batch + i)));
      let revision: bigint | 'no_stream' = 'no_stream';
      return {
        ops: batches * batch,
        steps: prepared.map((events) => async () => {
          const result = await store.append('bench-book', events, revision);
          revision = result.nextExpectedRevision;
        }),
        tearDown: dispose,
      };
    },
    { batch, events: Math.max(1, Math.floor(total / batch)) * batch },
  );

/** Catch-up read throughput: a subscription from the start until it has caught up. */
const catchUpCase = (kind: string, make: () => Promise<Subject>, events: number, runs: { warmup: number; runs: number }) =>
  measure(
    'eventStore.catchUp',
    `${kind} ${events} events`,
    runs,
    async () => {
      const { store, dispose } = await make();
      for (let b = 0; b * 8000 < events; b++) {
        await store.append(`bench-${b}`, Array.from({ length: Math.min(8000, events - b * 8000) }, (_, i) => transferEvent(b * 8000 + i)), 'no_stream');
      }
      return {
        ops: events,
        steps: [
          async () => {
            let seen = 0;
            const subscription = store.subscribe({ onEvent: () => void seen++, batchSize: 1000 });
            await subscription.caughtUp;
            await subscription.stop();
            if (seen !== events) throw new Error(`catch-up delivered ${seen} of ${events} events`);
          },
        ],
        tearDown: dispose,
      };
    },
    { events },
  );

/**
 * Whether an append costs the same however long the log already is: 8,000-event batches appended
 * one after another to a growing log, with the latency of each batch (the suite's former timed
 * test, moved here: tests assert no wall-clock bounds).
 */
const growingLogCase = (kind: string, make: () => Promise<Subject>, batches: number, runs: { warmup: number; runs: number }) =>
  measure(
    'eventStore.append',
    `${kind} batch 8000 into a log growing to ${batches * 8_000} events`,
    runs,
    async () => {
      const { store, dispose } = await make();
      const prepared = Array.from({ length: batches }, (_, b) => Array.from({ length: 8_000 }, (_, i) => transferEvent(b * 8_000 + i)));
      return {
        ops: batches * 8_000,
        steps: prepared.map((events, b) => async () => {
          await store.append(`bench-${b % 3}`, events, 'any');
        }),
        tearDown: dispose,
      };
    },
    { batch: 8_000, batches },
  );

/**
 * A close of business: one `appendMany` writing one event to each of `streams` contract streams,
 * all new, in one call (one transaction on the atomic stores). Ops are events (= streams).
 */
const appendManyCase = (kind: string, make: () => Promise<Subject>, streams: number, runs: { warmup: number; runs: number }) =>
  measure(
    'eventStore.appendMany',
    `${kind} ${streams.toLocaleString('en-US')} streams × 1 event`,
    runs,
    async () => {
      const { store, dispose } = await make();
      const appends = Array.from({ length: streams }, (_, i) => ({ stream: `contract-${i}`, events: [transferEvent(i)], expectedRevision: 'no_stream' as const }));
      return {
        ops: streams,
        steps: [
          async () => {
            const result = await store.appendMany(appends);
            if (result.streams.length !== streams) throw new Error(`appendMany wrote ${result.streams.length} of ${streams} streams`);
          },
        ],
        tearDown: dispose,
      };
    },
    { streams, eventsPerStream: 1 },
  );

/** Runs the event store suite. */
export const eventStoreSuite = async (quick: boolean, log: (line: string) => void): Promise<BenchResult[]> => {
  const factories = storeFactories();
  const kinds = ['memory', 'sqlite'];
  if (await postgresReachable()) kinds.push('postgres');
  else log(`PostgreSQL not reachable at ${defaultPostgresUrl()}: skipping the PostgreSQL cases`);
  const runs = quick ? { warmup: 0, runs: 1 } : { warmup: 1, runs: 5 };
  const results: BenchResult[] = [];
  for (const kind of kinds) {
    const make = factories[kind]!;
    for (const [batch, total] of quick
      ? ([[1, 200], [100, 2_000], [8_000, 8_000]] as const)
      : ([[1, 2_000], [100, 20_000], [8_000, 40_000]] as const)) {
      results.push(await appendCase(kind, make, batch, total, runs));
      log(`  ${results.at(-1)!.case}: ${results.at(-1)!.opsPerSec} events/s`);
    }
    results.push(await catchUpCase(kind, make, quick ? 5_000 : 100_000, runs));
    log(`  ${results.at(-1)!.case}: ${results.at(-1)!.opsPerSec} events/s`);
    results.push(await appendManyCase(kind, make, quick ? 1_000 : 10_000, runs));
    log(`  ${results.at(-1)!.case}: ${results.at(-1)!.opsPerSec} events/s, ${results.at(-1)!.p50Ms} ms per call`);
  }
  // In memory only: the SQL stores' append cost is the database's, measured above.
  const growing = await growingLogCase('memory', factories['memory']!, quick ? 4 : 12, runs);
  results.push(growing);
  log(`  ${growing.case}: ${growing.opsPerSec} events/s, p50 ${growing.p50Ms} ms, p99 ${growing.p99Ms} ms per batch (a p99 far above the p50 would mean appends slow down as the log grows; the first batch also warms up)`);
  return results;
};
