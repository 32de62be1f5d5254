/**
 * The cross-book transfer saga across two processes on one PostgreSQL database. Each child
 * process is the single writer of one book; each requests the planned transfers its customers
 * pay, and runs the saga processor, which takes the steps of its book as the other records its
 * own. The test waits until every saga is terminal, stops both, and checks in this process: every
 * saga completed or failed, each book's trial balance is zero, money is conserved across books,
 * the clearing accounts net to zero, no hold is left pending, and each saga's postings match its end.
 *
 * The children run as plain JavaScript: `sagaBookProcess.ts` is bundled once with esbuild.
 * Needs PostgreSQL (`describePostgres`: skipped with a notice when unreachable, required under CI=true).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Book, decimalToMinor, minorToDecimal, type EventStore, type PostingRecord } from '@ecoledger/ledger';
import { createPostgresEventStore } from '@ecoledger/ledger/postgres';
import { describePostgres, postgresTestSchema, type PostgresTestSchema } from '@ecoledger/ledger/testing';
import { clearingPositions } from '../../packages/products/src/routing/crossBookTransfer/clearingPositions.js';
import { transferStream } from '../../packages/products/src/routing/crossBookTransfer/transferEvents.js';
import { transferIdsOf } from '../../packages/products/src/routing/crossBookTransfer/transferIds.js';
import { ROUTED_LEDGER, ROUTED_SCALE } from '../../packages/products/test-kit/routedBooks.js';
import { bundleChild } from '../support/childBundle.js';
import { customersOf, FUNDING, sagaBooks, sagaTransfers, type SagaBook } from './sagaPlan.js';

const here = dirname(fileURLToPath(import.meta.url));
const transferCount = 40;
const seed = 20261202;
/** Liveness bound, not a timing assertion: a stuck saga fails the test instead of hanging it. */
const terminalDeadlineMs = 90_000;

let workDir: string;
let bundle: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'ecoledger-saga-'));
  bundle = join(workDir, 'bookProcess.mjs');
  await bundleChild(join(here, 'sagaBookProcess.ts'), workDir, bundle, ['pg', 'pg-native', 'better-sqlite3']);
});

afterAll(async () => {
  if (workDir !== undefined) await rm(workDir, { recursive: true, force: true });
});

interface BookProcess {
  readonly child: ChildProcess;
  readonly saw: (line: string) => Promise<void>;
  readonly stop: () => Promise<{ code: number | null; stderr: string }>;
  readonly stderr: () => string;
}

const startBookProcess = (schema: PostgresTestSchema, book: SagaBook): BookProcess => {
  const child = spawn(process.execPath, [bundle, schema.connectionString, schema.schema, book, String(transferCount), String(seed)], { stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let stderr = '';
  let buffered = '';
  const listeners = new Set<() => void>();
  child.stdout?.setEncoding('utf8');
  child.stderr?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    buffered += chunk;
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    lines.push(...parts);
    for (const listener of [...listeners]) listener();
  });
  child.stderr?.on('data', (chunk: string) => {
    stderr += chunk;
  });
  const closed = new Promise<{ code: number | null; stderr: string }>((resolveClosed) => {
    child.on('close', (code) => {
      resolveClosed({ code, stderr });
      for (const listener of [...listeners]) listener();
    });
  });
  const saw = (prefix: string): Promise<void> =>
    new Promise((resolveSaw, rejectSaw) => {
      const check = (): void => {
        if (lines.some((line) => line.startsWith(prefix))) {
          listeners.delete(check);
          resolveSaw();
        } else if (child.exitCode !== null) {
          listeners.delete(check);
          rejectSaw(new Error(`${book} exited before "${prefix}": ${stderr}`));
        }
      };
      listeners.add(check);
      check();
    });
  return {
    child,
    saw,
    stderr: () => stderr,
    stop: async () => {
      if (child.exitCode === null) child.stdin?.end('stop\n');
      return closed;
    },
  };
};

const amountOf = (record: PostingRecord | undefined): string | undefined => (record !== undefined && 'amount' in record ? record.amount : undefined);

const sleep = (ms: number): Promise<void> => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));

type Ending = { readonly status: 'completed' } | { readonly status: 'failed'; readonly stage: string; readonly code: string } | { readonly status: 'running' };

const endingOf = async (store: EventStore, transferId: string): Promise<Ending> => {
  const events = await store.readStream(transferStream(transferId));
  const last = events[events.length - 1];
  if (last?.type === 'TransferCompleted') return { status: 'completed' };
  if (last?.type === 'TransferFailed') {
    const data = last.data as { stage: string; code: string };
    return { status: 'failed', stage: data.stage, code: data.code };
  }
  return { status: 'running' };
};

