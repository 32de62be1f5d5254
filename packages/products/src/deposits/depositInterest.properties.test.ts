/**
 * Interest over any split of a period equals the interest of the whole, end to end: two banks get
 * the same demand account and time deposit (money in on the first day, nothing moves after); one
 * closes business on the split's days (every day, or random days) and the period's last day, the
 * other closes business once, on the last day. Both accrue exactly and round once per credit
 * (demand) or once per cumulative (time deposit), so the credited interest is the same event and
 * the accrual postings sum to the same rounded total, fen for fen, on the ledger too.
 */
import { decimalToMinor, decodeEvent, type DomainEvent, type EventSchemas } from '@ecoledger/ledger';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { balanceOf, bankContext, demandAccountOf, demandStreamOf, glAccountOf, openDepositBank, replayContract, timeAccountOf, timeStreamOf, type DepositBank } from '../../test-kit/deposits/depositBank.js';
import { trialBalanceGaps } from '../../test-kit/productPostingsCheck.js';
import { addDays, businessDate, type BusinessDate } from '../calendar/businessDate.js';
import { demandDepositSchemas, type DemandDepositEvent } from './demand/events.js';
import { timeDepositEventSchemas, type TimeDepositEvent } from './time/events.js';

const fen = (text: string): bigint => decimalToMinor(text, 2);
const yuan = (cents: number): string => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

/** A bank with one demand account and one 12-month time deposit, both funded on `start`. */
const openBank = async (start: BusinessDate, demandCents: number, timeCents: number): Promise<DepositBank> => {
  const bank = await openDepositBank();
  const at = `${start}T10:00:00.000Z`;
  const steps = [
    () => bank.demand.handle(demandStreamOf('dd'), { type: 'Open', contractId: 'dd', customerId: 'c', kycReference: 'k', channel: 'app', accountClass: 'I', openedOn: start, at }, bankContext('open')),
    () => bank.demand.handle(demandStreamOf('dd'), { type: 'Deposit', amount: yuan(demandCents), source: 'cash', reference: 'in', on: start, at }, bankContext('deposit')),
    () =>
      bank.time.handle(
        timeStreamOf('td'),
      { type: 'Place', contractId: 'td', customerId: 'c', principal: yuan(timeCents), termMonths: 12, maturityInstruction: 'payout', placedOn: start, channel: 'app' },
      bankContext('place'),
    ),
  ];
  // One after the other: the deposit needs the account open.
  for (const run of steps) {
    const outcome = await run();
    if (E.isLeft(outcome)) throw new Error(`setup refused: ${JSON.stringify(outcome.left)}`);
  }
  return bank;
};

const closeDay = async (bank: DepositBank, date: string): Promise<void> => {
  expect((await bank.closeTime(date, ['td'])).refused).toEqual([]);
  expect((await bank.closeDemand(date, ['dd'])).refused).toEqual([]);
};

const eventsOf = async <Event extends DomainEvent>(bank: DepositBank, stream: string, schemas: EventSchemas<Event>): Promise<Event[]> =>
  (await bank.store.readStream(stream)).map((recorded) => {
    const decoded = decodeEvent(schemas, recorded);
    if (E.isLeft(decoded)) throw decoded.left;
    return decoded.right;
  });

/** What both banks must agree on. */
const interestOf = async (bank: DepositBank) => {
  const demand = await eventsOf(bank, demandStreamOf('dd'), demandDepositSchemas);
  const time = await eventsOf(bank, timeStreamOf('td'), timeDepositEventSchemas);
  const accrued = demand.flatMap((e) => (e.type === 'InterestAccrued' ? [e.data] : []));
  const timeAccrued = time.flatMap((e) => (e.type === 'TimeDepositInterestAccrued' ? [e.data] : []));
  return {
    credited: demand.flatMap((e) => (e.type === 'InterestPosted' ? [e.data] : [])),
    demandAccrualPostings: accrued.reduce((sum, d) => sum + fen(d.ledgerAmount), 0n),
    demandPeriodInterest: accrued.at(-1)?.periodInterest,
    timeAccrualPostings: timeAccrued.reduce((sum, d) => sum + fen(d.interest), 0n),
    timeCumulative: timeAccrued.at(-1)?.cumulative,
    ledger: ['interest-payable', 'interest-expense', 'withholding-tax-payable'].map((name) => balanceOf(bank.book, glAccountOf(name))),
    customer: [balanceOf(bank.book, demandAccountOf('dd')), balanceOf(bank.book, timeAccountOf('td'))],
  };
};

describe('interest over any split of a period equals the interest of the whole (real handlers, book and close of business)', () => {
  it('credited interest is equal and the accrual postings sum to the same rounded total', async () => {
    const start = fc.integer({ min: 0, max: 365 }).map((n) => addDays(businessDate('2026-01-01'), n));
    const days = fc.integer({ min: 1, max: 120 });
    const split = fc.oneof(fc.constant('daily' as const), fc.uniqueArray(fc.integer({ min: 0, max: 119 }), { maxLength: 10 }));
    const amount = fc.oneof(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 5_000, max: 1_000_000_000 }));
    await fc.assert(
      fc.asyncProperty(start, days, split, amount, amount, async (first, length, cuts, demandCents, timeCents) => {
        const last = addDays(first, length - 1);
        const parts = await openBank(first, demandCents, Math.max(timeCents, 5_000));
        const whole = await openBank(first, demandCents, Math.max(timeCents, 5_000));
        const offsets = cuts === 'daily' ? Array.from({ length }, (_, i) => i) : [...cuts.filter((d) => d < length - 1).sort((a, b) => a - b), length - 1];
        for (const offset of offsets) await closeDay(parts, addDays(first, offset));
        await closeDay(whole, last);
        const split = await interestOf(parts);
        expect(split).toEqual(await interestOf(whole));
        // The accrual postings are rounded totals: each credited gross plus the open period's rounded interest so far.
        const state = await replayContract(parts.store, demandStreamOf('dd'), parts.demand.decider, demandDepositSchemas);
        expect(split.demandAccrualPostings).toBe(split.credited.reduce((sum, c) => sum + fen(c.gross), 0n) + state.accrual.postedToLedger);
        expect(split.timeAccrualPostings).toBe(fen(split.timeCumulative ?? '0'));
        expect(trialBalanceGaps(parts.book)).toEqual([]);
        expect(trialBalanceGaps(whole.book)).toEqual([]);
      }),
      { numRuns: 30 },
    );
  }, 120_000);
});
