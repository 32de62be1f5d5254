import { describe, expect, it } from 'vitest';
import { AccountBalancesProjection } from './accountBalances.js';
import { decideBook, type BookCommand } from '../ledger/bookDecider.js';
import { evolveBook, initialBookState } from '../ledger/bookState.js';
import { EventLog, logEventOf, scenario } from '../../test-kit/projections/testFixtures.js';

const project = () => {
  const projection = new AccountBalancesProjection();
  const events = scenario().events.map(logEventOf);
  projection.applyAll(events);
  return { projection, events };
};

describe('AccountBalancesProjection', () => {
  it('computes the four fields, balance and available of every account', () => {
    const { projection } = project();
    const pick = (id: string) => {
      const b = projection.balanceOf(id)!;
      return [b.debitsPending, b.debitsPosted, b.creditsPending, b.creditsPosted, b.balance, b.available];
    };
    expect(pick('cash')).toEqual(['0.00', '100.00', '0.00', '0.00', '100.00', '100.00']);
    expect(pick('alice')).toEqual(['0.00', '32.00', '0.00', '132.00', '100.00', '100.00']);
    // bob's overdraft limit counts towards available, not balance.
    expect(pick('bob')).toEqual(['0.00', '30.00', '0.00', '30.00', '0.00', '50.00']);
    expect(pick('fees')).toEqual(['0.00', '2.00', '0.00', '2.00', '0.00', '0.00']);
    expect(pick('vault')).toEqual(['0', '5000', '0', '1234', '3766', '3766']);
    expect(pick('carol')).toEqual(['0', '1234', '0', '5000', '3766', '3766']);
  });

  it('carries the ledger, asset, normal side and status', () => {
    const { projection } = project();
    expect(projection.balanceOf('alice')).toMatchObject({
      id: 'alice',
      ledger: 'cny',
      assetCode: 'CNY',
      scale: 2,
      type: 'liability',
      normalSide: 'credit',
      flags: ['debits_must_not_exceed_credits'],
      closed: false,
    });
    expect(projection.balanceOf('vault')).toMatchObject({ ledger: 'jpy', assetCode: 'JPY', scale: 0, normalSide: 'debit' });
    expect(projection.balanceOf('fees')?.closed).toBe(true);
    expect(projection.balanceOf('nobody')).toBeUndefined();
    expect(projection.balances().map((b) => b.id)).toEqual(['cash', 'alice', 'bob', 'fees', 'vault', 'carol']);
  });

  it('shows holds in pending and available while they are open', () => {
    const projection = new AccountBalancesProjection();
    // Up to the first transfer batch: h3 (7.50) is still open.
    projection.applyAll(scenario().events.slice(0, 4).map(logEventOf));
    expect(projection.balanceOf('alice')).toMatchObject({ debitsPending: '7.50', debitsPosted: '32.00', creditsPosted: '100.00', balance: '68.00', available: '60.50' });
    expect(projection.balanceOf('bob')).toMatchObject({ creditsPending: '7.50', creditsPosted: '30.00', balance: '30.00', available: '80.00' });
    expect(projection.balanceOf('fees')).toMatchObject({ creditsPending: '0.00', creditsPosted: '2.00', balance: '2.00' });
  });

  it('ignores re-delivered events and tracks the global position', () => {
    const { projection, events } = project();
    const before = projection.balances();
    expect(projection.position).toBe(60n);
    expect(projection.applyAll(events)).toBe(0);
    expect(projection.apply(events[3]!)).toBe(false);
    expect(projection.balances()).toEqual(before);
    expect(projection.position).toBe(60n);
  });

  it('skips foreign events but moves past them', () => {
    const projection = new AccountBalancesProjection();
    const events = scenario().events.map(logEventOf);
    expect(projection.apply(events[0]!)).toBe(true);
    expect(projection.apply(events[1]!)).toBe(true);
    expect(projection.apply(events[2]!)).toBe(false); // OrderPlaced
    expect(projection.position).toBe(30n);
    expect(projection.canHandle('OrderPlaced')).toBe(false);
    expect(projection.canHandle('TransfersCommitted')).toBe(true);
  });
});

describe('AccountBalancesProjection: closing transfers and u128 amounts, as the book', () => {
  it('a closing hold closes the account until voided; amounts above 2^127 - 1 are projected', () => {
    const log = new EventLog();
    const state = initialBookState();
    const run = (command: BookCommand) => {
      const decision = decideBook(command, state);
      if (decision._tag === 'Left') throw decision.left;
      for (const event of decision.right.events) {
        evolveBook(state, event);
        log.ledger(event);
      }
    };
    const big = (2n ** 127n + 1n).toString();
    run({ type: 'DefineLedgers', data: { ledgers: [{ id: 'jpy', asset: { code: 'JPY', scale: 0 } }] } });
    run({ type: 'OpenAccounts', data: { now: 10n, accounts: [{ id: 'a', ledger: 'jpy', code: 1, type: 'asset' }, { id: 'b', ledger: 'jpy', code: 1, type: 'liability' }] } });
    run({ type: 'CreateTransfers', data: { now: 20n, transfers: [{ id: 't1', debitAccountId: 'a', creditAccountId: 'b', amount: big, code: 1 }, { id: 'c1', debitAccountId: 'b', creditAccountId: 'a', amount: '0', code: 1, flags: { pending: true, closingDebit: true } }] } });
    const closed = new AccountBalancesProjection();
    closed.applyAll(log.events.map(logEventOf));
    expect(closed.balanceOf('b')).toMatchObject({ closed: true, creditsPosted: big });
    run({ type: 'CreateTransfers', data: { now: 30n, transfers: [{ id: 'v1', pendingId: 'c1', flags: { voidPendingTransfer: true } }] } });
    const reopened = new AccountBalancesProjection();
    reopened.applyAll(log.events.map(logEventOf));
    expect(reopened.balanceOf('b')?.closed).toBe(false);
    expect(state.accounts.get('b')!.closed).toBe(false);
  });
});
