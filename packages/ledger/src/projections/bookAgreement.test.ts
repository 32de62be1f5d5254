/**
 * The projections must agree exactly with the book. These tests drive the real decider
 * (`decideBook` + `evolveBook`), record every event it emits, and compare the read model with the
 * book's own account views, now and at every earlier command.
 */
import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountBalanceOf, type AccountBalance } from '../ledger/accountView.js';
import { decideBook, type BookCommand } from '../ledger/bookDecider.js';
import { evolveBook, initialBookState } from '../ledger/bookState.js';
import { minorToDecimal } from '../money/decimalString.js';
import type { ProjectedAccountBalance } from './accountBalances.js';
import { LedgerReadModel } from './ledgerReadModel.js';
import { FUNDING, opArb, RandomItems } from '../../test-kit/projections/randomActivity.test-support.js';
import { EventLog, isoOf, T0 } from '../../test-kit/projections/testFixtures.js';

const SECOND = 1_000_000_000n;

/** A book driven in memory, recording what it emits and its account views after each command. */
const drive = () => {
  const state = initialBookState();
  const log = new EventLog();
  const history: { at: bigint; views: AccountBalance[] }[] = [];
  const run = (command: BookCommand, now: bigint) => {
    const decision = decideBook(command, state);
    if (E.isLeft(decision)) throw decision.left;
    for (const event of decision.right.events) {
      evolveBook(state, event);
      log.ledger(event, isoOf(now));
    }
    history.push({ at: state.lastTimestamp, views: [...state.accounts.values()].map(accountBalanceOf) });
    return decision.right.results.map((r) => r.result);
  };
  return { state, log, history, run };
};

const strip = ({ assetCode: _code, scale: _scale, ...view }: ProjectedAccountBalance): AccountBalance => view;

/** Asserts the model agrees with the book now and at every recorded instant. */
const expectAgreement = ({ log, history, state }: ReturnType<typeof drive>) => {
  const model = new LedgerReadModel();
  model.applyAll(log.events);
  expect(model.balances().map(strip)).toEqual([...state.accounts.values()].map(accountBalanceOf));
  for (const { at, views } of history) expect(model.balancesAsOf(at).map(strip)).toEqual(views);
  expect(model.trialBalance().balanced).toBe(true);
  for (const { at } of history) expect(model.trialBalanceAsOf(at).balanced).toBe(true);
  for (const account of state.accounts.values()) {
    const statement = model.statement(account.record.id)!;
    const view = accountBalanceOf(account);
    const pending = view.normalSide === 'credit' ? account.creditsPending - account.debitsPending : account.debitsPending - account.creditsPending;
    expect(statement.closingBalance).toBe(view.balance);
    expect(statement.closingPending).toBe(minorToDecimal(pending, account.scale));
  }
  return model;
};

const setUp = (run: ReturnType<typeof drive>['run']) => {
  run({ type: 'DefineLedgers', data: { ledgers: [{ id: 'cny', asset: { code: 'CNY', scale: 2 } }, { id: 'jpy', asset: { code: 'JPY', scale: 0 } }] } }, T0);
  const results = run(
    {
      type: 'OpenAccounts',
      data: {
        now: T0,
        accounts: [
          { id: 'cash', ledger: 'cny', code: 1001, type: 'asset' },
          { id: 'alice', ledger: 'cny', code: 2011, type: 'liability', flags: { debitsMustNotExceedCredits: true } },
          { id: 'bob', ledger: 'cny', code: 2011, type: 'liability', flags: { debitsMustNotExceedCredits: true }, overdraftLimit: '20' },
          { id: 'income', ledger: 'cny', code: 6001, type: 'income' },
          { id: 'expense', ledger: 'cny', code: 6601, type: 'expense', flags: { creditsMustNotExceedDebits: true } },
          { id: 'vault', ledger: 'jpy', code: 1001, type: 'asset' },
          { id: 'carol', ledger: 'jpy', code: 2011, type: 'liability', flags: { debitsMustNotExceedCredits: true } },
        ],
      },
    },
    T0,
  );
  expect(results.every((r) => r === 'ok')).toBe(true);
};

