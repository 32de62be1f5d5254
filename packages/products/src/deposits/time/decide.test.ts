import { DeciderSpecification } from '@ecoledger/ledger/testing';
import { describe, expect, it } from 'vitest';
import { placeCommand, run, testProduct } from '../../../test-kit/deposits/time/timeDeposit.fixture.js';
import { quoteTermDeposit } from '../../interest/termDeposit.js';
import { timeDepositDecider } from './decider.js';
import type { TimeDepositEvent, TimeDepositMaturedData, TimeDepositWithdrawnEarlyData } from './events.js';

const product = testProduct();
const given = DeciderSpecification.for(timeDepositDecider(product));
const placed = run(product, [placeCommand()]).events;
const dataOf = <T>(events: readonly TimeDepositEvent[], type: TimeDepositEvent['type']): T => events.find((e) => e.type === type)!.data as T;

describe('time deposit: placement', () => {
  it('records the term’s rate posted on the placement date, and the maturity date', () => {
    given([]).when(placeCommand({ principal: '10000' })).then({
      type: 'TimeDepositPlaced',
      data: { contractId: 'td-1', customerId: 'cust-1', productCode: 'TD-CNY', principal: '10000.00', termMonths: 12, rate: '1.75', placedOn: '2026-01-01', maturityDate: '2027-01-01', maturityInstruction: 'payout', channel: 'app' },
    } as TimeDepositEvent);
    // Placed on the day the 12-month rate changes: the new rate is contracted.
    given([]).when(placeCommand({ placedOn: '2027-01-01' })).thenState((s) => s.status === 'active' && s.term.rate === '1.50');
  });

  it('refuses with specific codes and records nothing', () => {
    given([]).when(placeCommand({ termMonths: 9 })).thenFails('term_not_offered');
    given([]).when(placeCommand({ principal: '49.99' })).thenFails('principal_below_minimum');
    given([]).when(placeCommand({ principal: '10000.001' })).thenFails('amount_invalid');
    given([]).when(placeCommand({ principal: 10000 })).thenFails('field_not_string');
    given([]).when(placeCommand({ placedOn: '2019-12-31' })).thenFails('rate_not_posted');
    given([]).when(placeCommand({ maturityInstruction: 'reinvest' })).thenFails('maturity_instruction_unknown');
    given([]).when(placeCommand({ channel: 'fax' })).thenFails('channel_unknown');
    given([]).when(placeCommand({ contractId: '' })).thenFails('identifier_invalid');
    given([]).when({ ...placeCommand(), extra: 1 } as never).thenFails('field_unknown');
    given([]).when({ type: 'Open' } as never).thenFails('command_unknown');
    given(placed).when(placeCommand()).thenFails('deposit_already_placed');
    given([]).when({ type: 'Mature', on: '2027-01-01' }).thenFails('deposit_not_active');
  });
});

