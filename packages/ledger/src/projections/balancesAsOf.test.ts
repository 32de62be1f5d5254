import { describe, expect, it } from 'vitest';
import { AccountBalancesProjection } from './accountBalances.js';
import { BalancesAsOfProjection } from './balancesAsOf.js';
import { QueryArgumentError } from './queryError.js';
import { at, BATCH2, logEventOf, scenario, T0 } from '../../test-kit/projections/testFixtures.js';

const project = () => {
  const projection = new BalancesAsOfProjection();
  projection.applyAll(scenario().events.map(logEventOf));
  return projection;
};

const fieldsOf = (projection: BalancesAsOfProjection, id: string, instant: bigint | Date) => {
  const b = projection.balanceAsOf(id, instant);
  return b && [b.debitsPending, b.debitsPosted, b.creditsPending, b.creditsPosted, b.balance, b.available];
};

describe('BalancesAsOfProjection', () => {
  it('gives undefined before the account was opened and zeros before its first movement', () => {
    const projection = project();
    expect(projection.balanceAsOf('alice', at(1000))).toBeUndefined();
    expect(fieldsOf(projection, 'alice', at(1001))).toEqual(['0.00', '0.00', '0.00', '0.00', '0.00', '0.00']);
    expect(fieldsOf(projection, 'alice', at(1999))).toEqual(['0.00', '0.00', '0.00', '0.00', '0.00', '0.00']);
    expect(projection.balanceAsOf('nobody', at(BATCH2))).toBeUndefined();
    expect(projection.fieldsAsOf('alice', at(1000))).toBeUndefined();
  });

  it("replays alice's balances at each instant (inclusive)", () => {
    const projection = project();
    expect(fieldsOf(projection, 'alice', at(2000))).toEqual(['0.00', '0.00', '0.00', '100.00', '100.00', '100.00']);
    expect(fieldsOf(projection, 'alice', at(2001))).toEqual(['30.00', '0.00', '0.00', '100.00', '100.00', '70.00']);
    expect(fieldsOf(projection, 'alice', at(2002))).toEqual(['0.00', '20.00', '0.00', '100.00', '80.00', '80.00']);
    expect(fieldsOf(projection, 'alice', at(2003))).toEqual(['5.00', '20.00', '0.00', '100.00', '80.00', '75.00']);
    expect(fieldsOf(projection, 'alice', at(2004))).toEqual(['0.00', '20.00', '0.00', '100.00', '80.00', '80.00']);
    expect(fieldsOf(projection, 'alice', at(2006))).toEqual(['7.50', '32.00', '0.00', '100.00', '68.00', '60.50']);
    // Between the batches nothing changes.
    expect(fieldsOf(projection, 'alice', at(BATCH2 - 1n))).toEqual(['7.50', '32.00', '0.00', '100.00', '68.00', '60.50']);
    expect(fieldsOf(projection, 'alice', at(BATCH2))).toEqual(['0.00', '32.00', '0.00', '100.00', '68.00', '68.00']);
    expect(fieldsOf(projection, 'alice', at(BATCH2 + 1n))).toEqual(['0.00', '32.00', '0.00', '120.00', '88.00', '88.00']);
    expect(fieldsOf(projection, 'alice', at(BATCH2 + 2n))).toEqual(['0.00', '32.00', '0.00', '132.00', '100.00', '100.00']);
    expect(fieldsOf(projection, 'bob', at(2006))).toEqual(['0.00', '0.00', '7.50', '30.00', '30.00', '80.00']);
  });

  it('accepts a Date (millisecond precision)', () => {
    const projection = project();
    const date = (nanos: bigint) => new Date(Number(nanos / 1_000_000n));
    // T0 + 1 ms: after batch 1, before batch 2.
    expect(fieldsOf(projection, 'alice', date(T0 + 1_000_000n))).toEqual(['7.50', '32.00', '0.00', '100.00', '68.00', '60.50']);
    expect(projection.balanceAsOf('alice', date(T0))).toBeUndefined();
    expect(projection.balanceAsOf('alice', date(at(BATCH2)))?.balance).toBe('68.00');
    expect(() => projection.balanceAsOf('alice', new Date(Number.NaN))).toThrow(QueryArgumentError);
  });

  it('lists the accounts open at an instant, with their status then', () => {
    const projection = project();
    expect(projection.balancesAsOf(at(1002)).map((b) => b.id)).toEqual(['cash', 'alice', 'bob']);
    expect(projection.balancesAsOf(at(999))).toEqual([]);
    expect(projection.balanceAsOf('fees', at(BATCH2 + 9n))?.closed).toBe(false);
    expect(projection.balanceAsOf('fees', at(BATCH2 + 10n))?.closed).toBe(true);
  });

  it('equals the current balances at the latest instant', () => {
    const projection = project();
    const current = new AccountBalancesProjection();
    current.applyAll(scenario().events.map(logEventOf));
    expect(projection.balancesAsOf(at(10n ** 12n))).toEqual(current.balances());
  });

  it('gives a balanced trial balance at every instant', () => {
    const projection = project();
    const tb = projection.trialBalanceAsOf(at(2006));
    expect(tb.balanced).toBe(true);
    expect(tb.assets[0]).toMatchObject({ assetCode: 'CNY', totalDebits: '132.00', totalCredits: '132.00', totalDebitsPending: '7.50', totalCreditsPending: '7.50' });
    expect(tb.assets.map((a) => a.assetCode)).toEqual(['CNY', 'JPY']);
    expect(tb.assets[1]).toMatchObject({ totalDebits: '0', totalCredits: '0' });
    expect(projection.trialBalanceAsOf(at(2007)).assets[1]).toMatchObject({ totalDebits: '5000', totalCredits: '5000' });
    expect(projection.trialBalanceAsOf(at(1003)).assets.map((a) => a.lines.length)).toEqual([4]);
    for (let offset = 1990n; offset < 2010n; offset++) expect(projection.trialBalanceAsOf(at(offset)).balanced).toBe(true);
  });

  it('is idempotent under re-delivery', () => {
    const projection = project();
    const before = projection.balancesAsOf(at(2003));
    expect(projection.applyAll(scenario().events.map(logEventOf))).toBe(0);
    expect(projection.balancesAsOf(at(2003))).toEqual(before);
  });
});
