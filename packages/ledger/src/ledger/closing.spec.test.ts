/**
 * Decider specification of the book: closing transfers, as in TigerBeetle. A pending transfer
 * flagged `closingDebit` / `closingCredit` closes its debit / credit account (the book's closed
 * state, as CloseAccounts sets it); voiding it or its expiry reopens the account. A closed account
 * takes no new transfers, and the only movement it allows is voiding a hold.
 */
import { describe, expect, it } from 'vitest';
import {
  at,
  closeAccounts,
  closedWithBalance,
  committed,
  createTransfers,
  creditLeg,
  debitLeg,
  decide,
  expectItemFails,
  expectItemFailsTransiently,
  expectResults,
  expirePendingTransfers,
  extend,
  fundedBook,
  given,
  hold,
  journal,
  linked,
  NOW,
  postHold,
  reopenAccounts,
  SECOND,
  stateOf,
  transfer,
  transferRecord,
  ts,
  voidHold,
} from '../../test-kit/ledger/specFixtures.test-support.js';

const closingDebit = { flags: { closingDebit: true } } as const;
const closingCredit = { flags: { closingCredit: true } } as const;
/** Bob's account closed by a zero-amount closing hold (TigerBeetle's close-account recipe), placed at `at(2)`. */
const bobClosed = () => extend(fundedBook(), createTransfers([hold('close-bob', 'bob', 'bank-cash', '0', closingDebit)], at(2)));

