import { describe, expect, it } from 'vitest';
import { cob, disburse, loanContextWith, loanHistory, loanHistoryIn, repay, toSigned } from '../../../test-kit/loans/loanFixtures.js';
import type { LoanContext } from './context.js';
import type { LoanCommand } from './commands.js';
import type { LoanEvent } from './events.js';

/** Missed every installment from 2025-08-01: 92 days past due and substandard on 2025-11-01. */
const npl: LoanCommand[] = [...toSigned(), disburse(), ...cob('2025-07-31'), ...cob('2025-08-01'), ...cob('2025-11-01')];
/** Every arrear paid on 2025-11-02 (the rest of the 5,000.00 is refunded). */
const cured: LoanCommand[] = [...npl, repay('5000.00', '2025-11-02'), ...cob('2025-11-02')];
/** Each installment paid on its due date, monthly from 2025-12-01, with close of business that day and the next. */
const onTime = (through: string): LoanCommand[] => {
  const commands: LoanCommand[] = [];
  for (let due = new Date('2025-12-01T00:00:00Z'); due.toISOString().slice(0, 10) <= through; due.setUTCMonth(due.getUTCMonth() + 1)) {
    const date = due.toISOString().slice(0, 10);
    const next = new Date(due);
    next.setUTCDate(next.getUTCDate() + 1);
    commands.push({ type: 'AccrueInterest', through: date }, repay('2000.00', date), ...cob(date), ...cob(next.toISOString().slice(0, 10)));
  }
  return commands;
};
const classified = (events: readonly LoanEvent[]) => events.flatMap((e) => (e.type === 'LoanClassified' ? [e.data] : []));

describe('upgrade of a non-performing loan after its observation', () => {
  it('a loan 92 days past due that repays every arrear stays substandard, accrues off balance sheet and keeps its 25 % provision', () => {
    const { events, state } = loanHistory(cured);
    expect(state.riskClass).toBe('substandard');
    expect(state.nonAccrual).toBe(true);
    expect(state.arrearsClearedOn).toBe('2025-11-02');
    expect(classified(events).map((c) => c.riskClass)).toEqual(['substandard']);
    expect(state.allowance).toBe(state.principalReceivable / 4n);
  });

  it('with 2 installments / 6 months, six on-time installments are not enough before 2026-05-02; then it upgrades to normal, says why, and accrues again', () => {
    const before = loanHistory([...cured, ...onTime('2026-04-01'), ...cob('2026-05-01')]);
    expect(before.state.riskClass).toBe('substandard');
    expect(classified(before.events)).toHaveLength(1);
    const after = loanHistory([...cured, ...onTime('2026-04-01'), ...cob('2026-05-01'), repay('2000.00', '2026-05-01'), ...cob('2026-05-02')]);
    expect(after.state.riskClass).toBe('normal');
    const upgrade = classified(after.events)[1]!;
    expect(upgrade).toMatchObject({
      on: '2026-05-02', previous: 'substandard', riskClass: 'normal', daysPastDue: 0,
      observation: { from: '2025-11-02', installmentsRepaid: 6, installmentsRequired: 2, monthsRequired: 6 },
    });
    expect(upgrade.explanation).toContain('arrears cleared 2025-11-02, 6 installments repaid since');
    const tail = after.events.slice(after.events.findIndex((e) => e.type === 'LoanClassified' && e.data.riskClass === 'normal'));
    expect(tail.map((e) => e.type)).toEqual(['LoanClassified', 'AccrualResumed', 'ProvisionAdjusted']);
    expect(after.state.nonAccrual).toBe(false);
    expect(after.state.allowance).toBe(after.state.principalReceivable / 100n);
  });

  it('the longer of the two decides: 3 installments / 1 month waits for the third installment', () => {
    const context: LoanContext = loanContextWith({ upgradeObservation: { installments: 3, months: 1 } });
    const two = loanHistoryIn(context, [...cured, ...onTime('2026-01-01')]);
    expect(two.state.riskClass).toBe('substandard');
    const three = loanHistoryIn(context, [...cured, ...onTime('2026-02-01')]);
    expect(classified(three.events).at(-1)).toMatchObject({ on: '2026-02-01', riskClass: 'normal', observation: { installmentsRepaid: 3, installmentsRequired: 3, monthsRequired: 1 } });
  });

  it('a missed installment during the observation starts it again from the next clearing', () => {
    const context = loanContextWith({ upgradeObservation: { installments: 2, months: 3 } });
    // 2026-01-01 is missed (overdue beyond the grace day on 01-04) and paid on 2026-01-05: the observation runs from there.
    const missed: LoanCommand[] = [...cured, ...onTime('2025-12-01'), ...cob('2026-01-01'), ...cob('2026-01-04'), repay('3000.00', '2026-01-05'), ...cob('2026-01-05')];
    const fromFeb = onTime('2026-04-01').filter((c) => !(c.type === 'AccrueInterest' ? c.through < '2026-02-01' : 'on' in c && c.on < '2026-02-01'));
    const waiting = loanHistoryIn(context, [...missed, ...fromFeb]);
    expect(waiting.state.arrearsClearedOn).toBe('2026-01-05');
    // Three months from 2025-11-02 have passed, but not from 2026-01-05.
    expect(waiting.state.riskClass).toBe('substandard');
    const done = loanHistoryIn(context, [...missed, ...fromFeb, ...cob('2026-04-05')]);
    expect(classified(done.events).at(-1)).toMatchObject({ on: '2026-04-05', riskClass: 'normal', observation: { from: '2026-01-05', installmentsRepaid: 3 } });
  });

  it('a non-performing loan still falls further while observed, and a manual downgrade works as before', () => {
    const { state } = loanHistory([...npl, ...cob('2026-05-01')]);
    expect(state.riskClass).toBe('doubtful');
    const manual = loanHistory([...cured, { type: 'Downgrade', riskClass: 'doubtful', by: 'committee-7', reason: 'fraud suspected', on: '2025-11-03', at: '2025-11-03T09:00:00.000Z' }]);
    expect(manual.state.riskClass).toBe('doubtful');
  });
});
