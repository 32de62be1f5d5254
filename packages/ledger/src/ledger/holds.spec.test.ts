/**
 * Decider specification of the book: holds (pending transfers), posting them in full or in part,
 * voiding them, and their expiry by time (through ExpirePendingTransfers or the next batch).
 */
import { describe, expect, it } from 'vitest';
import { amountMaxOf } from './amounts.js';
import {
  at,
  balancesAfter,
  closeAccounts,
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
  NOW,
  postHold,
  SECOND,
  stateOf,
  transfer,
  transferRecord,
  ts,
  voidHold,
} from '../../test-kit/ledger/specFixtures.test-support.js';

/** alice holds 100.00 for bob for an hour, placed at `at(2)` (the only item, so its timestamp is `at(2) + 1`). */
const HOLD_TS = at(2) + 1n;
const EXPIRES = HOLD_TS + 3600n * SECOND;
const held = () => extend(fundedBook(), createTransfers([hold('h1', 'alice', 'bob', '100.00', { timeout: 3600 })], at(2)));
const posted = () => extend(held(), createTransfers([postHold('p1', 'h1')], at(3)));
const voided = () => extend(held(), createTransfers([voidHold('v1', 'h1')], at(3)));
const expired = () => extend(held(), expirePendingTransfers(EXPIRES));

const postRecord = (id: string, amount: string, timestamp: string, requestedAmount: string | null) =>
  transferRecord(id, 'alice', 'bob', amount, timestamp, { flags: ['post_pending_transfer'], pendingId: 'h1', requestedAmount });
const voidRecord = (id: string, timestamp: string, requestedAmount: string | null = null) =>
  transferRecord(id, 'alice', 'bob', '100.00', timestamp, { flags: ['void_pending_transfer'], pendingId: 'h1', requestedAmount });

describe('placing holds', () => {
  it('a hold reserves the amount: ok, stored with its timeout', () => {
    given(fundedBook())
      .when(createTransfers([hold('h1', 'alice', 'bob', '100', { timeout: 60, userData: 'card-auth-1' })], NOW))
      .then([
        committed({ transfers: [transferRecord('h1', 'alice', 'bob', '100.00', ts(0), { flags: ['pending'], timeout: 60, userData: 'card-auth-1' })] }),
      ]);
  });

  it('a hold moves the pending fields only', () => {
    given(fundedBook())
      .when(createTransfers([hold('h1', 'alice', 'bob', '100.00')], NOW))
      .thenState((state) => {
        const alice = state.accounts.get('alice')!;
        const bob = state.accounts.get('bob')!;
        expect([alice.debitsPending, alice.debitsPosted, alice.creditsPosted]).toEqual([10000n, 0n, 100000n]);
        expect([bob.creditsPending, bob.creditsPosted]).toEqual([10000n, 50000n]);
        expect(state.pendingStatus.get('h1')).toBe('pending');
      });
  });

  it('a hold without a timeout or with timeout 0 never expires', () => {
    const events = extend(
      fundedBook(),
      createTransfers([hold('h0', 'alice', 'bob', '1.00'), hold('hz', 'alice', 'bob', '1.00', { timeout: 0 })], at(2)),
    );
    const placed = events.at(-1);
    expect(placed?.type === 'TransfersCommitted' && placed.data.transfers.map((t) => ('timeout' in t ? t.timeout : 'none'))).toEqual(['none', 0]);
    given(events).when(expirePendingTransfers(at(10n ** 9n))).thenNothingHappened();
  });

  it('a hold beyond the available balance: exceeds_credits (transient)', () => {
    expectItemFailsTransiently(fundedBook(), hold('h1', 'alice', 'bob', '1000.01'), 'exceeds_credits');
  });

  it('the largest timeout (2^31 - 1 s) is valid', () => {
    expectResults(decide(fundedBook(), createTransfers([hold('h1', 'alice', 'bob', '1.00', { timeout: 2 ** 31 - 1 })], NOW)).results, ['ok']);
  });
});

