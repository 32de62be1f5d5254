/**
 * Bounded state: heap, snapshot size and `Book.open` time as history grows tenfold (1M -> 10M
 * postings; `--quick`: 20,000 -> 200,000) at constant accounts and open holds, with a period
 * closed every 1M postings (quick: 20,000). Two books are grown, one to each size, on SQLite
 * (event store and closed-posting index in one database per book, `synchronous = NORMAL`). Each
 * figure is taken on a book freshly opened from the latest snapshot, right after a close; opens
 * of the two books alternate so that load changes on a shared machine hit both alike. Flat means
 * 10x the history costs at most 20% more. A contrast row shows the same growth without closes
 * (at the quick sizes), and sizing rows give the per-item figures of ARCHITECTURE.md.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Book, bookStreams, createInMemoryClosedPostingIndex, createInMemoryEventStore, createSqlClosedPostingIndex, type ClosedPostingIndex, type EventStore } from '@ecoledger/ledger';
import { createSqliteEventStore, openSqliteDatabase } from '@ecoledger/ledger/sqlite';
import type { BenchResult } from '../harness.js';
import { collect, discardingStore, heapAfterGc } from './heap.js';

const BATCH = 8_000;

const unwrap = <T>(outcome: { _tag: 'Left'; left: Error } | { _tag: 'Right'; right: T }): T => {
  if (outcome._tag === 'Left') throw outcome.left;
  return outcome.right;
};

const account = (i: number) => `acc-${i}`;

/** A book with `accounts` accounts and `holds` open holds (no timeout: they carry through every close). */
const seed = async (store: EventStore, index: ClosedPostingIndex, accounts: number, holds: number): Promise<Book> => {
  const book = await Book.open({ store, bookId: 'bounded', closedPostings: index, snapshotEvery: 0 });
  unwrap(await book.defineLedgers([{ id: 'cny', asset: { code: 'CNY', scale: 2 } }]));
  for (let i = 0; i < accounts; i += BATCH) {
    unwrap(await book.openAccounts(Array.from({ length: Math.min(BATCH, accounts - i) }, (_, k) => ({ id: account(i + k), ledger: 'cny', code: 1, type: 'liability' }))));
  }
  for (let i = 0; i < holds; i += BATCH) {
    unwrap(
      await book.createTransfers(
        Array.from({ length: Math.min(BATCH, holds - i) }, (_, k) => ({ id: `hold-${i + k}`, debitAccountId: account((i + k) % accounts), creditAccountId: account((i + k + 1) % accounts), amount: '1.00', code: 1, flags: { pending: true } })),
      ),
    );
  }
  return book;
};

/** Appends postings `from..to` (plain transfers among the accounts), closing a period every `period` when asked. */
const grow = async (book: Book, accounts: number, from: number, to: number, period: number | undefined): Promise<void> => {
  for (let n = from; n < to; ) {
    const size = Math.min(BATCH, to - n, period === undefined ? BATCH : period - (n % period));
    const batch = Array.from({ length: size }, (_, k) => {
      const i = n + k;
      const debit = i % accounts;
      return { id: `p-${i}`, debitAccountId: account(debit), creditAccountId: account((debit + 1 + (i % 7)) % accounts), amount: '1.00', code: 1 };
    });
    const results = unwrap(await book.createTransfers(batch));
    if (results.some((r) => r.result !== 'ok')) throw new Error(`posting refused: ${results.find((r) => r.result !== 'ok')?.result}`);
    n += size;
    if (period !== undefined && n % period === 0) {
      unwrap(await book.closePeriod());
      await book.snapshot();
    }
  }
};

interface Figures {
  readonly heapBytes: number;
  readonly snapshotBytes: number;
  readonly openMs: number;
}

/** A grown book's store and index. */
interface Rig {
  readonly store: EventStore;
  readonly index: ClosedPostingIndex;
  readonly label: string;
}

const openRig = (rig: Rig): Promise<Book> => Book.open({ store: rig.store, bookId: 'bounded', closedPostings: rig.index, snapshotEvery: 0 });

/** Heap of a book freshly opened from the latest snapshot, and that snapshot's size. */
const sizeOf = async (rig: Rig, gc: () => void): Promise<{ heapBytes: number; snapshotBytes: number }> => {
  const [latest] = await rig.store.readStream(bookStreams('bounded').snapshots, { direction: 'backwards', maxCount: 1 });
  const snapshotBytes = Buffer.byteLength(JSON.stringify(latest?.data ?? null));
  const warm = await openRig(rig);
  // Several books held at once, averaged: one book's state is small enough at the quick sizes
  // for the noise of a single difference to matter.
  const copies = 4;
  const before = heapAfterGc(gc);
  const opened: Book[] = [];
  for (let i = 0; i < copies; i++) opened.push(await openRig(rig));
  const heapBytes = Math.round((heapAfterGc(gc) - before) / copies);
  if (opened.some((book) => book.accounts().length !== warm.accounts().length)) throw new Error('reopened book differs');
  return { heapBytes, snapshotBytes };
};

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const quantile = (values: number[], q: number): number => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))] ?? 0;

