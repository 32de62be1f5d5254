/**
 * TigerBeetle-style assertions where state is applied: crafted events (or a crafted state) that no
 * decider would produce must fail fast with a {@link LedgerInvariantError} naming the invariant,
 * the object and the values, instead of leaving wrong balances behind.
 */
import { describe, expect, it } from 'vitest';
import { AMOUNT_MAX } from '../amounts.js';
import { evolveBook, initialBookState, type BookState } from '../bookState.js';
import type { AccountRecord, LedgerEvent, PostingRecord, TransferRecord } from '../events.js';
import * as ledgerPackage from '../../index.js';
import { LedgerInvariantError } from './invariantError.js';

let clock = 1_000n;
const ts = (): string => (clock++).toString();

const account = (id: string, ledger = 'cny'): AccountRecord => ({ id, ledger, code: 1, type: 'asset', tenant: '', metadata: {}, flags: [], overdraftLimit: '0', timestamp: ts() });
const transfer = (id: string, amount: string, extra: Partial<TransferRecord> = {}): TransferRecord => ({
  kind: 'transfer',
  id,
  debitAccountId: 'a',
  creditAccountId: 'b',
  amount,
  ledger: 'cny',
  code: 1,
  flags: [],
  timestamp: ts(),
  ...extra,
});
const committed = (transfers: PostingRecord[], expired: string[] = []): LedgerEvent => ({
  type: 'TransfersCommitted',
  data: { expired: expired.map((id) => ({ id, timestamp: ts() })), transfers, failed: [] },
});

/** A book with ledger `cny` (scale 2) and accounts a, b. */
const book = (): BookState => {
  const state = initialBookState();
  evolveBook(state, { type: 'LedgersDefined', data: { ledgers: [{ id: 'cny', asset: { code: 'CNY', scale: 2 } }] } });
  evolveBook(state, { type: 'AccountsOpened', data: { accounts: [account('a'), account('b')] } });
  return state;
};

const broken = (apply: () => void): LedgerInvariantError => {
  try {
    apply();
  } catch (error) {
    expect(error).toBeInstanceOf(LedgerInvariantError);
    return error as LedgerInvariantError;
  }
  throw new Error('expected a LedgerInvariantError');
};

