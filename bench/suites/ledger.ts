/**
 * The ledger through its full public pipeline: validate, decide, append (with the hash chain),
 * update the book, and update a balances read model fed from the store's events. Cases: batch
 * sizes 1, 100 and 8,000 in memory, two-phase (holds then posts), linked chains, a hot account,
 * the same at batch 8,000 on SQLite (fsync per batch) and PostgreSQL, a replay of 1,000,000
 * stored transfers, and heap bytes per account and per pending transfer. Ratios to the bare loop
 * (and to the Emmett peer) are computed on the same workload in the same run.
 */
import {
  AccountBalancesProjection,
  Book,
  createInMemoryEventStore,
  decodeLedgerEvent,
  isLedgerEventType,
  type EventStore,
  type RecordedEvent,
} from '@ecoledger/ledger';
import { measure, type BenchResult, type MeasureOptions } from '../harness.js';
import { bareLoopTransfersPerSec } from './baseline.js';
import { collect, discardingStore, heapAfterGc } from './heap.js';
import { postgresReachable, storeFactories } from './eventStores.js';
import { emmettInMemoryTransfersPerSec, emmettPostgresTransfersPerSec } from './peer.js';
import { accountId, toTransferInput, transferWorkload, type WorkloadTransfer } from './workload.js';

/** A balances read model kept up to date from the store, as a separate reporting process would. */
class BalancesFollower {
  private readonly projection = new AccountBalancesProjection();
  private after: bigint | 'start' = 'start';

  constructor(private readonly store: EventStore) {}

  async catchUp(): Promise<void> {
    for (;;) {
      const page: RecordedEvent[] = await this.store.readAll({ after: this.after, maxCount: 10_000 });
      for (const event of page) {
        if (isLedgerEventType(event.type)) this.projection.apply(decodeLedgerEvent(event));
        this.after = event.position;
      }
      if (page.length < 10_000) return;
    }
  }

  balance(id: string): string | undefined {
    return this.projection.balanceOf(id)?.balance;
  }
}

interface LedgerRig {
  readonly book: Book;
  readonly follower: BalancesFollower;
  readonly dispose: () => Promise<void>;
}

const unwrap = <T>(outcome: { _tag: 'Left'; left: Error } | { _tag: 'Right'; right: T }): T => {
  if (outcome._tag === 'Left') throw outcome.left;
  return outcome.right;
};

/** A book with `accounts` open accounts (no balance guards, so no transfer is refused). */
const ledgerRig = async (store: EventStore, dispose: () => Promise<void>, accounts: number): Promise<LedgerRig> => {
  const book = await Book.open({ store, bookId: 'bench', snapshotEvery: 0 });
  unwrap(await book.defineLedgers([{ id: 'cny', asset: { code: 'CNY', scale: 2 } }]));
  for (let i = 0; i < accounts; i += 8_000) {
    const batch = Array.from({ length: Math.min(8_000, accounts - i) }, (_, k) => ({ id: accountId(i + k), ledger: 'cny', code: 2011, type: 'liability' }));
    unwrap(await book.openAccounts(batch as never));
  }
  const follower = new BalancesFollower(store);
  await follower.catchUp();
  return { book, follower, dispose };
};

const chunk = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/** Times `batches` (each a createTransfers call followed by a read-model catch-up) on a fresh rig. */
const pipelineCase = (
  name: string,
  runs: MeasureOptions,
  makeRig: () => Promise<LedgerRig>,
  batchesOf: (rig: LedgerRig) => { items: number; batches: unknown[][] },
  notes: Record<string, string | number>,
  inFlight = 1,
) =>
  measure(
    'ledger',
    name,
    runs,
    async () => {
      const rig = await makeRig();
      const { items, batches } = batchesOf(rig);
      // `inFlight` calls are started together (the book commits them as one group) and awaited together.
      const groups = chunk(batches, inFlight);
      return {
        ops: items,
        steps: groups.map((group) => async () => {
          for (const outcome of await Promise.all(group.map((batch) => rig.book.createTransfers(batch as never)))) {
            const results = unwrap(outcome);
            if (results.some((r) => r.result !== 'ok')) throw new Error(`a bench transfer was refused: ${results.find((r) => r.result !== 'ok')?.result}`);
          }
          await rig.follower.catchUp();
        }),
        tearDown: rig.dispose,
      };
    },
    { ...notes, ...(inFlight > 1 ? { callsInFlight: inFlight } : {}) },
  );

