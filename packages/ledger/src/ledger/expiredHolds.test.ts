import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../eventStore/inMemoryEventStore.js';
import { Book } from './book.js';

describe('expirePendingTransfers reports what it expired', () => {
  it('each released hold with its accounts, amount and instant; nothing when none is due', async () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const book = await Book.open({ store: createInMemoryEventStore(), clock: () => now });
    await book.defineLedgers([{ id: 'cny', asset: { code: 'CNY', scale: 2 } }]);
    await book.openAccounts([
      { id: 'cash', ledger: 'cny', code: 1001, type: 'asset' },
      { id: 'alice', ledger: 'cny', code: 2011, type: 'liability' },
    ]);
    await book.createTransfers([
      { id: 'short', debitAccountId: 'alice', creditAccountId: 'cash', amount: '12.50', code: 7, timeout: 60, userData: 'card-auth-1', flags: { pending: true } },
      { id: 'long', debitAccountId: 'alice', creditAccountId: 'cash', amount: '3.00', code: 7, timeout: 3600, flags: { pending: true } },
      { id: 'forever', debitAccountId: 'alice', creditAccountId: 'cash', amount: '1.00', code: 7, flags: { pending: true } },
    ]);
    expect(await book.expirePendingTransfers()).toEqual(E.right({ expired: [] }));

    now = new Date('2026-01-01T00:02:00Z');
    const outcome = await book.expirePendingTransfers();
    if (E.isLeft(outcome)) throw outcome.left;
    expect(outcome.right.expired).toEqual([
      {
        id: 'short',
        debitAccountId: 'alice',
        creditAccountId: 'cash',
        ledger: 'cny',
        amount: '12.50',
        code: 7,
        userData: 'card-auth-1',
        expiredAt: (BigInt(now.getTime()) * 1_000_000n).toString(),
      },
    ]);
    expect(book.account('alice')).toMatchObject({ debitsPending: '4.00' });
    // Already expired: reported once only.
    expect(await book.expirePendingTransfers()).toEqual(E.right({ expired: [] }));
  });
});
