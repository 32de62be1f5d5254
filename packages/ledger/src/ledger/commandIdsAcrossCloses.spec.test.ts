/**
 * Specifications of command ids across period closes: a command id names one request forever.
 * Given a command id used before one or more `closePeriod` calls, when it comes again with another
 * body, then `command_id_reused` and nothing is written; with the same body it is decided again.
 * The closed periods' command ids live in the closed-posting index, so this holds across restarts
 * (an in-memory index rebuilt from the log, a SQL index kept durably).
 */
import * as E from 'fp-ts/lib/Either.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventStore } from '../eventStore/eventStore.js';
import { createInMemoryEventStore } from '../eventStore/inMemoryEventStore.js';
import { sqliteTestDatabase, type TestDatabase } from '../../test-kit/projections/testDatabases.test-support.js';
import { Book, type OpenBookOptions } from './book.js';
import { createInMemoryClosedPostingIndex } from './periods/closedPostingIndex.js';
import { createSqlClosedPostingIndex } from './periods/sqlClosedPostingIndex.js';
import { expectCallRejected, expectResults, transfer } from '../../test-kit/ledger/specFixtures.test-support.js';

const givenBook = async (options: Partial<OpenBookOptions> = {}) => {
  const store: EventStore = options.store ?? createInMemoryEventStore();
  const book = await Book.open({ snapshotEvery: 0, ...options, store });
  await book.defineLedgers([{ id: 'cny', asset: { code: 'CNY', scale: 2 } }]);
  await book.openAccounts([
    { id: 'cash', ledger: 'cny', code: 1001, type: 'asset' },
    { id: 'alice', ledger: 'cny', code: 2011, type: 'liability', flags: { debitsMustNotExceedCredits: true } },
  ]);
  const written = async () => (await store.readAll()).length;
  return { book, store, written };
};

const deposit = (id: string, amount = '100.00') => transfer(id, 'cash', 'alice', amount);
const results = (outcome: Awaited<ReturnType<Book['createTransfers']>>) => E.getOrElseW(() => [])(outcome);
const closed = async (book: Book) => {
  const close = await book.closePeriod();
  if (E.isLeft(close)) throw close.left;
  return close.right;
};

describe('command ids across period closes', () => {
  it('given a command id used before a close, when it comes again after the close with another body, then command_id_reused and nothing is written', async () => {
    const { book, written } = await givenBook();
    await book.createTransfers([deposit('d1')], { commandId: 'cmd-1' });
    await closed(book);
    const before = await written();
    expectCallRejected(await book.createTransfers([deposit('d2')], { commandId: 'cmd-1' }), 'command_id_reused');
    expectCallRejected(await book.openAccounts([{ id: 'carol', ledger: 'cny', code: 2011, type: 'liability' }], { commandId: 'cmd-1' }), 'command_id_reused');
    expectCallRejected(await book.expirePendingTransfers({ commandId: 'cmd-1' }), 'command_id_reused');
    expect(await written()).toBe(before);
    expect(book.account('alice')?.balance).toBe('100.00');
  });

  it('given a command id used before two closes, when it comes again with another body, then command_id_reused', async () => {
    const { book, written } = await givenBook();
    await book.createTransfers([deposit('d1')], { commandId: 'cmd-1' });
    await closed(book);
    await book.createTransfers([deposit('d2')], { commandId: 'cmd-2' });
    await closed(book);
    const before = await written();
    expectCallRejected(await book.createTransfers([deposit('d3')], { commandId: 'cmd-1' }), 'command_id_reused');
    expectCallRejected(await book.createTransfers([deposit('d3')], { commandId: 'cmd-2' }), 'command_id_reused');
    expect(await written()).toBe(before);
    expect(book.account('alice')?.balance).toBe('200.00');
  });

  it('given a command id used before a close, when the same body comes again after it, then it is decided again: exists', async () => {
    const { book, written } = await givenBook();
    await book.createTransfers([deposit('d1')], { commandId: 'cmd-1' });
    await closed(book);
    const before = await written();
    expectResults(results(await book.createTransfers([deposit('d1')], { commandId: 'cmd-1' })), ['exists']);
    expect(await written()).toBe(before);
  });

  it('given a group of requests after a close, when one reuses a closed command id with another body, then only that one is rejected', async () => {
    const { book } = await givenBook();
    await book.createTransfers([deposit('d1')], { commandId: 'cmd-1' });
    await closed(book);
    const [reused, fresh, retried] = await Promise.all([
      book.createTransfers([deposit('d2')], { commandId: 'cmd-1' }),
      book.createTransfers([deposit('d3')], { commandId: 'cmd-3' }),
      book.createTransfers([deposit('d1')], { commandId: 'cmd-1' }),
    ]);
    expectCallRejected(reused!, 'command_id_reused');
    expectResults(results(fresh!), ['ok']);
    expectResults(results(retried!), ['exists']);
    expect(book.account('alice')?.balance).toBe('200.00');
  });

  it('given a close under a command id, when that id closes the next period with the same body, then it is decided again; another body after it is command_id_reused', async () => {
    const { book } = await givenBook();
    const first = await book.closePeriod({ commandId: 'close-1' });
    expect(E.isRight(first)).toBe(true);
    await book.createTransfers([deposit('d1')], { commandId: 'cmd-1' });
    // The same close request again (same body) is decided again: it closes the open period.
    expect(E.isRight(await book.closePeriod({ commandId: 'close-1' }))).toBe(true);
    expectCallRejected(await book.createTransfers([deposit('d2')], { commandId: 'close-1' }), 'command_id_reused');
    expect(E.isLeft(await book.closePeriod({ commandId: 'cmd-1' }))).toBe(true);
  });
});

