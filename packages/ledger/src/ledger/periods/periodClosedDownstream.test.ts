import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../../eventStore/inMemoryEventStore.js';
import { AccountBalancesProjection } from '../../projections/accountBalances.js';
import { decodeLedgerEvent } from '../../projections/ledgerReadModel.js';
import { isLedgerEventType } from '../../projections/projection.js';
import { Book } from '../book.js';
import { verifyLedgerStore } from '../verifyLedger.js';

describe('PeriodClosed downstream', () => {
  it('verify passes a log with closed periods, and projections carry balances through a close', async () => {
    const store = createInMemoryEventStore();
    const book = await Book.open({ store, snapshotEvery: 2 });
    await book.defineLedgers([{ id: 'cny', asset: { code: 'CNY', scale: 2 } }]);
    await book.openAccounts([
      { id: 'cash', ledger: 'cny', code: 1001, type: 'asset' },
      { id: 'alice', ledger: 'cny', code: 2011, type: 'liability' },
    ]);
    await book.createTransfers([
      { id: 'd1', debitAccountId: 'cash', creditAccountId: 'alice', amount: '10.00', code: 1 },
      { id: 'h1', debitAccountId: 'cash', creditAccountId: 'alice', amount: '2.00', code: 1, flags: { pending: true } },
    ]);
    expect(E.isRight(await book.closePeriod())).toBe(true);
    await book.createTransfers([{ id: 'p1', pendingId: 'h1', code: 1, flags: { postPendingTransfer: true } }, { id: 'r1', reverses: 'd1' }]);
    expect(E.isRight(await book.closePeriod())).toBe(true);
    const report = await verifyLedgerStore(store);
    expect(report.problem).toBeUndefined();
    expect(report.ok).toBe(true);
    const projection = new AccountBalancesProjection();
    for (const event of await store.readAll()) if (isLedgerEventType(event.type)) projection.apply(decodeLedgerEvent(event));
    expect(projection.balanceOf('alice')?.balance).toBe(book.account('alice')?.balance);
    expect(book.account('alice')?.balance).toBe('2.00');
  });
});