describe('agreement with the book', () => {
  it('matches the book through deposits, holds, posts, voids, expiry, journals and reversals', () => {
    const book = drive();
    const { run } = book;
    setUp(run);
    const results = run(
      {
        type: 'CreateTransfers',
        data: {
          now: T0 + SECOND,
          transfers: [
            { id: 't1', debitAccountId: 'cash', creditAccountId: 'alice', amount: '100.00', code: 1 },
            { id: 'h1', debitAccountId: 'alice', creditAccountId: 'bob', amount: '30', code: 2, flags: { pending: true }, timeout: 10 },
            { id: 'p1', pendingId: 'h1', amount: '20', code: 2, flags: { postPendingTransfer: true } },
            { id: 'h2', debitAccountId: 'alice', creditAccountId: 'income', amount: '5', code: 3, flags: { pending: true } },
            { id: 'v1', pendingId: 'h2', code: 3, flags: { voidPendingTransfer: true } },
            { id: 'h3', debitAccountId: 'alice', creditAccountId: 'bob', amount: '7.5', code: 2, flags: { pending: true }, timeout: 1 },
            { id: 'j1', code: 4, legs: [{ accountId: 'alice', side: 'debit', amount: '12' }, { accountId: 'bob', side: 'credit', amount: '10' }, { accountId: 'income', side: 'credit', amount: '2' }] },
            // Capped by bob's available balance (30 posted + 20 overdraft): moves 50, not 1000.
            { id: 'b1', debitAccountId: 'bob', creditAccountId: 'alice', amount: '1000', code: 5, flags: { balancingDebit: true } },
            { id: 'y1', debitAccountId: 'vault', creditAccountId: 'carol', amount: '5000', code: 1 },
          ],
        },
      },
      T0 + SECOND,
    );
    expect(results.every((r) => r === 'ok')).toBe(true);
    expect(run({ type: 'ExpirePendingTransfers', data: { now: T0 + 3n * SECOND } }, T0 + 3n * SECOND)).toEqual([]);
    expect(run({ type: 'CreateTransfers', data: { now: T0 + 4n * SECOND, transfers: [{ id: 't2', debitAccountId: 'cash', creditAccountId: 'bob', amount: '100', code: 1 }, { id: 'r1', reverses: 'p1' }, { id: 'r2', reverses: 'j1' }] } }, T0 + 4n * SECOND)).toEqual(['ok', 'ok', 'ok']);
    expect(run({ type: 'CloseAccounts', data: { ids: ['income'], now: T0 + 5n * SECOND } }, T0 + 5n * SECOND)).toEqual(['ok']);
    const model = expectAgreement(book);
    expect(model.statement('bob')?.lines.find((l) => l.transferId === 'b1')).toMatchObject({ amount: '50.00', runningBalance: '-20.00' });
    expect(model.statement('alice')?.lines.map((l) => [l.transferId, l.kind])).toEqual([
      ['t1', 'posted'],
      ['h1', 'pending'],
      ['p1', 'pending_posted'],
      ['h2', 'pending'],
      ['v1', 'pending_voided'],
      ['h3', 'pending'],
      ['j1', 'posted'],
      ['b1', 'posted'],
      ['h3', 'expired'],
      ['r1', 'posted'],
      ['r2', 'posted'],
    ]);
  });

  const commandArb = fc.record({
    advance: fc.bigInt({ min: 0n, max: 1_500_000_000n }),
    kind: fc.constantFrom('transfers', 'transfers', 'transfers', 'expire', 'close', 'reopen'),
    ops: fc.array(opArb, { minLength: 1, maxLength: 4 }),
    account: fc.nat(),
  });

  it('matches the book on random histories (property)', () => {
    fc.assert(
      fc.property(fc.array(commandArb, { maxLength: 25 }), (commands) => {
        const book = drive();
        setUp(book.run);
        expect(book.run({ type: 'CreateTransfers', data: { transfers: FUNDING, now: T0 } }, T0)).toEqual(['ok', 'ok', 'ok', 'ok']);
        let now = T0;
        const items = new RandomItems();
        for (const command of commands) {
          now += command.advance;
          if (command.kind === 'expire') book.run({ type: 'ExpirePendingTransfers', data: { now } }, now);
          else if (command.kind === 'close' || command.kind === 'reopen') {
            book.run({ type: command.kind === 'close' ? 'CloseAccounts' : 'ReopenAccounts', data: { ids: [items.account(command.account)], now } }, now);
          } else book.run({ type: 'CreateTransfers', data: { transfers: items.itemsOf(command.ops), now } }, now);
        }
        expectAgreement(book);
      }),
      { numRuns: 150 },
    );
  });
});
