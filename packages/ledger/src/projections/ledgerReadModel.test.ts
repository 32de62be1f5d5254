import { describe, expect, it } from 'vitest';
import { isEventDecodeError } from '../eventStore/errors.js';
import { AccountBalancesProjection } from './accountBalances.js';
import { AccountStatementProjection } from './accountStatement.js';
import { BalancesAsOfProjection } from './balancesAsOf.js';
import { LedgerIndex } from './ledgerIndex.js';
import { decodeLedgerEvent, LedgerReadModel } from './ledgerReadModel.js';
import { isLedgerEventType, ProjectionConsistencyError, type ProjectedEvent } from './projection.js';
import { at, BATCH2, EventLog, logEventOf, scenario, ts } from '../../test-kit/projections/testFixtures.js';
import { TrialBalanceProjection } from './trialBalance.js';

const model = () => {
  const m = new LedgerReadModel();
  m.applyAll(scenario().events);
  return m;
};

const badTransfer = (log: EventLog) =>
  log.record('TransfersCommitted', {
    expired: [],
    transfers: [{ kind: 'transfer', id: 'bad', debitAccountId: 'cash', creditAccountId: 'alice', amount: 12.5, ledger: 'cny', code: 1, flags: [], timestamp: ts(9000) }],
    failed: [],
  });

