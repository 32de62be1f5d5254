import * as E from 'fp-ts/lib/Either.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventStore } from '../../eventStore/eventStore.js';
import { createInMemoryEventStore } from '../../eventStore/inMemoryEventStore.js';
import { databaseKinds, type TestDatabase } from '../../../test-kit/projections/testDatabases.test-support.js';
import { Book } from '../book.js';
import { createInMemoryClosedPostingIndex, type ClosedPostingIndex } from './closedPostingIndex.js';
import { createSqlClosedPostingIndex } from './sqlClosedPostingIndex.js';

const results = (outcome: E.Either<Error, readonly { result: string }[]>) => {
  if (E.isLeft(outcome)) throw outcome.left;
  return outcome.right.map((r) => r.result);
};

const t = (id: string, debitAccountId: string, creditAccountId: string, amount: string, extra: Record<string, unknown> = {}) => ({
  id,
  debitAccountId,
  creditAccountId,
  amount,
  code: 1,
  ...extra,
});

const setUp = async (store: EventStore, closedPostings: ClosedPostingIndex) => {
  const book = await Book.open({ store, closedPostings, snapshotEvery: 0 });
  await book.defineLedgers([{ id: 'cny', asset: { code: 'CNY', scale: 2 } }]);
  await book.openAccounts([
    { id: 'cash', ledger: 'cny', code: 1001, type: 'asset' },
    { id: 'alice', ledger: 'cny', code: 2011, type: 'liability', flags: { debitsMustNotExceedCredits: true } },
    { id: 'bob', ledger: 'cny', code: 2011, type: 'liability' },
  ]);
  // A first period with every kind of id the book must keep answering for.
  expect(
    results(
      await book.createTransfers([
        t('t0', 'cash', 'alice', '1000'),
        t('t1', 'cash', 'alice', '100'),
        t('t2', 'cash', 'bob', '50'),
        t('h1', 'alice', 'bob', '10', { flags: { pending: true } }),
        t('h2', 'alice', 'bob', '20', { flags: { pending: true } }),
        t('h3', 'alice', 'bob', '5', { flags: { pending: true } }),
        { id: 'p2', pendingId: 'h2', code: 1, flags: { postPendingTransfer: true } },
        { id: 'v3', pendingId: 'h3', code: 1, flags: { voidPendingTransfer: true } },
        t('f1', 'alice', 'bob', '5000'),
        { id: 'j1', code: 7, legs: [{ accountId: 'cash', side: 'debit', amount: '3' }, { accountId: 'bob', side: 'credit', amount: '3' }] },
        { id: 'r1', reverses: 't1' },
      ]),
    ),
  ).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'exceeds_credits', 'ok', 'ok']);
  return book;
};

/** Retries and follow-ups of every closed id, with the answers TigerBeetle gives forever. */
const afterClose: readonly [object, string][] = [
  [t('t1', 'cash', 'alice', '100'), 'exists'],
  [t('t1', 'cash', 'alice', '101'), 'exists_with_different_amount'],
  [t('t2', 'cash', 'alice', '50'), 'exists_with_different_credit_account_id'],
  [t('f1', 'alice', 'bob', '5000'), 'id_already_failed'],
  [{ id: 'j1', code: 7, legs: [{ accountId: 'cash', side: 'debit', amount: '3' }, { accountId: 'bob', side: 'credit', amount: '3' }] }, 'exists'],
  [{ id: 'j1', code: 7, legs: [{ accountId: 'cash', side: 'debit', amount: '4' }, { accountId: 'bob', side: 'credit', amount: '4' }] }, 'exists_with_different_legs'],
  [{ id: 'p2', pendingId: 'h2', code: 1, flags: { postPendingTransfer: true } }, 'exists'],
  [{ id: 'p2b', pendingId: 'h2', code: 1, flags: { postPendingTransfer: true } }, 'pending_transfer_already_posted'],
  [{ id: 'v3b', pendingId: 'h3', code: 1, flags: { voidPendingTransfer: true } }, 'pending_transfer_already_voided'],
  [{ id: 'r1', reverses: 't1' }, 'exists'],
  [{ id: 'r1b', reverses: 't1' }, 'transfer_already_reversed'],
  [{ id: 'r1c', reverses: 'r1' }, 'transfer_to_reverse_is_a_reversal'],
  [{ id: 'r2', reverses: 't2' }, 'ok'],
  [{ id: 'p1', pendingId: 'h1', code: 1, flags: { postPendingTransfer: true } }, 'ok'],
  [t('t3', 'cash', 'alice', '1'), 'ok'],
];

