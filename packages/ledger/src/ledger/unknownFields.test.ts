import * as fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../eventStore/inMemoryEventStore.js';
import { Book } from './book.js';
import type { ItemResult } from './ledgerError.js';

const openBook = async () => {
  const book = await Book.open({ store: createInMemoryEventStore(), clock: () => new Date('2026-01-01T00:00:00Z') });
  await book.defineLedgers([{ id: 'cny', asset: { code: 'CNY', scale: 2 } }]);
  await book.openAccounts([
    { id: 'cash', ledger: 'cny', code: 1001, type: 'asset' },
    { id: 'alice', ledger: 'cny', code: 2011, type: 'liability' },
    { id: 'bob', ledger: 'cny', code: 2011, type: 'liability' },
  ]);
  await book.createTransfers([
    { id: 'deposit', debitAccountId: 'cash', creditAccountId: 'alice', amount: '100.00', code: 1 },
    { id: 'hold', debitAccountId: 'alice', creditAccountId: 'bob', amount: '5.00', code: 2, flags: { pending: true } },
  ]);
  return book;
};

const only = (outcome: E.Either<Error, readonly ItemResult[]>): ItemResult => {
  if (E.isLeft(outcome)) throw outcome.left;
  expect(outcome.right).toHaveLength(1);
  return outcome.right[0]!;
};

/** Balances and revision: what "changes nothing" means for a book. */
const footprint = (book: Book) => ({ revision: book.currentRevision, accounts: book.accounts() });

describe('unknown fields are rejected, naming the field, never dropped', () => {
  it('`flag` (a typo for `flags`) is refused instead of moving the money at once', async () => {
    const book = await openBook();
    const before = footprint(book);
    const result = only(
      await book.createTransfers([{ id: 't1', debitAccountId: 'alice', creditAccountId: 'bob', amount: '10.00', code: 1, flag: { pending: true } } as never]),
    );
    expect(result).toMatchObject({ result: 'unknown_field', field: 'flag', detail: expect.stringContaining('$.transfers[0].flag') });
    expect(footprint(book)).toEqual(before);
  });

  it('a misspelt `userdata` is refused instead of silently losing the reference', async () => {
    const book = await openBook();
    const result = only(
      await book.createTransfers([{ id: 't1', debitAccountId: 'alice', creditAccountId: 'bob', amount: '1.00', code: 1, userdata: 'order-7' } as never]),
    );
    expect(result).toMatchObject({ result: 'unknown_field', field: 'userdata' });
    expect(book.transfer('t1')).toBeUndefined();
  });

  it.each([
    ['two-leg transfer', { id: 'x', debitAccountId: 'alice', creditAccountId: 'bob', amount: '1', code: 1, ammount: '2' }, 'ammount'],
    ['post', { id: 'x', pendingId: 'hold', flags: { postPendingTransfer: true }, pendingID: 'hold' }, 'pendingID'],
    ['void', { id: 'x', pendingId: 'hold', flags: { voidPendingTransfer: true }, reason: 'customer' }, 'reason'],
    [
      'journal entry',
      { id: 'x', code: 1, legs: [{ accountId: 'alice', side: 'debit', amount: '1' }, { accountId: 'bob', side: 'credit', amount: '1' }], memo: 'm' },
      'memo',
    ],
    [
      'journal leg',
      { id: 'x', code: 1, legs: [{ accountId: 'alice', side: 'debit', amount: '1' }, { accountId: 'bob', side: 'credit', amout: '1', amount: '1' }] },
      'legs[1].amout',
    ],
    ['reversal', { id: 'x', reverses: 'deposit', reason: 'typo' }, 'reason'],
    ['a journal entry naming a reversal target', { id: 'x', code: 1, reverses: 'deposit', legs: [] }, 'reverses'],
  ])('%s', async (_kind, item, field) => {
    const book = await openBook();
    const before = footprint(book);
    expect(only(await book.createTransfers([item as never]))).toMatchObject({ result: 'unknown_field', field });
    expect(footprint(book)).toEqual(before);
  });

  it('a misspelt flag is reserved_flag (TigerBeetle) and names the flag', async () => {
    const book = await openBook();
    const result = only(await book.createTransfers([{ id: 'x', debitAccountId: 'alice', creditAccountId: 'bob', amount: '1', code: 1, flags: { pendng: true } } as never]));
    expect(result).toMatchObject({ result: 'reserved_flag', field: 'flags.pendng' });
    const account = only(await book.openAccounts([{ id: 'n', ledger: 'cny', code: 1, type: 'asset', flags: { debitsMustNotExceedCredit: true } } as never]));
    expect(account).toMatchObject({ result: 'reserved_flag', field: 'flags.debitsMustNotExceedCredit' });
  });

  it('ledgers (and their asset) and accounts', async () => {
    const book = await openBook();
    const before = footprint(book);
    expect(only(await book.defineLedgers([{ id: 'usd', asset: { code: 'USD', scale: 2 }, name: 'dollars' } as never]))).toMatchObject({ result: 'unknown_field', field: 'name' });
    expect(only(await book.defineLedgers([{ id: 'usd', asset: { code: 'USD', scale: 2, scal: 2 } } as never]))).toMatchObject({ result: 'unknown_field', field: 'asset.scal' });
    expect(only(await book.openAccounts([{ id: 'n', ledger: 'cny', code: 1, type: 'asset', overdraft: '5' } as never]))).toMatchObject({ result: 'unknown_field', field: 'overdraft' });
    expect(footprint(book)).toEqual(before);
  });

  it('metadata is free-form by design: any label is kept', async () => {
    const book = await openBook();
    expect(only(await book.openAccounts([{ id: 'n', ledger: 'cny', code: 1, type: 'asset', metadata: { anything: 'goes', flag: 'x' } }]))).toMatchObject({ result: 'ok' });
  });

  it('a linked chain with an unknown field fails as a whole', async () => {
    const book = await openBook();
    const outcome = await book.createTransfers([
      { id: 'c1', debitAccountId: 'alice', creditAccountId: 'bob', amount: '1', code: 1, flags: { linked: true } },
      { id: 'c2', debitAccountId: 'bob', creditAccountId: 'alice', amount: '1', code: 1, userdata: 'x' } as never,
    ]);
    if (E.isLeft(outcome)) throw outcome.left;
    expect(outcome.right.map((r) => r.result)).toEqual(['linked_event_failed', 'unknown_field']);
  });
});

