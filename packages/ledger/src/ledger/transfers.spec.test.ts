/**
 * Decider specification of the book: two-leg transfers (shape, accounts, balance guards, overdraft
 * limits, balancing transfers) and idempotency (`exists`, `exists_with_different_*`, `id_already_failed`).
 */
import { describe, expect, it } from 'vitest';
import { ledgerResultMessages } from '../errors.js';
import { amountMaxOf } from './amounts.js';
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
  linked,
  NOW,
  openAccounts,
  postHold,
  rejection,
  reopenAccounts,
  reversal,
  stateOf,
  transfer,
  transferRecord,
  ts,
  voidHold,
} from '../../test-kit/ledger/specFixtures.test-support.js';

describe('plain transfers', () => {
  it('moves money: ok, stored with the canonical amount and the accounts ledger', () => {
    given(fundedBook())
      .when(createTransfers([transfer('t1', 'alice', 'bob', '25.5', { userData: 'order-1' })], NOW))
      .then([committed({ transfers: [transferRecord('t1', 'alice', 'bob', '25.50', ts(0), { userData: 'order-1' })] })]);
  });

  it('updates the posted balances of both accounts', () => {
    const events = extend(fundedBook(), createTransfers([transfer('t1', 'alice', 'bob', '25.50')], NOW));
    expect(balancesAfter(events, 'alice')).toEqual({ debitsPending: 0n, debitsPosted: 2550n, creditsPending: 0n, creditsPosted: 100000n });
    expect(balancesAfter(events, 'bob')).toEqual({ debitsPending: 0n, debitsPosted: 0n, creditsPending: 0n, creditsPosted: 52550n });
  });

  it('an explicit ledger equal to the accounts ledger is accepted', () => {
    given(fundedBook())
      .when(createTransfers([transfer('t1', 'alice', 'bob', '1.00', { ledger: 'cny', code: 65535 })], NOW))
      .then([committed({ transfers: [transferRecord('t1', 'alice', 'bob', '1.00', ts(0), { code: 65535 })] })]);
  });

  it('a scale-0 ledger stores whole amounts', () => {
    given(fundedBook())
      .when(createTransfers([transfer('y1', 'jpy-a', 'jpy-b', '1500')], NOW))
      .then([committed({ transfers: [transferRecord('y1', 'jpy-a', 'jpy-b', '1500', ts(0), { ledger: 'jpy' })] })]);
  });

  it('items of a batch get consecutive timestamps; a clock behind the book continues after the last one', () => {
    const events = fundedBook();
    const last = stateOf(events).lastTimestamp;
    given(events)
      .when(createTransfers([transfer('t1', 'alice', 'bob', '1.00'), transfer('t2', 'bob', 'alice', '2.00')], at(0)))
      .then([
        committed({
          transfers: [
            transferRecord('t1', 'alice', 'bob', '1.00', (last + 2n).toString()),
            transferRecord('t2', 'bob', 'alice', '2.00', (last + 3n).toString()),
          ],
        }),
      ]);
  });

  it('mixed results: accepted items are written, failures reported per item', () => {
    const { results, events } = decide(
      fundedBook(),
      createTransfers([transfer('t1', 'alice', 'bob', '1.00'), transfer('t2', 'alice', 'alice', '1.00'), 17, transfer('t3', 'bob', 'alice', '2.00')], NOW),
    );
    expectResults(results, ['ok', 'accounts_must_be_different', 'item_malformed', 'ok']);
    expect(results.map((r) => r.id)).toEqual(['t1', 't2', '', 't3']);
    expect(events).toEqual([
      committed({ transfers: [transferRecord('t1', 'alice', 'bob', '1.00', ts(0)), transferRecord('t3', 'bob', 'alice', '2.00', ts(3))] }),
    ]);
  });
});