describe('time deposit: maturity', () => {
  it('known answer: 10,000.00 for 12 months at 1.75 % simple, ACT/365, 2026-01-01 → 2027-01-01 earns 175.00, paid out with the principal', () => {
    // 10,000 × 1.75 % × 365/365 = 175 exactly.
    const { events, state } = run(product, [placeCommand(), { type: 'Mature', on: '2027-01-01' }]);
    const matured = dataOf<TimeDepositMaturedData>(events, 'TimeDepositMatured');
    expect(matured.settlement).toMatchObject({ interest: '175.00', netInterest: '175.00', principalPaidOut: '10000.00', interestPaidOut: '175.00', interestCapitalised: '0.00' });
    expect(matured.segments).toEqual([
      { period: 1, from: '2026-01-01', to: '2027-01-01', months: 12, days: 365, openingBalance: '10000', rate: '1.75', dayCount: 'ACT/365', yearFraction: '365/365', interest: '175', closingBalance: '10175' },
    ]);
    expect(matured.rounding).toEqual({ mode: 'half-up', raw: '175', rounded: '175.00' });
    expect(state).toMatchObject({ status: 'closed', closedBy: 'maturity', on: '2027-01-01' });
  });

  it('pays what quoteTermDeposit quotes (its known answers, months basis): 10,000 at 5 % for 12 months by compounding; 5,000 at 5 % monthly for 10 years → 8,235.05', () => {
    const expected = { none: '500.00', monthly: '511.62', quarterly: '509.45', 'semi-annual': '506.25', annual: '500.00' } as const;
    for (const [compounding, interest] of Object.entries(expected)) {
      const fivePercent = testProduct({ compounding, termInterestBasis: 'months', terms: [{ months: 12, rates: [{ from: '2020-01-01', ratePercent: '5' }] }, { months: 120, rates: [{ from: '2020-01-01', ratePercent: '5' }] }] });
      const matured = dataOf<TimeDepositMaturedData>(run(fivePercent, [placeCommand(), { type: 'Mature', on: '2027-01-01' }]).events, 'TimeDepositMatured');
      expect(matured.settlement.interest, compounding).toBe(interest);
      expect(matured.settlement.interest).toBe(quoteTermDeposit({ principal: '10000', annualRate: '5', months: 12, compounding: compounding as 'none' }).interest);
      if (compounding === 'monthly') {
        const ten = run(fivePercent, [placeCommand({ principal: '5000', termMonths: 120 }), { type: 'Mature', on: '2036-01-01' }]).events;
        const data = dataOf<TimeDepositMaturedData>(ten, 'TimeDepositMatured');
        // 5,000 × (1 + 0.05/12)^120 = 8,235.05 (investor.gov, calculator.net).
        expect((BigInt(data.settlement.interest.replace('.', '')) + 500000n).toString()).toBe('823505');
      }
    }
  });

  it('is refused before the maturity date; maturing twice is maturing once', () => {
    given(placed).when({ type: 'Mature', on: '2026-12-31' }).thenFails('not_yet_mature');
    const once = run(product, [placeCommand(), { type: 'Mature', on: '2027-01-01' }]);
    given(once.events).when({ type: 'Mature', on: '2027-01-01' }).thenNothingHappened();
    given(once.events).when({ type: 'Mature', on: '2027-01-05' }).thenNothingHappened();
  });

  it('rolls principal and interest over into a new term at the rate posted on the maturity date; a repeated or late run adds nothing', () => {
    const { events, state } = run(product, [placeCommand({ maturityInstruction: 'rollover_principal_and_interest' }), { type: 'Mature', on: '2027-01-01' }]);
    expect(events.map((e) => e.type)).toEqual(['TimeDepositPlaced', 'TimeDepositMatured', 'TimeDepositRolledOver']);
    // The 12-month rate changed to 1.50 % on 2027-01-01: the new term takes it; the principal takes the 175.00.
    expect(events[2]!.data).toEqual({ contractId: 'td-1', term: 2, start: '2027-01-01', months: 12, rate: '1.50', principal: '10175.00', maturityDate: '2028-01-01' });
    expect(state).toMatchObject({ status: 'active', term: { number: 2, principal: 1017500n } });
    given(events).when({ type: 'Mature', on: '2027-01-01' }).thenNothingHappened();
    // Rolling over the principal only pays the interest out.
    const principalOnly = run(product, [placeCommand({ maturityInstruction: 'rollover_principal' }), { type: 'Mature', on: '2027-01-01' }]).events;
    expect(dataOf<TimeDepositMaturedData>(principalOnly, 'TimeDepositMatured').settlement).toMatchObject({ interestPaidOut: '175.00', principalPaidOut: '0.00' });
  });

  it('a close of business two terms late matures both terms in one command', () => {
    const late = run(product, [placeCommand({ maturityInstruction: 'rollover_principal', termMonths: 3 }), { type: 'Mature', on: '2026-07-15' }]);
    expect(late.events.map((e) => e.type)).toEqual(['TimeDepositPlaced', 'TimeDepositMatured', 'TimeDepositRolledOver', 'TimeDepositMatured', 'TimeDepositRolledOver']);
    expect(late.state).toMatchObject({ status: 'active', term: { number: 3, start: '2026-07-01', maturityDate: '2026-10-01' } });
  });
});

