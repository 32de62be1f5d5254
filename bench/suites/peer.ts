/**
 * The peer: the same transfer workload built the way a user would build it without us, with
 * Emmett 0.42 — one stream per account (`account-<id>`), a decider per account (state: balance as
 * a bigint; commands Debit/Credit; events Debited/Credited with the amount as a string of minor
 * units), and a transfer = a Debit command on the source stream, then a Credit command on the
 * target stream, each through `DeciderCommandHandler` (read the stream, decide, append with the
 * read version as the expected version: optimistic concurrency). Accounts are opened first
 * (untimed) with an OpenAccount command each, so every account's stream exists, like the ledger's
 * opened accounts. Note the peer's transfer is not atomic: a crash between the two commands leaves
 * a debit without its credit (Emmett has no multi-stream append; a user would need a workflow).
 *
 * Runs on Emmett's in-memory store and on its PostgreSQL store, in a throwaway database
 * (`ecoledger_bench_emmett_<pid>_<n>`, created and dropped here): emmett-postgresql always creates
 * its tables in the connection's default schema, so a database is the clean unit to throw away.
 */
import {
  DeciderCommandHandler,
  getInMemoryEventStore,
  IllegalStateError,
  isExpectedVersionConflictError,
  ValidationError,
  type Command,
  type CommandHandlerRetryOptions,
  type Event,
  type EventStore,
} from '@event-driven-io/emmett';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { defaultPostgresUrl } from '@ecoledger/ledger/postgres';
import pg from 'pg';
import { measure, type BenchResult, type MeasureOptions } from '../harness.js';
import { accountId, transferWorkload, type WorkloadTransfer } from './workload.js';

// ---------------------------------------------------------------------------------------------
// The account decider, as a user would write it.

type OpenAccount = Command<'OpenAccount', { accountId: string }>;
type Debit = Command<'Debit', { transferId: string; amount: bigint }>;
type Credit = Command<'Credit', { transferId: string; amount: bigint }>;
type AccountCommand = OpenAccount | Debit | Credit;

type AccountOpened = Event<'AccountOpened', { accountId: string }>;
type Debited = Event<'Debited', { transferId: string; amount: string }>;
type Credited = Event<'Credited', { transferId: string; amount: string }>;
type AccountEvent = AccountOpened | Debited | Credited;

/** Balance in minor units, credit-normal (credits minus debits). */
interface AccountState {
  readonly opened: boolean;
  readonly balance: bigint;
}

const initialState = (): AccountState => ({ opened: false, balance: 0n });

const decide = (command: AccountCommand, state: AccountState): AccountEvent => {
  switch (command.type) {
    case 'OpenAccount':
      if (state.opened) throw new IllegalStateError(`account ${command.data.accountId} is already open`);
      return { type: 'AccountOpened', data: { accountId: command.data.accountId } };
    case 'Debit':
    case 'Credit': {
      if (!state.opened) throw new IllegalStateError('account is not open');
      if (command.data.amount <= 0n) throw new ValidationError(`amount must be positive, got ${command.data.amount}`);
      const data = { transferId: command.data.transferId, amount: command.data.amount.toString() };
      return command.type === 'Debit' ? { type: 'Debited', data } : { type: 'Credited', data };
    }
  }
};

const evolve = (state: AccountState, event: AccountEvent): AccountState => {
  switch (event.type) {
    case 'AccountOpened':
      return { opened: true, balance: 0n };
    case 'Debited':
      return { ...state, balance: state.balance - BigInt(event.data.amount) };
    case 'Credited':
      return { ...state, balance: state.balance + BigInt(event.data.amount) };
  }
};

/** Emmett's decider command handler for one account stream. */
const handleAccount = DeciderCommandHandler({ decide, evolve, initialState, mapToStreamId: (id) => `account-${id}` });

/** Retries on a version conflict (only concurrent runs conflict), with short back-offs, counting them. */
const conflictRetry = (onConflict: () => void): CommandHandlerRetryOptions => ({
  onVersionConflict: {
    retries: 50,
    minTimeout: 1,
    maxTimeout: 20,
    factor: 1.5,
    shouldRetryError: isExpectedVersionConflictError,
    onRetry: onConflict,
  },
});

