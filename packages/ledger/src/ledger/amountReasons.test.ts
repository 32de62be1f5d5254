import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { moneyErrorMessages } from '../errors.js';
import { createInMemoryEventStore } from '../eventStore/inMemoryEventStore.js';
import { Book } from './book.js';
import type { ItemResult } from './ledgerError.js';

const openBook = async () => {
  const book = await Book.open({ store: createInMemoryEventStore() });
  await book.defineLedgers([{ id: 'cny', asset: { code: 'CNY', scale: 2 } }]);
  await book.openAccounts([
    { id: 'a', ledger: 'cny', code: 1, type: 'asset' },
    { id: 'b', ledger: 'cny', code: 1, type: 'liability' },
  ]);
  await book.createTransfers([{ id: 'hold', debitAccountId: 'a', creditAccountId: 'b', amount: '5', code: 1, flags: { pending: true } }]);
  return book;
};

const only = (outcome: E.Either<Error, readonly ItemResult[]>): ItemResult => {
  if (E.isLeft(outcome)) throw outcome.left;
  return outcome.right[0]!;
};

const REASONS: [string, unknown, string][] = [
  ['too many decimals', '1.234', 'amount_too_many_decimals'],
  ['exponent', '1e5', 'amount_exponent_notation'],
  ['a JS number', 12.5, 'amount_is_number'],
  ['out of range', '9'.repeat(40), 'amount_out_of_range'],
  // 2^128 minor units: one past AMOUNT_MAX at scale 2.
  ['out of range at the scale', `${2n ** 128n / 100n}.${2n ** 128n % 100n}`, 'amount_out_of_range'],
  ['negative', '-1', 'amount_out_of_range'],
  ['not finite', 'NaN', 'amount_not_finite'],
  ['malformed', '1,50', 'amount_malformed'],
  ['not a string', true, 'amount_not_string_or_bigint'],
];

describe('money errors reach the caller with their specific reason', () => {
  it.each(REASONS)('createTransfers, %s: amount_invalid with reason %s', async (_name, amount, reason) => {
    const book = await openBook();
    const result = only(await book.createTransfers([{ id: 't', debitAccountId: 'a', creditAccountId: 'b', amount, code: 1 } as never]));
    expect(result).toMatchObject({ result: 'amount_invalid', field: 'amount', reason });
    expect(result.detail).toContain('$.transfers[0].amount');
    expect(moneyErrorMessages[result.reason!]).toBeDefined();
  });

  it.each(REASONS)('openAccounts overdraftLimit, %s: overdraft_limit_invalid with reason %s', async (_name, overdraftLimit, reason) => {
    const book = await openBook();
    const result = only(
      await book.openAccounts([{ id: 'n', ledger: 'cny', code: 1, type: 'asset', overdraftLimit, flags: { creditsMustNotExceedDebits: true } } as never]),
    );
    expect(result).toMatchObject({ result: 'overdraft_limit_invalid', field: 'overdraftLimit', reason });
  });

  it('a post and a journal leg name their amount too', async () => {
    const book = await openBook();
    expect(only(await book.createTransfers([{ id: 'p', pendingId: 'hold', amount: '1.001', flags: { postPendingTransfer: true } }]))).toMatchObject({
      result: 'amount_invalid',
      field: 'amount',
      reason: 'amount_too_many_decimals',
    });
    const legs = [
      { accountId: 'a', side: 'debit' as const, amount: '1' },
      { accountId: 'b', side: 'credit' as const, amount: '1.005' },
    ];
    expect(only(await book.createTransfers([{ id: 'j', code: 1, legs }]))).toMatchObject({ result: 'amount_invalid', field: 'legs[1].amount', reason: 'amount_too_many_decimals' });
  });

  it('a missing amount on a two-leg transfer names the field', async () => {
    const book = await openBook();
    expect(only(await book.createTransfers([{ id: 't', debitAccountId: 'a', creditAccountId: 'b', code: 1 }]))).toMatchObject({
      result: 'amount_invalid',
      field: 'amount',
      reason: 'amount_not_string_or_bigint',
    });
  });
});