describe('transfer shape codes', () => {
  const t = (extra: Record<string, unknown>) => ({ ...transfer('t1', 'alice', 'bob', '1.00'), ...extra });

  it.each([42, null, 'transfer', [transfer('t1', 'alice', 'bob', '1.00')], true])('item %j: item_malformed', (item) => {
    expectItemFails(fundedBook(), item, 'item_malformed');
  });

  it('id: id_must_not_be_empty / id_malformed', () => {
    expectItemFails(fundedBook(), t({ id: '' }), 'id_must_not_be_empty');
    expectItemFails(fundedBook(), t({ id: undefined }), 'id_must_not_be_empty');
    expectItemFails(fundedBook(), t({ id: 'a b' }), 'id_malformed');
    expectItemFails(fundedBook(), t({ id: 'x'.repeat(129) }), 'id_malformed');
  });

  it('a field the book does not know: unknown_field, before every other code (a typo of flags would move money at once)', () => {
    expectItemFails(fundedBook(), { ...t({}), flag: { pending: true } }, 'unknown_field');
    expectItemFails(fundedBook(), { ...t({ flags: { frozen: true } }), userdata: 'order-1' }, 'unknown_field');
  });

  it.each([{ frozen: true }, { pending: 'yes' }, 'pending', { linked: 1 }])('flags %j: reserved_flag', (flags) => {
    expectItemFails(fundedBook(), t({ flags }), 'reserved_flag');
  });

  it.each([
    { pending: true, postPendingTransfer: true },
    { pending: true, voidPendingTransfer: true },
    { postPendingTransfer: true, voidPendingTransfer: true },
    { balancingDebit: true, postPendingTransfer: true },
    { balancingCredit: true, voidPendingTransfer: true },
  ])('flags %j: flags_are_mutually_exclusive', (flags) => {
    expectItemFails(fundedBook(), t({ pendingId: 'h1', flags }), 'flags_are_mutually_exclusive');
  });

  it('debit account: debit_account_id_must_not_be_empty / id_malformed', () => {
    expectItemFails(fundedBook(), t({ debitAccountId: '' }), 'debit_account_id_must_not_be_empty');
    expectItemFails(fundedBook(), t({ debitAccountId: undefined }), 'debit_account_id_must_not_be_empty');
    expectItemFails(fundedBook(), t({ debitAccountId: 'ali ce' }), 'id_malformed');
  });

  it('credit account: credit_account_id_must_not_be_empty / id_malformed', () => {
    expectItemFails(fundedBook(), t({ creditAccountId: '' }), 'credit_account_id_must_not_be_empty');
    expectItemFails(fundedBook(), t({ creditAccountId: undefined }), 'credit_account_id_must_not_be_empty');
    expectItemFails(fundedBook(), t({ creditAccountId: 5 }), 'id_malformed');
  });

  it('the same account on both sides: accounts_must_be_different', () => {
    expectItemFails(fundedBook(), t({ creditAccountId: 'alice' }), 'accounts_must_be_different');
  });

  it('a pending id on a plain transfer: pending_id_must_be_empty', () => {
    expectItemFails(fundedBook(), t({ pendingId: 'h1' }), 'pending_id_must_be_empty');
  });

  it('a post or void without a pending id: pending_id_must_not_be_empty', () => {
    expectItemFails(fundedBook(), postHold('p1', ''), 'pending_id_must_not_be_empty');
    expectItemFails(fundedBook(), { id: 'v1', code: 1, flags: { voidPendingTransfer: true } }, 'pending_id_must_not_be_empty');
  });

  it('a post naming itself as the pending transfer: pending_id_must_be_different', () => {
    expectItemFails(fundedBook(), postHold('p1', 'p1'), 'pending_id_must_be_different');
  });

  it('a post with a malformed account id: id_malformed', () => {
    expectItemFails(fundedBook(), postHold('p1', 'h1', { debitAccountId: 'a b' }), 'id_malformed');
    expectItemFails(fundedBook(), postHold('p1', 'h1', { creditAccountId: 'b c' }), 'id_malformed');
    expectItemFails(fundedBook(), postHold('p1', 'h 1'), 'id_malformed');
  });

  it('a timeout on anything but a hold: timeout_reserved_for_pending_transfer', () => {
    expectItemFails(fundedBook(), t({ timeout: 10 }), 'timeout_reserved_for_pending_transfer');
    // As in TigerBeetle, only a non-zero timeout is reserved for holds.
    expectResults(decide(fundedBook(), createTransfers([t({ timeout: 0 })], NOW)).results, ['ok']);
    expectItemFails(fundedBook(), postHold('p1', 'h1', { timeout: 10 }), 'timeout_reserved_for_pending_transfer');
  });

  it.each([-1, 1.5, 2 ** 31, '10', Number.NaN])('timeout %s on a hold: timeout_invalid', (timeout) => {
    expectItemFails(fundedBook(), hold('h1', 'alice', 'bob', '1.00', { timeout }), 'timeout_invalid');
  });

  it('an empty ledger: ledger_must_not_be_empty; a malformed one: id_malformed', () => {
    expectItemFails(fundedBook(), t({ ledger: '' }), 'ledger_must_not_be_empty');
    expectItemFails(fundedBook(), t({ ledger: 'c n y' }), 'id_malformed');
  });

  it.each([0, 65536, -3, 2.5, '1', undefined])('code %s: code_must_not_be_zero', (code) => {
    expectItemFails(fundedBook(), t({ code }), 'code_must_not_be_zero');
  });

  it('user data over 256 characters or not a string: user_data_malformed', () => {
    expectItemFails(fundedBook(), t({ userData: 'u'.repeat(257) }), 'user_data_malformed');
    expectItemFails(fundedBook(), t({ userData: 12 }), 'user_data_malformed');
    expectResults(decide(fundedBook(), createTransfers([t({ userData: 'u'.repeat(256) })], NOW)).results, ['ok']);
  });

  it.each([
    ['missing', undefined],
    ['negative', '-1.00'],
    ['exponent notation', '1e2'],
    ['a JS number', 100],
    ['a leading zero', '01.00'],
    ['a bare point', '.5'],
    ['more decimals than the ledger scale', '1.234'],
    ['beyond the supported range', '9'.repeat(40)],
  ])('amount %s: amount_invalid', (_name, amount) => {
    expectItemFails(fundedBook(), t({ amount }), 'amount_invalid');
  });

  it('decimals on a scale-0 ledger: amount_invalid', () => {
    expectItemFails(fundedBook(), transfer('y1', 'jpy-a', 'jpy-b', '1.5'), 'amount_invalid');
    expectItemFails(fundedBook(), transfer('y1', 'jpy-a', 'jpy-b', '1.0'), 'amount_invalid');
  });

  it('a zero amount is accepted, as in TigerBeetle 0.16: ok, stored as 0.00, balances unchanged', () => {
    given(fundedBook())
      .when(createTransfers([t({ amount: '0' })], NOW))
      .then([committed({ transfers: [transferRecord('t1', 'alice', 'bob', '0.00', ts(0))] })]);
    const after = extend(fundedBook(), createTransfers([t({ amount: '0.00' }), hold('h0', 'alice', 'bob', '0')], NOW));
    expect(balancesAfter(after, 'alice')).toEqual(balancesAfter(fundedBook(), 'alice'));
  });

  it('shape codes take precedence over the state of the book', () => {
    // Unknown accounts, but the code is invalid: the shape wins (and nothing is remembered).
    expectItemFails(fundedBook(), transfer('t1', 'nobody', 'nobody-else', '1.00', { code: 0 }), 'code_must_not_be_zero');
  });
});

