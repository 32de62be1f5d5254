import { toDecimal } from '@ecoledger/ledger';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorCodeOf } from '../../../test-kit/errorCode.js';
import { addDays, businessDate } from '../../calendar/businessDate.js';
import { accrue } from '../../interest/accrue.js';
import { delinquencyInterest, type DelinquencyInterestInput } from './delinquencyInterest.js';

const base: DelinquencyInterestInput = {
  balances: [{ from: '2026-01-01', overduePrincipal: '10000.00', overdueInterest: '300.00', annualRate: '4.35' }],
  to: '2026-01-31',
  dayCount: 'ACT/360',
  compoundOverdueInterest: true,
};
const codeOf = (input: unknown): string | undefined => errorCodeOf(() => delinquencyInterest(input as DelinquencyInterestInput));

describe('delinquencyInterest: penalty and compound interest on overdue amounts', () => {
  it('known answer: 10,000.00 at 4.35 % × 1.5 for 30 days ACT/360 = 54.375 → 54.38 half-up, with its segment', () => {
    const { penalty, compound } = delinquencyInterest(base);
    expect(penalty).toEqual({
      interest: '54.38',
      segments: [{ from: '2026-01-01', to: '2026-01-31', days: 30, balance: '10000.00', rate: '6.525', dayCount: 'ACT/360', yearFraction: '30/360', rawInterest: '54.375' }],
      rounding: { mode: 'half-up', raw: '54.375', rounded: '54.38' },
    });
    // Compound interest on 300.00 overdue interest at the same penalty rate: 1.63125 → 1.63.
    expect(compound.rounding).toEqual({ mode: 'half-up', raw: '1.63125', rounded: '1.63' });
    expect(delinquencyInterest({ ...base, rounding: 'half-even' }).penalty.interest).toBe('54.38');
    expect(delinquencyInterest({ ...base, rounding: 'down' }).penalty.interest).toBe('54.37');
  });

  it('no compound interest unless the product says so', () => {
    expect(delinquencyInterest({ ...base, compoundOverdueInterest: false }).compound).toEqual({ interest: '0.00', segments: [], rounding: { mode: 'half-up', raw: '0', rounded: '0.00' } });
  });

  it('a configured uplift (30 %: 4.35 → 5.655) and a zero uplift (the contract rate)', () => {
    expect(delinquencyInterest({ ...base, upliftPercent: '30' }).penalty.segments[0]?.rate).toBe('5.655');
    expect(delinquencyInterest({ ...base, upliftPercent: '0' }).penalty.rounding.raw).toBe('36.25');
  });

  it('one segment per step of the balance or rate, rounded once over the total', () => {
    const result = delinquencyInterest({
      ...base,
      balances: [
        { from: '2026-01-01', overduePrincipal: '10000.00', overdueInterest: '0.00', annualRate: '4.35' },
        { from: '2026-01-11', overduePrincipal: '20000.00', overdueInterest: '0.00', annualRate: '4.35' },
      ],
    });
    // 10,000 × 6.525 % × 10/360 = 18.125; 20,000 × 6.525 % × 20/360 = 72.5; 90.625 → 90.63.
    expect(result.penalty.segments.map((s) => [s.days, s.rawInterest])).toEqual([[10, '18.125'], [20, '72.5']]);
    expect(result.penalty.rounding).toEqual({ mode: 'half-up', raw: '90.625', rounded: '90.63' });
    expect(result.compound.interest).toBe('0.00');
  });

  it('bad input gets a specific code', () => {
    const step = base.balances[0]!;
    expect(codeOf(null)).toBe('input_not_object');
    expect(codeOf({ ...base, extra: 1 })).toBe('field_unknown');
    expect(codeOf({ ...base, balances: [] })).toBe('overdue_steps_invalid');
    expect(codeOf({ ...base, balances: [{ ...step, from: '2026-01-31' }] })).toBe('overdue_steps_invalid');
    expect(codeOf({ ...base, balances: [step, { ...step, from: '2026-01-01' }] })).toBe('overdue_steps_invalid');
    expect(codeOf({ ...base, balances: [{ ...step, overduePrincipal: '-1.00' }] })).toBe('amount_negative');
    expect(codeOf({ ...base, balances: [{ ...step, annualRate: 4.35 }] })).toBe('field_not_string');
    expect(codeOf({ ...base, balances: [{ ...step, annualRate: '-1' }] })).toBe('rate_out_of_range');
    expect(codeOf({ ...base, balances: [{ ...step, rate: '1' }] })).toBe('field_unknown');
    expect(codeOf({ ...base, upliftPercent: '100.00000001' })).toBe('penalty_uplift_invalid');
    expect(codeOf({ ...base, upliftPercent: '-10' })).toBe('penalty_uplift_invalid');
    expect(codeOf({ ...base, upliftPercent: '1e1' })).toBe('penalty_uplift_invalid');
    expect(codeOf({ ...base, upliftPercent: 50 })).toBe('field_not_string');
    expect(codeOf({ ...base, compoundOverdueInterest: 'yes' })).toBe('flag_not_boolean');
    expect(codeOf({ ...base, compoundOverdueInterest: undefined })).toBe('field_missing');
    expect(codeOf({ ...base, dayCount: 'ACT/364' })).toBe('day_count_unknown');
    expect(codeOf({ ...base, to: '2026-02-30' })).toBe('date_invalid');
    expect(codeOf({ ...base, rounding: 'nearest' })).toBe('rounding_mode_unknown');
  });

  it('property: the penalty equals simple interest at the penalty rate, and splitting a step changes nothing', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 1, max: 800 }),
        fc.integer({ min: 0, max: 800 }),
        fc.constantFrom('ACT/365', 'ACT/360', 'ACT/ACT' as const),
        (minor, rateMicro, uplift, days, cutAt, dayCount) => {
          const principal = toDecimal(minor).div(100).toFixed(2);
          const annualRate = toDecimal(BigInt(rateMicro)).div(1_000_000).toFixed();
          const from = businessDate('2025-06-01');
          const to = addDays(from, days);
          const step = { from, overduePrincipal: principal, overdueInterest: '0.00', annualRate };
          const whole = delinquencyInterest({ ...base, balances: [step], to, upliftPercent: String(uplift) });
          const penaltyRate = toDecimal(annualRate).times(100 + uplift).div(100).toFixed();
          expect(whole.penalty.interest).toBe(accrue({ principal, annualRate: penaltyRate, from, to, dayCount: base.dayCount }).interest);
          const cut = cutAt % days;
          if (cut === 0) return;
          const split = delinquencyInterest({ ...base, dayCount, balances: [step, { ...step, from: addDays(from, cut) }], to, upliftPercent: String(uplift) });
          const single = delinquencyInterest({ ...base, dayCount, balances: [step], to, upliftPercent: String(uplift) });
          expect(toDecimal(split.penalty.rounding.raw).minus(single.penalty.rounding.raw).abs().lessThan('1e-40')).toBe(true);
        },
      ),
    );
  });
});