/**
 * The figures of two rigs, with `Book.open` timed alternately (small, large, small, ...) so that a
 * change of load on a shared machine hits both alike.
 */
const compareRigs = async (suite: string, small: Rig, large: Rig, gc: () => void): Promise<{ small: Figures; large: Figures; results: BenchResult[] }> => {
  // Heap: a warm-up round (the first book opened in the process allocates lazily compiled code
  // and caches), then the median of three alternating rounds.
  const heaps: [number[], number[]] = [[], []];
  const snapshots: number[] = [];
  for (let round = 0; round < 4; round++) {
    for (const [i, rig] of [small, large].entries()) {
      const { heapBytes, snapshotBytes } = await sizeOf(rig, gc);
      if (round > 0) heaps[i as 0 | 1].push(heapBytes);
      snapshots[i] = snapshotBytes;
    }
  }
  const sizes = [0, 1].map((i) => ({ heapBytes: median(heaps[i as 0 | 1]), snapshotBytes: snapshots[i]! }));
  const times: [number[], number[]] = [[], []];
  const rounds = 11;
  for (let round = 0; round < rounds + 2; round++) {
    for (const [i, rig] of [small, large].entries()) {
      const started = process.hrtime.bigint();
      await openRig(rig);
      if (round >= 2) times[i as 0 | 1].push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  }
  const figuresOf = (i: 0 | 1): Figures => ({ ...sizes[i]!, openMs: Number(median(times[i]).toFixed(3)) });
  const resultOf = (i: 0 | 1, rig: Rig): BenchResult => ({
    suite,
    case: `Book.open after ${rig.label}`,
    opsPerSec: Math.round(1000 / median(times[i])),
    p50Ms: Number(median(times[i]).toFixed(3)),
    p99Ms: Number(quantile(times[i], 0.99).toFixed(3)),
    runs: rounds,
    notes: { ...sizes[i]! },
  });
  return { small: figuresOf(0), large: figuresOf(1), results: [resultOf(0, small), resultOf(1, large)] };
};

const ratioRow = (suite: string, name: string, small: Figures, large: Figures, growth: string): BenchResult => {
  const ratio = (a: number, b: number) => Number((b / a).toFixed(3));
  const heap = ratio(small.heapBytes, large.heapBytes);
  const snapshot = ratio(small.snapshotBytes, large.snapshotBytes);
  const open = ratio(small.openMs, large.openMs);
  return {
    suite,
    case: `${name}: ${growth} ratios (heap, snapshot, open)`,
    opsPerSec: 0,
    p50Ms: 0,
    p99Ms: 0,
    runs: 1,
    notes: { heapRatio: heap, snapshotRatio: snapshot, openRatio: open, flatWithin20pct: heap <= 1.2 && snapshot <= 1.2 && open <= 1.2 ? 'yes' : 'no' },
  };
};

/**
 * Sizing figures for ARCHITECTURE.md: heap bytes per open-period posting and per failed id, the
 * heap a close gives back, SQLite bytes per closed id in the index (file pages, by difference),
 * and how long closing a period of `count` postings takes (writing them to the index).
 */
const sizingCases = async (count: number, gc: () => void, log: (line: string) => void): Promise<BenchResult[]> => {
  const dir = mkdtempSync(join(tmpdir(), 'ecoledger-sizing-'));
  const database = openSqliteDatabase(join(dir, 'index.db'), { synchronous: 'NORMAL' });
  try {
    const index = createSqlClosedPostingIndex(database);
    const book = await seed(discardingStore(), index, 1_000, 0);
    const pages = (): number => {
      const { raw } = database;
      raw.pragma('wal_checkpoint(TRUNCATE)');
      return (raw.pragma('page_count', { simple: true }) as number) * (raw.pragma('page_size', { simple: true }) as number);
    };
    await index.completedPeriods('bounded');
    const timedClose = async (): Promise<{ ms: number; bytes: number }> => {
      const before = pages();
      const started = process.hrtime.bigint();
      unwrap(await book.closePeriod());
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      return { ms, bytes: pages() - before };
    };
    const empty = heapAfterGc(gc);
    await grow(book, 1_000, 0, count, undefined);
    const withPostings = heapAfterGc(gc);
    const postingsClose = await timedClose();
    const afterClose = heapAfterGc(gc);
    for (let n = 0; n < count; n += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, count - n) }, (_, k) => ({ id: `f-${n + k}`, debitAccountId: account(0), creditAccountId: 'nobody', amount: '1.00', code: 1 }));
      unwrap(await book.createTransfers(batch));
    }
    const withFailures = heapAfterGc(gc);
    const failedClose = await timedClose();
    const perPosting = Math.round((withPostings - empty) / count);
    const released = Math.round((withPostings - afterClose) / count);
    const perFailed = Math.round((withFailures - afterClose) / count);
    const indexPerPosting = Math.round(postingsClose.bytes / count);
    const indexPerFailed = Math.round(failedClose.bytes / count);
    log(
      `  sizing: heap ${perPosting} B per open-period posting (${released} B given back by the close), ${perFailed} B per failed id; ` +
        `SQLite index ${indexPerPosting} B per closed posting, ${indexPerFailed} B per closed failed id; closing ${count.toLocaleString('en-US')} postings took ${Math.round(postingsClose.ms)} ms`,
    );
    const row = (name: string, notes: Record<string, number>, opsPerSec = 0): BenchResult => ({ suite: 'bounded.sizing', case: name, opsPerSec, p50Ms: 0, p99Ms: 0, runs: 1, notes });
    const n = count.toLocaleString('en-US');
    return [
      row(`heap bytes per open-period posting (${n} postings)`, { bytesPerPosting: perPosting, releasedByClose: released }),
      row(`heap bytes per failed id of the open period (${n} ids)`, { bytesPerFailedId: perFailed }),
      row(`SQLite index bytes per closed id (${n} postings, ${n} failed ids)`, { bytesPerClosedPosting: indexPerPosting, bytesPerClosedFailedId: indexPerFailed }),
      row(`closePeriod of ${n} postings (SQLite index, ids/s)`, { closeMs: Math.round(postingsClose.ms) }, Math.round(count / (postingsClose.ms / 1000))),
    ];
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
};