describe('assertions where the book state is applied', () => {
  it('a valid history applies without complaint', () => {
    const state = book();
    evolveBook(state, committed([transfer('t1', '5.00'), transfer('h1', '2.00', { flags: ['pending'] }), transfer('p1', '1.50', { flags: ['post_pending_transfer'], pendingId: 'h1' })]));
    expect(state.accounts.get('a')).toMatchObject({ debitsPosted: 650n, debitsPending: 0n });
  });

  it('an account on an unknown ledger, an account opened twice, a status change of an unknown account', () => {
    expect(broken(() => evolveBook(book(), { type: 'AccountsOpened', data: { accounts: [account('c', 'usd')] } }))).toMatchObject({
      invariant: 'ledger_exists',
      subject: 'account c',
      values: { ledger: 'usd' },
    });
    expect(broken(() => evolveBook(book(), { type: 'AccountsOpened', data: { accounts: [account('a')] } })).invariant).toBe('account_unique');
    expect(broken(() => evolveBook(book(), { type: 'AccountsClosed', data: { accounts: [{ id: 'zz', timestamp: ts() }] } }))).toMatchObject({ invariant: 'account_exists', subject: 'account zz' });
  });

  it('a transfer naming an account the book does not have', () => {
    const error = broken(() => evolveBook(book(), committed([transfer('t1', '1.00', { creditAccountId: 'ghost' })])));
    expect(error).toMatchObject({ invariant: 'account_exists', subject: 'account ghost' });
    expect(error.message).toContain('invariant account_exists broken by account ghost');
  });

  it('a balance field going negative (a corrupt state), or past 2^128 - 1', () => {
    const state = book();
    evolveBook(state, committed([transfer('h1', '3.00', { flags: ['pending'] })]));
    state.accounts.get('a')!.debitsPending = 100n; // corrupt: less than the hold it carries
    expect(broken(() => evolveBook(state, committed([transfer('v1', '3.00', { flags: ['void_pending_transfer'], pendingId: 'h1' })])))).toMatchObject({
      invariant: 'balance_not_negative',
      subject: 'account a',
      values: { field: 'debitsPending', value: '-200' },
    });
    const full = book();
    full.accounts.get('b')!.creditsPosted = AMOUNT_MAX;
    expect(broken(() => evolveBook(full, committed([transfer('t1', '0.01')])))).toMatchObject({
      invariant: 'balance_within_u128',
      values: { field: 'creditsPosted', value: (AMOUNT_MAX + 1n).toString() },
    });
  });

  it('a hold posted twice, a post above its hold, a post on other accounts, an expiry of something that is not a hold', () => {
    const held = (): BookState => {
      const state = book();
      evolveBook(state, committed([transfer('h1', '3.00', { flags: ['pending'] })]));
      return state;
    };
    const state = held();
    evolveBook(state, committed([transfer('p1', '1.00', { flags: ['post_pending_transfer'], pendingId: 'h1' })]));
    expect(broken(() => evolveBook(state, committed([transfer('p2', '1.00', { flags: ['post_pending_transfer'], pendingId: 'h1' })])))).toMatchObject({
      invariant: 'hold_status_transition',
      subject: 'hold h1',
      values: { from: 'posted', to: 'settled' },
    });
    expect(broken(() => evolveBook(held(), committed([transfer('p1', '3.01', { flags: ['post_pending_transfer'], pendingId: 'h1' })])))).toMatchObject({
      invariant: 'post_within_hold',
      values: { amount: '301', held: '300' },
    });
    expect(broken(() => evolveBook(held(), committed([transfer('p1', '1.00', { flags: ['post_pending_transfer'], pendingId: 'h1', debitAccountId: 'b', creditAccountId: 'a' })]))).invariant).toBe(
      'post_within_hold',
    );
    expect(broken(() => evolveBook(held(), committed([], ['t-unknown'])))).toMatchObject({ invariant: 'hold_exists', subject: 'hold t-unknown' });
    const posted = held();
    evolveBook(posted, committed([transfer('p1', '3.00', { flags: ['post_pending_transfer'], pendingId: 'h1' })]));
    expect(broken(() => evolveBook(posted, committed([], ['h1'])))).toMatchObject({ invariant: 'hold_status_transition', values: { from: 'posted', to: 'settled' } });
  });

  it('a posting id stored twice', () => {
    const state = book();
    evolveBook(state, committed([transfer('t1', '1.00')]));
    expect(broken(() => evolveBook(state, committed([transfer('t1', '1.00')])))).toMatchObject({ invariant: 'posting_unique', subject: 'transfer t1' });
  });

  it('a batch whose journal legs do not balance per asset, before any balance moves', () => {
    const state = book();
    const journal: PostingRecord = {
      kind: 'journal',
      id: 'j1',
      code: 1,
      timestamp: ts(),
      legs: [
        { accountId: 'a', side: 'debit', amount: '5.00' },
        { accountId: 'b', side: 'credit', amount: '4.00' },
      ],
    };
    expect(broken(() => evolveBook(state, committed([journal])))).toMatchObject({ invariant: 'batch_balanced', subject: 'asset CNY', values: { net: '100' } });
    expect(state.accounts.get('a')!.debitsPosted).toBe(0n);
  });

  it('the error reaches users: the main entry exports it', () => {
    expect(ledgerPackage.LedgerInvariantError).toBe(LedgerInvariantError);
    expect(ledgerPackage.isLedgerInvariantError(new LedgerInvariantError('period_sequence', 'period 1'))).toBe(true);
  });

  it('a period closed out of order', () => {
    expect(broken(() => evolveBook(book(), { type: 'PeriodClosed', data: { period: 3, timestamp: ts() } }))).toMatchObject({
      invariant: 'period_sequence',
      values: { open: '0' },
    });
  });
});
