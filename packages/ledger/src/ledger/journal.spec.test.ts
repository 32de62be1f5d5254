/**
 * Decider specification of the book: multi-leg journal entries, balanced per asset.
 */
import { describe, expect, it } from 'vitest';
import {
  at,
  balancesAfter,
  closeAccounts,
  committed,
  createTransfers,
  creditLeg,
  debitLeg,
  decide,
  defineLedgers,
  expectItemFails,
  expectItemFailsTransiently,
  expectResults,
  extend,
  fundedBook,
  given,
  journal,
  linked,
  NOW,
  openAccounts,
  transfer,
  ts,
} from '../../test-kit/ledger/specFixtures.test-support.js';

const sale = journal('j1', [debitLeg('bank-cash', '113'), creditLeg('fee-income', '100.00'), creditLeg('vat-payable', '13.0')], { userData: 'invoice-7' });
const saleRecord = (timestamp: string) => ({
  kind: 'journal' as const,
  id: 'j1',
  legs: [
    { accountId: 'bank-cash', side: 'debit' as const, amount: '113.00' },
    { accountId: 'fee-income', side: 'credit' as const, amount: '100.00' },
    { accountId: 'vat-payable', side: 'credit' as const, amount: '13.00' },
  ],
  code: 10,
  timestamp,
  userData: 'invoice-7',
});
const booked = () => extend(fundedBook(), createTransfers([sale], at(2)));