describe('posting and voiding holds', () => {
  it('posts the full amount: ok; the hold is released and the amount posted', () => {
    given(held()).when(createTransfers([postHold('p1', 'h1')], NOW)).then([committed({ transfers: [postRecord('p1', '100.00', ts(0), null)] })]);
    const after = extend(held(), createTransfers([postHold('p1', 'h1')], NOW));
    expect(balancesAfter(after, 'alice')).toEqual({ debitsPending: 0n, debitsPosted: 10000n, creditsPending: 0n, creditsPosted: 100000n });
    expect(balancesAfter(after, 'bob')).toEqual({ debitsPending: 0n, debitsPosted: 0n, creditsPending: 0n, creditsPosted: 60000n });
  });

  it('posts part of the hold: ok; the remainder is released', () => {
    given(held()).when(createTransfers([postHold('p1', 'h1', { amount: '40' })], NOW)).then([committed({ transfers: [postRecord('p1', '40.00', ts(0), '40.00')] })]);
    const after = extend(held(), createTransfers([postHold('p1', 'h1', { amount: '40' })], at(3)));
    expect(balancesAfter(after, 'alice')).toEqual({ debitsPending: 0n, debitsPosted: 4000n, creditsPending: 0n, creditsPosted: 100000n });
    expect(balancesAfter(after, 'bob').creditsPending).toBe(0n);
    // The released 60.00 is available again: alice can spend all of her remaining 960.00.
    expectResults(decide(after, createTransfers([transfer('t1', 'alice', 'bob', '960.00')], NOW)).results, ['ok']);
  });

  it('the post may repeat the hold accounts and ledger', () => {
    given(held())
      .when(createTransfers([postHold('p1', 'h1', { debitAccountId: 'alice', creditAccountId: 'bob', ledger: 'cny' })], NOW))
      .then([committed({ transfers: [postRecord('p1', '100.00', ts(0), null)] })]);
  });

  it('voids a hold: ok; the hold is released and nothing is posted', () => {
    given(held()).when(createTransfers([voidHold('v1', 'h1')], NOW)).then([committed({ transfers: [voidRecord('v1', ts(0))] })]);
    const after = extend(held(), createTransfers([voidHold('v1', 'h1')], NOW));
    expect(balancesAfter(after, 'alice')).toEqual({ debitsPending: 0n, debitsPosted: 0n, creditsPending: 0n, creditsPosted: 100000n });
  });

  it('a void may carry the full amount', () => {
    given(held()).when(createTransfers([voidHold('v1', 'h1', { amount: '100' })], NOW)).then([committed({ transfers: [voidRecord('v1', ts(0), '100.00')] })]);
  });

  it('a void of part of the hold: pending_transfer_has_different_amount', () => {
    expectItemFails(held(), voidHold('v1', 'h1', { amount: '40.00' }), 'pending_transfer_has_different_amount');
  });

  it('a void of zero voids the full amount, as in TigerBeetle', () => {
    given(held()).when(createTransfers([voidHold('v1', 'h1', { amount: '0' })], NOW)).then([committed({ transfers: [voidRecord('v1', ts(0), '0.00')] })]);
  });

  it('posting or voiding more than the hold: exceeds_pending_transfer_amount', () => {
    expectItemFails(held(), postHold('p1', 'h1', { amount: '100.01' }), 'exceeds_pending_transfer_amount');
    // TigerBeetle checks the ceiling before the void's exact-amount rule.
    expectItemFails(held(), voidHold('v1', 'h1', { amount: '100.01' }), 'exceeds_pending_transfer_amount');
  });

  it('posting AMOUNT_MAX (2^128 - 1 minor units) posts the full pending amount', () => {
    given(held())
      .when(createTransfers([postHold('p1', 'h1', { amount: amountMaxOf(2) })], NOW))
      .then([committed({ transfers: [postRecord('p1', '100.00', ts(0), amountMaxOf(2))] })]);
  });

  it('posting zero (TigerBeetle 0.16): ok, the hold is released and nothing posted; an amount beyond the scale: amount_invalid', () => {
    given(held()).when(createTransfers([postHold('p1', 'h1', { amount: '0.00' })], NOW)).then([committed({ transfers: [postRecord('p1', '0.00', ts(0), '0.00')] })]);
    const after = extend(held(), createTransfers([postHold('p1', 'h1', { amount: '0' })], NOW));
    expect(balancesAfter(after, 'alice')).toEqual({ debitsPending: 0n, debitsPosted: 0n, creditsPending: 0n, creditsPosted: 100000n });
    expectItemFails(held(), postHold('p1', 'h1', { amount: '1.001' }), 'amount_invalid');
    expectItemFails(held(), postHold('p1', 'h1', { amount: '-1' }), 'amount_invalid');
  });

  it.each([
    ['pending_transfer_has_different_debit_account_id', { debitAccountId: 'carol' }],
    ['pending_transfer_has_different_credit_account_id', { creditAccountId: 'carol' }],
    ['pending_transfer_has_different_ledger', { ledger: 'usd' }],
    ['pending_transfer_has_different_code', { code: 2 }],
  ] as const)('%s', (code, extra) => {
    expectItemFails(held(), postHold('p1', 'h1', extra), code);
    expectItemFails(held(), voidHold('v1', 'h1', extra), code);
  });

  it('an unknown hold: pending_transfer_not_found (transient)', () => {
    expectItemFailsTransiently(held(), postHold('p1', 'nope'), 'pending_transfer_not_found');
    expectItemFailsTransiently(held(), voidHold('v1', 'nope'), 'pending_transfer_not_found');
  });

  it('a transfer that is not a hold: pending_transfer_not_pending', () => {
    expectItemFails(held(), postHold('p1', 'dep-alice'), 'pending_transfer_not_pending');
    const withJournal = extend(held(), createTransfers([journal('j1', [debitLeg('bank-cash', '1.00'), creditLeg('fee-income', '1.00')])], at(3)));
    expectItemFails(withJournal, voidHold('v1', 'j1'), 'pending_transfer_not_pending');
    // A post is not a hold either.
    expectItemFails(posted(), postHold('p2', 'p1'), 'pending_transfer_not_pending');
  });

  it('a posted hold: pending_transfer_already_posted', () => {
    expectItemFails(posted(), postHold('p2', 'h1'), 'pending_transfer_already_posted');
    expectItemFails(posted(), voidHold('v2', 'h1'), 'pending_transfer_already_posted');
  });

  it('a voided hold: pending_transfer_already_voided', () => {
    expectItemFails(voided(), postHold('p2', 'h1'), 'pending_transfer_already_voided');
    expectItemFails(voided(), voidHold('v2', 'h1'), 'pending_transfer_already_voided');
  });

  it('a hold posted earlier in the same batch: pending_transfer_already_posted', () => {
    const { results, events } = decide(held(), createTransfers([postHold('p1', 'h1', { amount: '10.00' }), postHold('p2', 'h1'), voidHold('v1', 'h1')], NOW));
    expectResults(results, ['ok', 'pending_transfer_already_posted', 'pending_transfer_already_posted']);
    expect(events).toEqual([committed({ transfers: [postRecord('p1', '10.00', ts(0), '10.00')] })]);
  });

  it('a hold placed earlier in the same batch can be posted', () => {
    const { results } = decide(fundedBook(), createTransfers([hold('h9', 'alice', 'bob', '5.00'), postHold('p9', 'h9')], NOW));
    expectResults(results, ['ok', 'ok']);
  });

  it('the same post again: exists ("40" and "40.00" are the same amount)', () => {
    const partial = extend(held(), createTransfers([postHold('p1', 'h1', { amount: '40' })], at(3)));
    given(partial).when(createTransfers([postHold('p1', 'h1', { amount: '40.00' })], NOW)).thenNothingHappened();
    given(posted()).when(createTransfers([postHold('p1', 'h1')], NOW)).thenNothingHappened();
  });
});