/** One transfer: debit the source stream, then credit the target stream. */
const applyTransfer = async <S extends EventStore>(store: S, t: WorkloadTransfer, retry?: CommandHandlerRetryOptions): Promise<void> => {
  const data = { transferId: t.id, amount: t.amount };
  const options = retry === undefined ? undefined : { retry };
  await handleAccount(store, accountId(t.debit), { type: 'Debit', data }, options);
  await handleAccount(store, accountId(t.credit), { type: 'Credit', data }, options);
};

/** Runs `work` over `items` with at most `concurrency` in flight. */
const inParallel = async <T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> => {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
};

// ---------------------------------------------------------------------------------------------
// Stores.

/** An Emmett store under test and how to dispose of it. */
interface PeerSubject {
  readonly store: EventStore;
  readonly dispose: () => Promise<void>;
}

let databases = 0;

/** Runs one statement on the configured server's admin connection (database-level DDL). */
const adminQuery = async (sql: string): Promise<void> => {
  const client = new pg.Client({ connectionString: defaultPostgresUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
};

/**
 * Drops a throwaway database once its connections are gone. Not WITH (FORCE) straight away:
 * pg-pool's end() resolves before the server has closed the sockets, and a backend killed by a
 * forced drop then sends an error to an already-ended pool client, which crashes the process.
 */
const dropDatabase = async (name: string): Promise<void> => {
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      await adminQuery(`DROP DATABASE IF EXISTS ${name}`);
      return;
    } catch (error) {
      // 55006 object_in_use: sessions are still closing.
      if ((error as { code?: unknown }).code !== '55006') throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
};

const inMemorySubject = async (): Promise<PeerSubject> => ({ store: getInMemoryEventStore(), dispose: async () => {} });

/** Emmett's PostgreSQL store in a fresh database, dropped on dispose. */
const postgresSubject = async (): Promise<PeerSubject> => {
  const name = `ecoledger_bench_emmett_${process.pid}_${++databases}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(defaultPostgresUrl());
  url.pathname = `/${name}`;
  const store = getPostgreSQLEventStore(url.toString());
  return {
    store,
    dispose: async () => {
      await store.close();
      await dropDatabase(name);
    },
  };
};

/** True when PostgreSQL answers. */
const postgresReachable = async (): Promise<boolean> => {
  try {
    await adminQuery('SELECT 1');
    return true;
  } catch {
    return false;
  }
};

// ---------------------------------------------------------------------------------------------
// Measuring.

/** Options of the peer functions. */
export interface PeerOptions {
  readonly accounts: number;
  /** Transfers per timed run. */
  readonly transfers: number;
  /** Workload seed (default 1, the ledger suite's default). */
  readonly seed?: number;
  readonly hotAccount?: boolean;
  /** Untimed and timed runs (default 0 + 1); each run applies the next `transfers` of the workload to the same store. */
  readonly runs?: MeasureOptions;
  /** Transfers in flight at once (default 1: one after the other). Above 1, version conflicts are retried. */
  readonly concurrency?: number;
}

/** Accounts opened in parallel while setting up (different streams: no conflicts). */
const OPEN_CONCURRENCY = 8;

const peerCase = async (kind: 'in-memory' | 'postgres', make: () => Promise<PeerSubject>, options: PeerOptions): Promise<BenchResult> => {
  const { accounts, transfers, seed = 1, hotAccount = false, runs = { warmup: 0, runs: 1 }, concurrency = 1 } = options;
  const subject = await make();
  try {
    const opened = process.hrtime.bigint();
    const ids = Array.from({ length: accounts }, (_, i) => accountId(i));
    await inParallel(ids, OPEN_CONCURRENCY, async (id) => {
      await handleAccount(subject.store, id, { type: 'OpenAccount', data: { accountId: id } });
    });
    const openSeconds = Number(process.hrtime.bigint() - opened) / 1e9;
    // One workload across the runs: each run continues where the previous one stopped.
    const workload = transferWorkload({ accounts, transfers: transfers * (runs.warmup + runs.runs), seed, hotAccount });
    let cursor = 0;
    let conflicts = 0;
    const retry = concurrency > 1 ? conflictRetry(() => void conflicts++) : undefined;
    const name = `${kind} ${accounts.toLocaleString('en-US')} accounts${hotAccount ? ', hot account' : ''}${concurrency > 1 ? `, ${concurrency} in flight` : ''}`;
    const result = await measure(
      'peer',
      `emmett ${name}`,
      runs,
      async () => {
        const slice = workload.slice(cursor, cursor + transfers);
        cursor += transfers;
        // Sequential: one step per transfer (latency = one transfer). Concurrent: one step per
        // `concurrency` transfers started together (latency = the slowest of the group).
        const groups: WorkloadTransfer[][] = [];
        for (let i = 0; i < slice.length; i += concurrency) groups.push(slice.slice(i, i + concurrency));
        return {
          ops: slice.length,
          steps: groups.map((group) => async () => {
            await Promise.all(group.map((t) => applyTransfer(subject.store, t, retry)));
          }),
        };
      },
      {
        accounts,
        transfersPerRun: transfers,
        concurrency,
        seed,
        openAccountsSeconds: Number(openSeconds.toFixed(2)),
        store: kind === 'postgres' ? 'emmett-postgresql getPostgreSQLEventStore, throwaway database' : 'emmett getInMemoryEventStore',
        // Account 0's stream grows by one event per transfer and every command re-reads its whole
        // stream (no snapshots), so the hot case slows down the longer it runs.
        ...(hotAccount ? { hotAccount: 'account 0 on every transfer; its whole stream is re-read per command' } : {}),
      },
    );
    await checkBalanced(subject.store, accounts, workload.slice(0, cursor));
    return concurrency > 1 ? { ...result, notes: { ...result.notes, versionConflictsRetried: conflicts } } : result;
  } finally {
    await subject.dispose();
  }
};

/** Proves the peer did the work: every account's balance equals what the applied workload implies. */
const checkBalanced = async (store: EventStore, accounts: number, applied: readonly WorkloadTransfer[]): Promise<void> => {
  const expected = new Array<bigint>(accounts).fill(0n);
  for (const t of applied) {
    expected[t.debit]! -= t.amount;
    expected[t.credit]! += t.amount;
  }
  // Spot-check a few accounts (reading all would dominate the runtime on PostgreSQL).
  for (const i of [0, 1, Math.floor(accounts / 2), accounts - 1]) {
    const { state } = await store.aggregateStream<AccountState, AccountEvent>(`account-${accountId(i)}`, { evolve, initialState });
    if (state.balance !== expected[i]) throw new Error(`peer balance of ${accountId(i)} is ${state.balance}, expected ${expected[i]}`);
  }
};

/** Median transfers/s of the Emmett peer on Emmett's in-memory store (one transfer at a time). */
export const emmettInMemoryTransfersPerSec = async (options: PeerOptions): Promise<number> =>
  (await peerCase('in-memory', inMemorySubject, options)).opsPerSec;

/** Median transfers/s of the Emmett peer on Emmett's PostgreSQL store, in a throwaway database. */
export const emmettPostgresTransfersPerSec = async (options: PeerOptions): Promise<number> =>
  (await peerCase('postgres', postgresSubject, options)).opsPerSec;

/** Runs the peer suite at account counts where Emmett finishes in reasonable time. */
export const peerSuite = async (quick: boolean, log: (line: string) => void): Promise<BenchResult[]> => {
  const runs = quick ? { warmup: 0, runs: 1 } : { warmup: 1, runs: 3 };
  const results: BenchResult[] = [];
  const report = (r: BenchResult) => {
    results.push(r);
    log(`  ${r.case}: ${r.opsPerSec.toLocaleString('en-US')} transfers/s (open accounts ${r.notes?.['openAccountsSeconds']} s)`);
  };
  const memoryCases: PeerOptions[] = quick
    ? [{ accounts: 100, transfers: 200, runs }]
    : [
        { accounts: 1_000, transfers: 5_000, runs },
        { accounts: 20_000, transfers: 1_000, runs },
        { accounts: 1_000, transfers: 2_000, runs, hotAccount: true },
      ];
  for (const options of memoryCases) report(await peerCase('in-memory', inMemorySubject, options));
  if (!(await postgresReachable())) {
    log(`PostgreSQL not reachable at ${defaultPostgresUrl()}: skipping the Emmett PostgreSQL cases`);
    return results;
  }
  const postgresCases: PeerOptions[] = quick
    ? [
        { accounts: 100, transfers: 50, runs },
        { accounts: 100, transfers: 50, runs, concurrency: 8 },
      ]
    : [
        { accounts: 1_000, transfers: 1_000, runs },
        { accounts: 10_000, transfers: 1_000, runs },
        { accounts: 10_000, transfers: 2_000, runs, concurrency: 8 },
      ];
  for (const options of postgresCases) report(await peerCase('postgres', postgresSubject, options));
  return results;
};