describe('journal entries', () => {
  it('a balanced three-leg entry: ok, legs stored with canonical amounts', () => {
    given(fundedBook()).when(createTransfers([sale], NOW)).then([committed({ transfers: [saleRecord(ts(0))] })]);
  });

  it('posts every leg to its account', () => {
    const events = booked();
    expect(balancesAfter(events, 'bank-cash').debitsPosted).toBe(150000n + 11300n);
    expect(balancesAfter(events, 'fee-income').creditsPosted).toBe(10000n);
    expect(balancesAfter(events, 'vat-payable').creditsPosted).toBe(1300n);
  });

  it('a multi-asset entry balanced per asset (CNY legs and USD legs): ok', () => {
    // Alice converts 720.00 CNY into 100.00 USD through the bank's FX position accounts.
    const fx = journal('fx1', [debitLeg('alice', '720.00'), creditLeg('fx-cny', '720.00'), debitLeg('fx-usd', '100.00'), creditLeg('alice-usd', '100.00')]);
    given(fundedBook())
      .when(createTransfers([fx], NOW))
      .then([
        committed({
          transfers: [
            {
              kind: 'journal',
              id: 'fx1',
              legs: [
                { accountId: 'alice', side: 'debit', amount: '720.00' },
                { accountId: 'fx-cny', side: 'credit', amount: '720.00' },
                { accountId: 'fx-usd', side: 'debit', amount: '100.00' },
                { accountId: 'alice-usd', side: 'credit', amount: '100.00' },
              ],
              code: 10,
              timestamp: ts(0),
            },
          ],
        }),
      ]);
  });

  it('legs on two ledgers of the same asset balance together', () => {
    const branch = extend(
      fundedBook(),
      defineLedgers({ id: 'cny-branch', asset: { code: 'CNY', scale: 2 } }),
      openAccounts([{ id: 'branch-cash', ledger: 'cny-branch', code: 1001, type: 'asset' }], at(2)),
    );
    expectResults(decide(branch, createTransfers([journal('j1', [debitLeg('branch-cash', '5.00'), creditLeg('bank-cash', '5.00')])], NOW)).results, ['ok']);
  });

  it('debits and credits that differ: journal_entry_unbalanced', () => {
    expectItemFails(fundedBook(), journal('j1', [debitLeg('bank-cash', '113.00'), creditLeg('fee-income', '100.00'), creditLeg('vat-payable', '13.01')]), 'journal_entry_unbalanced');
  });

  it('equal totals across different assets are still unbalanced: journal_entry_unbalanced', () => {
    expectItemFails(fundedBook(), journal('j1', [debitLeg('alice', '100.00'), creditLeg('alice-usd', '100.00')]), 'journal_entry_unbalanced');
    expectItemFails(
      fundedBook(),
      journal('j1', [debitLeg('alice', '720.00'), creditLeg('fx-cny', '720.00'), debitLeg('fx-usd', '100.00'), creditLeg('alice-usd', '99.99')]),
      'journal_entry_unbalanced',
    );
  });

  it('fewer than two legs: journal_entry_too_few_legs', () => {
    expectItemFails(fundedBook(), journal('j1', [debitLeg('bank-cash', '1.00')]), 'journal_entry_too_few_legs');
    expectItemFails(fundedBook(), journal('j1', []), 'journal_entry_too_few_legs');
    expectItemFails(fundedBook(), journal('j1', 'bank-cash' as unknown as unknown[]), 'journal_entry_too_few_legs');
    expectItemFails(fundedBook(), { id: 'j1', legs: undefined, code: 10 }, 'journal_entry_too_few_legs');
  });

  it('64 legs are accepted; 65 legs: journal_entry_too_many_legs', () => {
    const ids = Array.from({ length: 65 }, (_, i) => `leg-${i}`);
    const book = extend(fundedBook(), openAccounts(ids.map((id) => ({ id, ledger: 'cny', code: 1, type: 'asset' })), at(2)));
    const legs = (n: number) => ids.slice(0, n).map((id, i) => (i % 2 === 0 ? debitLeg(id, '1.00') : creditLeg(id, '1.00')));
    expectResults(decide(book, createTransfers([journal('j64', legs(64))], NOW)).results, ['ok']);
    expectItemFails(book, journal('j65', [...legs(64), creditLeg('bank-cash', '1.00')]), 'journal_entry_too_many_legs');
  });

  it.each([
    ['a leg that is not an object', 'bank-cash'],
    ['a leg without an account', { side: 'debit', amount: '1.00' }],
    ['a malformed account id', { accountId: 'bank cash', side: 'debit', amount: '1.00' }],
    ['an unknown side', { accountId: 'bank-cash', side: 'left', amount: '1.00' }],
    ['a missing side', { accountId: 'bank-cash', amount: '1.00' }],
  ])('%s: journal_entry_leg_malformed', (_name, leg) => {
    expectItemFails(fundedBook(), journal('j1', [leg, creditLeg('fee-income', '1.00')]), 'journal_entry_leg_malformed');
  });

  it('a leg amount that is not a valid amount: amount_invalid; zero: amount_must_not_be_zero', () => {
    expectItemFails(fundedBook(), journal('j1', [debitLeg('bank-cash', '-1.00'), creditLeg('fee-income', '1.00')]), 'amount_invalid');
    expectItemFails(fundedBook(), journal('j1', [{ accountId: 'bank-cash', side: 'debit', amount: 1 }, creditLeg('fee-income', '1.00')]), 'amount_invalid');
    expectItemFails(fundedBook(), journal('j1', [debitLeg('bank-cash', '1.001'), creditLeg('fee-income', '1.001')]), 'amount_invalid');
    expectItemFails(fundedBook(), journal('j1', [debitLeg('jpy-a', '1.5'), creditLeg('jpy-b', '1.5')]), 'amount_invalid');
    expectItemFails(fundedBook(), journal('j1', [debitLeg('bank-cash', '0.00'), creditLeg('fee-income', '0')]), 'amount_must_not_be_zero');
  });

  it('an account in two legs: journal_entry_accounts_must_be_different', () => {
    expectItemFails(
      fundedBook(),
      journal('j1', [debitLeg('bank-cash', '2.00'), creditLeg('fee-income', '1.00'), creditLeg('bank-cash', '1.00')]),
      'journal_entry_accounts_must_be_different',
    );
  });

  it('an unknown account in a leg: leg_account_not_found (transient)', () => {
    expectItemFailsTransiently(fundedBook(), journal('j1', [debitLeg('bank-cash', '1.00'), creditLeg('nobody', '1.00')]), 'leg_account_not_found');
  });

  it('a closed account in a leg: leg_account_already_closed (transient)', () => {
    const closed = extend(fundedBook(), closeAccounts(['vat-payable'], at(2)));
    expectItemFailsTransiently(closed, journal('j1', [debitLeg('bank-cash', '1.13'), creditLeg('fee-income', '1.00'), creditLeg('vat-payable', '0.13')]), 'leg_account_already_closed');
  });

  it('a leg that overdraws a guarded account: exceeds_credits / exceeds_debits (transient)', () => {
    expectItemFailsTransiently(fundedBook(), journal('j1', [debitLeg('alice', '1000.01'), creditLeg('bob', '1000.01')]), 'exceeds_credits');
    expectItemFailsTransiently(fundedBook(), journal('j2', [debitLeg('bank-cash', '300.01'), creditLeg('loan-alice', '300.01')]), 'exceeds_debits');
    expectResults(decide(fundedBook(), createTransfers([journal('j1', [debitLeg('alice', '1000.00'), creditLeg('bob', '1000.00')])], NOW)).results, ['ok']);
  });

  it('flags other than linked: journal_entry_flags_not_allowed; unknown flags: reserved_flag', () => {
    expectItemFails(fundedBook(), { ...sale, flags: { pending: true } }, 'journal_entry_flags_not_allowed');
    expectItemFails(fundedBook(), { ...sale, flags: { balancingDebit: true } }, 'journal_entry_flags_not_allowed');
    expectItemFails(fundedBook(), { ...sale, flags: { frozen: true } }, 'reserved_flag');
    expectItemFails(fundedBook(), { ...sale, flags: 'linked' }, 'reserved_flag');
  });

  it('shape codes of the entry itself', () => {
    expectItemFails(fundedBook(), { ...sale, id: '' }, 'id_must_not_be_empty');
    expectItemFails(fundedBook(), { ...sale, id: 'j 1' }, 'id_malformed');
    expectItemFails(fundedBook(), { ...sale, code: 0 }, 'code_must_not_be_zero');
    expectItemFails(fundedBook(), { ...sale, userData: 'u'.repeat(257) }, 'user_data_malformed');
  });

  it('a linked journal entry chains with the next item', () => {
    const { results, events } = decide(fundedBook(), createTransfers([linked(sale), transfer('t1', 'alice', 'bob', '1.00')], NOW));
    expectResults(results, ['ok', 'ok']);
    expect(events).toHaveLength(1);
  });
});

