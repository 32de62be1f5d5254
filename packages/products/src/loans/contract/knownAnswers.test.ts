import { minorToDecimal } from '@ecoledger/ledger';
import { describe, expect, it } from 'vitest';
import { cob, disburse, loanHistory, repay, toSigned } from '../../../test-kit/loans/loanFixtures.js';
import { delinquencyInterest } from '../delinquency/delinquencyInterest.js';
import { generateSchedule } from '../schedule/generateSchedule.js';
import type { LoanCommand } from './commands.js';

const schedule = generateSchedule({ principal: '12000.00', annualRate: '3.50', months: 12, method: 'equal-installment', dayCount: 'ACT/360', start: '2025-07-01', rounding: { mode: 'half-up' } });

describe('loan known answers: 12,000.00 over 12 months at LPR1Y 3.00 % + 50 bp, equal installments', () => {
  it('billed installments on an on-time loan are the schedule of generateSchedule', () => {
    const commands: LoanCommand[] = [...toSigned(), disburse()];
    for (const row of schedule.installments) {
      const before = new Date(`${row.dueDate}T00:00:00Z`);
      before.setUTCDate(before.getUTCDate() - 1);
      commands.push({ type: 'AccrueInterest', through: before.toISOString().slice(0, 10) }, repay(row.payment, row.dueDate));
    }
    const { events, state } = loanHistory(commands);
    const billed = events.flatMap((e) => (e.type === 'InstallmentBilled' ? [{ dueDate: e.data.dueDate, principal: e.data.principal, interest: e.data.interest }] : []));
    expect(billed).toEqual(schedule.installments.map((r) => ({ dueDate: r.dueDate, principal: r.principal, interest: r.interest })));
    expect(state.principalReceivable).toBe(0n);
    expect(state.interestReceivable).toBe(0n);
  });

  it('a repayment splits by the waterfall: penalty, interest, principal of the past-due installment first', () => {
    const commands: LoanCommand[] = [...toSigned(), disburse(), ...cob('2025-07-31'), ...cob('2025-08-01'), ...cob('2025-08-10')];
    const { state } = loanHistory(commands);
    const { events } = loanHistory([...commands, repay('100.00', '2025-08-11')]);
    const paid = events[events.length - 1]!;
    expect(paid.type).toBe('RepaymentReceived');
    const penalty = state.penaltyBooked + state.compoundBooked;
    expect(paid.type === 'RepaymentReceived' && paid.data.allocation).toMatchObject({
      penalty: (Number(penalty) / 100).toFixed(2),
      interest: '36.17',
      principal: (100 - 36.17 - Number(penalty) / 100).toFixed(2),
    });
  });

  it('a missed due date: days past due, penalty per delinquencyInterest, special-mention, a 2 % provision', () => {
    const { events, state } = loanHistory([...toSigned(), disburse(), ...cob('2025-07-31'), ...cob('2025-08-01'), ...cob('2025-08-31')]);
    // Penalty on 982.89 principal and 36.17 interest (compound) past the one grace day: 2025-08-03 to 2025-09-01.
    const expected = delinquencyInterest({ balances: [{ from: '2025-08-03', overduePrincipal: '982.89', overdueInterest: '36.17', annualRate: '3.50' }], to: '2025-09-01', dayCount: 'ACT/360', compoundOverdueInterest: true });
    // Each is rounded once, cumulatively: the booked fen are exactly delinquencyInterest's.
    expect(minorToDecimal(state.penaltyBooked, 2)).toBe(expected.penalty.interest);
    expect(minorToDecimal(state.compoundBooked, 2)).toBe(expected.compound.interest);
    // Explained apart: compound interest runs on the 36.17 of unpaid interest at the penalty rate 5.25 %.
    const compound = events.filter((e) => e.type === 'CompoundInterestAccrued').flatMap((e) => (e.type === 'CompoundInterestAccrued' ? e.data.segments : []));
    expect(compound.map((seg) => [seg.balance, seg.rate])).toContainEqual(['36.17', '5.25']);
    const penaltySegments = events.flatMap((e) => (e.type === 'PenaltyAccrued' ? e.data.segments : []));
    expect(new Set(penaltySegments.map((seg) => seg.balance))).toEqual(new Set(['982.89']));
    const classified = events.find((e) => e.type === 'LoanClassified');
    expect(classified?.type === 'LoanClassified' && classified.data).toMatchObject({ previous: 'normal', riskClass: 'special-mention', daysPastDue: 30 });
    expect(state.allowance).toBe(24_000n);
    expect(events.filter((e) => e.type === 'ProvisionAdjusted').map((e) => e.type === 'ProvisionAdjusted' && e.data.provision)).toEqual(['120.00', '240.00']);
  });
});