const KNOWN = new Set(['id', 'debitAccountId', 'creditAccountId', 'amount', 'ledger', 'code', 'pendingId', 'timeout', 'userData', 'flags', 'timestamp', 'legs', 'reverses']);

const validItem = fc.oneof(
  fc.record({ amount: fc.constantFrom('0', '1', '2.5', '99.99'), pending: fc.boolean() }).map(({ amount, pending }) => ({
    id: 'p',
    debitAccountId: 'alice',
    creditAccountId: 'bob',
    amount,
    code: 1,
    ...(pending ? { flags: { pending: true } } : {}),
  })),
  fc.constant({ id: 'p', pendingId: 'hold', flags: { postPendingTransfer: true } }),
  fc.constant({ id: 'p', code: 3, legs: [{ accountId: 'alice', side: 'debit', amount: '1' }, { accountId: 'bob', side: 'credit', amount: '1' }] }),
  fc.constant({ id: 'p', reverses: 'deposit' }),
);

describe('property: a valid item plus any extra key is rejected and changes nothing', () => {
  it('holds for every kind of transfer-batch item', async () => {
    const book = await openBook();
    const before = footprint(book);
    await fc.assert(
      fc.asyncProperty(validItem, fc.string({ minLength: 1, maxLength: 12 }).filter((key) => !KNOWN.has(key)), fc.jsonValue(), async (item, key, value) => {
        const extra: Record<string, unknown> = { ...item };
        Object.defineProperty(extra, key, { value, enumerable: true, writable: true, configurable: true });
        const result = only(await book.createTransfers([extra as never]));
        expect(result).toMatchObject({ result: 'unknown_field', field: key });
        expect(footprint(book)).toEqual(before);
      }),
      { numRuns: 150 },
    );
    // The same items without the extra key are accepted: the key alone made the difference.
    const accepted = await book.createTransfers([{ id: 'p', debitAccountId: 'alice', creditAccountId: 'bob', amount: '1', code: 1 }]);
    expect(E.isRight(accepted) && accepted.right[0]!.result).toBe('ok');
  });
});
