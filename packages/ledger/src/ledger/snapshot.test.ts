/**
 * Snapshots hold u128 balances: a balance field up to 2^128 - 1 survives the JSON round trip and
 * `Book.open`. (The snapshot used to be parsed with the money module's signed range, 2^127 - 1, so a
 * book with a larger balance could no longer be loaded from its snapshot.)
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../eventStore/inMemoryEventStore.js';
import { AMOUNT_MAX, amountMaxOf } from './amounts.js';
import { Book } from './book.js';
import { bookSnapshotSchemas, restoreSnapshot, snapshotOf } from './snapshot.js';
import { createTransfers, extend, fundedBook, hold, NOW, stateOf, transfer } from '../../test-kit/ledger/specFixtures.test-support.js';
import { viewOf } from '../../test-kit/ledger/ledgerArbitraries.test-support.js';

const fields = (account: { debitsPending: bigint; debitsPosted: bigint; creditsPending: bigint; creditsPosted: bigint }) => [
  account.debitsPending,
  account.debitsPosted,
  account.creditsPending,
  account.creditsPosted,
];

describe('u128 balances in snapshots', () => {
  it('round-trips balances near 2^128 - 1 through snapshot JSON, at scale 0 and 2', () => {
    const events = extend(
      fundedBook(),
      createTransfers(
        [
          transfer('y1', 'jpy-a', 'jpy-b', (AMOUNT_MAX - 1n).toString()),
          hold('y2', 'jpy-c', 'jpy-d', AMOUNT_MAX.toString()),
          transfer('c1', 'opex', 'fee-income', amountMaxOf(2)),
        ],
        NOW,
      ),
    );
    const state = stateOf(events);
    const json: unknown = JSON.parse(JSON.stringify(snapshotOf(state, 7n)));
    expect(bookSnapshotSchemas.BookSnapshot.codec.is(json)).toBe(true);
    const restored = restoreSnapshot(json as ReturnType<typeof snapshotOf>);
    expect(restored.revision).toBe(7n);
    expect(viewOf(restored.state)).toEqual(viewOf(state));
    expect(fields(restored.state.accounts.get('jpy-a')!)).toEqual([0n, AMOUNT_MAX - 1n, 0n, 0n]);
    expect(fields(restored.state.accounts.get('jpy-d')!)).toEqual([0n, 0n, AMOUNT_MAX, 0n]);
    expect(fields(restored.state.accounts.get('fee-income')!)).toEqual([0n, 0n, 0n, AMOUNT_MAX]);
  });

  it('Book.open loads a snapshot holding a balance above 2^127 - 1 and keeps deciding against it', async () => {
    const store = createInMemoryEventStore();
    const book = await Book.open({ store });
    await book.defineLedgers([{ id: 'jpy', asset: { code: 'JPY', scale: 0 } }]);
    await book.openAccounts([
      { id: 'a', ledger: 'jpy', code: 1, type: 'asset' },
      { id: 'b', ledger: 'jpy', code: 1, type: 'asset' },
    ]);
    const big = (2n ** 127n + 5n).toString();
    expect(E.isRight(await book.createTransfers([{ id: 't1', debitAccountId: 'a', creditAccountId: 'b', amount: big, code: 1 }]))).toBe(true);
    await book.snapshot();
    const reopened = await Book.open({ store });
    expect(fields(reopened.bookState.accounts.get('a')!)).toEqual([0n, 2n ** 127n + 5n, 0n, 0n]);
    const rest = (AMOUNT_MAX - 2n ** 127n - 5n).toString();
    const outcome = await reopened.createTransfers([
      { id: 't2', debitAccountId: 'a', creditAccountId: 'b', amount: rest, code: 1 },
      { id: 't3', debitAccountId: 'a', creditAccountId: 'b', amount: '1', code: 1 },
    ]);
    if (E.isLeft(outcome)) throw outcome.left;
    expect(outcome.right.map((r) => r.result)).toEqual(['ok', 'overflows_debits_posted']);
    expect(reopened.bookState.accounts.get('b')!.creditsPosted).toBe(AMOUNT_MAX);
  });
});