describe('journal entry idempotency', () => {
  it('the same entry again: exists (amounts compare by value)', () => {
    given(booked()).when(createTransfers([sale], NOW)).thenNothingHappened();
    given(booked())
      .when(createTransfers([journal('j1', [debitLeg('bank-cash', '113.00'), creditLeg('fee-income', '100'), creditLeg('vat-payable', '13')], { userData: 'invoice-7' })], NOW))
      .thenNothingHappened();
  });

  it.each([
    ['a different amount', [debitLeg('bank-cash', '113.01'), creditLeg('fee-income', '100.01'), creditLeg('vat-payable', '13.00')]],
    ['a different order', [creditLeg('fee-income', '100.00'), debitLeg('bank-cash', '113.00'), creditLeg('vat-payable', '13.00')]],
    ['a different account', [debitLeg('opex', '113.00'), creditLeg('fee-income', '100.00'), creditLeg('vat-payable', '13.00')]],
    ['a different side', [creditLeg('bank-cash', '113.00'), debitLeg('fee-income', '100.00'), debitLeg('vat-payable', '13.00')]],
    ['fewer legs', [debitLeg('bank-cash', '113.00'), creditLeg('fee-income', '113.00')]],
  ])('%s: exists_with_different_legs', (_name, legs) => {
    given(booked()).when(createTransfers([journal('j1', legs, { userData: 'invoice-7' })], NOW)).thenFails('exists_with_different_legs');
  });

  it('a different code: exists_with_different_code; different user data: exists_with_different_user_data', () => {
    given(booked()).when(createTransfers([{ ...sale, code: 11 }], NOW)).thenFails('exists_with_different_code');
    given(booked()).when(createTransfers([{ ...sale, userData: 'invoice-8' }], NOW)).thenFails('exists_with_different_user_data');
    given(booked()).when(createTransfers([{ ...sale, userData: undefined }], NOW)).thenFails('exists_with_different_user_data');
  });

  it('an id used by a transfer, or a journal id used by a transfer: exists_with_different_kind', () => {
    expectItemFails(booked(), journal('dep-alice', [debitLeg('bank-cash', '1.00'), creditLeg('alice', '1.00')]), 'exists_with_different_kind');
    expectItemFails(booked(), transfer('j1', 'bank-cash', 'fee-income', '113.00'), 'exists_with_different_kind');
    const reversed = extend(booked(), createTransfers([{ id: 'rj1', reverses: 'j1' }], at(3)));
    expectItemFails(reversed, journal('rj1', [creditLeg('bank-cash', '113.00'), debitLeg('fee-income', '100.00'), debitLeg('vat-payable', '13.00')]), 'exists_with_different_kind');
  });

  it('a retry after a transient failure: id_already_failed', () => {
    const failed = extend(fundedBook(), { tolerate: createTransfers([journal('j9', [debitLeg('bank-cash', '1.00'), creditLeg('nobody', '1.00')])], at(2)) });
    given(failed).when(createTransfers([journal('j9', [debitLeg('bank-cash', '1.00'), creditLeg('fee-income', '1.00')])], NOW)).thenFails('id_already_failed');
  });
});
