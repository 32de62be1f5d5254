/**
 * Decider specification of the book: balance fields and amounts are u128 (at most 2^128 - 1 minor
 * units), as in TigerBeetle; on the JPY ledger (scale 0) minor units are whole yen. The overflow
 * checks run in TigerBeetle's order (pending, then posted, then pending + posted, each debit side
 * first) and all of them before the balance guards.
 */
import { describe, expect, it } from 'vitest';
import { amountMaxOf } from './amounts.js';
import {
  at,
  balancesAfter,
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
  ITEM_MAX,
  journal,
  NOW,
  postHold,
  reversal,
  transfer,
  U128_MAX,
} from '../../test-kit/ledger/specFixtures.test-support.js';

const M = ITEM_MAX.toString();
const withItems = (...items: unknown[]) => extend(fundedBook(), createTransfers(items, at(2)));

describe('amount limits', () => {
  it('the limits are what the tests assume', () => {
    expect(U128_MAX.toString()).toBe('340282366920938463463374607431768211455');
    expect(2n * ITEM_MAX + 1n).toBe(U128_MAX);
  });

  it('the largest single amount is 2^128 - 1 (TigerBeetle AMOUNT_MAX), at any scale; one more: amount_invalid', () => {
    expectResults(decide(fundedBook(), createTransfers([transfer('y1', 'jpy-a', 'jpy-b', U128_MAX.toString())], NOW)).results, ['ok']);
    expectResults(decide(fundedBook(), createTransfers([transfer('c1', 'opex', 'fee-income', amountMaxOf(2))], NOW)).results, ['ok']);
    expect(amountMaxOf(2)).toBe('3402823669209384634633746074317682114.55');
    expectItemFails(fundedBook(), transfer('y1', 'jpy-a', 'jpy-b', (U128_MAX + 1n).toString()), 'amount_invalid');
    expectItemFails(fundedBook(), transfer('c1', 'opex', 'fee-income', '3402823669209384634633746074317682114.56'), 'amount_invalid');
  });
});