describe('LedgerReadModel', () => {
  it('agrees with each projection fed on its own', () => {
    const m = model();
    const events = scenario().events.map(logEventOf);
    const balances = new AccountBalancesProjection();
    const statements = new AccountStatementProjection();
    const trial = new TrialBalanceProjection();
    const history = new BalancesAsOfProjection();
    for (const p of [balances, statements, trial, history]) p.applyAll(events);
    expect(m.balances()).toEqual(balances.balances());
    expect(m.balance('alice')).toEqual(balances.balanceOf('alice'));
    expect(m.statement('alice')).toEqual(statements.statementOf('alice'));
    expect(m.statement('alice', { from: at(2003), to: at(2005) })).toEqual(statements.statementOf('alice', { from: at(2003), to: at(2005) }));
    expect(m.trialBalance()).toEqual(trial.trialBalance());
    expect(m.balancesAsOf(at(2004))).toEqual(history.balancesAsOf(at(2004)));
    expect(m.balanceAsOf('bob', at(2006))).toEqual(history.balanceAsOf('bob', at(2006)));
    expect(m.trialBalanceAsOf(at(2006))).toEqual(history.trialBalanceAsOf(at(2006)));
  });

  it('reports the numbers of the scenario', () => {
    const m = model();
    expect(m.balance('alice')).toMatchObject({ balance: '100.00', available: '100.00', assetCode: 'CNY', scale: 2 });
    expect(m.statement('alice')?.lines.at(-1)?.runningBalance).toBe('100.00');
    expect(m.trialBalance()).toMatchObject({ balanced: true });
    expect(m.balanceAsOf('alice', at(2006))).toMatchObject({ balance: '68.00', available: '60.50' });
    expect(m.balanceAsOf('alice', at(BATCH2))).toMatchObject({ balance: '68.00', available: '68.00' });
  });

  it('tracks the global position, skips foreign events and ignores re-delivery', () => {
    const m = new LedgerReadModel();
    const { events } = scenario();
    expect(m.position).toBeUndefined();
    expect(m.applyAll(events)).toBe(5); // six events, one foreign
    expect(m.position).toBe(60n);
    const before = { balances: m.balances(), statement: m.statement('alice'), trial: m.trialBalance() };
    expect(m.applyAll(events)).toBe(0);
    expect(m.apply(events[3]!)).toBe(false);
    expect({ balances: m.balances(), statement: m.statement('alice'), trial: m.trialBalance() }).toEqual(before);
    expect(m.position).toBe(60n);
  });

  it('resumes after a checkpoint: replaying from any point gives the same model', () => {
    const { events } = scenario();
    const full = model();
    for (let cut = 0; cut <= events.length; cut++) {
      const m = new LedgerReadModel();
      m.applyAll(events.slice(0, cut));
      // A subscription resuming "after" an older checkpoint re-delivers some events.
      m.applyAll(events.slice(Math.max(0, cut - 2)));
      expect(m.balances()).toEqual(full.balances());
      expect(m.statement('alice')).toEqual(full.statement('alice'));
      expect(m.trialBalanceAsOf(at(2005))).toEqual(full.trialBalanceAsOf(at(2005)));
    }
  });

  it('follows only the streams it is told to', () => {
    const log = scenario();
    // Another book on the same log, reusing account ids.
    log.record('LedgersDefined', { ledgers: [{ id: 'cny', asset: { code: 'CNY', scale: 2 } }] }, { stream: 'ledger-book-other' });
    log.record('TransfersCommitted', { expired: [], transfers: [{ kind: 'transfer', id: 'z', debitAccountId: 'ghost', creditAccountId: 'alice', amount: '1', ledger: 'cny', code: 1, flags: [], timestamp: ts(1) }], failed: [] }, { stream: 'ledger-book-other' });
    const m = new LedgerReadModel({ streams: (name) => name === 'ledger-book-main' });
    expect(m.applyAll(log.events)).toBe(5);
    expect(m.position).toBe(80n);
    expect(m.balance('alice')?.balance).toBe('100.00');
    // Unfiltered, the other book's transfer names an account this model never saw.
    expect(() => new LedgerReadModel().applyAll(log.events)).toThrow(ProjectionConsistencyError);
  });

  it('throws a typed decode error naming stream and revision, and changes nothing', () => {
    const log = scenario();
    const bad = badTransfer(log);
    const m = model();
    const before = m.balances();
    let error: unknown;
    try {
      m.apply(bad);
    } catch (caught) {
      error = caught;
    }
    expect(isEventDecodeError(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'event_decode_failed',
      eventType: 'TransfersCommitted',
      stream: 'ledger-book-main',
      revision: 5n,
      path: '$.data.transfers[0].amount',
    });
    expect((error as Error).message).toContain('ledger-book-main');
    expect(m.position).toBe(60n);
    expect(m.balances()).toEqual(before);
  });

  it('rejects a version without a schema', () => {
    const log = new EventLog();
    const event = log.record('LedgersDefined', { ledgers: [] }, { version: 2 });
    expect(() => decodeLedgerEvent(event)).toThrow(expect.objectContaining({ code: 'event_type_unknown', stream: 'ledger-book-main', revision: 0n }));
  });

  it('refuses a post or void of a hold it never saw', () => {
    const log = scenario();
    log.record('TransfersCommitted', {
      expired: [],
      transfers: [{ kind: 'transfer', id: 'p9', debitAccountId: 'alice', creditAccountId: 'bob', amount: '1.00', ledger: 'cny', code: 2, flags: ['post_pending_transfer'], pendingId: 'h9', timestamp: ts(BATCH2 + 20n) }],
      failed: [],
    });
    const m = new LedgerReadModel();
    expect(() => m.applyAll(log.events)).toThrow(/unknown hold "h9".*revision 5, position 70/);
  });
});

describe('LedgerIndex', () => {
  const ledgerEvents = () => scenario().events.map(logEventOf).filter((e): e is ProjectedEvent => isLedgerEventType(e.type));

  it('hands out the same movements again for the latest position', () => {
    const index = new LedgerIndex();
    const [defined, opened, batch1] = ledgerEvents();
    index.movementsOf(defined!);
    index.movementsOf(opened!);
    const first = index.movementsOf(batch1!);
    expect(index.movementsOf(batch1!)).toBe(first);
    // Seven two-leg records and a three-leg journal entry.
    expect(first.length).toBe(7 * 2 + 3);
  });

  it('refuses an event older than the latest (a projection lagging behind a shared index)', () => {
    const index = new LedgerIndex();
    const events = ledgerEvents();
    for (const event of events) index.movementsOf(event);
    expect(() => index.movementsOf(events.at(-2)!)).toThrow(ProjectionConsistencyError);
  });
});
