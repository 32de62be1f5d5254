/**
 * Close of business over N demand-deposit accounts (N = 100,000; 2,000 with `--quick`), in memory
 * and on SQLite (a temp file): the accounts are opened and funded untimed (see demandAccounts.ts),
 * then each timed run is one `runCloseOfBusiness` over all N accounts for the next business date
 * (accrual basis: one `InterestAccrued` event and one posting per account). Also timed: a second
 * run of a date already closed (answered from its progress stream), and the resume path, where
 * every contract already holds the date's events but the progress stream is missing (a copy of the
 * contract streams without it), so every contract is read. Throughput is accounts per second.
 */
import { createInMemoryEventStore, type EventEnvelope, type EventStore, type RecordedEvent } from '@ecoledger/ledger';
import {
  addDays,
  businessDate,
  demandDepositSchemas,
  runCloseOfBusiness,
  type CloseOfBusinessOptions,
  type DemandDepositCommand,
  type DemandDepositEvent,
  type DemandDepositState,
  type PostingPort,
  type ProductsError,
} from '@ecoledger/products';
import { measure, type BenchResult, type MeasureOptions } from '../harness.js';
import { makeBenchStore } from './benchStores.js';
import { storeFloorCases } from './storeFloor.js';
import { DEMAND_DEPOSIT_PRODUCT, OPENED_ON, benchDecider, benchEffects, checkAgainstHandler, contractStream, openBankBook, openFundedAccounts } from './demandAccounts.js';

const SUITE = 'products';

interface Rig {
  readonly store: EventStore;
  readonly port: PostingPort;
  readonly contracts: readonly string[];
  /** Dates closed so far, in order. */
  readonly closed: string[];
  readonly dispose: () => Promise<void>;
}

const makeStore = (kind: 'memory' | 'sqlite') => makeBenchStore(kind, 'cob');

const openRig = async (kind: 'memory' | 'sqlite', accounts: number): Promise<Rig> => {
  const { store, dispose } = await makeStore(kind);
  const { book, port } = await openBankBook(store);
  const contracts = Array.from({ length: accounts }, (_, i) => contractStream(i));
  await openFundedAccounts(store, book, port, contracts);
  return { store, port, contracts, closed: [], dispose };
};

const commandsFor = (date: string) => (state: DemandDepositState): readonly DemandDepositCommand[] =>
  state.status === 'open' ? [{ type: 'AccrueInterest', through: date }] : [];

type StateCache = NonNullable<CloseOfBusinessOptions<DemandDepositCommand, DemandDepositEvent, DemandDepositState, ProductsError>['cache']>;

/**
 * The contract-state cache a service keeps between nightly runs. The package's own
 * `contractStateCache` (closeOfBusiness/contractStateCache.ts) is not exported from its index yet;
 * this is the same thing without the entry bound, which 100,000 contracts do not reach.
 */
const stateCache = (): StateCache => {
  const entries = new Map<string, Parameters<StateCache['set']>[1]>();
  return { get: (stream) => entries.get(stream), set: (stream, entry) => void entries.set(stream, entry), bind: () => undefined, get size() { return entries.size; } };
};

const cob = (store: EventStore, port: PostingPort, contracts: readonly string[], date: string, cache?: StateCache) =>
  runCloseOfBusiness({
    ...(cache === undefined ? {} : { cache }),
    store,
    port,
    decider: benchDecider,
    schemas: demandDepositSchemas,
    effects: benchEffects,
    clock: () => new Date(`${date}T16:00:00.000Z`),
    product: DEMAND_DEPOSIT_PRODUCT,
    date,
    contracts,
    commandsFor: commandsFor(date),
  });

/** A port that must not be called: the resume case finds every posting's event already done. */
const unusedPort: PostingPort = new Proxy({} as PostingPort, {
  get: () => () => Promise.reject(new Error('the resume case must not reach the ledger')),
});

/** The contract streams of `source` (without any close-of-business progress stream) in a fresh store. */
const copyContracts = async (source: EventStore, kind: 'memory' | 'sqlite') => {
  const target = await makeStore(kind);
  let after: bigint | 'start' = 'start';
  for (;;) {
    const page: RecordedEvent[] = await source.readAll({ after, maxCount: 10_000 });
    const byStream = new Map<string, EventEnvelope[]>();
    for (const event of page) {
      after = event.position;
      if (!event.streamName.startsWith('deposit-demand-')) continue;
      const { id, type, version, data, metadata } = event;
      const list = byStream.get(event.streamName) ?? [];
      list.push({ id, type, version, data, metadata });
      byStream.set(event.streamName, list);
    }
    if (byStream.size > 0) await target.store.appendMany([...byStream].map(([stream, events]) => ({ stream, events, expectedRevision: 'any' as const })));
    if (page.length < 10_000) return target;
  }
};