describe('overflow codes', () => {
  it('debits pending reach exactly 2^128 - 1; one more: overflows_debits_pending', () => {
    const book = withItems(hold('h1', 'jpy-a', 'jpy-b', M), hold('h2', 'jpy-a', 'jpy-c', M));
    const full = extend(book, createTransfers([hold('h3', 'jpy-a', 'jpy-d', '1')], at(3)));
    expect(balancesAfter(full, 'jpy-a').debitsPending).toBe(U128_MAX);
    expectItemFails(book, hold('h3', 'jpy-a', 'jpy-d', '2'), 'overflows_debits_pending');
    expectItemFails(full, hold('h4', 'jpy-a', 'jpy-d', '1'), 'overflows_debits_pending');
  });

  it('credits pending: overflows_credits_pending', () => {
    const book = withItems(hold('h1', 'jpy-b', 'jpy-a', M), hold('h2', 'jpy-c', 'jpy-a', M));
    expectResults(decide(book, createTransfers([hold('h3', 'jpy-d', 'jpy-a', '1')], NOW)).results, ['ok']);
    expectItemFails(book, hold('h3', 'jpy-d', 'jpy-a', '2'), 'overflows_credits_pending');
  });

  it('debits posted: overflows_debits_posted (plain transfer)', () => {
    const book = withItems(transfer('t1', 'jpy-a', 'jpy-b', M), transfer('t2', 'jpy-a', 'jpy-c', M));
    expectResults(decide(book, createTransfers([transfer('t3', 'jpy-a', 'jpy-d', '1')], NOW)).results, ['ok']);
    expectItemFails(book, transfer('t3', 'jpy-a', 'jpy-d', '2'), 'overflows_debits_posted');
  });

  it('credits posted: overflows_credits_posted (plain transfer)', () => {
    const book = withItems(transfer('t1', 'jpy-b', 'jpy-a', M), transfer('t2', 'jpy-c', 'jpy-a', M));
    expectResults(decide(book, createTransfers([transfer('t3', 'jpy-d', 'jpy-a', '1')], NOW)).results, ['ok']);
    expectItemFails(book, transfer('t3', 'jpy-d', 'jpy-a', '2'), 'overflows_credits_posted');
  });

  it('pending plus posted debits: overflows_debits (neither field overflows alone)', () => {
    const book = withItems(hold('h1', 'jpy-a', 'jpy-b', M), hold('h2', 'jpy-a', 'jpy-c', M));
    expectResults(decide(book, createTransfers([transfer('t3', 'jpy-a', 'jpy-d', '1')], NOW)).results, ['ok']);
    expectItemFails(book, transfer('t3', 'jpy-a', 'jpy-d', '2'), 'overflows_debits');
    // ...and for a hold: M posted and M pending, then 2 more pending. TigerBeetle checks the posted
    // field for holds too, so posted debits at 2M would answer overflows_debits_posted instead.
    const mixed = withItems(transfer('t1', 'jpy-a', 'jpy-b', M), hold('h1', 'jpy-a', 'jpy-c', M));
    expectItemFails(mixed, hold('h3', 'jpy-a', 'jpy-d', '2'), 'overflows_debits');
    const posted = withItems(transfer('t1', 'jpy-a', 'jpy-b', M), transfer('t2', 'jpy-a', 'jpy-c', M));
    expectItemFails(posted, hold('h3', 'jpy-a', 'jpy-d', '2'), 'overflows_debits_posted');
  });

  it('pending plus posted credits: overflows_credits', () => {
    const book = withItems(hold('h1', 'jpy-b', 'jpy-a', M), hold('h2', 'jpy-c', 'jpy-a', M));
    expectItemFails(book, transfer('t3', 'jpy-d', 'jpy-a', '2'), 'overflows_credits');
    const mixed = withItems(transfer('t1', 'jpy-b', 'jpy-a', M), hold('h1', 'jpy-c', 'jpy-a', M));
    expectItemFails(mixed, hold('h3', 'jpy-d', 'jpy-a', '2'), 'overflows_credits');
    const posted = withItems(transfer('t1', 'jpy-b', 'jpy-a', M), transfer('t2', 'jpy-c', 'jpy-a', M));
    expectItemFails(posted, hold('h3', 'jpy-d', 'jpy-a', '2'), 'overflows_credits_posted');
  });

  it('every overflow check of both sides comes before exceeds_credits / exceeds_debits (TigerBeetle order)', () => {
    // fee-income holds AMOUNT_MAX of credits; alice (guarded, 1,000.00) pays it 2,000.00: both the
    // credit side overflows and the debit side exceeds its credits. TigerBeetle answers the overflow.
    const full = withItems(transfer('c1', 'opex', 'fee-income', amountMaxOf(2)));
    expectItemFails(full, transfer('t1', 'alice', 'fee-income', '2000.00'), 'overflows_credits_posted');
    expectItemFails(full, hold('h1', 'alice', 'fee-income', '2000.00'), 'overflows_credits_posted');
    expectItemFailsTransiently(full, transfer('t1', 'alice', 'bob', '2000.00'), 'exceeds_credits');
  });

  it('a hold checks pending overflows of both sides before posted ones', () => {
    // jpy-a has AMOUNT_MAX posted debits and jpy-b AMOUNT_MAX pending credits: a hold a -> b
    // overflows the credit side's pending field first.
    const book = withItems(transfer('t1', 'jpy-a', 'jpy-c', U128_MAX.toString()), hold('h1', 'jpy-d', 'jpy-b', U128_MAX.toString()));
    expectItemFails(book, hold('h2', 'jpy-a', 'jpy-b', '1'), 'overflows_credits_pending');
    expectItemFails(book, transfer('t2', 'jpy-a', 'jpy-b', '1'), 'overflows_debits_posted');
  });

  it('the debit side is checked before the credit side', () => {
    const book = withItems(transfer('t1', 'jpy-a', 'jpy-b', M), transfer('t2', 'jpy-a', 'jpy-c', M), transfer('t3', 'jpy-c', 'jpy-d', M), transfer('t4', 'jpy-b', 'jpy-d', M));
    expectItemFails(book, transfer('t5', 'jpy-a', 'jpy-d', '2'), 'overflows_debits_posted');
  });

  it('a journal leg: overflows_debits_posted / overflows_credits_posted / overflows_debits', () => {
    const debits = withItems(transfer('t1', 'jpy-a', 'jpy-b', M), transfer('t2', 'jpy-a', 'jpy-c', M));
    expectItemFails(debits, journal('j1', [debitLeg('jpy-a', '2'), creditLeg('jpy-d', '2')]), 'overflows_debits_posted');
    const credits = withItems(transfer('t1', 'jpy-b', 'jpy-a', M), transfer('t2', 'jpy-c', 'jpy-a', M));
    expectItemFails(credits, journal('j1', [debitLeg('jpy-d', '2'), creditLeg('jpy-a', '2')]), 'overflows_credits_posted');
    const pending = withItems(hold('h1', 'jpy-a', 'jpy-b', M), hold('h2', 'jpy-a', 'jpy-c', M));
    expectItemFails(pending, journal('j1', [debitLeg('jpy-a', '2'), creditLeg('jpy-d', '2')]), 'overflows_debits');
  });

  it('a reversal: overflows_debits_posted', () => {
    // b already debited 2 x M; reversing t0 (a -> b) would debit b once more.
    const book = withItems(transfer('t0', 'jpy-a', 'jpy-b', '2'), transfer('t1', 'jpy-b', 'jpy-c', M), transfer('t2', 'jpy-b', 'jpy-d', M));
    expectItemFails(book, reversal('r0', 't0'), 'overflows_debits_posted');
  });

  it('overflow codes are not transient: the id can be used again', () => {
    const book = withItems(transfer('t1', 'jpy-a', 'jpy-b', M), transfer('t2', 'jpy-a', 'jpy-c', M));
    const tried = extend(book, { tolerate: createTransfers([transfer('t3', 'jpy-a', 'jpy-d', '2')], at(3)) });
    expectResults(decide(tried, createTransfers([transfer('t3', 'jpy-a', 'jpy-d', '1')], NOW)).results, ['ok']);
  });

  it('posting a hold never overflows: pending plus posted is already bounded, so the post-time check is unreachable', () => {
    // Debits of jpy-a: M pending (h1) + (M + 1) posted = 2^128 - 1 in total, the most the fields can hold.
    const book = withItems(hold('h1', 'jpy-a', 'jpy-b', M), transfer('t1', 'jpy-a', 'jpy-c', M), transfer('t2', 'jpy-a', 'jpy-d', '1'));
    given(book)
      .when(createTransfers([postHold('p1', 'h1')], NOW))
      .thenState((state) => {
        const a = state.accounts.get('jpy-a')!;
        expect([a.debitsPending, a.debitsPosted]).toEqual([0n, U128_MAX]);
      });
  });
});