describePostgres('cross-book transfer saga on PostgreSQL, two processes', () => {
  it('ends every saga, conserves money across books and nets the clearing accounts', async () => {
    const schema = await postgresTestSchema();
    const store = await createPostgresEventStore({ connectionString: schema.connectionString, schema: schema.schema, max: 2 });
    const processes = sagaBooks.map((book) => startBookProcess(schema, book));
    try {
      await Promise.all(processes.map((process) => process.saw('requested')));
      const transfers = sagaTransfers(transferCount, seed);
      const deadline = Date.now() + terminalDeadlineMs;
      let endings: Ending[] = [];
      for (;;) {
        endings = await Promise.all(transfers.map((transfer) => endingOf(store, transfer.transferId)));
        if (endings.every((ending) => ending.status !== 'running') || Date.now() > deadline) break;
        await sleep(200);
      }
      const stopped = await Promise.all(processes.map((process) => process.stop()));
      for (const [index, { code, stderr }] of stopped.entries()) expect(code, `${sagaBooks[index]} exited: ${stderr}`).toBe(0);
      const running = transfers.filter((_, index) => endings[index]!.status === 'running').map((transfer) => transfer.transferId);
      expect(running, 'sagas still running at the deadline').toEqual([]);

      const books = Object.fromEntries(await Promise.all(sagaBooks.map(async (book) => [book, await Book.open({ store, bookId: book, snapshotEvery: 0 })] as const))) as Record<SagaBook, Book>;
      const minor = (value: string): bigint => decimalToMinor(value, ROUTED_SCALE);
      for (const book of sagaBooks) {
        const accounts = books[book].accounts();
        const sum = (field: 'debitsPosted' | 'creditsPosted' | 'debitsPending' | 'creditsPending'): bigint => accounts.reduce((total, account) => total + minor(account[field]), 0n);
        expect(sum('debitsPosted'), `${book} trial balance`).toBe(sum('creditsPosted'));
        expect(sum('debitsPending'), `${book} pending`).toBe(0n);
        expect(sum('creditsPending'), `${book} pending`).toBe(0n);
        expect(books[book].openHoldsPage().items, `${book} open holds`).toEqual([]);
      }

      const balances = Object.fromEntries(sagaBooks.map((book) => [book, books[book].accounts()]));
      const clearing = clearingPositions(balances, ROUTED_LEDGER, ROUTED_SCALE);
      expect(clearing.pairs).toHaveLength(1);
      expect(clearing.nets, JSON.stringify(clearing.pairs)).toBe(true);
      // Customers hold what they were funded with, plus what clearing says their books are owed.
      const customerTotal = sagaBooks.flatMap((book) => books[book].accounts().filter((account) => account.id.startsWith('wallet:'))).reduce((total, account) => total + minor(account.balance), 0n);
      const funded = minor(FUNDING) * BigInt(sagaBooks.reduce((count, book) => count + customersOf[book].length, 0));
      const clearingTotal = minor(clearing.pairs[0]!.position) + minor(clearing.pairs[0]!.counterpartyPosition);
      expect(minorToDecimal(customerTotal, ROUTED_SCALE)).toBe(minorToDecimal(funded + clearingTotal, ROUTED_SCALE));

      // Each saga's postings match its end.
      let moved = 0n;
      for (const [index, transfer] of transfers.entries()) {
        const ending = endings[index]!;
        const ids = transferIdsOf(transfer.transferId);
        const [from, to] = [transfer.fromAccountId.startsWith('wallet:a') ? 'b1' : 'b2', transfer.fromAccountId.startsWith('wallet:a') ? 'b2' : 'b1'] as [SagaBook, SagaBook];
        if (ending.status === 'completed') {
          expect(books[from].holdStatus(ids.holdId), transfer.transferId).toBe('posted');
          expect(amountOf(books[to].transfer(ids.creditId)), transfer.transferId).toBe(amountOf(books[from].transfer(ids.holdId)));
          if (from === 'b1') moved += minor(transfer.amount);
        } else {
          expect(books[to].transfer(ids.creditId), transfer.transferId).toBeUndefined();
          expect(books[from].holdStatus(ids.holdId) ?? 'never held', transfer.transferId).not.toBe('pending');
          expect(books[from].holdStatus(ids.holdId) ?? 'never held', transfer.transferId).not.toBe('posted');
        }
      }
      expect(endings.filter((ending) => ending.status === 'completed').length).toBeGreaterThan(0);
      const codes = new Set(endings.flatMap((ending) => (ending.status === 'failed' ? [`${ending.stage}:${ending.code}`] : [])));
      for (const expected of ['debit:insufficient_funds', 'credit:credit_account_already_closed', 'credit:credit_account_not_found']) expect(codes).toContain(expected);
      expect(minor(books.b1.account('bank:b1:clearing:b2')!.creditsPosted)).toBe(moved);
      console.info(
        `cross-book saga on PostgreSQL: ${transfers.length} transfers, ${endings.filter((e) => e.status === 'completed').length} completed, failures ${[...codes].join(', ')}`,
      );
    } finally {
      await Promise.all(processes.map((process) => process.stop()));
      await store.close();
      await schema.drop();
    }
  });
});