const storeCases = async (kind: 'memory' | 'sqlite', accounts: number, runs: MeasureOptions, log: (line: string) => void): Promise<BenchResult[]> => {
  const started = Date.now();
  const rig = await openRig(kind, accounts);
  log(`  ${kind}: ${accounts.toLocaleString('en-US')} accounts opened and funded in ${((Date.now() - started) / 1000).toFixed(1)} s (untimed)`);
  const notes = { accounts, store: kind, chunkSize: 1000 };
  const results: BenchResult[] = [];
  let next = businessDate(OPENED_ON);

  const cache = stateCache();
  const firstRun = (label: string, options: MeasureOptions, withCache: boolean) =>
    measure(SUITE, `close of business, ${kind}, first run of a date, ${label}, ${accounts.toLocaleString('en-US')} accounts`, options, async () => {
      const date = next;
      next = addDays(next, 1);
      return {
        ops: accounts,
        steps: [
          async () => {
            const report = await cob(rig.store, rig.port, rig.contracts, date, withCache ? cache : undefined);
            if (report.events !== accounts || report.postings !== accounts || report.refused.length > 0) throw new Error(`unexpected report ${JSON.stringify(report)}`);
            rig.closed.push(date);
          },
        ],
      };
    }, { ...notes, stateCache: withCache ? 'kept between runs' : 'none' });
  // Without a cache first: every contract is read, decoded and folded whole (what a restarted service does once).
  results.push(await firstRun('no state cache', runs, false));
  // The warm-up run fills the cache from the store; the timed runs read only what follows each cached revision.
  results.push(await firstRun('state cache kept between runs', runs, true));

  results.push(
    await measure(SUITE, `close of business, ${kind}, second run of a closed date`, runs, async () => ({
      ops: accounts,
      steps: [
        async () => {
          const report = await cob(rig.store, rig.port, rig.contracts, rig.closed[rig.closed.length - 1]!);
          if (!report.alreadyCompleted) throw new Error('the second run did not find the date completed');
        },
      ],
    }), notes),
  );

  const copy = await copyContracts(rig.store, kind);
  await rig.dispose();
  const dates = [...rig.closed];
  results.push(
    await measure(SUITE, `close of business, ${kind}, resume: every contract done, no progress stream`, { warmup: Math.min(runs.warmup, dates.length - runs.runs), runs: Math.min(runs.runs, dates.length) }, async () => {
      const date = dates.shift()!;
      return {
        ops: accounts,
        steps: [
          async () => {
            const report = await cob(copy.store, unusedPort, rig.contracts, date);
            if (report.alreadyDone !== accounts || report.events !== 0) throw new Error(`unexpected resume report ${JSON.stringify(report)}`);
          },
        ],
      };
    }, notes),
  );
  await copy.dispose();
  return results;
};

/** The close-of-business cases; see the module comment. */
export const productsSuite = async (quick: boolean, log: (line: string) => void): Promise<BenchResult[]> => {
  // The batched setup must equal the real command handler's writes before anything is measured.
  await checkAgainstHandler(() => createInMemoryEventStore(), 25);
  log('  setup checked against the product command handler (25 accounts)');
  // While iterating: ECOLEDGER_BENCH_COB_ACCOUNTS=20000 ECOLEDGER_BENCH_COB_STORES=memory (the recorded numbers use the defaults).
  const accounts = Number(process.env['ECOLEDGER_BENCH_COB_ACCOUNTS'] ?? (quick ? 2_000 : 100_000));
  if (!Number.isSafeInteger(accounts) || accounts < 1) throw new Error('ECOLEDGER_BENCH_COB_ACCOUNTS must be a positive integer');
  const stores = (process.env['ECOLEDGER_BENCH_COB_STORES'] ?? 'memory,sqlite').split(',');
  const runs: MeasureOptions = quick ? { warmup: 0, runs: 1 } : { warmup: 1, runs: 3 };
  const results: BenchResult[] = [];
  for (const kind of ['memory', 'sqlite'] as const) {
    if (!stores.includes(kind)) continue;
    results.push(...(await storeCases(kind, accounts, runs, log)));
    // What the store alone costs for the same events: the floor under any per-contract daily accrual.
    results.push(await storeFloorCases(kind, accounts, { warmup: runs.warmup + 1, runs: runs.runs }));
  }
  return results;
};