/** The suite; see the module comment. */
export const boundedSuite = async (quick: boolean, log: (line: string) => void): Promise<BenchResult[]> => {
  const gc = collect();
  const accounts = quick ? 1_000 : 10_000;
  const holds = quick ? 100 : 1_000;
  const period = quick ? 20_000 : 1_000_000;
  const [small, large] = quick ? [20_000, 200_000] : [1_000_000, 10_000_000];
  const results: BenchResult[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'ecoledger-bounded-'));
  const databases: { close: () => Promise<void> }[] = [];
  const label = (n: number) => `${n.toLocaleString('en-US')} postings (${accounts.toLocaleString('en-US')} accounts, ${holds.toLocaleString('en-US')} open holds)`;
  try {
    /** A SQLite book grown to `postings`, closing a period every `period`; returns its rig and the write rate. */
    const sqliteRig = async (name: string, postings: number): Promise<{ rig: Rig; perSecond: number }> => {
      const database = openSqliteDatabase(join(dir, `${name}.db`), { synchronous: 'NORMAL' });
      databases.push(database);
      const store = await createSqliteEventStore({ database });
      const index = createSqlClosedPostingIndex(database);
      const book = await seed(store, index, accounts, holds);
      const started = process.hrtime.bigint();
      await grow(book, accounts, 0, postings, period);
      const perSecond = Math.round(postings / (Number(process.hrtime.bigint() - started) / 1e9));
      log(`  grew ${label(postings)} at ${perSecond.toLocaleString('en-US')} postings/s`);
      return { rig: { store, index, label: label(postings) }, perSecond };
    };
    const first = await sqliteRig('small', small);
    const second = await sqliteRig('large', large);
    const compared = await compareRigs('bounded', first.rig, second.rig, gc);
    for (const [which, f] of [['small', compared.small], ['large', compared.large]] as const) {
      log(`  ${which === 'small' ? first.rig.label : second.rig.label}: heap ${f.heapBytes} B, snapshot ${f.snapshotBytes} B, open ${f.openMs} ms`);
    }
    results.push(...compared.results);
    results.push({
      suite: 'bounded',
      case: `writing ${large.toLocaleString('en-US')} postings with a close every ${period.toLocaleString('en-US')} (SQLite, batch ${BATCH})`,
      opsPerSec: second.perSecond,
      p50Ms: 0,
      p99Ms: 0,
      runs: 1,
    });
    const ratios = ratioRow('bounded', 'with period closes', compared.small, compared.large, `${small.toLocaleString('en-US')} -> ${large.toLocaleString('en-US')}`);
    log(`  ratios: ${JSON.stringify(ratios.notes)}`);
    results.push(ratios);
  } finally {
    for (const database of databases) await database.close();
    rmSync(dir, { recursive: true, force: true });
  }

  // Contrast: the same growth (quick sizes) without closes, in memory: the state keeps every id.
  const memoryRig = async (postings: number): Promise<Rig> => {
    const store = createInMemoryEventStore();
    const index = createInMemoryClosedPostingIndex();
    const book = await seed(store, index, 1_000, 100);
    await grow(book, 1_000, 0, postings, undefined);
    await book.snapshot();
    return { store, index, label: `${postings.toLocaleString('en-US')} postings without closes` };
  };
  const contrast = await compareRigs('bounded.noClose', await memoryRig(20_000), await memoryRig(200_000), gc);
  const contrastRatios = ratioRow('bounded.noClose', 'without closes', contrast.small, contrast.large, '20,000 -> 200,000');
  log(`  without closes: ${JSON.stringify(contrastRatios.notes)}`);
  results.push(...contrast.results, contrastRatios);
  results.push(...(await sizingCases(quick ? 20_000 : 200_000, gc, log)));
  return results;
};
