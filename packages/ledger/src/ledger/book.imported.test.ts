/**
 * Migrating a legacy core through the `Book` API: imported accounts and transfers keep their
 * original timestamps through the store, snapshots and `Book.open`, and the book's own clock
 * continues after them. (The decider rules are specified in imported.spec.test.ts.)
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../eventStore/inMemoryEventStore.js';
import { Book } from './book.js';

const MS = 1_000_000n;
const results = (outcome: E.Either<Error, readonly { result: string }[]>) => {
  if (E.isLeft(outcome)) throw outcome.left;
  return outcome.right.map((r) => r.result);
};

describe('Book: imported history', () => {
  it('keeps user-given timestamps across a snapshot and a reopen; new items come after them', async () => {
    const store = createInMemoryEventStore();
    const clock = () => new Date(Date.UTC(2026, 11, 1));
    const now = BigInt(clock().getTime()) * MS;
    const legacy = (days: number) => (now - BigInt(days) * 86_400_000n * MS).toString();
    const book = await Book.open({ store, clock });
    expect(results(await book.defineLedgers([{ id: 'cny', asset: { code: 'CNY', scale: 2 } }]))).toEqual(['ok']);
    expect(
      results(
        await book.openAccounts([
          { id: 'cash', ledger: 'cny', code: 1001, type: 'asset', flags: { imported: true }, timestamp: legacy(400) },
          { id: 'alice', ledger: 'cny', code: 2011, type: 'liability', flags: { debitsMustNotExceedCredits: true, imported: true }, timestamp: legacy(399) },
        ]),
      ),
    ).toEqual(['ok', 'ok']);
    expect(
      results(
        await book.createTransfers([
          { id: 'old-1', debitAccountId: 'cash', creditAccountId: 'alice', amount: '100.00', code: 1, flags: { imported: true }, timestamp: legacy(300) },
          { id: 'old-2', debitAccountId: 'alice', creditAccountId: 'cash', amount: '30.00', code: 2, flags: { imported: true, pending: true }, timestamp: legacy(200) },
        ]),
      ),
    ).toEqual(['ok', 'ok']);
    await book.snapshot();
    const reopened = await Book.open({ store, clock });
    expect(reopened.transfer('old-2')?.timestamp).toBe(legacy(200));
    expect(reopened.account('alice')).toMatchObject({ creditsPosted: '100.00', debitsPending: '30.00', flags: ['debits_must_not_exceed_credits', 'imported'] });
    expect(results(await reopened.createTransfers([{ id: 'new-1', pendingId: 'old-2', flags: { postPendingTransfer: true } }]))).toEqual(['ok']);
    expect(BigInt(reopened.transfer('new-1')!.timestamp)).toBeGreaterThan(now);
    // The imported history is behind the book now: importing before its last timestamp regresses.
    expect(
      results(await reopened.createTransfers([{ id: 'old-3', debitAccountId: 'cash', creditAccountId: 'alice', amount: '1.00', code: 1, flags: { imported: true }, timestamp: legacy(100) }])),
    ).toEqual(['imported_event_timestamp_must_not_regress']);
  });
});