describe('transfer accounts', () => {
  it('an unknown debit account: debit_account_not_found (transient, remembered)', () => {
    expectItemFailsTransiently(fundedBook(), transfer('t1', 'nobody', 'bob', '1.00'), 'debit_account_not_found');
  });

  it('an unknown credit account: credit_account_not_found (transient, remembered)', () => {
    expectItemFailsTransiently(fundedBook(), transfer('t1', 'alice', 'nobody', '1.00'), 'credit_account_not_found');
  });

  it('accounts on different ledgers: accounts_must_have_the_same_ledger', () => {
    expectItemFails(fundedBook(), transfer('t1', 'alice', 'alice-usd', '1.00'), 'accounts_must_have_the_same_ledger');
  });

  it('a ledger other than the accounts ledger: transfer_must_have_the_same_ledger_as_accounts', () => {
    expectItemFails(fundedBook(), transfer('t1', 'alice', 'bob', '1.00', { ledger: 'usd' }), 'transfer_must_have_the_same_ledger_as_accounts');
    expectItemFails(fundedBook(), transfer('t1', 'alice', 'bob', '1.00', { ledger: 'nowhere' }), 'transfer_must_have_the_same_ledger_as_accounts');
  });

  it('a closed debit account: debit_account_already_closed (transient)', () => {
    const closed = [...fundedBook(), closedWithBalance(['bob'], at(2))];
    expectItemFailsTransiently(closed, transfer('t1', 'bob', 'alice', '1.00'), 'debit_account_already_closed');
  });

  it('a closed credit account: credit_account_already_closed (transient)', () => {
    const closed = [...fundedBook(), closedWithBalance(['bob'], at(2))];
    expectItemFailsTransiently(closed, transfer('t1', 'alice', 'bob', '1.00'), 'credit_account_already_closed');
  });

  it('a reopened account takes transfers again', () => {
    const reopened = extend([...fundedBook(), closedWithBalance(['bob'], at(2))], reopenAccounts(['bob'], at(3)));
    given(reopened)
      .when(createTransfers([transfer('t1', 'alice', 'bob', '1.00')], NOW))
      .then([committed({ transfers: [transferRecord('t1', 'alice', 'bob', '1.00', ts(0))] })]);
  });
});

