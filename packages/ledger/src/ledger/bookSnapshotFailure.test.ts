import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { EventStore } from '../eventStore/eventStore.js';
import { createInMemoryEventStore } from '../eventStore/inMemoryEventStore.js';
import { Book } from './book.js';

/** A store whose snapshot stream refuses appends while `failing` is set. */
const snapshotFailingStore = (inner: EventStore, control: { failing: boolean; attempts: number }): EventStore => ({
  ...inner,
  append: (stream, events, expected) => {
    if (stream.endsWith('.snapshots')) {
      control.attempts++;
      if (control.failing) return Promise.reject(new Error('snapshot store down'));
    }
    return inner.append(stream, events, expected);
  },
  readStream: (...args) => inner.readStream(...args),
  readAll: (...args) => inner.readAll(...args),
  streamRevision: (...args) => inner.streamRevision(...args),
  subscribe: (...args) => inner.subscribe(...args),
  close: () => inner.close(),
});

const deposit = (id: string) => [{ id, debitAccountId: 'cash', creditAccountId: 'alice', amount: '1.00', code: 1 }];

describe('Book snapshots are derived data', () => {
  it('a failing snapshot write never fails the command: results come back, the failure is reported, and it is retried later', async () => {
    const inner = createInMemoryEventStore();
    const control = { failing: true, attempts: 0 };
    const reported: unknown[] = [];
    const book = await Book.open({ store: snapshotFailingStore(inner, control), snapshotEvery: 3, onSnapshotError: (error) => reported.push(error) });
    await book.defineLedgers([{ id: 'cny', asset: { code: 'CNY', scale: 2 } }]);
    await book.openAccounts([
      { id: 'cash', ledger: 'cny', code: 1001, type: 'asset' },
      { id: 'alice', ledger: 'cny', code: 2011, type: 'liability' },
    ]);
    // The third event triggers a snapshot, which fails: the command still resolves with its results.
    const outcome = await book.createTransfers(deposit('d1'));
    expect(E.isRight(outcome) && outcome.right.map((r) => r.result)).toEqual(['ok']);
    expect(reported).toHaveLength(1);
    expect(book.snapshotStatus()).toMatchObject({ lastSnapshotRevision: undefined, consecutiveFailures: 1, lastError: { message: 'snapshot store down' } });
    // The next writes are not refused either (today every later write throws although stored).
    for (const id of ['d2', 'd3', 'd4', 'd5']) {
      const next = await book.createTransfers(deposit(id));
      expect(E.isRight(next)).toBe(true);
    }
    expect(book.account('alice')?.balance).toBe('5.00');
    // Retried after another `snapshotEvery` events, not on every write.
    expect(control.attempts).toBe(2);
    control.failing = false;
    // Revisions 6, 7, 8: the third attempt, at revision 8, succeeds.
    for (const id of ['d6', 'd7']) await book.createTransfers(deposit(id));
    expect(control.attempts).toBe(3);
    expect(book.snapshotStatus()).toMatchObject({ lastSnapshotRevision: 8n, consecutiveFailures: 0 });
    expect(book.snapshotStatus().lastError).toBeUndefined();
    expect((await inner.readStream('ledger-book-main.snapshots')).length).toBe(1);
    const reopened = await Book.open({ store: inner });
    expect(reopened.accounts()).toEqual(book.accounts());
  });

  it('an explicit snapshot() still rejects, and a failing snapshot without onSnapshotError is only reported in snapshotStatus()', async () => {
    const inner = createInMemoryEventStore();
    const control = { failing: true, attempts: 0 };
    const book = await Book.open({ store: snapshotFailingStore(inner, control), snapshotEvery: 1 });
    const outcome = await book.defineLedgers([{ id: 'cny', asset: { code: 'CNY', scale: 2 } }]);
    expect(E.isRight(outcome)).toBe(true);
    expect(book.snapshotStatus().consecutiveFailures).toBe(1);
    await expect(book.snapshot()).rejects.toThrow('snapshot store down');
    expect(book.snapshotStatus().consecutiveFailures).toBe(2);
  });
});