describe('user data of posts and voids', () => {
  const heldWithData = () => extend(fundedBook(), createTransfers([hold('h1', 'alice', 'bob', '100.00', { userData: 'card 42' })], at(2)));

  it('a post that omits user data inherits the hold user data, as in TigerBeetle; a retry omitting it again is exists', () => {
    const posted = extend(heldWithData(), createTransfers([postHold('p1', 'h1')], at(3)));
    expect(stateOf(posted).postings.get('p1')!.record.userData).toBe('card 42');
    given(posted).when(createTransfers([postHold('p1', 'h1')], NOW)).thenNothingHappened();
    given(posted).when(createTransfers([postHold('p1', 'h1', { userData: 'card 42' })], NOW)).thenNothingHappened();
    expectItemFails(posted, postHold('p1', 'h1', { userData: 'other' }), 'exists_with_different_user_data');
  });

  it('a post stored before inheritance (v1 events, no user data) still answers exists to its retry', () => {
    const old = [...heldWithData(), committed({ transfers: [postRecord('p1', '100.00', (at(3) + 1n).toString(), null)] })];
    given(old).when(createTransfers([postHold('p1', 'h1')], NOW)).thenNothingHappened();
  });
});

describe('hold expiry', () => {
  it('ExpirePendingTransfers releases a hold whose timeout has passed', () => {
    given(held())
      .when(expirePendingTransfers(EXPIRES))
      .then([committed({ expired: [{ id: 'h1', timestamp: EXPIRES.toString() }] })]);
    const after = expired();
    expect(balancesAfter(after, 'alice').debitsPending).toBe(0n);
    expect(balancesAfter(after, 'bob').creditsPending).toBe(0n);
  });

  it('ExpirePendingTransfers before the timeout: nothing happens', () => {
    given(held()).when(expirePendingTransfers(EXPIRES - 1n)).thenNothingHappened();
  });

  it('ExpirePendingTransfers with nothing pending: nothing happens', () => {
    given(fundedBook()).when(expirePendingTransfers(NOW)).thenNothingHappened();
    given(posted()).when(expirePendingTransfers(EXPIRES + SECOND)).thenNothingHappened();
    given(expired()).when(expirePendingTransfers(EXPIRES + SECOND)).thenNothingHappened();
  });

  it('several holds expire in order of their expiry', () => {
    const two = extend(
      fundedBook(),
      createTransfers([hold('h1', 'alice', 'bob', '1.00', { timeout: 60 }), hold('h2', 'alice', 'bob', '1.00', { timeout: 30 }), hold('h3', 'alice', 'bob', '1.00', { timeout: 600 })], at(2)),
    );
    const base = at(2) + 100n * SECOND;
    given(two)
      .when(expirePendingTransfers(base))
      .then([committed({ expired: [{ id: 'h2', timestamp: base.toString() }, { id: 'h1', timestamp: base.toString() }] })]);
  });

  it('the next batch releases expired holds before its items (the released balance is usable at once)', () => {
    given(held())
      .when(createTransfers([transfer('t1', 'alice', 'bob', '1000.00')], EXPIRES))
      .then([
        committed({
          expired: [{ id: 'h1', timestamp: EXPIRES.toString() }],
          transfers: [transferRecord('t1', 'alice', 'bob', '1000.00', (EXPIRES + 1n).toString())],
        }),
      ]);
    // Control: before the timeout the hold still blocks the same transfer.
    given(held())
      .when(createTransfers([transfer('t1', 'alice', 'bob', '1000.00')], EXPIRES - SECOND))
      .then([committed({ failed: [{ id: 't1', code: 'exceeds_credits' }] })]);
  });

  it('posting after the timeout: pending_transfer_expired (not transient, as in TigerBeetle), in the batch that expires the hold', () => {
    given(held())
      .when(createTransfers([postHold('p1', 'h1')], EXPIRES))
      .then([committed({ expired: [{ id: 'h1', timestamp: EXPIRES.toString() }] })]);
  });

  it('posting or voiding a hold already expired by an earlier event: pending_transfer_expired', () => {
    expectItemFails(expired(), postHold('p1', 'h1'), 'pending_transfer_expired');
    expectItemFails(expired(), voidHold('v1', 'h1'), 'pending_transfer_expired');
  });

  it('a post whose own timestamp reaches the expiry: pending_transfer_expired; one nanosecond earlier: ok', () => {
    // Decided at EXPIRES - 1: the hold is not due yet at the batch start, but the post's timestamp is EXPIRES.
    given(held())
      .when(createTransfers([postHold('p1', 'h1')], EXPIRES - 1n))
      .thenFails('pending_transfer_expired');
    given(held())
      .when(createTransfers([postHold('p1', 'h1')], EXPIRES - 2n))
      .then([committed({ transfers: [postRecord('p1', '100.00', (EXPIRES - 1n).toString(), null)] })]);
  });

  it('a post that failed because the hold expired does not burn its id: a retry is pending_transfer_expired again', () => {
    const failed = extend(held(), { tolerate: createTransfers([postHold('p1', 'h1')], EXPIRES) });
    expect(stateOf(failed).failed.has('p1')).toBe(false);
    given(failed).when(createTransfers([postHold('p1', 'h1')], NOW)).thenFails('pending_transfer_expired');
  });

  // The decider closes against the state it is given: a timed-out hold still counts until its expiry
  // is written (by ExpirePendingTransfers or any transfer batch). `Book.closeAccounts` writes the
  // expiries first, so callers of the book do not see this (tested in book.test.ts).
  it('a hold that timed out but was not expired yet still blocks closing the account', () => {
    given(held()).when(closeAccounts(['alice'], EXPIRES + SECOND)).thenFails('account_has_pending_transfers');
    // Once expired the hold no longer blocks; alice's balance is what refuses the close now.
    given(expired()).when(closeAccounts(['alice'], EXPIRES + SECOND)).thenFails('account_balance_not_zero');
  });
});