const kinds: { name: string; describe: (name: string, fn: () => void) => void; index: () => Promise<{ index: ClosedPostingIndex; reopen: () => Promise<ClosedPostingIndex>; done: () => Promise<void> }> }[] = [
  {
    name: 'in memory',
    describe: (name, fn) => describe(name, fn),
    index: async () => {
      const index = createInMemoryClosedPostingIndex();
      return { index, reopen: async () => index, done: async () => {} };
    },
  },
  ...databaseKinds.map((kind) => ({
    name: kind.name,
    describe: kind.describe,
    index: async () => {
      const database: TestDatabase = await kind.open();
      return { index: createSqlClosedPostingIndex(database.database), reopen: async () => createSqlClosedPostingIndex(await database.reopen()), done: () => database.teardown() };
    },
  })),
];

for (const kind of kinds) {
  kind.describe(`Book.closePeriod (${kind.name} closed-posting index)`, () => {
    let done: (() => Promise<void>) | undefined;
    afterEach(async () => {
      await done?.();
      done = undefined;
    });

    it('keeps the idempotency check of closed ids exact, carries balances and open holds, and drops the closed postings from the state', async () => {
      const rig = await kind.index();
      done = rig.done;
      const store = createInMemoryEventStore();
      const book = await setUp(store, rig.index);
      const balancesBefore = book.accounts();
      const closed = await book.closePeriod();
      expect(closed).toEqual(E.right({ period: 0, closedIds: 10, carriedHolds: 1, completed: true }));
      expect(book.accounts()).toEqual(balancesBefore);
      // Only the open hold is left, with what posting it needs.
      expect([...book.bookState.postings.keys()]).toEqual(['h1']);
      expect([...book.bookState.pendingStatus]).toEqual([['h1', 'pending']]);
      expect(book.bookState.failed.size).toBe(0);
      expect(book.bookState.reversedBy.size).toBe(0);
      // The closed records are still readable, from the index.
      expect(book.transfer('t1')).toBeUndefined();
      expect(await book.findTransfer('t1')).toMatchObject({ id: 't1', amount: '100.00' });
      expect(await book.findTransfer('f1')).toBeUndefined();
      for (const [item, expected] of afterClose) expect(results(await book.createTransfers([item as never])), JSON.stringify(item)).toEqual([expected]);
      expect(book.account('bob')?.balance).toBe('33.00');
      // A second close: the reversal of a posting of period 0, made in period 1, is remembered too.
      expect(E.isRight(await book.closePeriod())).toBe(true);
      expect(book.bookState.postings.size).toBe(0);
      expect(results(await book.createTransfers([{ id: 'r2b', reverses: 't2' }, { id: 'r2', reverses: 't2' }, { id: 'p1', pendingId: 'h1', code: 1, flags: { postPendingTransfer: true } }]))).toEqual([
        'transfer_already_reversed',
        'exists',
        'exists',
      ]);
      // Reopened over another connection to the same index: the same answers, nothing rebuilt.
      let eventsRead = 0;
      const counting: EventStore = { ...store, readStream: async (...args) => { const page = await store.readStream(...args); if (args[0] === book.streamName) eventsRead += page.length; return page; }, append: (...a) => store.append(...a), readAll: (...a) => store.readAll(...a), streamRevision: (...a) => store.streamRevision(...a), subscribe: (...a) => store.subscribe(...a), close: () => store.close() };
      await book.snapshot();
      const reopened = await Book.open({ store: counting, closedPostings: await rig.reopen() });
      expect(eventsRead).toBeLessThanOrEqual(1);
      expect(reopened.accounts()).toEqual(book.accounts());
      expect(results(await reopened.createTransfers([t('t1', 'cash', 'alice', '100'), t('f1', 'alice', 'bob', '5000'), { id: 'r1b', reverses: 't1' }]))).toEqual([
        'exists',
        'id_already_failed',
        'transfer_already_reversed',
      ]);
    });
  });
}