describe('time deposit: early withdrawal', () => {
  it('known answer: full withdrawal of 10,000.00 after 100 days earns the demand rate, 9.59', () => {
    // 2026-01-01 + 100 days = 2026-04-11. 10,000 × 0.35 % × 100/365 = 9.5890… → 9.59 (half-up).
    const { events, state } = run(product, [placeCommand(), { type: 'WithdrawEarly', on: '2026-04-11' }]);
    const data = dataOf<TimeDepositWithdrawnEarlyData>(events, 'TimeDepositWithdrawnEarly');
    expect(data).toMatchObject({ kind: 'full', withdrawn: '10000.00', remaining: '0.00', demandRate: '0.35' });
    expect(data.segments[0]).toMatchObject({ days: 100, balance: '10000.00', rate: '0.35', yearFraction: '100/365' });
    expect(data.rounding.raw).toMatch(/^9\.58904109589041/);
    expect(data.settlement).toMatchObject({ interest: '9.59', principalPaidOut: '10000.00', interestPaidOut: '9.59' });
    expect(state).toMatchObject({ status: 'closed', closedBy: 'early_withdrawal' });
  });

  it('known answer: 50,000 for a year at 1.75 %, 20,000 withdrawn after 90 days earns 17.26; the 30,000 left earns 525.00 at maturity', () => {
    // 2026-01-01 + 90 days = 2026-04-01. 20,000 × 0.35 % × 90/365 = 17.2602… → 17.26.
    // 30,000 × 1.75 % × 365/365 = 525 exactly.
    const { events, state } = run(product, [placeCommand({ principal: '50000.00' }), { type: 'WithdrawEarly', on: '2026-04-01', amount: '20000.00' }, { type: 'Mature', on: '2027-01-01' }]);
    const partial = dataOf<TimeDepositWithdrawnEarlyData>(events, 'TimeDepositWithdrawnEarly');
    expect(partial).toMatchObject({ kind: 'partial', withdrawn: '20000.00', remaining: '30000.00', partialWithdrawals: 1 });
    expect(partial.settlement.interest).toBe('17.26');
    const matured = dataOf<TimeDepositMaturedData>(events, 'TimeDepositMatured');
    expect(matured.principal).toBe('30000.00');
    expect(matured.settlement.interest).toBe('525.00');
    expect(state).toMatchObject({ status: 'closed', closedBy: 'maturity' });
  });

  it('refuses what the product does not allow', () => {
    const partly = run(product, [placeCommand(), { type: 'WithdrawEarly', on: '2026-02-01', amount: '1000.00' }]).events;
    given(partly).when({ type: 'WithdrawEarly', on: '2026-03-01', amount: '1000.00' }).thenFails('partial_withdrawal_limit_reached');
    // The limit is on partial withdrawals: the rest may still be taken.
    given(partly).when({ type: 'WithdrawEarly', on: '2026-03-01' }).thenState((s) => s.status === 'closed');
    given(placed).when({ type: 'WithdrawEarly', on: '2026-02-01', amount: '9950.01' }).thenFails('remaining_principal_below_minimum');
    given(placed).when({ type: 'WithdrawEarly', on: '2026-02-01', amount: '10000.01' }).thenFails('withdrawal_exceeds_principal');
    given(placed).when({ type: 'WithdrawEarly', on: '2026-02-01', amount: '0.00' }).thenFails('withdrawal_amount_zero');
    given(placed).when({ type: 'WithdrawEarly', on: '2027-01-01' }).thenFails('withdrawal_not_early');
    given(placed).when({ type: 'WithdrawEarly', on: '2025-12-31' }).thenFails('date_before_term_start');
    given(placed).when({ type: 'WithdrawEarly', on: '2026-02-30' }).thenFails('date_invalid');
    given(placed).when({ type: 'WithdrawEarly', on: '2026-02-01', amount: 5 } as never).thenFails('field_not_string');
    given(placed).when({ type: 'WithdrawAfterMaturity', on: '2027-02-01' }).thenFails('deposit_not_held');
  });
});

describe('time deposit: held after maturity', () => {
  it('holds principal and interest at maturity; withdrawn later it earns the demand rate posted on the withdrawal date since maturity', () => {
    const { events, state } = run(product, [placeCommand({ maturityInstruction: 'hold_at_maturity' }), { type: 'Mature', on: '2027-01-01' }, { type: 'WithdrawAfterMaturity', on: '2027-04-11' }]);
    expect(dataOf<TimeDepositMaturedData>(events, 'TimeDepositMatured').settlement).toMatchObject({ interestCapitalised: '175.00', principalPaidOut: '0.00' });
    // 10,175.00 × 0.35 % × 100/365 = 9.7568… → 9.76.
    expect(events[2]!.data).toMatchObject({ heldSince: '2027-01-01', balance: '10175.00', demandRate: '0.35', settlement: { interest: '9.76', principalPaidOut: '10175.00' } });
    expect(state).toMatchObject({ status: 'closed', closedBy: 'withdrawal_after_maturity' });
  });
});

describe('time deposit: accrual', () => {
  const accrual = testProduct({ accountingBasis: 'accrual' });
  it('accrues the rounded cumulative minus what was accrued; the same date twice accrues once; maturity settles the accrual exactly', () => {
    const { events } = run(accrual, [placeCommand(), { type: 'AccrueInterest', through: '2026-01-01' }, { type: 'AccrueInterest', through: '2026-01-01' }, { type: 'AccrueInterest', through: '2026-01-02' }, { type: 'AccrueInterest', through: '2027-06-30' }, { type: 'Mature', on: '2027-01-01' }]);
    const accrued = events.filter((e) => e.type === 'TimeDepositInterestAccrued').map((e) => e.data);
    // Day 1: 10,000 × 1.75 % / 365 = 0.4794… → 0.48; days 1–2: 0.9589… → 0.96, so day 2 posts 0.48.
    expect(accrued.map((d) => [d.from, d.to, d.interest, d.cumulative])).toEqual([
      ['2026-01-01', '2026-01-02', '0.48', '0.48'],
      ['2026-01-02', '2026-01-03', '0.48', '0.96'],
      ['2026-01-03', '2027-01-01', '174.04', '175.00'],
    ]);
    expect(dataOf<TimeDepositMaturedData>(events, 'TimeDepositMatured').settlement).toMatchObject({ accruedSettled: '175.00', accrualTopUp: '0.00', accrualRelease: '0.00' });
  });

  it('is refused on the cash basis', () => {
    given(placed).when({ type: 'AccrueInterest', through: '2026-01-01' }).thenFails('accrual_basis_required');
  });
});
