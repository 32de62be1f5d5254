/**
 * The structural bound (not timed; speed and heap are measured in `npm run bench`): after closing
 * a period the state holds no posting of it, and the snapshot's size does not depend on the
 * closed history, at constant accounts and open holds.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../../eventStore/inMemoryEventStore.js';
import { Book, bookStreams } from '../book.js';
import { createInMemoryClosedPostingIndex } from './closedPostingIndex.js';

const ACCOUNTS = 10;
const HOLDS = 5;

const growBook = async (periodSize: number, periods: number) => {
  const store = createInMemoryEventStore();
  const book = await Book.open({ store, closedPostings: createInMemoryClosedPostingIndex(), snapshotEvery: 0 });
  await book.defineLedgers([{ id: 'cny', asset: { code: 'CNY', scale: 2 } }]);
  await book.openAccounts(Array.from({ length: ACCOUNTS }, (_, i) => ({ id: `acc${i}`, ledger: 'cny', code: 1, type: 'asset' })));
  // Open holds that stay open through every close.
  await book.createTransfers(Array.from({ length: HOLDS }, (_, i) => ({ id: `hold${i}`, debitAccountId: 'acc0', creditAccountId: `acc${i + 1}`, amount: '1.00', code: 1, flags: { pending: true } })));
  const snapshotBytes: number[] = [];
  let next = 0;
  for (let p = 0; p < periods; p++) {
    for (let done = 0; done < periodSize; done += 100) {
      const batch = Array.from({ length: 100 }, () => {
        const n = next++;
        // Every tenth id fails (an unknown account): failed ids are history too.
        const credit = n % 10 === 9 ? 'nobody' : `acc${(n % (ACCOUNTS - 1)) + 1}`;
        return { id: `t${n}`, debitAccountId: 'acc0', creditAccountId: credit, amount: '1.00', code: 1 };
      });
      expect(E.isRight(await book.createTransfers(batch))).toBe(true);
    }
    expect(E.isRight(await book.closePeriod())).toBe(true);
    await book.snapshot();
    const [latest] = await store.readStream(bookStreams('main').snapshots, { direction: 'backwards', maxCount: 1 });
    snapshotBytes.push(JSON.stringify(latest!.data).length);
  }
  return { book, snapshotBytes, postings: next };
};

describe('bounded state across period closes', () => {
  it('after a close the state holds only the open holds, and the snapshot size does not grow with closed history (N vs 10N postings)', async () => {
    const N = 300;
    const { book, snapshotBytes, postings } = await growBook(N, 10);
    expect(postings).toBe(10 * N);
    const state = book.bookState;
    expect([...state.postings.keys()].sort()).toEqual(Array.from({ length: HOLDS }, (_, i) => `hold${i}`));
    expect(state.failed.size).toBe(0);
    expect(state.reversedBy.size).toBe(0);
    expect(state.accounts.size).toBe(ACCOUNTS);
    const first = snapshotBytes[0]!;
    const last = snapshotBytes[snapshotBytes.length - 1]!;
    // Only balance digits may grow; a snapshot of the 10N history without closes is ~100x larger.
    expect(last / first).toBeLessThan(1.05);
    expect(last).toBeLessThan(first + 200);
    // And the closed ids still answer exactly.
    const retry = await book.createTransfers([
      { id: 't0', debitAccountId: 'acc0', creditAccountId: 'acc1', amount: '1.00', code: 1 },
      { id: 't9', debitAccountId: 'acc0', creditAccountId: 'nobody', amount: '1.00', code: 1 },
    ]);
    expect(E.isRight(retry) && retry.right.map((r) => r.result)).toEqual(['exists', 'id_already_failed']);
  });
});
