import * as fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { decideBook } from './bookDecider.js';
import { evolveBook, initialBookState } from './bookState.js';
import { BookCommandCodec, TransferInputCodec } from './inputCodecs.js';

const book = () => {
  const state = initialBookState();
  for (const command of [
    { type: 'DefineLedgers' as const, data: { ledgers: [{ id: 'cny', asset: { code: 'CNY', scale: 2 } }] } },
    {
      type: 'OpenAccounts' as const,
      data: { now: 1n, accounts: [{ id: 'a', ledger: 'cny', code: 1, type: 'asset' }, { id: 'b', ledger: 'cny', code: 1, type: 'liability' }] },
    },
  ]) {
    const decision = decideBook(command, state);
    if (E.isLeft(decision)) throw decision.left;
    for (const event of decision.right.events) evolveBook(state, event);
  }
  return state;
};

describe('input codecs', () => {
  it('a result that rejects an item for its shape names the path and the reason', () => {
    const decision = decideBook(
      { type: 'CreateTransfers', data: { now: 5n, transfers: [{ id: 't1', debitAccountId: 'a', creditAccountId: 'b', amount: 12.5, code: 1 }] } },
      book(),
    );
    expect(E.isRight(decision) && decision.right.results[0]).toMatchObject({
      result: 'amount_invalid',
      detail: expect.stringContaining('$.transfers[0].amount'),
    });
  });

  it('state-dependent rejections carry no detail', () => {
    const decision = decideBook(
      { type: 'CreateTransfers', data: { now: 5n, transfers: [{ id: 't1', debitAccountId: 'a', creditAccountId: 'zz', amount: '1', code: 1 }] } },
      book(),
    );
    expect(E.isRight(decision) && decision.right.results[0]).toEqual({ index: 0, id: 't1', result: 'credit_account_not_found' });
  });

  it('decodes a transported command, with `now` as a decimal string', () => {
    const decoded = BookCommandCodec.decode({ type: 'ExpirePendingTransfers', data: { now: '1700000000000000000' } });
    expect(E.isRight(decoded) && decoded.right).toEqual({ type: 'ExpirePendingTransfers', data: { now: 1700000000000000000n } });
    const bad = BookCommandCodec.decode({ type: 'CreateTransfers', data: { now: 5, transfers: [] } });
    expect(E.isLeft(bad)).toBe(true);
  });

  describe('properties', () => {
    it('an item the codec accepts is never rejected by the book for its shape', () => {
      const shapeCodes = ['item_malformed', 'reserved_flag', 'id_must_not_be_empty', 'id_malformed', 'code_must_not_be_zero', 'timeout_invalid', 'amount_invalid', 'user_data_malformed'];
      const item = fc.record(
        {
          id: fc.stringMatching(/^[a-z0-9]{1,8}$/),
          debitAccountId: fc.constantFrom('a', 'b'),
          creditAccountId: fc.constantFrom('b', 'a'),
          amount: fc.bigInt({ min: 1n, max: 10n ** 12n }).map((n) => `${n / 100n}.${String(n % 100n).padStart(2, '0')}`),
          code: fc.integer({ min: 1, max: 65535 }),
          userData: fc.string({ maxLength: 256 }),
        },
        { requiredKeys: ['id', 'debitAccountId', 'creditAccountId', 'amount', 'code'] },
      );
      fc.assert(
        fc.property(item, (transfer) => {
          expect(E.isRight(TransferInputCodec.decode(transfer))).toBe(true);
          const decision = decideBook({ type: 'CreateTransfers', data: { now: 5n, transfers: [transfer] } }, book());
          if (E.isLeft(decision)) throw decision.left;
          expect(shapeCodes).not.toContain(decision.right.results[0]?.result);
        }),
        { numRuns: 500 },
      );
    });
  });
});
