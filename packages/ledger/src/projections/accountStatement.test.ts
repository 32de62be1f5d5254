import { describe, expect, it } from 'vitest';
import { AccountStatementProjection } from './accountStatement.js';
import { at, BATCH2, logEventOf, OCCURRED, scenario, ts } from '../../test-kit/projections/testFixtures.js';

const project = () => {
  const projection = new AccountStatementProjection();
  projection.applyAll(scenario().events.map(logEventOf));
  return projection;
};

/** The columns that matter, one tuple per line. */
const rows = (projection: AccountStatementProjection, id: string) =>
  projection.statementOf(id)!.lines.map((l) => [l.transferId, l.kind, l.side, l.amount, l.runningBalance, l.runningPending]);

describe('AccountStatementProjection', () => {
  it("lists alice's movements in book order with running balance and pending", () => {
    expect(rows(project(), 'alice')).toEqual([
      ['t1', 'posted', 'credit', '100.00', '100.00', '0.00'],
      ['h1', 'pending', 'debit', '30.00', '100.00', '-30.00'],
      ['p1', 'pending_posted', 'debit', '20.00', '80.00', '0.00'],
      ['h2', 'pending', 'debit', '5.00', '80.00', '-5.00'],
      ['v1', 'pending_voided', 'debit', '5.00', '80.00', '0.00'],
      ['h3', 'pending', 'debit', '7.50', '80.00', '-7.50'],
      ['j1', 'posted', 'debit', '12.00', '68.00', '-7.50'],
      ['h3', 'expired', 'debit', '7.50', '68.00', '0.00'],
      ['r1', 'posted', 'credit', '20.00', '88.00', '0.00'],
      ['r2', 'posted', 'credit', '12.00', '100.00', '0.00'],
    ]);
  });

  it('fills in timestamps, occurredAt, counterparties, codes and references', () => {
    const lines = project().statementOf('alice')!.lines;
    expect(lines[0]).toEqual({
      transferId: 't1',
      timestamp: ts(2000),
      occurredAt: OCCURRED.batch1,
      kind: 'posted',
      side: 'credit',
      amount: '100.00',
      counterparties: ['cash'],
      code: 1,
      runningBalance: '100.00',
      runningPending: '0.00',
    });
    expect(lines[1]).toMatchObject({ counterparties: ['bob'], code: 2, userData: 'order-42' });
    expect(lines[2]).toMatchObject({ pendingId: 'h1', released: '30.00' });
    expect(lines[2]).not.toHaveProperty('userData');
    expect(lines[4]).toMatchObject({ pendingId: 'h2', released: '5.00', counterparties: ['fees'] });
    expect(lines[6]).toMatchObject({ counterparties: ['bob', 'fees'], code: 4, userData: 'split' });
    expect(lines[7]).toMatchObject({ timestamp: ts(BATCH2), occurredAt: OCCURRED.batch2, released: '7.50', code: 2 });
    expect(lines[7]).not.toHaveProperty('pendingId');
    expect(lines[8]).toMatchObject({ reversalOf: 'p1', counterparties: ['bob'] });
    expect(lines[9]).toMatchObject({ reversalOf: 'j1', counterparties: ['bob', 'fees'] });
  });

  it('keeps debit-normal and zero-scale accounts on their own normal side', () => {
    const projection = project();
    expect(rows(projection, 'cash')).toEqual([['t1', 'posted', 'debit', '100.00', '100.00', '0.00']]);
    expect(rows(projection, 'vault')).toEqual([
      ['y1', 'posted', 'debit', '5000', '5000', '0'],
      ['y2', 'posted', 'credit', '1234', '3766', '0'],
    ]);
    expect(rows(projection, 'fees')).toEqual([
      ['h2', 'pending', 'credit', '5.00', '0.00', '5.00'],
      ['v1', 'pending_voided', 'credit', '5.00', '0.00', '0.00'],
      ['j1', 'posted', 'credit', '2.00', '2.00', '0.00'],
      ['r2', 'posted', 'debit', '2.00', '0.00', '0.00'],
    ]);
  });

  it('cuts a range with inclusive bounds and opening and closing balances', () => {
    const projection = project();
    const middle = projection.statementOf('alice', { from: at(2002), to: at(2006) })!;
    expect(middle.lines.map((l) => l.transferId)).toEqual(['p1', 'h2', 'v1', 'h3', 'j1']);
    expect(middle).toMatchObject({
      accountId: 'alice',
      ledger: 'cny',
      assetCode: 'CNY',
      scale: 2,
      normalSide: 'credit',
      openingBalance: '100.00',
      openingPending: '-30.00',
      closingBalance: '68.00',
      closingPending: '-7.50',
    });
    const second = projection.statementOf('alice', { from: new Date(Number(at(BATCH2) / 1_000_000n)) })!;
    expect(second.lines.map((l) => l.transferId)).toEqual(['h3', 'r1', 'r2']);
    expect(second).toMatchObject({ openingBalance: '68.00', closingBalance: '100.00' });
    const empty = projection.statementOf('alice', { from: at(3000), to: at(4000) })!;
    expect(empty).toMatchObject({ lines: [], openingBalance: '68.00', openingPending: '-7.50', closingBalance: '68.00', closingPending: '-7.50' });
    const inverted = projection.statementOf('alice', { from: at(2006), to: at(2002) })!;
    expect(inverted.lines).toEqual([]);
    expect(projection.statementOf('carol', { to: at(1999) })).toMatchObject({ lines: [], openingBalance: '0', closingBalance: '0' });
    expect(projection.statementOf('nobody')).toBeUndefined();
  });

  it('is idempotent under re-delivery', () => {
    const projection = project();
    const before = projection.statementOf('alice');
    expect(projection.applyAll(scenario().events.map(logEventOf))).toBe(0);
    expect(projection.statementOf('alice')).toEqual(before);
  });
});
