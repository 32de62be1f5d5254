import { decimalToMinor, decodeEvent, encodeEvent } from '@ecoledger/ledger';
import { testMetadata } from '@ecoledger/ledger/testing';
import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryDemandStep, demandCommands } from '../../../test-kit/deposits/demandArbitraries.js';
import { demandProduct, fixtureDecider, resolveDemandRole } from '../../../test-kit/deposits/demandFixtures.js';
import { runCommands } from '../../../test-kit/runCommands.js';
import { addDays, businessDate, dateParts } from '../../calendar/businessDate.js';
import { days30360 } from '../../calendar/dayCount.js';
import { addRatio, ratio } from '../../interest/ratio.js';
import type { AccountClass } from './classLimits.js';
import type { DemandDepositCommand } from './commands.js';
import { demandDepositDecider, type DemandDepositDecider } from './decider.js';
import { demandDepositSchemas, type DemandDepositEvent } from './events.js';
import { demandLedgerEffects } from './postingRules.js';
import type { DemandDepositState } from './state.js';

const product = demandProduct({ rates: [{ from: '2000-01-01', ratePercent: '0.36' }, { from: '2026-01-15', ratePercent: '1.5' }], withholdingTaxPercent: '20' });
const decider = demandDepositDecider(product);
const minor = (amount: string): bigint => decimalToMinor(amount, 2);

/** Runs every command, keeping refusals: a refused command must leave no trace. */
const runAll = (d: DemandDepositDecider, commands: readonly DemandDepositCommand[]) => {
  const { state, events, refused } = runCommands(d, commands);
  return { state, events, refused: refused.map((error) => error.code) };
};

/** Deposits on days after `start`, run twice: accrued once through day `last`, and also at each cut. */
const wholeAndSplit = (d: DemandDepositDecider, start: string, moves: readonly { day: number; cents: number }[], cuts: readonly number[], last: number) => {
  const date = (offset: number) => addDays(businessDate(start), offset);
  const sorted = [...moves].sort((a, b) => a.day - b.day);
  const movements: DemandDepositCommand[] = sorted.map((m, i) => ({ type: 'Deposit', amount: `${Math.floor(m.cents / 100)}.${String(m.cents % 100).padStart(2, '0')}`, source: 'cash' as const, reference: `r${i}`, on: date(m.day), at: '2026-01-01T00:00:00Z' }));
  const open: DemandDepositCommand = { type: 'Open', contractId: 'c', customerId: 'u', kycReference: 'k', channel: 'app', accountClass: 'I', openedOn: date(0), at: '2026-01-01T00:00:00Z' };
  const whole = runAll(d, [open, ...movements, { type: 'AccrueInterest', through: date(last) }]);
  // Split: accruals at the cuts, interleaved with the movements they precede.
  const interleaved: DemandDepositCommand[] = [open];
  let m = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    while (m < sorted.length && sorted[m]!.day <= cut) interleaved.push(movements[m++]!);
    interleaved.push({ type: 'AccrueInterest', through: date(cut) });
  }
  while (m < sorted.length) interleaved.push(movements[m++]!);
  interleaved.push({ type: 'AccrueInterest', through: date(last) });
  return { date, sorted, whole, parts: runAll(d, interleaved) };
};

const steps = fc.array(arbitraryDemandStep(), { minLength: 1, maxLength: 40 });
const classes = fc.constantFrom<AccountClass>('I', 'II', 'III');