describe('command ids across a close and a restart', () => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.teardown();
    database = undefined;
  });

  it('given a command id used before a close, when the book reopens with a new in-memory index (rebuilt from the log) and the id comes with another body, then command_id_reused', async () => {
    const { book, store } = await givenBook({ snapshotEvery: 1_000 });
    await book.createTransfers([deposit('d1')], { commandId: 'cmd-1' });
    await closed(book);
    const reopened = await Book.open({ store, closedPostings: createInMemoryClosedPostingIndex() });
    expectCallRejected(await reopened.createTransfers([deposit('d2')], { commandId: 'cmd-1' }), 'command_id_reused');
    expectResults(results(await reopened.createTransfers([deposit('d1')], { commandId: 'cmd-1' })), ['exists']);
  });

  it('given two writers with their own indexes, when one closes the period and the other catches up with the close, then the other rejects a reuse of a closed command id', async () => {
    const { book, store } = await givenBook({ closedPostings: createInMemoryClosedPostingIndex() });
    const other = await Book.open({ store, closedPostings: createInMemoryClosedPostingIndex(), snapshotEvery: 0 });
    await book.createTransfers([deposit('d1')], { commandId: 'cmd-1' });
    await other.refresh();
    await closed(book);
    await other.refresh();
    expectCallRejected(await other.createTransfers([deposit('d2')], { commandId: 'cmd-1' }), 'command_id_reused');
    expectResults(results(await other.createTransfers([deposit('d1')], { commandId: 'cmd-1' })), ['exists']);
  });

  it('given a command id used before a close with a SQLite index, when the book reopens over another connection and the id comes with another body, then command_id_reused', async () => {
    database = await sqliteTestDatabase();
    const { book, store } = await givenBook({ snapshotEvery: 1_000, closedPostings: createSqlClosedPostingIndex(database.database) });
    await book.createTransfers([deposit('d1')], { commandId: 'cmd-1' });
    await closed(book);
    const reopened = await Book.open({ store, closedPostings: createSqlClosedPostingIndex(await database.reopen()) });
    expectCallRejected(await reopened.createTransfers([deposit('d2')], { commandId: 'cmd-1' }), 'command_id_reused');
    expectResults(results(await reopened.createTransfers([deposit('d1')], { commandId: 'cmd-1' })), ['exists']);
  });
});
