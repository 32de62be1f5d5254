import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../../eventStore/inMemoryEventStore.js';
import { createSqliteEventStore } from '../../eventStore/sqlite/index.js';
import { Book } from '../book.js';
import { CLOSED_INDEX_TABLES } from './sqlClosedPostingIndex.js';

const results = (outcome: E.Either<Error, readonly { result: string }[]>) => {
  if (E.isLeft(outcome)) throw outcome.left;
  return outcome.right.map((r) => r.result);
};

const deposit = (id: string) => ({ id, debitAccountId: 'cash', creditAccountId: 'alice', amount: '10.00', code: 1 });

const fund = async (book: Book) => {
  await book.defineLedgers([{ id: 'cny', asset: { code: 'CNY', scale: 2 } }]);
  await book.openAccounts([
    { id: 'cash', ledger: 'cny', code: 1001, type: 'asset' },
    { id: 'alice', ledger: 'cny', code: 2011, type: 'liability' },
  ]);
};

describe('the default closed-posting index', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it('on a SQLite store, is tables in the store database: closed ids leave the heap for good and a new process finds them there', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ecoledger-default-index-'));
    dirs.push(dir);
    const path = join(dir, 'book.db');
    const store = await createSqliteEventStore({ path });
    const book = await Book.open({ store });
    await fund(book);
    expect(results(await book.createTransfers([deposit('t1')]))).toEqual(['ok']);
    expect(E.isRight(await book.closePeriod())).toBe(true);
    const rows = await store.database.query<{ id: string }>(`SELECT id FROM ${CLOSED_INDEX_TABLES.postings}`);
    expect(rows.map((row) => row.id)).toContain('t1');
    await store.close();

    // A new process: the closed id is answered from the SQL tables, not from a rebuilt heap.
    const again = await createSqliteEventStore({ path });
    const reopened = await Book.open({ store: again });
    expect(reopened.bookState.postings.has('t1')).toBe(false);
    expect(results(await reopened.createTransfers([deposit('t1')]))).toEqual(['exists']);
    expect(results(await reopened.createTransfers([{ ...deposit('t1'), amount: '11.00' }]))).toEqual(['exists_with_different_amount']);
    expect(reopened.account('alice')?.balance).toBe('10.00');
    await again.close();
  });

  it('on the in-memory store, is in memory and still answers closed ids exactly', async () => {
    const store = createInMemoryEventStore();
    const book = await Book.open({ store });
    await fund(book);
    await book.createTransfers([deposit('t1')]);
    expect(E.isRight(await book.closePeriod())).toBe(true);
    expect(book.bookState.postings.has('t1')).toBe(false);
    expect(results(await book.createTransfers([deposit('t1')]))).toEqual(['exists']);
    const reopened = await Book.open({ store });
    expect(results(await reopened.createTransfers([deposit('t1')]))).toEqual(['exists']);
  });
});