describe('demand deposit properties', () => {
  it('(1) class limits hold for any movement sequence; refused commands change nothing', () => {
    fc.assert(
      fc.property(fc.constantFrom<AccountClass>('II', 'III'), steps, (accountClass, history) => {
        const limits = product.classLimits[accountClass];
        const { events, refused } = runAll(decider, demandCommands(accountClass, history));
        const perDay = new Map<string, bigint>();
        const perYear = new Map<string, bigint>();
        let balance = 0n;
        for (const event of events) {
          if (event.type === 'InterestPosted') balance += minor(event.data.net);
          if (event.type !== 'DepositMade' && event.type !== 'WithdrawalMade') continue;
          const direction = event.type === 'DepositMade' ? 'in' : 'out';
          const counterparty = event.type === 'DepositMade' ? event.data.source : event.data.destination;
          const amount = minor(event.data.amount);
          balance += direction === 'in' ? amount : -amount;
          if (direction === 'in' && limits.maxBalance !== undefined) expect(balance).toBeLessThanOrEqual(limits.maxBalance);
          if (counterparty === 'bound_account') continue;
          const day = `${direction}:${event.data.on}`;
          const year = `${direction}:${dateParts(event.data.on as never).year}`;
          perDay.set(day, (perDay.get(day) ?? 0n) + amount);
          perYear.set(year, (perYear.get(year) ?? 0n) + amount);
          const [daily, yearly] = direction === 'in' ? [limits.dailyIn, limits.yearlyIn] : [limits.dailyOut, limits.yearlyOut];
          expect(perDay.get(day)!).toBeLessThanOrEqual(daily!);
          expect(perYear.get(year)!).toBeLessThanOrEqual(yearly!);
        }
        // Refusals are specific codes, never a generic failure.
        for (const code of refused) expect(code).toMatch(/^(class_iii?_|amount_frozen|account_frozen|freeze_not_found)/);
      }),
      { numRuns: 150 },
    );
  });

  it('(2) replaying the stored events (encoded, JSON, decoded) rebuilds the live state', () => {
    fc.assert(
      fc.property(classes, steps, (accountClass, history) => {
        const live = runAll(decider, demandCommands(accountClass, history));
        let replayed: DemandDepositState = decider.initialState();
        for (const [index, event] of live.events.entries()) {
          const stored = JSON.parse(JSON.stringify(encodeEvent(demandDepositSchemas, event, { id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`, metadata: testMetadata() })));
          const decoded = decodeEvent(demandDepositSchemas, stored);
          if (E.isLeft(decoded)) throw decoded.left;
          replayed = decider.evolve(replayed, decoded.right);
        }
        expect(replayed).toEqual(live.state);
      }),
      { numRuns: 100 },
    );
  });

  it('(3) accruing day by day over any split equals accruing the whole period at once, and the exact sum of days', () => {
    // Dec 21 .. Mar 19: inside one quarterly period, so nothing is credited and the exact period
    // interest can be checked against a direct day-by-day sum.
    const day = fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 88 }));
    const deposits = fc.array(fc.record({ day, cents: fc.integer({ min: 1, max: 100_000_000 }) }), { maxLength: 8 });
    const cuts = fc.uniqueArray(fc.integer({ min: 0, max: 88 }), { maxLength: 12 });
    const dayCounts = fc.constantFrom('ACT/365', 'ACT/360', '30/360') as fc.Arbitrary<'ACT/365' | 'ACT/360' | '30/360'>;
    fc.assert(
      fc.property(deposits, cuts, dayCounts, (moves, split, dayCount) => {
        const d = fixtureDecider({ dayCount, rates: [{ from: '2000-01-01', ratePercent: '0.35' }, { from: '2026-02-01', ratePercent: '1.15' }] });
        const { date, sorted, whole, parts } = wholeAndSplit(d, '2025-12-21', moves, split, 88);
        expect(parts.refused).toEqual([]);
        expect(parts.state.accrual.periodInterest).toEqual(whole.state.accrual.periodInterest);
        expect(parts.state.accrual.postedToLedger).toBe(whole.state.accrual.postedToLedger);
        expect(parts.state.balance).toBe(whole.state.balance);
        // The oracle: every day's end-of-day balance × its rate × its weight ÷ basis, summed exactly.
        let oracle = ratio(0n);
        for (let offset = 0; offset <= 88; offset++) {
          const today = date(offset);
          const balance = sorted.filter((x) => x.day <= offset).reduce((sum, x) => sum + BigInt(x.cents), 0n);
          const rate = today < '2026-02-01' ? 35_000_000n : 115_000_000n;
          const weight = dayCount === '30/360' ? BigInt(days30360(today, addDays(today, 1))) : 1n;
          oracle = addRatio(oracle, ratio(balance * rate * weight, 10n ** 10n * (dayCount === 'ACT/365' ? 365n : 360n)));
        }
        expect(whole.state.accrual.periodInterest).toEqual(oracle);
      }),
      { numRuns: 150 },
    );
  });

  it('(3b) splits across posting dates credit the same interest on the same dates', () => {
    const deposits = fc.array(fc.record({ day: fc.integer({ min: 0, max: 200 }), cents: fc.integer({ min: 1, max: 100_000_000 }) }), { maxLength: 8 });
    const cuts = fc.uniqueArray(fc.integer({ min: 0, max: 220 }), { maxLength: 12 });
    fc.assert(
      fc.property(deposits, cuts, (moves, split) => {
        const d = fixtureDecider({ withholdingTaxPercent: '20', rates: [{ from: '2000-01-01', ratePercent: '0.35' }, { from: '2026-02-01', ratePercent: '1.15' }] });
        const { whole, parts } = wholeAndSplit(d, '2025-12-01', moves, split, 220);
        expect(parts.refused).toEqual([]);
        const credits = (events: DemandDepositEvent[]) => events.flatMap((e) => (e.type === 'InterestPosted' ? [[e.data.on, e.data.rounding, e.data.net]] : []));
        expect(credits(parts.events)).toEqual(credits(whole.events));
        expect(parts.state.accrual.periodInterest).toEqual(whole.state.accrual.periodInterest);
        expect(parts.state.balance).toBe(whole.state.balance);
      }),
      { numRuns: 100 },
    );
  });

  it('(4) AccrueInterest for a date already accrued produces no events', () => {
    fc.assert(
      fc.property(classes, steps, fc.integer({ min: 0, max: 400 }), (accountClass, history, ahead) => {
        const { state } = runAll(decider, demandCommands(accountClass, history));
        if (state.status !== 'open' || state.accrual.lastAccrued === undefined) return;
        const through = new Date(Date.parse(`${state.accrual.lastAccrued}T00:00:00Z`) + ahead * 86_400_000).toISOString().slice(0, 10);
        const once = runAll(decider, [...demandCommands(accountClass, history), { type: 'AccrueInterest', through }]);
        const again = decider.decide({ type: 'AccrueInterest', through }, once.state);
        expect(again).toEqual(E.right([]));
      }),
      { numRuns: 100 },
    );
  });

  it('(5) the balance equals the customer ledger account; payable holds exactly the unpaid rounded accrual', () => {
    fc.assert(
      fc.property(classes, steps, fc.constantFrom<'cash' | 'accrual'>('cash', 'accrual'), fc.boolean(), (accountClass, history, basis, close) => {
        const d = demandDepositDecider({ ...product, accountingBasis: basis });
        const commands = demandCommands(accountClass, history);
        if (close) commands.push({ type: 'Close', on: '2027-06-01', at: '2027-06-01T00:00:00Z', destination: 'bound_account', reference: 'close' });
        const { state, events } = runAll(d, commands);
        const balances = new Map<string, bigint>();
        const move = (id: string, delta: bigint) => balances.set(id, (balances.get(id) ?? 0n) + delta);
        for (const event of events) {
          const effects = demandLedgerEffects({ ...product, accountingBasis: basis }, event, resolveDemandRole);
          // Credit-normal view: credits minus debits.
          for (const p of effects.postings) {
            move(p.creditAccountId, minor(p.amount));
            move(p.debitAccountId, -minor(p.amount));
          }
        }
        expect(balances.get('dd:dd-1') ?? 0n).toBe(state.balance);
        expect(balances.get('gl:interestPayable') ?? 0n).toBe(basis === 'accrual' ? state.accrual.postedToLedger : 0n);
        expect([...balances.values()].reduce((a, b) => a + b, 0n)).toBe(0n);
      }),
      { numRuns: 150 },
    );
  });
});