describe('balance guards and overdraft limits', () => {
  it('debits beyond the credits of a guarded account: exceeds_credits (transient); exactly the balance is ok', () => {
    expectItemFailsTransiently(fundedBook(), transfer('t1', 'alice', 'bob', '1000.01'), 'exceeds_credits');
    given(fundedBook())
      .when(createTransfers([transfer('t1', 'alice', 'bob', '1000.00')], NOW))
      .then([committed({ transfers: [transferRecord('t1', 'alice', 'bob', '1000.00', ts(0))] })]);
  });

  it('credits beyond the debits of a guarded account: exceeds_debits (transient); exactly the balance is ok', () => {
    expectItemFailsTransiently(fundedBook(), transfer('r1', 'alice', 'loan-alice', '300.01'), 'exceeds_debits');
    expectResults(decide(fundedBook(), createTransfers([transfer('r1', 'alice', 'loan-alice', '300.00')], NOW)).results, ['ok']);
  });

  it('holds count against the guard', () => {
    const held = extend(fundedBook(), createTransfers([hold('h1', 'alice', 'bob', '800.00')], at(2)));
    expectItemFailsTransiently(held, transfer('t1', 'alice', 'bob', '200.01'), 'exceeds_credits');
    expectResults(decide(held, createTransfers([transfer('t1', 'alice', 'bob', '200.00')], NOW)).results, ['ok']);
  });

  it('an overdraft limit allows debits exactly up to the limit and rejects one minor unit beyond', () => {
    given(fundedBook())
      .when(createTransfers([transfer('c1', 'carol', 'bank-cash', '100.00')], NOW))
      .then([committed({ transfers: [transferRecord('c1', 'carol', 'bank-cash', '100.00', ts(0))] })]);
    expectItemFailsTransiently(fundedBook(), transfer('c1', 'carol', 'bank-cash', '100.01'), 'exceeds_credits');
    const spent = extend(fundedBook(), createTransfers([transfer('c0', 'carol', 'bank-cash', '60.00')], at(2)));
    expectResults(decide(spent, createTransfers([transfer('c1', 'carol', 'bank-cash', '40.00')], NOW)).results, ['ok']);
    expectItemFailsTransiently(spent, transfer('c1', 'carol', 'bank-cash', '40.01'), 'exceeds_credits');
  });

  it('the overdraft limit adds to the credits the account holds', () => {
    const deposited = extend(fundedBook(), createTransfers([transfer('d1', 'bank-cash', 'carol', '50.00')], at(2)));
    expectResults(decide(deposited, createTransfers([transfer('c1', 'carol', 'bank-cash', '150.00')], NOW)).results, ['ok']);
    expectItemFailsTransiently(deposited, transfer('c1', 'carol', 'bank-cash', '150.01'), 'exceeds_credits');
  });

  it('an overdraft limit on the credit side allows credits exactly up to the limit', () => {
    const book = extend(
      fundedBook(),
      openAccounts([{ id: 'line', ledger: 'cny', code: 1302, type: 'asset', flags: { creditsMustNotExceedDebits: true }, overdraftLimit: '50' }], at(2)),
    );
    expectResults(decide(book, createTransfers([transfer('l1', 'bank-cash', 'line', '50.00')], NOW)).results, ['ok']);
    expectItemFailsTransiently(book, transfer('l1', 'bank-cash', 'line', '50.01'), 'exceeds_debits');
  });

  it('unguarded accounts may go negative', () => {
    expectResults(decide(fundedBook(), createTransfers([transfer('o1', 'opex', 'fee-income', '99999999.99')], NOW)).results, ['ok']);
  });
});

