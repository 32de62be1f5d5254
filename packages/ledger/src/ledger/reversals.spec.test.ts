/**
 * Decider specification of the book: reversals of posted transfers, posts of holds and journal entries.
 */
import { describe, expect, it } from 'vitest';
import {
  at,
  balancesAfter,
  closedWithBalance,
  committed,
  createTransfers,
  creditLeg,
  debitLeg,
  decide,
  expectItemFails,
  expectItemFailsTransiently,
  expectResults,
  extend,
  fundedBook,
  given,
  hold,
  journal,
  NOW,
  postHold,
  reversal,
  transfer,
  transferRecord,
  ts,
  voidHold,
} from '../../test-kit/ledger/specFixtures.test-support.js';

/** fundedBook plus: t1 (alice pays bob 25.50, code 7), a hold h1 posted in part by p1, a void, and a journal entry j1. */
const book = () =>
  extend(
    fundedBook(),
    createTransfers(
      [
        transfer('t1', 'alice', 'bob', '25.50', { code: 7 }),
        hold('h1', 'alice', 'bob', '100.00'),
        postHold('p1', 'h1', { amount: '40.00' }),
        hold('h2', 'alice', 'bob', '5.00'),
        voidHold('v2', 'h2'),
        journal('j1', [debitLeg('bank-cash', '113.00'), creditLeg('fee-income', '100.00'), creditLeg('vat-payable', '13.00')], { code: 12 }),
      ],
      at(2),
    ),
  );
const reversedT1 = () => extend(book(), createTransfers([reversal('r1', 't1')], at(3)));

describe('reversals', () => {
  it('reverses a plain transfer: ok, a new transfer with the sides swapped and the original code', () => {
    given(book())
      .when(createTransfers([reversal('r1', 't1')], NOW))
      .then([committed({ transfers: [transferRecord('r1', 'bob', 'alice', '25.50', ts(0), { code: 7, reversalOf: 't1' })] })]);
  });

  it('a reversal may set its own code and user data', () => {
    given(book())
      .when(createTransfers([reversal('r1', 't1', { code: 99, userData: 'refund ticket 4' })], NOW))
      .then([committed({ transfers: [transferRecord('r1', 'bob', 'alice', '25.50', ts(0), { code: 99, reversalOf: 't1', userData: 'refund ticket 4' })] })]);
  });

  it('a reversal undoes the effect on the net balances', () => {
    const before = book();
    const after = reversedT1();
    const net = (events: typeof before, id: string) => {
      const b = balancesAfter(events, id);
      return b.creditsPosted - b.debitsPosted;
    };
    expect(net(after, 'alice')).toBe(net(before, 'alice') + 2550n);
    expect(net(after, 'bob')).toBe(net(before, 'bob') - 2550n);
  });

  it("reverses the post of a hold: ok, for the posted amount with the post's code", () => {
    given(book())
      .when(createTransfers([reversal('rp1', 'p1')], NOW))
      .then([committed({ transfers: [transferRecord('rp1', 'bob', 'alice', '40.00', ts(0), { reversalOf: 'p1' })] })]);
  });

  it('reverses a journal entry: ok, every leg on the other side', () => {
    given(book())
      .when(createTransfers([reversal('rj1', 'j1')], NOW))
      .then([
        committed({
          transfers: [
            {
              kind: 'journal',
              id: 'rj1',
              legs: [
                { accountId: 'bank-cash', side: 'credit', amount: '113.00' },
                { accountId: 'fee-income', side: 'debit', amount: '100.00' },
                { accountId: 'vat-payable', side: 'debit', amount: '13.00' },
              ],
              code: 12,
              timestamp: ts(0),
              reversalOf: 'j1',
            },
          ],
        }),
      ]);
  });

  it('a hold (pending, posted or not) or a void: transfer_to_reverse_is_pending', () => {
    expectItemFails(book(), reversal('x', 'h1'), 'transfer_to_reverse_is_pending');
    expectItemFails(extend(book(), createTransfers([hold('h3', 'alice', 'bob', '5.00')], at(3))), reversal('x', 'h3'), 'transfer_to_reverse_is_pending');
    expectItemFails(book(), reversal('x', 'v2'), 'transfer_to_reverse_is_pending');
  });

  it('a reversal: transfer_to_reverse_is_a_reversal', () => {
    expectItemFails(reversedT1(), reversal('x', 'r1'), 'transfer_to_reverse_is_a_reversal');
    const journalReversed = extend(book(), createTransfers([reversal('rj1', 'j1')], at(3)));
    expectItemFails(journalReversed, reversal('x', 'rj1'), 'transfer_to_reverse_is_a_reversal');
  });

  it('a transfer reversed before: transfer_already_reversed (also within one batch)', () => {
    expectItemFails(reversedT1(), reversal('r2', 't1'), 'transfer_already_reversed');
    const { results, events } = decide(book(), createTransfers([reversal('r1', 't1'), reversal('r2', 't1')], NOW));
    expectResults(results, ['ok', 'transfer_already_reversed']);
    expect(events).toEqual([committed({ transfers: [transferRecord('r1', 'bob', 'alice', '25.50', ts(0), { code: 7, reversalOf: 't1' })] })]);
  });

  it('an unknown transfer: transfer_to_reverse_not_found (transient)', () => {
    expectItemFailsTransiently(book(), reversal('x', 'nope'), 'transfer_to_reverse_not_found');
  });

  it('a transfer created earlier in the same batch can be reversed', () => {
    expectResults(decide(book(), createTransfers([transfer('t9', 'alice', 'bob', '1.00'), reversal('r9', 't9')], NOW)).results, ['ok', 'ok']);
  });

  it('a reversal that would overdraw the guarded account: exceeds_credits (transient)', () => {
    // Alice spent 900.00 of the 1,000.00 deposit: reversing the deposit would overdraw her.
    const spent = extend(fundedBook(), createTransfers([transfer('spend', 'alice', 'opex', '900.00')], at(2)));
    expectItemFailsTransiently(spent, reversal('x', 'dep-alice'), 'exceeds_credits');
    const spentViaJournal = extend(
      fundedBook(),
      createTransfers([journal('jd', [debitLeg('bank-cash', '50.00'), creditLeg('carol', '50.00')]), transfer('spend', 'carol', 'opex', '150.00')], at(2)),
    );
    expectItemFailsTransiently(spentViaJournal, reversal('x', 'jd'), 'exceeds_credits');
  });

  it('a reversal that would take a guarded credit account past its debits: exceeds_debits (transient)', () => {
    // The loan was repaid in full; reversing the disbursement would credit it below zero.
    const repaid = extend(fundedBook(), createTransfers([transfer('repay', 'alice', 'loan-alice', '300.00')], at(2)));
    expectItemFailsTransiently(repaid, reversal('x', 'loan-out'), 'exceeds_debits');
  });

  it('a reversal touching a closed account: debit/credit_account_already_closed, leg_account_already_closed (transient)', () => {
    expectItemFailsTransiently([...book(), closedWithBalance(['bob'], at(3))], reversal('x', 't1'), 'debit_account_already_closed');
    expectItemFailsTransiently([...fundedBook(), closedWithBalance(['bank-cash'], at(3))], reversal('x', 'dep-bob'), 'credit_account_already_closed');
    expectItemFailsTransiently([...book(), closedWithBalance(['vat-payable'], at(3))], reversal('x', 'j1'), 'leg_account_already_closed');
  });

  it('shape codes', () => {
    expectItemFails(book(), reversal('', 't1'), 'id_must_not_be_empty');
    expectItemFails(book(), reversal('r 1', 't1'), 'id_malformed');
    expectItemFails(book(), reversal('r1', ''), 'id_must_not_be_empty');
    expectItemFails(book(), reversal('r1', 't 1'), 'id_malformed');
    expectItemFails(book(), reversal('r1', 't1', { code: 0 }), 'code_must_not_be_zero');
    expectItemFails(book(), reversal('r1', 't1', { userData: 'u'.repeat(257) }), 'user_data_malformed');
    expectItemFails(book(), reversal('r1', 't1', { flags: { pending: true } }), 'reserved_flag');
  });
});