const memoryRig = (accounts: number) => async () => ledgerRig(createInMemoryEventStore(), async () => {}, accounts);

/** Holds for every transfer of a workload, then posts of all of them. */
const twoPhase = (workload: readonly WorkloadTransfer[], batch: number) => [
  ...chunk(workload.map((t) => ({ ...toTransferInput(t), flags: { pending: true }, timeout: 3600 })), batch),
  ...chunk(workload.map((t) => ({ id: `${t.id}-post`, pendingId: t.id, code: 1, flags: { postPendingTransfer: true } })), batch),
];

/** Chains of four linked transfers. */
const linkedChains = (workload: readonly WorkloadTransfer[], batch: number) =>
  chunk(
    workload.map((t, i) => ({ ...toTransferInput(t), ...(i % 4 === 3 ? {} : { flags: { linked: true } }) })),
    batch,
  );

/** Heap bytes per open account and per pending transfer, by difference. */
const memoryCases = async (accounts: number, holds: number, log: (line: string) => void): Promise<BenchResult[]> => {
  const gc = collect();
  // A store that keeps nothing: the figure is the book's own state, not the log's copy of it.
  const discard = discardingStore();
  const before = heapAfterGc(gc);
  const book = await Book.open({ store: discard, bookId: 'memory', snapshotEvery: 0 });
  unwrap(await book.defineLedgers([{ id: 'cny', asset: { code: 'CNY', scale: 2 } }]));
  for (let i = 0; i < accounts; i += 8_000) {
    unwrap(await book.openAccounts(Array.from({ length: Math.min(8_000, accounts - i) }, (_, k) => ({ id: accountId(i + k), ledger: 'cny', code: 2011, type: 'liability' }))));
  }
  const withAccounts = heapAfterGc(gc);
  const workload = transferWorkload({ accounts, transfers: holds, seed: 7 });
  for (const batch of chunk(workload.map((t) => ({ ...toTransferInput(t), flags: { pending: true }, timeout: 3600 })), 8_000)) {
    unwrap(await book.createTransfers(batch));
  }
  const withHolds = heapAfterGc(gc);
  const perAccount = Math.round((withAccounts - before) / accounts);
  const perHold = Math.round((withHolds - withAccounts) / holds);
  log(`  heap: ${perAccount} bytes per open account, ${perHold} bytes per pending transfer`);
  if (book.accounts().length !== accounts) throw new Error('accounts missing');
  return [
    { suite: 'ledger.memory', case: `heap bytes per open account (${accounts.toLocaleString('en-US')} accounts)`, opsPerSec: 0, p50Ms: 0, p99Ms: 0, runs: 1, notes: { bytesPerAccount: perAccount, target: 256 } },
    { suite: 'ledger.memory', case: `heap bytes per pending transfer (${holds.toLocaleString('en-US')} holds)`, opsPerSec: 0, p50Ms: 0, p99Ms: 0, runs: 1, notes: { bytesPerPendingTransfer: perHold } },
  ];
};

/** Rebuilds balances from stored transfers: the book itself (Book.open) and a balances projection. */
const replayCases = async (accounts: number, transfers: number, baseline: number, runs: MeasureOptions, log: (line: string) => void): Promise<BenchResult[]> => {
  const store = createInMemoryEventStore();
  const rig = await ledgerRig(store, async () => {}, accounts);
  const workload = transferWorkload({ accounts, transfers, seed: 11 });
  for (const batch of chunk(workload.map(toTransferInput), 8_000)) unwrap(await rig.book.createTransfers(batch));
  log(`  stored ${transfers.toLocaleString('en-US')} transfers for the replay`);
  const expected = rig.book.account(accountId(0))?.balance;
  const book = await measure('ledger.replay', `Book.open from ${transfers.toLocaleString('en-US')} stored transfers (full book state)`, runs, async () => ({
    ops: transfers,
    steps: [
      async () => {
        const replayed = await Book.open({ store, bookId: 'bench', snapshotEvery: 0 });
        if (replayed.account(accountId(0))?.balance !== expected) throw new Error('replay disagrees');
      },
    ],
  }));
  const projection = await measure('ledger.replay', `balances projection from ${transfers.toLocaleString('en-US')} stored transfers`, runs, async () => ({
    ops: transfers,
    steps: [
      async () => {
        const follower = new BalancesFollower(store);
        await follower.catchUp();
        if (follower.balance(accountId(0)) !== expected) throw new Error('projection disagrees');
      },
    ],
  }));
  return [book, projection].map((r) => ({ ...r, notes: { ...r.notes, bareLoop: baseline, ratioToBareLoop: Number((r.opsPerSec / baseline).toFixed(2)), target: '>= 0.80' } }));
};

