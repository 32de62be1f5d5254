import { decimalToMinor, ROUNDING_MODES } from '@ecoledger/ledger';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REPAYMENT_FREQUENCIES } from './dueDates.js';
import { generateSchedule } from './generateSchedule.js';
import { SCHEDULE_DAY_COUNTS, SCHEDULE_METHODS, type ScheduleInput, type ScheduleMethod } from './scheduleInput.js';

const fen = (amount: string): bigint => decimalToMinor(amount, 2);

/** Any valid schedule of one of `methods`: every frequency, day count, rounding mode, grace and term up to 120 periods. */
const scheduleOf = (...methods: ScheduleMethod[]) => fc
  .record({
    principal: fc.bigInt({ min: 1n, max: 10n ** 12n }).map((minor) => `${minor / 100n}.${String(minor % 100n).padStart(2, '0')}`),
    annualRate: fc.integer({ min: 0, max: 3_000_000 }).map((units) => `${Math.floor(units / 10_000)}.${String(units % 10_000).padStart(4, '0')}`),
    periods: fc.integer({ min: 1, max: 120 }),
    method: fc.constantFrom(...methods),
    frequency: fc.constantFrom(...REPAYMENT_FREQUENCIES),
    dayCount: fc.constantFrom(...SCHEDULE_DAY_COUNTS),
    start: fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    mode: fc.constantFrom(...ROUNDING_MODES),
    grace: fc.tuple(fc.nat(12), fc.nat(12)),
  })
  .map(({ grace: [a, b], mode, ...rest }): ScheduleInput => {
    const principalPeriods = rest.method === 'equal-installment' || rest.method === 'equal-principal' ? Math.min(Math.max(a, b), rest.periods - 1) : 0;
    const interestCap = rest.method === 'interest-only' ? rest.periods - 1 : rest.method === 'bullet' ? 0 : principalPeriods;
    const interestPeriods = Math.min(Math.min(a, b), interestCap);
    return { ...rest, rounding: { mode }, grace: { principalPeriods, interestPeriods } };
  });
const anySchedule = scheduleOf(...SCHEDULE_METHODS);

describe('generateSchedule properties', () => {
  it('principal parts sum exactly to the loan; balances never negative, falling, ending at zero; interest ≥ 0; payment = principal + interest', () => {
    fc.assert(
      fc.property(anySchedule, (input) => {
        const { installments, totalInterest, totalPayment } = generateSchedule(input);
        expect(installments.reduce((sum, i) => sum + fen(i.principal), 0n)).toBe(fen(input.principal));
        let balance = fen(input.principal);
        for (const i of installments) {
          expect(fen(i.interest)).toBeGreaterThanOrEqual(0n);
          expect(fen(i.principal)).toBeGreaterThanOrEqual(0n);
          expect(fen(i.payment)).toBe(fen(i.principal) + fen(i.interest));
          expect(fen(i.balance)).toBe(balance - fen(i.principal));
          expect(fen(i.balance)).toBeGreaterThanOrEqual(0n);
          balance = fen(i.balance);
        }
        expect(balance).toBe(0n);
        expect(installments.at(-1)!.deferredInterest).toBe('0.00');
        expect(fen(totalInterest)).toBe(installments.reduce((sum, i) => sum + fen(i.interest), 0n));
        expect(fen(totalPayment)).toBe(fen(input.principal) + fen(totalInterest));
      }),
      { numRuns: 300 },
    );
  });

  it('equal installment: payments after the grace are equal except the last, unless the interest exceeds it or the balance runs out', () => {
    fc.assert(
      fc.property(scheduleOf('equal-installment'), (input) => {
        const { installments, scheduledAmount } = generateSchedule(input);
        const grace = input.grace?.principalPeriods ?? 0;
        const after = installments.slice(grace, -1).filter((_, k) => k > 0 || (input.grace?.interestPeriods ?? 0) < grace || grace === 0);
        for (const i of after) {
          const ranOut = fen(i.balance) === 0n;
          const interestOnly = fen(i.principal) === 0n && fen(i.interest) >= fen(scheduledAmount!);
          if (!ranOut && !interestOnly) expect(i.payment).toBe(scheduledAmount);
        }
        // With the periodic day count the payment always covers the interest, so only running out can break equality.
        if (input.dayCount === 'periodic') for (const i of after) if (fen(i.balance) > 0n) expect(i.payment).toBe(scheduledAmount);
      }),
      { numRuns: 200 },
    );
  });

  it('equal principal: principal parts after the grace are equal except the last, unless the balance runs out', () => {
    fc.assert(
      fc.property(scheduleOf('equal-principal'), (input) => {
        const { installments, scheduledAmount } = generateSchedule(input);
        const grace = input.grace?.principalPeriods ?? 0;
        for (const i of installments.slice(0, grace)) expect(i.principal).toBe('0.00');
        const rest = installments.slice(grace, -1);
        const ranOut = rest.findIndex((i) => fen(i.balance) === 0n);
        for (const i of ranOut < 0 ? rest : rest.slice(0, ranOut)) expect(i.principal).toBe(scheduledAmount);
        // Running out early needs a part rounded up past an even share of the principal.
        if (ranOut >= 0) expect(fen(scheduledAmount!) * BigInt(installments.length - grace)).toBeGreaterThan(fen(input.principal));
      }),
      { numRuns: 200 },
    );
  });

  it('with a zero rate there is no interest, for every method', () => {
    fc.assert(
      fc.property(anySchedule, (raw) => {
        const schedule = generateSchedule({ ...raw, annualRate: '0' });
        expect(schedule.totalInterest).toBe('0.00');
        expect(schedule.installments.every((i) => i.interest === '0.00')).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('unrounded totals change the totals only, never an installment', () => {
    fc.assert(
      fc.property(anySchedule, (input) => {
        const rounded = generateSchedule(input);
        const unrounded = generateSchedule({ ...input, rounding: { ...input.rounding, totals: 'unrounded' } });
        expect(unrounded.installments).toEqual(rounded.installments);
        expect(fen(unrounded.totalPayment)).toBe(fen(input.principal) + fen(unrounded.totalInterest));
        if (input.annualRate === '0.0000') expect(unrounded.totalInterest).toBe('0.00');
      }),
      { numRuns: 100 },
    );
  });
});