describe('reversal idempotency', () => {
  it('the same reversal again: exists (with or without the defaulted code)', () => {
    given(reversedT1()).when(createTransfers([reversal('r1', 't1')], NOW)).thenNothingHappened();
    given(reversedT1()).when(createTransfers([reversal('r1', 't1', { code: 7 })], NOW)).thenNothingHappened();
  });

  it('exists_with_different_reversal_target / _code / _user_data / _kind', () => {
    given(reversedT1()).when(createTransfers([reversal('r1', 'p1')], NOW)).thenFails('exists_with_different_reversal_target');
    given(reversedT1()).when(createTransfers([reversal('r1', 't1', { code: 8 })], NOW)).thenFails('exists_with_different_code');
    given(reversedT1()).when(createTransfers([reversal('r1', 't1', { userData: 'x' })], NOW)).thenFails('exists_with_different_user_data');
    // A plain transfer's id reused for a reversal, and a reversal's id reused for a plain transfer.
    given(reversedT1()).when(createTransfers([reversal('t1', 'dep-bob')], NOW)).thenFails('exists_with_different_kind');
    given(reversedT1()).when(createTransfers([transfer('r1', 'bob', 'alice', '25.50', { code: 7 })], NOW)).thenFails('exists_with_different_kind');
  });

  it('a retry after a transient failure: id_already_failed', () => {
    const failed = extend(book(), { tolerate: createTransfers([reversal('x', 'later')], at(3)) });
    const later = extend(failed, createTransfers([transfer('later', 'alice', 'bob', '1.00')], at(4)));
    given(later).when(createTransfers([reversal('x', 'later')], NOW)).thenFails('id_already_failed');
  });
});
