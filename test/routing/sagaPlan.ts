/**
 * The plan both processes and the test share: two books, who lives where, what each customer is
 * funded with, and the transfers (seeded, so every process derives the same list). Some transfers
 * go to a closed or an unknown account, and some are too large for what the payer has left.
 */
import { createBookRouter, type BookRouter } from '../../packages/products/src/routing/bookRouter.js';
import type { CrossBookTransferInput } from '../../packages/products/src/routing/crossBookTransfer/transferRequest.js';
import { seededRandom } from '../support/seededRandom.js';
import { ROUTED_LEDGER, walletOf } from '../../packages/products/test-kit/routedBooks.js';

export const sagaBooks = ['b1', 'b2'] as const;
export type SagaBook = (typeof sagaBooks)[number];

/** Funded customers per book. */
export const customersOf: Readonly<Record<SagaBook, readonly string[]>> = { b1: ['a0', 'a1', 'a2'], b2: ['z0', 'z1', 'z2'] };
/** Opened then closed at once (transfers to them are refused). */
export const closedOf: Readonly<Record<SagaBook, string>> = { b1: 'closed-a', b2: 'closed-z' };
/** Routed to a book but never opened. */
export const ghostOf: Readonly<Record<SagaBook, string>> = { b1: 'ghost-a', b2: 'ghost-z' };
export const FUNDING = '100.00';

export const sagaRouter = (): BookRouter =>
  createBookRouter({
    books: [...sagaBooks],
    assignments: Object.fromEntries(
      sagaBooks.flatMap((book) => [...customersOf[book], closedOf[book], ghostOf[book]].map((customer) => [customer, book] as const)),
    ),
  });

// Amounts as decimal strings from a fixed list: large ones run payers dry, so later ones fail for funds.
const AMOUNTS = ['0.01', '1.00', '12.34', '25.00', '49.99', '60.00', '150.00'];

/** The transfers, in the order the paying book's process requests them. */
export const sagaTransfers = (count: number, seed: number): readonly CrossBookTransferInput[] => {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const transfers: CrossBookTransferInput[] = [];
  for (let index = 0; index < count; index++) {
    const from = pick(sagaBooks);
    const to: SagaBook = from === 'b1' ? 'b2' : 'b1';
    const roll = random();
    const target = roll < 0.1 ? closedOf[to] : roll < 0.2 ? ghostOf[to] : pick(customersOf[to]);
    transfers.push({ transferId: `s${seed}-${index}`, fromAccountId: walletOf(pick(customersOf[from])), toAccountId: walletOf(target), amount: pick(AMOUNTS), ledger: ROUTED_LEDGER });
  }
  // Whatever the seed: one of each outcome at least.
  transfers.push(
    { transferId: `s${seed}-closed`, fromAccountId: walletOf('a0'), toAccountId: walletOf(closedOf.b2), amount: '1.00', ledger: ROUTED_LEDGER },
    { transferId: `s${seed}-ghost`, fromAccountId: walletOf('z0'), toAccountId: walletOf(ghostOf.b1), amount: '1.00', ledger: ROUTED_LEDGER },
    { transferId: `s${seed}-broke`, fromAccountId: walletOf('a1'), toAccountId: walletOf('z1'), amount: '100000.00', ledger: ROUTED_LEDGER },
    { transferId: `s${seed}-fine`, fromAccountId: walletOf('z2'), toAccountId: walletOf('a2'), amount: '0.50', ledger: ROUTED_LEDGER },
  );
  return transfers;
};
