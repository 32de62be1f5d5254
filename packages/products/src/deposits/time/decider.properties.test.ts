import { decimalToMinor } from '@ecoledger/ledger';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { arbitraryFollowUps, arbitraryPlace, cny } from '../../../test-kit/deposits/time/arbitraries.js';
import { ledgerBalances, placeCommand, replay, run, testProduct } from '../../../test-kit/deposits/time/timeDeposit.fixture.js';
import { runCommands } from '../../../test-kit/runCommands.js';
import { addDays, businessDate } from '../../calendar/businessDate.js';
import { productsErrorMessages } from '../../errors.js';
import { accrue } from '../../interest/accrue.js';
import { quoteTermDeposit } from '../../interest/termDeposit.js';
import { timeDepositDecider } from './decider.js';
import type { TimeDepositMaturedData, TimeDepositWithdrawnEarlyData } from './events.js';
import { depositBalance } from './state.js';

const CASH = testProduct({ withholdingTaxPercent: '20' });
const ACCRUAL = testProduct({ accountingBasis: 'accrual' });

/** Runs the commands, skipping refused ones; checks every refusal has a known code. */
const runLenient = (product: typeof CASH, commands: readonly unknown[]) => {
  const { state, events, states, refused } = runCommands(timeDepositDecider(product), commands as never[]);
  for (const error of refused) expect(Object.keys(productsErrorMessages)).toContain(error.code);
  return { state, events, states };
};

const lifecycle = fc.tuple(arbitraryPlace(), fc.constantFrom(CASH, ACCRUAL)).chain(([place, product]) => arbitraryFollowUps(place.placedOn).map((rest) => ({ product, commands: [place, ...rest] })));

describe('time deposit properties', () => {
  it('replay equals live, and the deposit account in the ledger holds exactly the state’s balance after every command', () => {
    fc.assert(
      fc.property(lifecycle, ({ product, commands }) => {
        const { state, events, states } = runLenient(product, commands);
        expect(replay(product, events)).toEqual(state);
        for (const step of states) {
          expect(ledgerBalances(product, events.slice(0, step.events)).get('deposit:td-1') ?? 0n).toBe(depositBalance(step.state));
        }
        // On the accrual basis interest payable holds what is still accrued, never less than zero.
        const payable = ledgerBalances(product, events).get('role:interestPayable') ?? 0n;
        expect(payable).toBe(state.status === 'active' && product === ACCRUAL ? state.term.accrued : 0n);
      }),
      { numRuns: 60 },
    );
  });

  it('maturing twice is maturing once', () => {
    fc.assert(
      fc.property(lifecycle, fc.integer({ min: 0, max: 2_200 }), ({ product, commands }, offset) => {
        const mature = { type: 'Mature' as const, on: addDays(businessDate((commands[0] as { placedOn: string }).placedOn), offset) };
        const once = runLenient(product, [...commands, mature]);
        const decided = timeDepositDecider(product).decide(mature, once.state);
        if (E.isRight(decided)) expect(decided.right).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('a partial withdrawal conserves principal; the part taken earns the demand rate, the rest the contracted rate to maturity', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 10_000n, max: 10_000_000_000n }), fc.bigInt({ min: 1n, max: 10n ** 10n }), fc.integer({ min: 0, max: 364 }), (placed, cut, day) => {
        const withdrawn = 1n + (cut % (placed - 5_000n));
        const on = addDays(businessDate('2026-01-01'), day);
        const { events } = run(CASH, [placeCommand({ principal: cny(placed) }), { type: 'WithdrawEarly', on, amount: cny(withdrawn) }, { type: 'Mature', on: '2027-01-01' }]);
        const partial = events[1]!.data as TimeDepositWithdrawnEarlyData;
        const matured = events[2]!.data as TimeDepositMaturedData;
        expect(decimalToMinor(partial.withdrawn, 2) + decimalToMinor(partial.remaining, 2)).toBe(placed);
        expect(matured.principal).toBe(partial.remaining);
        expect(partial.settlement.interest).toBe(accrue({ principal: cny(withdrawn), annualRate: '0.35', from: '2026-01-01', to: on, dayCount: 'ACT/365' }).interest);
        expect(matured.settlement.interest).toBe(quoteTermDeposit({ principal: partial.remaining, annualRate: '1.75', months: 12, dayCount: 'ACT/365', start: '2026-01-01' }).interest);
      }),
    );
  });

  it('accrual day by day over any split equals accruing the whole at once (exact cumulative, rounded once)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 5_000n, max: 10n ** 12n }), fc.uniqueArray(fc.integer({ min: 0, max: 364 }), { maxLength: 20 }), fc.integer({ min: 0, max: 364 }), (principal, days, last) => {
        const place = placeCommand({ principal: cny(principal) });
        const through = (d: number) => ({ type: 'AccrueInterest', through: addDays(businessDate('2026-01-01'), d) });
        const split = run(ACCRUAL, [place, ...[...days, last].sort((a, b) => a - b).map(through)]).events.slice(1);
        const whole = run(ACCRUAL, [place, through(Math.max(last, ...days))]).events.slice(1);
        const sum = split.reduce((total, e) => total + decimalToMinor((e.data as { interest: string }).interest, 2), 0n);
        expect(cny(sum)).toBe((whole[0]!.data as { cumulative: string }).cumulative);
        expect(split.at(-1)!.data).toMatchObject({ cumulative: (whole[0]!.data as { cumulative: string }).cumulative });
      }),
    );
  });

  it('fuzz: any value in any command field is decided or refused with a known code, never thrown', () => {
    const placed = run(CASH, [placeCommand()]);
    const decider = timeDepositDecider(CASH);
    const fields = ['type', 'contractId', 'principal', 'termMonths', 'maturityInstruction', 'placedOn', 'channel', 'on', 'amount', 'through', 'other'];
    const commands = [placeCommand(), { type: 'Mature', on: '2027-01-01' }, { type: 'WithdrawEarly', on: '2026-05-01', amount: '10.00' }, { type: 'AccrueInterest', through: '2026-02-01' }];
    fc.assert(
      fc.property(fc.constantFrom(...commands), fc.constantFrom(...fields), fc.anything(), fc.boolean(), (command, field, value, fresh) => {
        const result = decider.decide({ ...command, [field]: value } as never, fresh ? decider.initialState() : placed.state);
        if (E.isLeft(result)) expect(Object.keys(productsErrorMessages)).toContain(result.left.code);
      }),
    );
  });
});
