import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../eventStore/inMemoryEventStore.js';
import { amountMaxOf } from './amounts.js';
import { Book } from './book.js';
import type { ItemResult } from './ledgerError.js';

const results = (outcome: E.Either<Error, readonly ItemResult[]>) => {
  if (E.isLeft(outcome)) throw outcome.left;
  return outcome.right.map((r) => r.result);
};

const openBook = async () => {
  const book = await Book.open({ store: createInMemoryEventStore() });
  await book.defineLedgers([{ id: 'cny', asset: { code: 'CNY', scale: 2 } }]);
  await book.openAccounts([
    { id: 'cash', ledger: 'cny', code: 1001, type: 'asset' },
    { id: 'alice', ledger: 'cny', code: 2011, type: 'liability', flags: { debitsMustNotExceedCredits: true } },
    { id: 'suspense', ledger: 'cny', code: 2241, type: 'liability' },
  ]);
  await book.createTransfers([{ id: 'deposit', debitAccountId: 'cash', creditAccountId: 'alice', amount: '100.00', code: 1 }]);
  return book;
};

describe('closing an account', () => {
  it('with a non-zero balance is refused with account_balance_not_zero, changing nothing', async () => {
    const book = await openBook();
    const revision = book.currentRevision;
    expect(results(await book.closeAccounts(['alice']))).toEqual(['account_balance_not_zero']);
    expect(book.account('alice')).toMatchObject({ closed: false, balance: '100.00' });
    expect(book.currentRevision).toBe(revision);
  });

  it('with open holds is refused with account_has_pending_transfers (checked before the balance)', async () => {
    const book = await openBook();
    await book.createTransfers([{ id: 'h', debitAccountId: 'alice', creditAccountId: 'suspense', amount: '1.00', code: 2, flags: { pending: true } }]);
    expect(results(await book.closeAccounts(['alice']))).toEqual(['account_has_pending_transfers']);
  });

  it('a swept account (balance zero) closes', async () => {
    const book = await openBook();
    await book.createTransfers([{ id: 'out', debitAccountId: 'alice', creditAccountId: 'cash', amount: '100.00', code: 3 }]);
    expect(results(await book.closeAccounts(['alice']))).toEqual(['ok']);
  });

  // TigerBeetle's recipe: a balancing transfer sweeps the balance, linked with a closing hold of
  // zero that closes the account; voiding that hold reopens it. A closing hold is never posted
  // (a post would move a closed account): that answer is TigerBeetle's too.
  it('sweep-and-close: a balancing sweep linked with a closing hold empties and closes the account in one step', async () => {
    const book = await openBook();
    const outcome = await book.createTransfers([
      { id: 'sweep', debitAccountId: 'alice', creditAccountId: 'suspense', amount: amountMaxOf(2), code: 9, flags: { linked: true, balancingDebit: true } },
      { id: 'close', debitAccountId: 'alice', creditAccountId: 'suspense', amount: '0', code: 9, flags: { pending: true, closingDebit: true } },
    ]);
    expect(results(outcome)).toEqual(['ok', 'ok']);
    expect(book.transfer('sweep')).toMatchObject({ amount: '100.00' });
    expect(book.account('alice')).toMatchObject({ closed: true, balance: '0.00', available: '0.00' });
    expect(book.account('suspense')).toMatchObject({ balance: '100.00' });
    // Nothing new can reach the account; CloseAccounts has nothing left to do.
    expect(results(await book.createTransfers([{ id: 'late', debitAccountId: 'cash', creditAccountId: 'alice', amount: '1.00', code: 1 }]))).toEqual([
      'credit_account_already_closed',
    ]);
    expect(results(await book.closeAccounts(['alice']))).toEqual(['account_already_closed']);
    // The closing hold is voided to reopen, never posted.
    expect(results(await book.createTransfers([{ id: 'post', pendingId: 'close', flags: { postPendingTransfer: true } }]))).toEqual(['debit_account_already_closed']);
    expect(results(await book.createTransfers([{ id: 'reopen', pendingId: 'close', flags: { voidPendingTransfer: true } }]))).toEqual(['ok']);
    expect(book.account('alice')).toMatchObject({ closed: false, balance: '0.00' });
  });

  it('sweep-and-close works beside another open hold (TigerBeetle), where CloseAccounts would refuse', async () => {
    const book = await openBook();
    await book.createTransfers([{ id: 'h', debitAccountId: 'cash', creditAccountId: 'alice', amount: '1.00', code: 2, flags: { pending: true } }]);
    expect(results(await book.closeAccounts(['alice']))).toEqual(['account_has_pending_transfers']);
    const outcome = await book.createTransfers([
      { id: 'sweep', debitAccountId: 'alice', creditAccountId: 'suspense', amount: amountMaxOf(2), code: 9, flags: { linked: true, balancingDebit: true } },
      { id: 'close', debitAccountId: 'alice', creditAccountId: 'suspense', amount: '0', code: 9, flags: { pending: true, closingDebit: true } },
    ]);
    expect(results(outcome)).toEqual(['ok', 'ok']);
    expect(book.account('alice')).toMatchObject({ closed: true, balance: '0.00' });
  });
});