describe('balancing transfers', () => {
  it('balancing_debit moves only what the debit account has available; the cap is kept as requestedAmount', () => {
    given(fundedBook())
      .when(createTransfers([transfer('b1', 'alice', 'bob', '1500.00', { flags: { balancingDebit: true } })], NOW))
      .then([
        committed({
          transfers: [transferRecord('b1', 'alice', 'bob', '1000.00', ts(0), { flags: ['balancing_debit'], requestedAmount: '1500.00' })],
        }),
      ]);
  });

  it('balancing_debit moves the full amount when enough is available', () => {
    given(fundedBook())
      .when(createTransfers([transfer('b1', 'alice', 'bob', '10', { flags: { balancingDebit: true } })], NOW))
      .then([committed({ transfers: [transferRecord('b1', 'alice', 'bob', '10.00', ts(0), { flags: ['balancing_debit'], requestedAmount: '10.00' })] })]);
  });

  it('balancing_debit takes holds into account and may use the overdraft limit', () => {
    const held = extend(fundedBook(), createTransfers([hold('h1', 'alice', 'bob', '200.00')], at(2)));
    given(held)
      .when(createTransfers([transfer('b1', 'alice', 'bob', '1500.00', { flags: { balancingDebit: true } })], NOW))
      .then([committed({ transfers: [transferRecord('b1', 'alice', 'bob', '800.00', ts(0), { flags: ['balancing_debit'], requestedAmount: '1500.00' })] })]);
    given(fundedBook())
      .when(createTransfers([transfer('b1', 'carol', 'bank-cash', '500.00', { flags: { balancingDebit: true } })], NOW))
      .then([
        committed({ transfers: [transferRecord('b1', 'carol', 'bank-cash', '100.00', ts(0), { flags: ['balancing_debit'], requestedAmount: '500.00' })] }),
      ]);
  });

  it('balancing_debit with nothing available moves zero: ok', () => {
    const drained = extend(fundedBook(), createTransfers([transfer('drain', 'bob', 'alice', '500.00')], at(2)));
    given(drained)
      .when(createTransfers([transfer('b1', 'bob', 'alice', '10.00', { flags: { balancingDebit: true } })], NOW))
      .then([committed({ transfers: [transferRecord('b1', 'bob', 'alice', '0.00', ts(0), { flags: ['balancing_debit'], requestedAmount: '10.00' })] })]);
  });

  it('a balancing transfer may ask for zero', () => {
    given(fundedBook())
      .when(createTransfers([transfer('b1', 'alice', 'bob', '0', { flags: { balancingDebit: true } })], NOW))
      .then([committed({ transfers: [transferRecord('b1', 'alice', 'bob', '0.00', ts(0), { flags: ['balancing_debit'], requestedAmount: '0.00' })] })]);
  });

  it('balancing_credit moves only what the credit account can take (a loan repaid at most in full)', () => {
    given(fundedBook())
      .when(createTransfers([transfer('rep', 'alice', 'loan-alice', '800.00', { flags: { balancingCredit: true } })], NOW))
      .then([
        committed({
          transfers: [transferRecord('rep', 'alice', 'loan-alice', '300.00', ts(0), { flags: ['balancing_credit'], requestedAmount: '800.00' })],
        }),
      ]);
  });

  it('both balancing flags move the smaller of the two', () => {
    // bob has 500.00 available; the loan takes at most 300.00.
    given(fundedBook())
      .when(createTransfers([transfer('both', 'bob', 'loan-alice', '900.00', { flags: { balancingDebit: true, balancingCredit: true } })], NOW))
      .then([
        committed({
          transfers: [
            transferRecord('both', 'bob', 'loan-alice', '300.00', ts(0), { flags: ['balancing_debit', 'balancing_credit'], requestedAmount: '900.00' }),
          ],
        }),
      ]);
  });

  it('a balancing hold reserves what is available', () => {
    given(fundedBook())
      .when(createTransfers([hold('bh', 'bob', 'alice', '900.00', { flags: { balancingDebit: true } })], NOW))
      .then([committed({ transfers: [transferRecord('bh', 'bob', 'alice', '500.00', ts(0), { flags: ['pending', 'balancing_debit'], requestedAmount: '900.00' })] })]);
  });

  it('AMOUNT_MAX as the cap means no cap: balancing_debit moves all that is available', () => {
    given(fundedBook())
      .when(createTransfers([transfer('b1', 'alice', 'bob', amountMaxOf(2), { flags: { balancingDebit: true } })], NOW))
      .then([committed({ transfers: [transferRecord('b1', 'alice', 'bob', '1000.00', ts(0), { flags: ['balancing_debit'], requestedAmount: amountMaxOf(2) })] })]);
  });

  it('a retried balancing transfer is exists whenever its cap covers what moved (TigerBeetle), whatever the cap', () => {
    // Alice holds 1,000.00: a cap of 1,500.00 moves 1,000.00.
    const done = extend(fundedBook(), createTransfers([transfer('b1', 'alice', 'bob', '1500.00', { flags: { balancingDebit: true } })], at(2)));
    const retry = (amount: string) => transfer('b1', 'alice', 'bob', amount, { flags: { balancingDebit: true } });
    given(done).when(createTransfers([retry('1500')], NOW)).thenNothingHappened();
    given(done).when(createTransfers([retry('1000.00')], NOW)).thenNothingHappened();
    given(done).when(createTransfers([retry('99999')], NOW)).thenNothingHappened();
    given(done).when(createTransfers([retry(amountMaxOf(2))], NOW)).thenNothingHappened();
    given(done).when(createTransfers([retry('999.99')], NOW)).thenFails('exists_with_different_amount');
    given(done).when(createTransfers([retry('0')], NOW)).thenFails('exists_with_different_amount');
  });
});

