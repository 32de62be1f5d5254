/**
 * Ledger activity through a real `Book` over an event store, for the SQL read model tests: a
 * scripted history in phases (so tests can stop and restart between them), random histories for
 * properties, and {@link expectAgreement}, which compares the SQL model with the in-memory
 * `LedgerReadModel` and with the book itself.
 */
import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { expect } from 'vitest';
import type { EventStore } from '../../src/eventStore/eventStore.js';
import type { AccountBalance } from '../../src/ledger/accountView.js';
import { Book } from '../../src/ledger/book.js';
import type { ProjectedAccountBalance } from '../../src/projections/accountBalances.js';
import { LedgerReadModel } from '../../src/projections/ledgerReadModel.js';
import { FUNDING, opArb, RandomItems } from './randomActivity.test-support.js';
import type { SqlLedgerReadModel } from '../../src/projections/sql/sqlLedgerReadModel.js';

/** An injectable clock. */
export class TestClock {
  now = Date.parse('2026-03-01T08:00:00.000Z');
  readonly date = (): Date => new Date(this.now);
  advance(ms: number): void {
    this.now += ms;
  }
}

const instantRetry = { maxAttempts: 5, baseDelayMs: 1, jitter: () => 0.5, sleep: async () => {} };

/** Throws the error of a rejected command; returns the result codes. */
export const resultsOf = (outcome: E.Either<Error, readonly { result: string }[]>): string[] => {
  if (E.isLeft(outcome)) throw outcome.left;
  return outcome.right.map((r) => r.result);
};

export { LEDGER_ACCOUNTS } from './randomActivity.test-support.js';

/** Opens a book with a CNY (scale 2) and a JPY (scale 0) ledger and accounts of several kinds. */
export const openTestBook = async (store: EventStore, clock: TestClock, bookId = 'main'): Promise<Book> => {
  // Frequent snapshots: their events interleave with the ledger's on the global log.
  const book = await Book.open({ store, bookId, clock: clock.date, snapshotEvery: 4, retry: instantRetry });
  resultsOf(await book.defineLedgers([{ id: 'cny', asset: { code: 'CNY', scale: 2 } }, { id: 'jpy', asset: { code: 'JPY', scale: 0 } }]));
  const opened = resultsOf(
    await book.openAccounts([
      { id: 'cash', ledger: 'cny', code: 1001, type: 'asset' },
      { id: 'alice', ledger: 'cny', code: 2011, type: 'liability', flags: { debitsMustNotExceedCredits: true }, metadata: { name: 'Alice' } },
      { id: 'bob', ledger: 'cny', code: 2011, type: 'liability', flags: { debitsMustNotExceedCredits: true }, overdraftLimit: '20' },
      { id: 'income', ledger: 'cny', code: 6001, type: 'income' },
      { id: 'expense', ledger: 'cny', code: 6601, type: 'expense', flags: { creditsMustNotExceedDebits: true } },
      { id: 'vault', ledger: 'jpy', code: 1001, type: 'asset' },
      { id: 'carol', ledger: 'jpy', code: 2011, type: 'liability', flags: { debitsMustNotExceedCredits: true } },
    ]),
  );
  expect(opened.every((r) => r === 'ok')).toBe(true);
  return book;
};

/** A step of the scripted history. */
export type Phase = (book: Book, clock: TestClock) => Promise<void>;

/**
 * The scripted history: deposits, holds (posted in part, voided, expired, left open across phases),
 * a journal entry, a balancing transfer, reversals, a refused item, close and reopen.
 */
