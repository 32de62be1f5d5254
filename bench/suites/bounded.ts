/**
 * Bounded state: heap, snapshot size and `Book.open` time as history grows tenfold (1M -> 10M
 * postings; `--quick`: 20,000 -> 200,000) at constant accounts and open holds, with a period
 * closed every 1M postings (quick: 20,000). The book runs on SQLite (event store and closed-posting
 * index in one database, `synchronous = NORMAL`). Each figure is taken on a book freshly opened
 * from the latest snapshot, right after a close; the case passes when 10x the history costs at
 * most 20% more. A contrast row shows the same growth without closes (at the quick sizes).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { Book, bookStreams, createInMemoryClosedPostingIndex, createInMemoryEventStore, createSqlClosedPostingIndex, type ClosedPostingIndex, type EventStore } from '@ecoledger/ledger';
import { createSqliteEventStore, openSqliteDatabase } from '@ecoledger/ledger/sqlite';
import { measure, type BenchResult } from '../harness.js';

const BATCH = 8_000;

const unwrap = <T>(outcome: { _tag: 'Left'; left: Error } | { _tag: 'Right'; right: T }): T => {
  if (outcome._tag === 'Left') throw outcome.left;
  return outcome.right;
};

const collect = (): (() => void) => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
};

const heapAfterGc = (gc: () => void): number => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
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

/** Heap of a book freshly opened from the latest snapshot, that snapshot's size, and the median open time. */
const figures = async (store: EventStore, index: ClosedPostingIndex, gc: () => void, suite: string, label: string): Promise<{ figures: Figures; result: BenchResult }> => {
  const [latest] = await store.readStream(bookStreams('bounded').snapshots, { direction: 'backwards', maxCount: 1 });
  const snapshotBytes = Buffer.byteLength(JSON.stringify(latest?.data ?? null));
  const warm = await Book.open({ store, bookId: 'bounded', closedPostings: index, snapshotEvery: 0 });
  const before = heapAfterGc(gc);
  const opened = await Book.open({ store, bookId: 'bounded', closedPostings: index, snapshotEvery: 0 });
  const heapBytes = heapAfterGc(gc) - before;
  if (opened.accounts().length !== warm.accounts().length) throw new Error('reopened book differs');
  const result = await measure(suite, `Book.open after ${label}`, { warmup: 2, runs: 9 }, async () => ({
    ops: 1,
    steps: [
      async () => {
        await Book.open({ store, bookId: 'bounded', closedPostings: index, snapshotEvery: 0 });
      },
    ],
  }));
  return { figures: { heapBytes, snapshotBytes, openMs: result.p50Ms }, result: { ...result, notes: { heapBytes, snapshotBytes } } };
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

/** A store that keeps nothing: heap differences are the book's own state, not the log's copy. */
const discardingStore = (): EventStore => {
  let position = 0n;
  const revisions = new Map<string, bigint>();
  return {
    append: async (stream, events) => {
      const revision = (revisions.get(stream) ?? -1n) + BigInt(events.length);
      revisions.set(stream, revision);
      position += BigInt(events.length);
      return { nextExpectedRevision: revision, position };
    },
    readStream: async () => [],
    streamRevision: async (stream) => revisions.get(stream) ?? 'no_stream',
    readAll: async () => [],
    subscribe: () => {
      throw new Error('not used');
    },
    close: async () => {},
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
  const database = openSqliteDatabase(join(dir, 'book.db'), { synchronous: 'NORMAL' });
  try {
    const store = await createSqliteEventStore({ database });
    const index = createSqlClosedPostingIndex(database);
    const book = await seed(store, index, accounts, holds);
    const label = (n: number) => `${n.toLocaleString('en-US')} postings (${accounts.toLocaleString('en-US')} accounts, ${holds.toLocaleString('en-US')} open holds)`;
    const started = process.hrtime.bigint();
    await grow(book, accounts, 0, small, period);
    const first = await figures(store, index, gc, 'bounded', label(small));
    log(`  ${label(small)}: heap ${first.figures.heapBytes} B, snapshot ${first.figures.snapshotBytes} B, open ${first.figures.openMs} ms`);
    await grow(book, accounts, small, large, period);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const second = await figures(store, index, gc, 'bounded', label(large));
    log(`  ${label(large)}: heap ${second.figures.heapBytes} B, snapshot ${second.figures.snapshotBytes} B, open ${second.figures.openMs} ms`);
    results.push(first.result, second.result);
    results.push({
      suite: 'bounded',
      case: `writing ${large.toLocaleString('en-US')} postings with a close every ${period.toLocaleString('en-US')} (SQLite, batch ${BATCH})`,
      opsPerSec: Math.round(large / seconds),
      p50Ms: 0,
      p99Ms: 0,
      runs: 1,
    });
    const ratios = ratioRow('bounded', 'with period closes', first.figures, second.figures, `${small.toLocaleString('en-US')} -> ${large.toLocaleString('en-US')}`);
    log(`  ratios: ${JSON.stringify(ratios.notes)}`);
    results.push(ratios);
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }

  // Contrast: the same growth (quick sizes) without closes, in memory: the state keeps every id.
  const store = createInMemoryEventStore();
  const index = createInMemoryClosedPostingIndex();
  const book = await seed(store, index, 1_000, 100);
  await grow(book, 1_000, 0, 20_000, undefined);
  await book.snapshot();
  const before = await figures(store, index, gc, 'bounded.noClose', '20,000 postings without closes');
  await grow(book, 1_000, 20_000, 200_000, undefined);
  await book.snapshot();
  const after = await figures(store, index, gc, 'bounded.noClose', '200,000 postings without closes');
  const contrast = ratioRow('bounded.noClose', 'without closes', before.figures, after.figures, '20,000 -> 200,000');
  log(`  without closes: ${JSON.stringify(contrast.notes)}`);
  results.push(before.result, after.result, contrast);
  results.push(...(await sizingCases(quick ? 20_000 : 200_000, gc, log)));
  return results;
};
