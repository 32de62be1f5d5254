import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JournalRecord, TransferRecord } from '../ledger/events.js';
import { decimalToMinor, minorToDecimal } from '../money/decimalString.js';
import { LedgerReadModel } from './ledgerReadModel.js';
import { EventLog, isoOf, T0 } from '../../test-kit/projections/testFixtures.js';

/** The chart: a CNY ledger (scale 2) and a JPY ledger (scale 0) with accounts of every type. */
const chart = {
  cny: { scale: 2, accounts: [['cash', 'asset'], ['alice', 'liability'], ['bob', 'liability'], ['income', 'income'], ['expense', 'expense'], ['equity', 'equity']] },
  jpy: { scale: 0, accounts: [['vault', 'asset'], ['carol', 'liability'], ['fx', 'income']] },
} as const;
type LedgerId = keyof typeof chart;
const ledgerIds = Object.keys(chart) as LedgerId[];
const idsOf = (ledger: LedgerId): string[] => chart[ledger].accounts.map(([id]) => id);
const allAccounts: { id: string; ledger: LedgerId }[] = ledgerIds.flatMap((ledger) => chart[ledger].accounts.map(([id]) => ({ id, ledger })));

const transferArb = fc.record({
  kind: fc.constant('transfer' as const),
  ledger: fc.constantFrom(...ledgerIds),
  from: fc.nat(),
  to: fc.nat(),
  amount: fc.bigInt({ min: 1n, max: 10n ** 12n }),
});
const journalArb = fc.record({
  kind: fc.constant('journal' as const),
  ledger: fc.constantFrom(...ledgerIds),
  legs: fc.array(fc.record({ account: fc.nat(), side: fc.constantFrom('debit' as const, 'credit' as const), amount: fc.bigInt({ min: 1n, max: 10n ** 9n }) }), { minLength: 1, maxLength: 5 }),
  balancer: fc.nat(),
});
const batchArb = fc.record({
  /** Nanoseconds between the previous batch and this one. */
  gap: fc.bigInt({ min: 1n, max: 10n ** 10n }),
  items: fc.array(fc.oneof(transferArb, journalArb), { minLength: 1, maxLength: 6 }),
});

type Batch = typeof batchArb extends fc.Arbitrary<infer T> ? T : never;

/** Builds the events of a random history and an independent oracle of posted totals per account. */
const build = (batches: readonly Batch[]) => {
  const log = new EventLog(3n, 1n);
  log.record('LedgersDefined', { ledgers: ledgerIds.map((id) => ({ id, asset: { code: id.toUpperCase(), scale: chart[id].scale } })) });
  let clock = T0;
  const tick = () => (++clock).toString();
  log.record('AccountsOpened', {
    accounts: ledgerIds.flatMap((ledger) =>
      chart[ledger].accounts.map(([id, type]) => ({ id, ledger, code: 100, type, tenant: 't', metadata: {}, flags: [], overdraftLimit: '0', timestamp: tick() })),
    ),
  });
  const oracle = new Map<string, { debits: bigint; credits: bigint }>(allAccounts.map(({ id }) => [id, { debits: 0n, credits: 0n }]));
  const add = (id: string, side: 'debit' | 'credit', amount: bigint) => {
    const totals = oracle.get(id)!;
    if (side === 'debit') totals.debits += amount;
    else totals.credits += amount;
  };
  const boundaries: bigint[] = [clock];
  let n = 0;
  for (const batch of batches) {
    clock += batch.gap;
    const transfers: (TransferRecord | JournalRecord)[] = [];
    for (const item of batch.items) {
      const ids = idsOf(item.ledger);
      const { scale } = chart[item.ledger];
      const id = `x${++n}`;
      if (item.kind === 'transfer') {
        const debit = ids[item.from % ids.length]!;
        const credit = ids[(item.from + 1 + (item.to % (ids.length - 1))) % ids.length]!;
        add(debit, 'debit', item.amount);
        add(credit, 'credit', item.amount);
        transfers.push({ kind: 'transfer', id, debitAccountId: debit, creditAccountId: credit, amount: minorToDecimal(item.amount, scale), ledger: item.ledger, code: 1, flags: [], timestamp: tick() });
      } else {
        const legs = item.legs.map((leg) => ({ accountId: ids[leg.account % ids.length]!, side: leg.side, amount: leg.amount }));
        const net = legs.reduce((sum, leg) => sum + (leg.side === 'debit' ? leg.amount : -leg.amount), 0n);
        // One more leg makes the entry balance.
        if (net !== 0n) legs.push({ accountId: ids[item.balancer % ids.length]!, side: net > 0n ? 'credit' : 'debit', amount: net > 0n ? net : -net });
        for (const leg of legs) add(leg.accountId, leg.side, leg.amount);
        transfers.push({ kind: 'journal', id, code: 2, legs: legs.map((leg) => ({ ...leg, amount: minorToDecimal(leg.amount, scale) })), timestamp: tick() });
      }
    }
    log.record('TransfersCommitted', { expired: [], transfers, failed: [] }, { occurredAt: isoOf(clock) });
    boundaries.push(clock);
  }
  return { log, oracle, boundaries };
};