export const scriptedPhases: readonly Phase[] = [
  async (book, clock) => {
    clock.advance(1_000);
    const results = resultsOf(
      await book.createTransfers([
        { id: 't1', debitAccountId: 'cash', creditAccountId: 'alice', amount: '100.00', code: 1, userData: 'salary' },
        { id: 'h1', debitAccountId: 'alice', creditAccountId: 'bob', amount: '30', code: 2, flags: { pending: true }, timeout: 10 },
        { id: 'p1', pendingId: 'h1', amount: '20', code: 2, flags: { postPendingTransfer: true } },
        { id: 'h2', debitAccountId: 'alice', creditAccountId: 'income', amount: '5', code: 3, flags: { pending: true } },
        { id: 'v1', pendingId: 'h2', code: 3, flags: { voidPendingTransfer: true } },
        { id: 'h3', debitAccountId: 'alice', creditAccountId: 'bob', amount: '7.5', code: 2, flags: { pending: true }, timeout: 1 },
      ]),
    );
    expect(results).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
  },
  async (book, clock) => {
    clock.advance(500);
    const results = resultsOf(
      await book.createTransfers([
        { id: 'j1', code: 4, legs: [{ accountId: 'alice', side: 'debit', amount: '12' }, { accountId: 'bob', side: 'credit', amount: '10' }, { accountId: 'income', side: 'credit', amount: '2' }] },
        { id: 'b1', debitAccountId: 'bob', creditAccountId: 'alice', amount: '1000', code: 5, flags: { balancingDebit: true } },
        { id: 'y1', debitAccountId: 'vault', creditAccountId: 'carol', amount: '5000', code: 1 },
        { id: 'yh', debitAccountId: 'carol', creditAccountId: 'vault', amount: '700', code: 6, flags: { pending: true }, timeout: 3600 },
      ]),
    );
    expect(results).toEqual(['ok', 'ok', 'ok', 'ok']);
  },
  async (book, clock) => {
    clock.advance(3_000);
    expect(E.isRight(await book.expirePendingTransfers())).toBe(true); // h3 times out
    clock.advance(1_000);
    const results = resultsOf(
      await book.createTransfers([
        { id: 't2', debitAccountId: 'cash', creditAccountId: 'bob', amount: '100', code: 1 },
        { id: 'r1', reverses: 'p1' },
        { id: 'r2', reverses: 'j1' },
        { id: 'x1', debitAccountId: 'alice', creditAccountId: 'bob', amount: '1000000', code: 7 },
      ]),
    );
    expect(results.slice(0, 3)).toEqual(['ok', 'ok', 'ok']);
    expect(results[3]).not.toBe('ok');
  },
  async (book, clock) => {
    clock.advance(1_000);
    expect(resultsOf(await book.closeAccounts(['income']))).toEqual(['ok']);
    clock.advance(1_000);
    expect(resultsOf(await book.createTransfers([{ id: 'yp', pendingId: 'yh', amount: '300', code: 6, flags: { postPendingTransfer: true } }]))).toEqual(['ok']);
    clock.advance(1_000);
    expect(resultsOf(await book.reopenAccounts(['income']))).toEqual(['ok']);
    clock.advance(1_000);
    const results = resultsOf(
      await book.createTransfers([
        { id: 'f1', debitAccountId: 'alice', creditAccountId: 'income', amount: '1.25', code: 8 },
        { id: 'e1', debitAccountId: 'expense', creditAccountId: 'cash', amount: '3.10', code: 9 },
        { id: 'h4', debitAccountId: 'bob', creditAccountId: 'alice', amount: '0.99', code: 2, flags: { pending: true } },
      ]),
    );
    expect(results).toEqual(['ok', 'ok', 'ok']);
  },
];

/** Runs every scripted phase. */
export const runScript = async (book: Book, clock: TestClock, phases: readonly Phase[] = scriptedPhases): Promise<void> => {
  for (const phase of phases) await phase(book, clock);
};

/** One random command of book activity. */
export const commandArb = fc.record({
  advanceMs: fc.integer({ min: 0, max: 1_500 }),
  kind: fc.constantFrom('transfers', 'transfers', 'transfers', 'expire', 'close', 'reopen'),
  ops: fc.array(opArb, { minLength: 1, maxLength: 4 }),
  account: fc.nat(),
});
/** A random command. */
export type RandomCommand = typeof commandArb extends fc.Arbitrary<infer T> ? T : never;

/** Funds the accounts, so that most random items are accepted rather than refused. */
export const fund = async (book: Book): Promise<void> => {
  expect(resultsOf(await book.createTransfers(FUNDING))).toEqual(['ok', 'ok', 'ok', 'ok']);
};

/** Drives random commands through the book (refused items are part of the game). */
export const runRandomCommands = async (book: Book, clock: TestClock, commands: readonly RandomCommand[]): Promise<void> => {
  const items = new RandomItems();
  for (const command of commands) {
    clock.advance(command.advanceMs);
    if (command.kind === 'expire') expect(E.isRight(await book.expirePendingTransfers())).toBe(true);
    else if (command.kind === 'close' || command.kind === 'reopen') {
      const ids = [items.account(command.account)];
      resultsOf(await (command.kind === 'close' ? book.closeAccounts(ids as never) : book.reopenAccounts(ids as never)));
    } else resultsOf(await book.createTransfers(items.itemsOf(command.ops) as never));
  }
};

const strip = ({ assetCode: _code, scale: _scale, ...view }: ProjectedAccountBalance): AccountBalance => view;

/** The in-memory model of everything in `store`. */
export const memoryModelOf = async (store: EventStore): Promise<LedgerReadModel> => {
  const model = new LedgerReadModel();
  model.applyAll(await store.readAll());
  return model;
};

/**
 * Instants worth asking about: around every statement line's timestamp, before anything, far in
 * the future, and as `Date`s (`step` thins them out for slow databases).
 */
const instantsOf = (memory: LedgerReadModel, step: number): (bigint | Date)[] => {
  const stamps = new Set<bigint>();
  for (const { id } of memory.balances()) for (const line of memory.statement(id)?.lines ?? []) stamps.add(BigInt(line.timestamp));
  const sorted = [...stamps].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).filter((_, i) => i % step === 0);
  const first = sorted[0] ?? 0n;
  return [-1n, 0n, first - 1n, ...sorted.flatMap((t) => [t - 1n, t]), 10n ** 40n, new Date(Number(first / 1_000_000n) + 2_500), new Date(0)];
};