/** Runs the ledger suite. */
export const ledgerSuite = async (quick: boolean, log: (line: string) => void): Promise<BenchResult[]> => {
  const accounts = quick ? 10_000 : 100_000;
  const runs = quick ? { warmup: 0, runs: 1 } : { warmup: 1, runs: 3 };
  const results: BenchResult[] = [];
  const report = (r: BenchResult) => {
    results.push(r);
    log(`  ${r.suite} ${r.case}: ${r.opsPerSec.toLocaleString('en-US')} /s${r.notes?.['ratioToBareLoop'] === undefined ? '' : ` (${r.notes['ratioToBareLoop']} of bare loop)`}`);
  };

  const big = quick ? 16_000 : 40_000;
  const workload = transferWorkload({ accounts, transfers: big, seed: 1 });
  const bare = await bareLoopTransfersPerSec(accounts, workload, { runs: quick ? { warmup: 0, runs: 1 } : { warmup: 2, runs: 5 } });
  log(`  bare loop on the same workload: ${bare.toLocaleString('en-US')} transfers/s`);
  const ratio = (r: BenchResult, target: string) => ({ ...r, notes: { ...r.notes, bareLoop: bare, ratioToBareLoop: Number((r.opsPerSec / bare).toFixed(2)), target } });

  for (const [batch, count] of [
    [1, quick ? 500 : 5_000],
    [100, quick ? 2_000 : 20_000],
    [8_000, big],
  ] as const) {
    const r = await pipelineCase(`in-memory batch ${batch.toLocaleString('en-US')}, ${accounts.toLocaleString('en-US')} accounts`, runs, memoryRig(accounts), () => ({
      items: count,
      batches: chunk(workload.slice(0, count).map(toTransferInput), batch),
    }), { accounts, batch, transfers: count });
    report(batch === 8_000 ? ratio(r, '>= 0.50 of bare loop') : batch === 1 ? { ...r, notes: { ...r.notes, target: '>= 100,000/s' } } : r);
  }
  const single = quick ? 500 : 5_000;
  report(
    await pipelineCase(
      `in-memory batch 1, 1,000 calls in flight (group commit), ${accounts.toLocaleString('en-US')} accounts`,
      runs,
      memoryRig(accounts),
      () => ({ items: single, batches: chunk(workload.slice(0, single).map(toTransferInput), 1) }),
      { accounts, batch: 1, transfers: single, target: '>= 100,000/s' },
      1_000,
    ),
  );
  report(
    await pipelineCase('in-memory two-phase (hold, then post), batch 8,000', runs, memoryRig(accounts), () => ({
      items: big,
      batches: twoPhase(workload.slice(0, big / 2), 8_000),
    }), { accounts, holds: big / 2, posts: big / 2, counted: 'holds + posts' }),
  );
  report(
    await pipelineCase('in-memory linked chains of 4, batch 8,000', runs, memoryRig(accounts), () => ({ items: big, batches: linkedChains(workload, 8_000) }), { accounts, chain: 4 }),
  );
  const hot = transferWorkload({ accounts, transfers: big, seed: 3, hotAccount: true });
  report(
    ratio(
      await pipelineCase('in-memory hot account (account 0 on every transfer), batch 8,000', runs, memoryRig(accounts), () => ({ items: big, batches: chunk(hot.map(toTransferInput), 8_000) }), { accounts }),
      'reference',
    ),
  );

  // Durable stores at batch 8,000.
  const factories = storeFactories();
  const durable = ['sqlite'];
  const pg = await postgresReachable();
  if (pg) durable.push('postgres');
  else log('  PostgreSQL not reachable: skipping the PostgreSQL ledger case');
  const singles = transferWorkload({ accounts: 10_000, transfers: quick ? 300 : 2_000, seed: 5 });
  for (const kind of durable) {
    for (const inFlight of [1, 1_000]) {
      report(
        await pipelineCase(
          `${kind} batch 1${inFlight > 1 ? ', 1,000 calls in flight (group commit)' : ', one call at a time'}`,
          { warmup: 0, runs: 1 },
          async () => {
            const { store, dispose } = await factories[kind]!();
            return ledgerRig(store, dispose, 10_000);
          },
          () => ({ items: singles.length, batches: chunk(singles.map(toTransferInput), 1) }),
          { accounts: 10_000 },
          inFlight,
        ),
      );
    }
    report(
      ratio(
        await pipelineCase(`${kind} batch 8,000, ${accounts.toLocaleString('en-US')} accounts`, quick ? runs : { warmup: 0, runs: 3 }, async () => {
          const { store, dispose } = await factories[kind]!();
          return ledgerRig(store, dispose, accounts);
        }, () => ({ items: big, batches: chunk(workload.map(toTransferInput), 8_000) }), { accounts, target: kind === 'sqlite' ? '>= 150,000/s' : '>= 50,000/s' }),
        kind === 'sqlite' ? '>= 150,000/s' : '>= 50,000/s',
      ),
    );
  }

  // The peer, same workload shape, in the same run.
  const peerAccounts = quick ? 1_000 : 20_000;
  const peerTransfers = quick ? 300 : 2_000;
  const peerMemory = await emmettInMemoryTransfersPerSec({ accounts: peerAccounts, transfers: peerTransfers });
  const ours = results.find((r) => r.case.startsWith('in-memory batch 8,000'))!;
  log(`  emmett in-memory at ${peerAccounts.toLocaleString('en-US')} accounts: ${peerMemory.toLocaleString('en-US')} transfers/s`);
  results.push({
    suite: 'ledger.peer',
    case: `ours in memory / emmett in memory (${peerAccounts.toLocaleString('en-US')} accounts for emmett)`,
    opsPerSec: peerMemory,
    p50Ms: 0,
    p99Ms: 0,
    runs: 1,
    notes: { ours: ours.opsPerSec, peer: peerMemory, ratio: Number((ours.opsPerSec / peerMemory).toFixed(1)) },
  });
  if (pg) {
    const pgAccounts = quick ? 500 : 5_000;
    const peerPg = await emmettPostgresTransfersPerSec({ accounts: pgAccounts, transfers: quick ? 200 : 2_000 });
    const oursPg = results.find((r) => r.case.startsWith('postgres batch 8,000'))!;
    log(`  emmett postgres at ${pgAccounts.toLocaleString('en-US')} accounts: ${peerPg.toLocaleString('en-US')} transfers/s`);
    results.push({
      suite: 'ledger.peer',
      case: `ours on PostgreSQL / emmett on PostgreSQL (${pgAccounts.toLocaleString('en-US')} accounts for emmett)`,
      opsPerSec: peerPg,
      p50Ms: 0,
      p99Ms: 0,
      runs: 1,
      notes: { ours: oursPg.opsPerSec, peer: peerPg, ratio: Number((oursPg.opsPerSec / peerPg).toFixed(1)), target: '>= 10' },
    });
  }

  const replayTransfers = quick ? 40_000 : 1_000_000;
  const replayBare = await bareLoopTransfersPerSec(accounts, replayTransfers, { runs: quick ? { warmup: 0, runs: 1 } : { warmup: 1, runs: 3 } });
  for (const r of await replayCases(accounts, replayTransfers, replayBare, quick ? runs : { warmup: 0, runs: 3 }, log)) report(r);
  results.push(...(await memoryCases(quick ? 20_000 : 1_000_000, quick ? 5_000 : 200_000, log)));
  return results;
};