describe('closing transfers', () => {
  it('a pending closing_debit transfer closes its debit account: ok, stored with the flag', () => {
    given(fundedBook())
      .when(createTransfers([hold('close-bob', 'bob', 'bank-cash', '0', closingDebit)], NOW))
      .then([committed({ transfers: [transferRecord('close-bob', 'bob', 'bank-cash', '0.00', ts(0), { flags: ['pending', 'closing_debit'] })] })]);
    expect(stateOf(bobClosed()).accounts.get('bob')!.closed).toBe(true);
    expect(stateOf(bobClosed()).accounts.get('bank-cash')!.closed).toBe(false);
  });

  it('a pending closing_credit transfer closes its credit account', () => {
    const events = extend(fundedBook(), createTransfers([hold('close-fees', 'opex', 'fee-income', '0', closingCredit)], at(2)));
    expect(stateOf(events).accounts.get('fee-income')!.closed).toBe(true);
    expect(stateOf(events).accounts.get('opex')!.closed).toBe(false);
  });

  it('the closed account takes no new transfers on either side (transient, as any closed account)', () => {
    expectItemFailsTransiently(bobClosed(), transfer('t1', 'bob', 'alice', '1.00'), 'debit_account_already_closed');
    expectItemFailsTransiently(bobClosed(), transfer('t1', 'alice', 'bob', '1.00'), 'credit_account_already_closed');
    expectItemFailsTransiently(bobClosed(), journal('j1', [debitLeg('alice', '1.00'), creditLeg('bob', '1.00')]), 'leg_account_already_closed');
    expectItemFailsTransiently(bobClosed(), hold('h1', 'bob', 'alice', '0', closingCredit), 'debit_account_already_closed');
  });

  it('later items of the same batch see the account closed', () => {
    const { results } = decide(fundedBook(), createTransfers([hold('close-bob', 'bob', 'bank-cash', '0', closingDebit), transfer('t1', 'bob', 'alice', '1.00')], NOW));
    expectResults(results, ['ok', 'debit_account_already_closed']);
  });

  it('voiding the closing transfer reopens the account', () => {
    const reopened = extend(bobClosed(), createTransfers([voidHold('v1', 'close-bob')], at(3)));
    expect(stateOf(reopened).accounts.get('bob')!.closed).toBe(false);
    expectResults(decide(reopened, createTransfers([transfer('t1', 'bob', 'alice', '1.00')], NOW)).results, ['ok']);
  });

  it('the expiry of the closing transfer reopens the account', () => {
    const timed = extend(fundedBook(), createTransfers([hold('close-bob', 'bob', 'bank-cash', '0', { ...closingDebit, timeout: 60 })], at(2)));
    const expired = extend(timed, expirePendingTransfers(at(100)));
    expect(stateOf(timed).accounts.get('bob')!.closed).toBe(true);
    expect(stateOf(expired).accounts.get('bob')!.closed).toBe(false);
    // ...also when the next batch expires it before its own items.
    expectResults(decide(timed, createTransfers([transfer('t1', 'bob', 'alice', '1.00')], at(2) + 61n * SECOND)).results, ['ok']);
  });

  it('posting the closing transfer: debit_account_already_closed (only a void may move a closed account)', () => {
    expectItemFailsTransiently(bobClosed(), postHold('p1', 'close-bob'), 'debit_account_already_closed');
  });

  it('other holds on a closed account can be voided but not posted', () => {
    const events = extend(
      fundedBook(),
      createTransfers([hold('h1', 'alice', 'bob', '10.00'), hold('close-bob', 'bob', 'bank-cash', '0', closingDebit)], at(2)),
    );
    expectItemFailsTransiently(events, postHold('p1', 'h1'), 'credit_account_already_closed');
    expectResults(decide(events, createTransfers([voidHold('v1', 'h1')], NOW)).results, ['ok']);
  });

  it('closing flags need a pending transfer: closing_transfer_must_be_pending; on a post or void: flags_are_mutually_exclusive', () => {
    expectItemFails(fundedBook(), transfer('t1', 'bob', 'bank-cash', '0', closingDebit), 'closing_transfer_must_be_pending');
    expectItemFails(fundedBook(), transfer('t1', 'bob', 'bank-cash', '0', closingCredit), 'closing_transfer_must_be_pending');
    const held = extend(fundedBook(), createTransfers([hold('h1', 'alice', 'bob', '10.00')], at(2)));
    expectItemFails(held, postHold('p1', 'h1', { flags: { postPendingTransfer: true, closingDebit: true } }), 'flags_are_mutually_exclusive');
    expectItemFails(held, voidHold('v1', 'h1', { flags: { voidPendingTransfer: true, closingCredit: true } }), 'flags_are_mutually_exclusive');
  });

  it("TigerBeetle's close-account recipe: a balancing transfer empties the account, a linked closing hold closes it", () => {
    const events = extend(
      fundedBook(),
      createTransfers(
        [
          linked(transfer('sweep-bob', 'bob', 'bank-cash', '1000000.00', { flags: { balancingDebit: true } })),
          hold('close-bob', 'bob', 'bank-cash', '0', closingDebit),
        ],
        at(2),
      ),
    );
    const bob = stateOf(events).accounts.get('bob')!;
    expect([bob.closed, bob.debitsPosted, bob.creditsPosted]).toEqual([true, 50000n, 50000n]);
  });

  it('an account closed by a closing hold is reopened by voiding it, not by ReopenAccounts: account_has_pending_transfers', () => {
    const held = extend(fundedBook(), createTransfers([hold('close-bob', 'bob', 'bank-cash', '1.00', closingDebit)], at(2)));
    given(held).when(reopenAccounts(['bob'], NOW)).thenFails('account_has_pending_transfers');
    given(held).when(closeAccounts(['bob'], NOW)).thenFails('account_already_closed');
    // A zero-amount closing hold leaves no pending balance, yet it is what keeps the account closed.
    given(bobClosed()).when(reopenAccounts(['bob'], NOW)).thenFails('account_has_pending_transfers');
    // A hold of zero blocks CloseAccounts as any hold does.
    const zeroHold = extend(fundedBook(), createTransfers([hold('h0', 'alice', 'bob', '0')], at(2)));
    given(zeroHold).when(closeAccounts(['bob'], NOW)).thenFails('account_has_pending_transfers');
    const voided = [...extend(bobClosed(), createTransfers([voidHold('v1', 'close-bob')], at(3))), closedWithBalance(['bob'], at(4))];
    expect(decide(voided, reopenAccounts(['bob'], NOW)).results.map((r) => r.result)).toEqual(['ok']);
  });
});
