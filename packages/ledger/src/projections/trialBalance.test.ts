import { describe, expect, it } from 'vitest';
import { LedgerIndex, zeroCounters } from './ledgerIndex.js';
import { logEventOf, scenario, ts } from '../../test-kit/projections/testFixtures.js';
import { trialBalanceOf, TrialBalanceProjection } from './trialBalance.js';

const project = (count?: number) => {
  const projection = new TrialBalanceProjection();
  projection.applyAll(scenario().events.slice(0, count).map(logEventOf));
  return projection;
};

describe('TrialBalanceProjection', () => {
  it('lists every account per asset with totals that balance', () => {
    const tb = project().trialBalance();
    expect(tb.balanced).toBe(true);
    expect(tb.assets.map((a) => a.assetCode)).toEqual(['CNY', 'JPY']);
    const [cny, jpy] = tb.assets;
    expect(cny).toMatchObject({
      assetCode: 'CNY',
      scale: 2,
      ledgers: ['cny'],
      totalDebits: '164.00',
      totalCredits: '164.00',
      totalDebitsPending: '0.00',
      totalCreditsPending: '0.00',
      signedTotal: '0.00',
      balanced: true,
    });
    // Sorted by account code, then ledger, then id.
    expect(cny!.lines.map((l) => [l.accountId, l.debitsPosted, l.creditsPosted, l.balance, l.signedBalance])).toEqual([
      ['cash', '100.00', '0.00', '100.00', '100.00'],
      ['alice', '32.00', '132.00', '100.00', '-100.00'],
      ['bob', '30.00', '30.00', '0.00', '0.00'],
      ['fees', '2.00', '2.00', '0.00', '0.00'],
    ]);
    expect(cny!.lines[1]).toMatchObject({ ledger: 'cny', code: 2011, type: 'liability', normalSide: 'credit' });
    expect(jpy).toMatchObject({ scale: 0, totalDebits: '6234', totalCredits: '6234', signedTotal: '0', balanced: true });
    expect(jpy!.lines.map((l) => [l.accountId, l.balance, l.signedBalance])).toEqual([
      ['vault', '3766', '3766'],
      ['carol', '3766', '-3766'],
    ]);
  });

  it('balances pending too while holds are open', () => {
    const cny = project(4).trialBalance().assets[0]!;
    expect(cny).toMatchObject({
      totalDebits: '132.00',
      totalCredits: '132.00',
      totalDebitsPending: '7.50',
      totalCreditsPending: '7.50',
      balanced: true,
    });
    expect(cny.lines.find((l) => l.accountId === 'alice')).toMatchObject({ debitsPending: '7.50', balance: '68.00' });
  });

  it('is empty before any account is opened', () => {
    expect(project(1).trialBalance()).toEqual({ assets: [], balanced: true });
  });

  it('is idempotent under re-delivery', () => {
    const projection = project();
    const before = projection.trialBalance();
    projection.applyAll(scenario().events.map(logEventOf));
    expect(projection.trialBalance()).toEqual(before);
  });
});

describe('trialBalanceOf', () => {
  /** Two ledgers of one asset at different scales, and an account set that does not balance. */
  const accounts = () => {
    const index = new LedgerIndex();
    const envelope = { streamName: 's', revision: 0n, metadata: { occurredAt: '2026-01-01T00:00:00.000Z' } };
    index.movementsOf({
      ...envelope,
      position: 1n,
      type: 'LedgersDefined',
      data: { ledgers: [{ id: 'usd2', asset: { code: 'USD', scale: 2 } }, { id: 'usd4', asset: { code: 'USD', scale: 4 } }] },
    });
    const open = (id: string, ledger: string, type: 'asset' | 'liability') => ({
      id, ledger, code: 1, type, tenant: 't', metadata: {}, flags: [], overdraftLimit: '0', timestamp: ts(1),
    });
    index.movementsOf({ ...envelope, position: 2n, type: 'AccountsOpened', data: { accounts: [open('a', 'usd2', 'asset'), open('b', 'usd4', 'liability')] } });
    return { a: index.account('a')!, b: index.account('b')! };
  };

  it('rescales ledgers of one asset to the largest scale', () => {
    const { a, b } = accounts();
    const tb = trialBalanceOf([
      { account: a, fields: { ...zeroCounters(), debitsPosted: 150n } }, // 1.50 at scale 2
      { account: b, fields: { ...zeroCounters(), creditsPosted: 15000n } }, // 1.5000 at scale 4
    ]);
    expect(tb.assets[0]).toMatchObject({ assetCode: 'USD', scale: 4, ledgers: ['usd2', 'usd4'], totalDebits: '1.5000', totalCredits: '1.5000', balanced: true });
  });

  it('reports an imbalance in posted or pending', () => {
    const { a, b } = accounts();
    const posted = trialBalanceOf([{ account: a, fields: { ...zeroCounters(), debitsPosted: 1n } }, { account: b, fields: zeroCounters() }]);
    expect(posted.balanced).toBe(false);
    expect(posted.assets[0]).toMatchObject({ signedTotal: '0.0100', balanced: false });
    const pending = trialBalanceOf([{ account: a, fields: { ...zeroCounters(), creditsPending: 1n } }]);
    expect(pending.assets[0]).toMatchObject({ signedTotal: '0.00', balanced: false });
  });
});