describe('idempotency', () => {
  const base = () =>
    extend(
      fundedBook(),
      createTransfers(
        [
          transfer('t1', 'alice', 'bob', '1.5', { userData: 'order-1' }),
          hold('h1', 'alice', 'bob', '10.00', { timeout: 3600 }),
          hold('h2', 'alice', 'bob', '10.00', { timeout: 3600 }),
          postHold('p1', 'h1'),
          hold('h3', 'alice', 'bob', '10.00'),
          postHold('p3', 'h3', { amount: '10.00' }),
          hold('h4', 'alice', 'bob', '10.00'),
          voidHold('v4', 'h4'),
          hold('h5', 'alice', 'bob', '10.00'),
          voidHold('v5', 'h5', { amount: '10.00' }),
          journal('j1', [debitLeg('bank-cash', '5.00'), creditLeg('fee-income', '5.00')]),
          reversal('r1', 'dep-bob'),
        ],
        at(2),
      ),
    );
  const t1 = transfer('t1', 'alice', 'bob', '1.50', { userData: 'order-1' });

  it('the same transfer again: exists, nothing happens ("1.5" and "1.50" are the same amount)', () => {
    given(base()).when(createTransfers([t1], NOW)).thenNothingHappened();
    given(base()).when(createTransfers([{ ...t1, amount: '1.5' }], NOW)).thenNothingHappened();
    given(base()).when(createTransfers([{ ...t1, ledger: 'cny' }], NOW)).thenNothingHappened();
    given(base()).when(createTransfers([hold('h1', 'alice', 'bob', '10', { timeout: 3600 })], NOW)).thenNothingHappened();
    given(base()).when(createTransfers([postHold('p1', 'h1', { debitAccountId: 'alice', creditAccountId: 'bob' })], NOW)).thenNothingHappened();
  });

  it('a retried post or void that omits the amount equals one that names the full pending amount, both ways (TigerBeetle)', () => {
    // p1 posted h1 without an amount; p3 posted h3 naming 10.00; v4 voided h4 without one, v5 named 10.00.
    given(base()).when(createTransfers([postHold('p1', 'h1', { amount: '10.00' })], NOW)).thenNothingHappened();
    given(base()).when(createTransfers([postHold('p1', 'h1', { amount: amountMaxOf(2) })], NOW)).thenNothingHappened();
    given(base()).when(createTransfers([postHold('p3', 'h3')], NOW)).thenNothingHappened();
    given(base()).when(createTransfers([postHold('p3', 'h3', { amount: amountMaxOf(2) })], NOW)).thenNothingHappened();
    given(base()).when(createTransfers([voidHold('v4', 'h4', { amount: '10' })], NOW)).thenNothingHappened();
    given(base()).when(createTransfers([voidHold('v4', 'h4', { amount: '0' })], NOW)).thenNothingHappened();
    given(base()).when(createTransfers([voidHold('v5', 'h5')], NOW)).thenNothingHappened();
    given(base()).when(createTransfers([voidHold('v5', 'h5', { amount: '0.00' })], NOW)).thenNothingHappened();
    given(base()).when(createTransfers([voidHold('v5', 'h5', { amount: '9.99' })], NOW)).thenFails('exists_with_different_amount');
  });

  it('exists inside a linked chain fails the chain, as in TigerBeetle (only created items keep a chain going)', () => {
    const { results, events } = decide(base(), createTransfers([linked(t1), transfer('t9', 'alice', 'bob', '1.00')], NOW));
    expectResults(results, ['exists', 'linked_event_failed']);
    expect(events).toEqual([]);
    const later = decide(base(), createTransfers([linked(transfer('t8', 'alice', 'bob', '1.00')), t1, transfer('t9', 'alice', 'bob', '1.00')], NOW));
    expectResults(later.results, ['linked_event_failed', 'exists', 'ok']);
    expect(later.events).toEqual([committed({ transfers: [transferRecord('t9', 'alice', 'bob', '1.00', ts(2))] })]);
  });

  it('a second item with the same id in one batch: exists', () => {
    const { results, events } = decide(fundedBook(), createTransfers([transfer('t9', 'alice', 'bob', '1.00'), transfer('t9', 'alice', 'bob', '1.0')], NOW));
    expectResults(results, ['ok', 'exists']);
    expect(events).toEqual([committed({ transfers: [transferRecord('t9', 'alice', 'bob', '1.00', ts(0))] })]);
  });

  it('exists takes precedence over the state of the book (a closed account)', () => {
    const closed = [...extend(fundedBook(), createTransfers([t1], at(2))), closedWithBalance(['bob', 'alice'], at(3))];
    given(closed).when(createTransfers([t1], NOW)).thenNothingHappened();
  });

  it.each([
    ['exists_with_different_flags', { ...t1, flags: { pending: true } }],
    ['exists_with_different_flags', { ...t1, flags: { balancingDebit: true } }],
    ['exists_with_different_debit_account_id', { ...t1, debitAccountId: 'carol' }],
    ['exists_with_different_credit_account_id', { ...t1, creditAccountId: 'carol' }],
    ['exists_with_different_amount', { ...t1, amount: '1.51' }],
    ['exists_with_different_amount', { ...t1, amount: '15' }],
    ['exists_with_different_ledger', { ...t1, ledger: 'usd' }],
    ['exists_with_different_code', { ...t1, code: 2 }],
    ['exists_with_different_user_data', { ...t1, userData: 'order-2' }],
    ['exists_with_different_user_data', { ...t1, userData: undefined }],
    ['exists_with_different_timeout', hold('h1', 'alice', 'bob', '10.00', { timeout: 60 })],
    ['exists_with_different_timeout', hold('h1', 'alice', 'bob', '10.00')],
    ['exists_with_different_pending_id', postHold('p1', 'h2')],
    ['exists_with_different_amount', postHold('p1', 'h1', { amount: '9.99' })],
    ['exists_with_different_amount', postHold('p1', 'h1', { amount: '0' })],
    ['exists_with_different_debit_account_id', postHold('p1', 'h1', { debitAccountId: 'bob' })],
    ['exists_with_different_kind', transfer('j1', 'bank-cash', 'fee-income', '5.00')],
    ['exists_with_different_kind', transfer('r1', 'bob', 'bank-cash', '500.00')],
  ] as const)('%s', (code, item) => {
    given(base()).when(createTransfers([item], NOW)).thenFails(code);
  });

  it('a retry after a transient failure: id_already_failed, even once the cause is gone', () => {
    const failed = extend(fundedBook(), { tolerate: createTransfers([transfer('t9', 'alice', 'dave', '1.00')], at(2)) });
    expect(stateOf(failed).failed.get('t9')).toBe('credit_account_not_found');
    const daveOpened = extend(failed, openAccounts([{ id: 'dave', ledger: 'cny', code: 2011, type: 'liability' }], at(3)));
    given(daveOpened).when(createTransfers([transfer('t9', 'alice', 'dave', '1.00')], NOW)).thenFails('id_already_failed');
    // A different body under the failed id fails the same way: the id itself is burnt.
    given(daveOpened).when(createTransfers([transfer('t9', 'alice', 'bob', '2.00')], NOW)).thenFails('id_already_failed');
    // ...and so does any kind of item.
    given(daveOpened).when(createTransfers([journal('t9', [debitLeg('alice', '1.00'), creditLeg('bob', '1.00')])], NOW)).thenFails('id_already_failed');
    given(daveOpened).when(createTransfers([reversal('t9', 'dep-bob')], NOW)).thenFails('id_already_failed');
  });

  it('a transient failure burns the id within the same batch', () => {
    const { results, events } = decide(fundedBook(), createTransfers([transfer('t9', 'alice', 'bob', '5000.00'), transfer('t9', 'alice', 'bob', '1.00')], NOW));
    expectResults(results, ['exceeds_credits', 'id_already_failed']);
    expect(events).toEqual([committed({ failed: [{ id: 't9', code: 'exceeds_credits' }] })]);
  });

  it('a non-transient failure does not burn the id', () => {
    const tried = extend(fundedBook(), { tolerate: createTransfers([transfer('t9', 'alice', 'bob', '1.00', { code: 0 })], at(2)) });
    expect(tried).toEqual(fundedBook());
    given(tried)
      .when(createTransfers([transfer('t9', 'alice', 'bob', '1.00')], NOW))
      .then([committed({ transfers: [transferRecord('t9', 'alice', 'bob', '1.00', ts(0))] })]);
  });

  it('a single transient failure is written (remembered) rather than rejected', () => {
    const error = rejection(fundedBook(), createTransfers([transfer('t9', 'alice', 'alice', '1.00')], NOW), 'accounts_must_be_different');
    expect(error.message).toBe(`accounts_must_be_different: ${ledgerResultMessages.accounts_must_be_different} (item 0 (t9))`);
    given(fundedBook())
      .when(createTransfers([transfer('t9', 'alice', 'bob', '1000.01')], NOW))
      .then([committed({ failed: [{ id: 't9', code: 'exceeds_credits' }] })]);
  });

  // Two amounts that both fail to parse at the comparison scale compare equal, so a retry with an
  // amount written with more than 18 decimals (any value) is reported as `exists`.
  it('an amount with more than 18 decimals is compared by value, not reported as the same', () => {
    given(base()).when(createTransfers([{ ...t1, amount: '7.0000000000000000001' }], NOW)).thenFails('exists_with_different_amount');
  });
});
