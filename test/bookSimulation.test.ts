/**
 * Cross-package simulation: many customers doing a random day's business through the public
 * API of `@ecoledger/ledger`, over a real store. Afterwards the invariants must hold whatever
 * happened: every asset balances, the read model rebuilt from the log agrees with the book,
 * a reopened book equals the live one, and each statement ends at its account's balance.
 */
import * as fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { Book, createInMemoryEventStore, decimalToMinor, LedgerReadModel, minorToDecimal } from '@ecoledger/ledger';

const CUSTOMERS = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'];
const customer = fc.constantFrom(...CUSTOMERS);
const cents = fc.bigInt({ min: 1n, max: 500_000n }).map((n) => minorToDecimal(n, 2));

type Op =
  | { op: 'deposit'; to: string; amount: string }
  | { op: 'pay'; from: string; to: string; amount: string }
  | { op: 'hold'; from: string; amount: string; capture: 'full' | 'part' | 'void' | 'none' }
  | { op: 'payWithFee'; from: string; amount: string; fee: string }
  | { op: 'reverseLast' }
  | { op: 'tick'; seconds: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('deposit' as const), to: customer, amount: cents }),
  fc.record({ op: fc.constant('pay' as const), from: customer, to: customer, amount: cents }),
  fc.record({ op: fc.constant('hold' as const), from: customer, amount: cents, capture: fc.constantFrom('full' as const, 'part' as const, 'void' as const, 'none' as const) }),
  fc.record({ op: fc.constant('payWithFee' as const), from: customer, amount: cents, fee: fc.constantFrom('0.50', '1.00', '2.50') }),
  fc.constant({ op: 'reverseLast' as const }),
  fc.record({ op: fc.constant('tick' as const), seconds: fc.integer({ min: 1, max: 7200 }) }),
);

describe('properties', () => {
  it('a random day of business keeps every ledger invariant', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 60 }), async (ops) => {
        const store = createInMemoryEventStore();
        let now = Date.parse('2026-03-01T08:00:00Z');
        const clock = () => new Date(now);
        const book = await Book.open({ store, bookId: 'sim', clock, snapshotEvery: 5 });
        const ok = <T>(outcome: E.Either<Error, T>): T => {
          if (E.isLeft(outcome)) throw outcome.left;
          return outcome.right;
        };
        ok(await book.defineLedgers([{ id: 'cny', asset: { code: 'CNY', scale: 2 } }]));
        ok(
          await book.openAccounts([
            { id: 'cash', ledger: 'cny', code: 1001, type: 'asset' },
            { id: 'shop', ledger: 'cny', code: 2012, type: 'liability' },
            { id: 'fees', ledger: 'cny', code: 6021, type: 'income' },
            ...CUSTOMERS.map((id) => ({ id, ledger: 'cny', code: 2011, type: 'liability' as const, flags: { debitsMustNotExceedCredits: true } })),
          ]),
        );
        let n = 0;
        const posted: string[] = [];
        for (const op of ops) {
          const id = `op-${++n}`;
          switch (op.op) {
            case 'deposit':
              ok(await book.createTransfers([{ id, debitAccountId: 'cash', creditAccountId: op.to, amount: op.amount, code: 1 }]));
              posted.push(id);
              break;
            case 'pay':
              if (op.from !== op.to) ok(await book.createTransfers([{ id, debitAccountId: op.from, creditAccountId: op.to, amount: op.amount, code: 2 }]));
              posted.push(id);
              break;
            case 'hold': {
              const [placed] = ok(await book.createTransfers([{ id, debitAccountId: op.from, creditAccountId: 'shop', amount: op.amount, code: 3, timeout: 3600, flags: { pending: true } }]));
              if (placed?.result !== 'ok' || op.capture === 'none') break;
              const resolve =
                op.capture === 'void'
                  ? { id: `${id}-void`, pendingId: id, code: 3, flags: { voidPendingTransfer: true } }
                  : { id: `${id}-post`, pendingId: id, code: 3, flags: { postPendingTransfer: true }, ...(op.capture === 'part' ? { amount: '0.01' } : {}) };
              ok(await book.createTransfers([resolve]));
              break;
            }
            case 'payWithFee': {
              const total = minorToDecimal(decimalToMinor(op.amount, 2) + decimalToMinor(op.fee, 2), 2);
              ok(
                await book.createTransfers([
                  {
                    id,
                    code: 4,
                    legs: [
                      { accountId: op.from, side: 'debit', amount: total },
                      { accountId: 'shop', side: 'credit', amount: op.amount },
                      { accountId: 'fees', side: 'credit', amount: op.fee },
                    ],
                  },
                ]),
              );
              posted.push(id);
              break;
            }
            case 'reverseLast': {
              const target = posted.pop();
              if (target !== undefined) ok(await book.createTransfers([{ id, reverses: target }]));
              break;
            }
            case 'tick':
              now += op.seconds * 1000;
              break;
          }
        }

        // Guarded customer accounts never go below zero, holds included.
        for (const id of CUSTOMERS) expect(decimalToMinor(book.account(id)!.available, 2)).toBeGreaterThanOrEqual(0n);

        const model = new LedgerReadModel({ streams: (name) => name === book.streamName });
        model.applyAll(await store.readAll());
        expect(model.trialBalance().balanced).toBe(true);
        for (const account of book.accounts()) {
          expect(model.balance(account.id)?.balance).toBe(account.balance);
          const lines = model.statement(account.id)?.lines ?? [];
          expect(lines.at(-1)?.runningBalance ?? minorToDecimal(0n, 2)).toBe(account.balance);
        }
        const reopened = await Book.open({ store, bookId: 'sim', clock });
        expect(reopened.accounts()).toEqual(book.accounts());
      }),
      { numRuns: 60 },
    );
  });
});