/**
 * Walks every page of a list from no cursor, checking each page against `expected` (the in-memory
 * model's page for the same request); returns the pages. Bounded: a list of n items has at most
 * n + 1 pages, so a cursor that never ends fails instead of looping.
 */
export const walkPages = async <P extends { readonly nextCursor?: string }>(
  read: (page: { limit: number; after?: string }) => Promise<P | undefined>,
  expected: (page: { limit: number; after?: string }) => P | undefined,
  limit: number,
  bound: number,
  label: string,
): Promise<P[]> => {
  const pages: P[] = [];
  let after: string | undefined;
  do {
    const request = after === undefined ? { limit } : { limit, after };
    const page = await read(request);
    expect(page, `${label} ${JSON.stringify(request)}`).toEqual(expected(request));
    if (page === undefined) return pages;
    pages.push(page);
    after = page.nextCursor;
    expect(pages.length).toBeLessThanOrEqual(bound + 1);
  } while (after !== undefined);
  return pages;
};

/**
 * The SQL model's pages must equal the in-memory model's, page by page and cursor by cursor, and
 * walking them must yield every row of the unbounded call exactly once, in order.
 */
export const expectPageAgreement = async (sql: SqlLedgerReadModel, memory: LedgerReadModel, instants: readonly (bigint | Date)[], limits: readonly number[] = [2]): Promise<void> => {
  const all = memory.balances();
  for (const limit of limits) {
    const pages = await walkPages((page) => sql.balancesPage(page), (page) => memory.balancesPage(page), limit, all.length, 'balancesPage');
    expect(pages.flatMap((page) => page.items)).toEqual(all);
    for (const instant of instants) {
      const asOf = await walkPages((page) => sql.balancesAsOfPage(instant, page), (page) => memory.balancesAsOfPage(instant, page), limit, all.length, `balancesAsOfPage ${instant}`);
      expect(asOf.flatMap((page) => page.items)).toEqual(memory.balancesAsOf(instant));
    }
    for (const id of [...all.map((b) => b.id), 'nobody']) {
      const ranges: { from?: bigint | Date; to?: bigint | Date }[] = [{}, ...instants.flatMap((instant, i) => [{ from: instant }, { to: instant }, { from: instant, to: instants[Math.min(instants.length - 1, i + 2)] as bigint | Date }])];
      for (const range of ranges) {
        const whole = memory.statement(id, range);
        const pages = await walkPages((page) => sql.statementPage(id, range, page), (page) => memory.statementPage(id, range, page), limit, whole?.lines.length ?? 0, `statementPage ${id} ${String(range.from)}..${String(range.to)}`);
        if (whole === undefined) {
          expect(pages).toEqual([]);
          continue;
        }
        expect(pages.flatMap((page) => page.lines)).toEqual(whole.lines);
        expect(pages[0]?.openingBalance).toBe(whole.openingBalance);
        expect(pages.at(-1)?.closingBalance).toBe(whole.closingBalance);
      }
    }
  }
};

/**
 * The SQL model must equal the in-memory model exactly (balances, statements over ranges, trial
 * balances, as-of views at many instants) and the book's own account views.
 */
export const expectAgreement = async (
  sql: SqlLedgerReadModel,
  memory: LedgerReadModel,
  book?: Book,
  options: { step?: number; pageLimits?: readonly number[] } = {},
): Promise<void> => {
  const balances = await sql.balances();
  expect(balances).toEqual(memory.balances());
  if (book !== undefined) expect(balances.map(strip)).toEqual(book.accounts());
  expect(await sql.trialBalance()).toEqual(memory.trialBalance());
  const instants = instantsOf(memory, options.step ?? 1);
  const ids = [...balances.map((b) => b.id), 'nobody'];
  for (const id of ids) {
    expect(await sql.balance(id)).toEqual(memory.balance(id));
    expect(await sql.statement(id)).toEqual(memory.statement(id));
  }
  for (let i = 0; i < instants.length; i++) {
    const instant = instants[i] as bigint | Date;
    const later = instants[Math.min(instants.length - 1, i + 3)] as bigint | Date;
    expect(await sql.balancesAsOf(instant)).toEqual(memory.balancesAsOf(instant));
    expect(await sql.trialBalanceAsOf(instant)).toEqual(memory.trialBalanceAsOf(instant));
    for (const id of ids) {
      expect(await sql.balanceAsOf(id, instant)).toEqual(memory.balanceAsOf(id, instant));
      // Ranges: from here, up to here, and a window (also inverted when `later` < `instant`).
      expect(await sql.statement(id, { from: instant })).toEqual(memory.statement(id, { from: instant }));
      expect(await sql.statement(id, { to: instant })).toEqual(memory.statement(id, { to: instant }));
      expect(await sql.statement(id, { from: instant, to: later })).toEqual(memory.statement(id, { from: instant, to: later }));
    }
  }
  // Pages at a few instants only: every page is a query.
  const thin = instants.filter((_, i) => i % 4 === 0);
  await expectPageAgreement(sql, memory, thin, options.pageLimits);
};