const scaleOf = (id: string): number => chart[allAccounts.find((a) => a.id === id)!.ledger].scale;

describe('properties', () => {
  it('the trial balance always balances and the signed balances sum to zero', () => {
    fc.assert(
      fc.property(fc.array(batchArb, { maxLength: 12 }), (batches) => {
        const { log, boundaries } = build(batches);
        const model = new LedgerReadModel();
        model.applyAll(log.events);
        for (const tb of [model.trialBalance(), ...boundaries.map((b) => model.trialBalanceAsOf(b))]) {
          expect(tb.balanced).toBe(true);
          for (const asset of tb.assets) {
            expect(asset.totalDebits).toBe(asset.totalCredits);
            expect(decimalToMinor(asset.signedTotal, asset.scale)).toBe(0n);
            const signed = asset.lines.reduce((sum, line) => sum + decimalToMinor(line.signedBalance, asset.scale), 0n);
            expect(signed).toBe(0n);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('balances match an independent sum, and the last statement line matches the balance', () => {
    fc.assert(
      fc.property(fc.array(batchArb, { maxLength: 12 }), (batches) => {
        const { log, oracle } = build(batches);
        const model = new LedgerReadModel();
        model.applyAll(log.events);
        for (const { id } of allAccounts) {
          const balance = model.balance(id)!;
          const scale = scaleOf(id);
          expect(decimalToMinor(balance.debitsPosted, scale)).toBe(oracle.get(id)!.debits);
          expect(decimalToMinor(balance.creditsPosted, scale)).toBe(oracle.get(id)!.credits);
          const statement = model.statement(id)!;
          expect(statement.lines.at(-1)?.runningBalance ?? minorToDecimal(0n, scale)).toBe(balance.balance);
          expect(statement.closingBalance).toBe(balance.balance);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('balancesAsOf(latest) equals the current balances, and as of each batch equals the model at that point', () => {
    fc.assert(
      fc.property(fc.array(batchArb, { maxLength: 12 }), (batches) => {
        const { log, boundaries } = build(batches);
        const model = new LedgerReadModel();
        model.applyAll(log.events);
        expect(model.balancesAsOf(boundaries.at(-1)!)).toEqual(model.balances());
        // Replay batch by batch: the past as seen from the end equals the present as it was.
        const incremental = new LedgerReadModel();
        incremental.applyAll(log.events.slice(0, 2));
        boundaries.forEach((boundary, i) => {
          if (i > 0) incremental.apply(log.events[i + 1]!);
          expect(model.balancesAsOf(boundary)).toEqual(incremental.balances());
        });
      }),
      { numRuns: 200 },
    );
  });

  it('re-delivering any events changes nothing', () => {
    fc.assert(
      fc.property(fc.array(batchArb, { maxLength: 8 }), fc.array(fc.nat()), (batches, replays) => {
        const { log } = build(batches);
        const model = new LedgerReadModel();
        model.applyAll(log.events);
        const before = { balances: model.balances(), trial: model.trialBalance(), statement: model.statement('alice') };
        for (const r of replays) expect(model.apply(log.events[r % log.events.length]!)).toBe(false);
        expect({ balances: model.balances(), trial: model.trialBalance(), statement: model.statement('alice') }).toEqual(before);
      }),
      { numRuns: 100 },
    );
  });
});