describe('Book.closePeriod recovery', () => {
  it('a book opened with an index that lacks closed periods rebuilds them from the log, exactly', async () => {
    const store = createInMemoryEventStore();
    const book = await setUp(store, createInMemoryClosedPostingIndex());
    await book.closePeriod();
    await book.createTransfers([t('t4', 'cash', 'alice', '1')]);
    await book.closePeriod();
    await book.snapshot();
    const fresh = createInMemoryClosedPostingIndex();
    const reopened = await Book.open({ store, closedPostings: fresh });
    expect(await fresh.completedPeriods('main')).toEqual(new Set([0, 1]));
    for (const [item, expected] of afterClose.slice(0, 12)) expect(results(await reopened.createTransfers([item as never])), JSON.stringify(item)).toEqual([expected]);
    expect(results(await reopened.createTransfers([t('t4', 'cash', 'alice', '2')]))).toEqual(['exists_with_different_amount']);
  });

  it('a failed completion mark leaves the close stored and found; the next open completes the period from the log', async () => {
    const store = createInMemoryEventStore();
    const inner = createInMemoryClosedPostingIndex();
    const flaky: ClosedPostingIndex = { ...inner, completePeriod: async () => { throw new Error('index down'); } };
    const book = await setUp(store, flaky);
    const closed = await book.closePeriod();
    expect(E.isRight(closed) && closed.right.completed).toBe(false);
    expect(results(await book.createTransfers([t('t1', 'cash', 'alice', '100')]))).toEqual(['exists']);
    expect(await inner.completedPeriods('main')).toEqual(new Set());
    await book.snapshot();
    const reopened = await Book.open({ store, closedPostings: inner });
    expect(await inner.completedPeriods('main')).toEqual(new Set([0]));
    expect(results(await reopened.createTransfers([t('f1', 'alice', 'bob', '5000')]))).toEqual(['id_already_failed']);
  });

  it('a writer sharing the index does not write a period again when catching up with its close', async () => {
    const store = createInMemoryEventStore();
    const shared = createInMemoryClosedPostingIndex();
    let writes = 0;
    const counting: ClosedPostingIndex = { ...shared, writePeriod: (...args) => { writes++; return shared.writePeriod(...args); } };
    const first = await setUp(store, counting);
    const second = await Book.open({ store, closedPostings: counting, snapshotEvery: 0 });
    await first.closePeriod();
    expect(writes).toBe(1);
    await second.refresh();
    expect(writes).toBe(1);
    expect(results(await second.createTransfers([t('t1', 'cash', 'alice', '100')]))).toEqual(['exists']);
    // A book opened without a snapshot replays the close, and finds it complete too.
    await Book.open({ store, closedPostings: counting, snapshotEvery: 0 });
    expect(writes).toBe(1);
  });

  it('a second writer catching up with a close fills its own index from the state it closed', async () => {
    const store = createInMemoryEventStore();
    const first = await setUp(store, createInMemoryClosedPostingIndex());
    const otherIndex = createInMemoryClosedPostingIndex();
    const second = await Book.open({ store, closedPostings: otherIndex, snapshotEvery: 0 });
    await first.createTransfers([t('t5', 'cash', 'alice', '1')]);
    await first.closePeriod();
    await second.refresh();
    expect(await otherIndex.completedPeriods('main')).toEqual(new Set([0]));
    expect(second.bookState.postings.size).toBe(1);
    expect(results(await second.createTransfers([t('t5', 'cash', 'alice', '1'), { id: 'r1b', reverses: 't1' }]))).toEqual(['exists', 'transfer_already_reversed']);
  });
});
