import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, businessDate, daysBetween, type BusinessDate } from '../../calendar/businessDate.js';
import { cob, disburse, loanContextWith, repay, toSigned } from '../../../test-kit/loans/loanFixtures.js';
import { runCommands } from '../../../test-kit/runCommands.js';
import { isNonPerforming, rankOf } from '../classification/riskClass.js';
import type { LoanCommand } from './commands.js';
import { loanDecider } from './decider.js';
import type { AllocationData, LoanEvent } from './events.js';
import { initialLoanState, penaltyOwed, unpaidOf, type LoanState } from './state.js';

/** Fees on, the regulation's observation (2 installments / 6 months), one grace day (the fixture's). */
const context = loanContextWith({ fees: { origination: { fixedAmount: '50.00', settlement: 'financed' }, latePayment: { ratePercent: '2', rounding: 'half-up', capPerInstallment: '25.00' } } });
const decider = loanDecider(context);
const GRACE = 1;

type Month = { kind: 'on-time' } | { kind: 'late'; days: number } | { kind: 'miss' } | { kind: 'partial'; amount: number };
const month: fc.Arbitrary<Month> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ kind: 'on-time' as const }) },
  { weight: 1, arbitrary: fc.integer({ min: 2, max: 20 }).map((days) => ({ kind: 'late' as const, days })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'miss' as const }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 150_000 }).map((amount) => ({ kind: 'partial' as const, amount })) },
);

/** Substandard on 2025-11-01, then (maybe) every arrear paid on 2025-11-02, then eight months of daily close of business. */
const lifecycle = (clearAtOnce: boolean, months: readonly Month[]): LoanCommand[] => {
  const commands: LoanCommand[] = [...toSigned(), disburse(), ...cob('2025-07-31'), ...cob('2025-08-01'), ...cob('2025-11-01')];
  if (clearAtOnce) commands.push(repay('6000.00', '2025-11-02'));
  let day = businessDate('2025-11-01');
  months.forEach((m, k) => {
    const due = addMonths(businessDate('2025-12-01'), k);
    const payOn = m.kind === 'late' ? addDays(due, m.days) : due;
    const end = addDays(due, 25);
    while (day < end) {
      day = addDays(day, 1);
      if (day === payOn && m.kind !== 'miss') {
        commands.push({ type: 'AccrueInterest', through: day }, repay(m.kind === 'partial' ? (m.amount / 100).toFixed(2) : '9000.00', day));
      }
      commands.push(...cob(day));
    }
  });
  return commands;
};

/** Independent of the decider's own bookkeeping: anything overdue beyond the grace day, or penalty or fee owed. */
const owesArrears = (s: LoanState, on: BusinessDate): boolean =>
  penaltyOwed(s) > 0n || s.feeReceivable > 0n || s.installments.some((i) => i.billed && daysBetween(i.dueDate, on) > GRACE && unpaidOf(i).principal + unpaidOf(i).interest > 0n);

const allocationOf = (e: LoanEvent): { amount: string; allocation: AllocationData; on: BusinessDate } | undefined =>
  e.type === 'RepaymentReceived' || e.type === 'PrepaymentMade' || e.type === 'LoanPaidOff' || e.type === 'CreditApplied' ? e.data : undefined;
const minor = (text: string): bigint => BigInt(text.replace('.', ''));

describe('upgrade observation: properties', () => {
  it('a non-performing loan never moves up while anything is in arrears or before 2 on-time installments and 6 months since arrears were last seen; no allocation exceeds what was paid or what was owed', () => {
    let upgrades = 0;
    fc.assert(
      fc.property(fc.boolean(), fc.array(month, { minLength: 8, maxLength: 8 }), (clearAtOnce, months) => {
        const { events } = runCommands(decider, lifecycle(clearAtOnce, months));
        let state = initialLoanState();
        let lastArrears: BusinessDate | undefined;
        for (const event of events) {
          if (event.type === 'InterestAccrued' && owesArrears(state, event.data.through)) lastArrears = event.data.through;
          const paid = allocationOf(event);
          if (paid !== undefined) {
            if (owesArrears(state, paid.on)) lastArrears = paid.on;
            const a = paid.allocation;
            expect(minor(a.penalty) + minor(a.fee) + minor(a.interest) + minor(a.principal)).toBeLessThanOrEqual(minor(paid.amount));
            expect(minor(a.fee)).toBeLessThanOrEqual(state.feeReceivable);
            expect(minor(a.penalty)).toBeLessThanOrEqual(penaltyOwed(state));
          }
          if (event.type === 'LoanClassified' && isNonPerforming(event.data.previous) && rankOf(event.data.riskClass) < rankOf(event.data.previous)) {
            upgrades += 1;
            const on = event.data.on;
            expect(owesArrears(state, on)).toBe(false);
            expect(lastArrears).toBeDefined();
            expect(on >= addMonths(lastArrears!, 6)).toBe(true);
            const repaidSince = state.installments.filter((i) => i.billed && i.dueDate > lastArrears! && i.dueDate <= on && unpaidOf(i).principal + unpaidOf(i).interest === 0n);
            expect(repaidSince.length).toBeGreaterThanOrEqual(2);
            expect(event.data.observation).toBeDefined();
          }
          state = decider.evolve(state, event);
        }
      }),
      { numRuns: 25 },
    );
    // The property is not vacuous: some lifecycles did serve their observation.
    expect(upgrades).toBeGreaterThan(0);
  }, 120_000);
});
