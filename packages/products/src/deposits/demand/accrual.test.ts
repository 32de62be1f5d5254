import { describe, expect, it } from 'vitest';
import { accrueThrough, deposit, fixtureDecider, history, openCommand } from '../../../test-kit/deposits/demandFixtures.js';
import type { DemandDepositCommand } from './commands.js';
import type { DemandDepositEvent, InterestPostedData } from './events.js';

const posted = (events: readonly DemandDepositEvent[]): InterestPostedData[] =>
  events.flatMap((e) => (e.type === 'InterestPosted' ? [e.data] : []));
const ledgerAmounts = (events: readonly DemandDepositEvent[]): string[] => events.flatMap((e) => (e.type === 'InterestAccrued' ? [e.data.ledgerAmount] : []));
const cents = (amounts: readonly string[]): bigint => amounts.reduce((sum, a) => sum + BigInt(a.replace('.', '')), 0n);

describe('demand accrual: known answers', () => {
  it('10,000.00 at 0.36 % ACT/360 for 90 days (Dec 21 .. Mar 20) credits 9.00 on Mar 20', () => {
    const { events, state } = history(fixtureDecider(), [openCommand(), deposit('10000.00', '2025-12-21'), accrueThrough('2026-03-20')]);
    const segment = { from: '2025-12-21', to: '2026-03-21', days: 90, balance: '10000.00', rate: '0.36', dayCount: 'ACT/360', yearFraction: '90/360', rawInterest: '9' };
    expect(events.slice(2)).toEqual([
      {
        type: 'InterestAccrued',
        data: {
          contractId: 'dd-1',
          from: '2025-12-21',
          through: '2026-03-20',
          segments: [segment],
          periodInterest: { num: '900', den: '1' },
          rounding: { mode: 'half-up', raw: '9', rounded: '9.00' },
          ledgerAmount: '9.00',
        },
      },
      {
        type: 'InterestPosted',
        data: {
          contractId: 'dd-1',
          on: '2026-03-20',
          periodFrom: '2025-12-21',
          periodThrough: '2026-03-20',
          segments: [segment],
          rounding: { mode: 'half-up', raw: '9', rounded: '9.00' },
          gross: '9.00',
          tax: '0.00',
          net: '9.00',
        },
      },
    ]);
    expect(state.balance).toBe(1_000_900n);
  });

  // The quarter Dec 21, 2025 .. Mar 20, 2026, ACT/360, 20 % withholding:
  //   rates 0.36 % until Feb 14, 0.72 % from Feb 15; deposits 10,000.00 on Dec 21, 8,000.00 on
  //   Jan 10, 1,234.56 on Mar 1.
  //   Dec 21 .. Jan 9   20 days × 10,000.00 × 0.36 % ÷ 360 = 2.00
  //   Jan 10 .. Feb 14  36 days × 18,000.00 × 0.36 % ÷ 360 = 6.48
  //   Feb 15 .. Feb 28  14 days × 18,000.00 × 0.72 % ÷ 360 = 5.04
  //   Mar 1  .. Mar 20  20 days × 19,234.56 × 0.72 % ÷ 360 = 7.693824
  //   raw 21.213824 → half-up 21.21; tax 21.21 × 20 % = 4.242 → 4.24; net 16.97.
  const quarterProduct = { rates: [{ from: '2000-01-01', ratePercent: '0.36' }, { from: '2026-02-15', ratePercent: '0.72' }], withholdingTaxPercent: '20' };
  const quarterMoves: DemandDepositCommand[] = [openCommand(), deposit('10000.00', '2025-12-21'), deposit('8000.00', '2026-01-10'), deposit('1234.56', '2026-03-01')];

  it('a quarter with deposits mid-quarter and a rate change, by hand', () => {
    const { events, state } = history(fixtureDecider(quarterProduct), [...quarterMoves, { type: 'PostInterest', on: '2026-03-20' }]);
    const [credit] = posted(events);
    expect(credit?.segments.map((s) => [s.from, s.to, s.days, s.balance, s.rate, s.rawInterest])).toEqual([
      ['2025-12-21', '2026-01-10', 20, '10000.00', '0.36', '2'],
      ['2026-01-10', '2026-02-15', 36, '18000.00', '0.36', '6.48'],
      ['2026-02-15', '2026-03-01', 14, '18000.00', '0.72', '5.04'],
      ['2026-03-01', '2026-03-21', 20, '19234.56', '0.72', '7.693824'],
    ]);
    expect(credit).toMatchObject({
      rounding: { mode: 'half-up', raw: '21.213824', rounded: '21.21' },
      gross: '21.21',
      taxPercent: '20',
      taxRounding: { mode: 'half-up', raw: '4.242', rounded: '4.24' },
      tax: '4.24',
      net: '16.97',
    });
    expect(state.balance).toBe(1_923_456n + 1_697n);
  });

  it('daily close of business posts whole fen each day that sum exactly to the rounded credit', () => {
    const commands: DemandDepositCommand[] = [openCommand(), deposit('10000.00', '2025-12-21')];
    for (let day = 0; day < 90; day++) {
      const date = new Date(Date.UTC(2025, 11, 21 + day)).toISOString().slice(0, 10);
      if (date === '2026-01-10') commands.push(deposit('8000.00', date));
      if (date === '2026-03-01') commands.push(deposit('1234.56', date));
      commands.push(accrueThrough(date));
    }
    const { events } = history(fixtureDecider(quarterProduct), commands);
    const daily = ledgerAmounts(events);
    expect(daily).toHaveLength(90);
    expect(daily.every((a) => /^[0-9]+\.[0-9]{2}$/.test(a))).toBe(true);
    expect(cents(daily)).toBe(2121n);
    expect(posted(events).map((p) => p.gross)).toEqual(['21.21']);
    // The explanation merges the daily pieces back into the four segments.
    expect(posted(events)[0]?.segments).toHaveLength(4);
  });

  it('a missed close of business still accrues each day on its own balance and credits on the posting date', () => {
    const { events, state } = history(fixtureDecider(), [openCommand(), deposit('10000.00', '2025-12-21'), accrueThrough('2026-04-09')]);
    expect(posted(events).map((p) => [p.on, p.net])).toEqual([['2026-03-20', '9.00']]);
    // The credit earns from Mar 21: 20 days × 10,009.00 × 0.36 % ÷ 360 = 2.0018.
    const last = events[events.length - 1];
    expect(last?.type === 'InterestAccrued' && last.data.segments).toEqual([
      { from: '2026-03-21', to: '2026-04-10', days: 20, balance: '10009.00', rate: '0.36', dayCount: 'ACT/360', yearFraction: '20/360', rawInterest: '2.0018' },
    ]);
    expect(state.accrual.postedToLedger).toBe(200n);
  });

  it('30/360 weighs each day by the bond basis to the next day: the 30th of a 31-day month 0, the end of February 3', () => {
    const decider = fixtureDecider({ dayCount: '30/360', postingSchedule: { frequency: 'monthly', day: 28 } });
    const { events } = history(decider, [openCommand({ openedOn: '2026-01-29' }), deposit('36000.00', '2026-01-29'), accrueThrough('2026-02-28')]);
    // Jan 29 (1), Jan 30 (0: to the 31st, which counts as the 30th), Jan 31 (1), Feb 1 .. 27 (27),
    // Feb 28 (3): 32 days, as the bond basis counts Jan 29 .. Mar 1 at once. 36,000 × 0.36 % × 32/360 = 11.52.
    expect(posted(events)[0]).toMatchObject({ gross: '11.52', segments: [{ days: 32, yearFraction: '32/360' }] });
  });
});
