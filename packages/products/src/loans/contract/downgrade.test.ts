import { businessDate } from '../../calendar/businessDate.js';
import { DeciderSpecification } from '@ecoledger/ledger/testing';
import { describe, expect, it } from 'vitest';
import { LOAN_AT, cob, disburse, fixtureLoanDecider, loanHistory, toSigned } from '../../../test-kit/loans/loanFixtures.js';
import type { LoanCommand } from './commands.js';

const on = businessDate('2025-07-02');
const given = DeciderSpecification.for(fixtureLoanDecider());
const base: LoanCommand[] = [...toSigned(), disburse()];
const active = loanHistory(base).events;
const downgrade = (riskClass: string, on = '2025-07-02', reason = 'borrower lost his job'): LoanCommand => ({ type: 'Downgrade', riskClass, by: 'committee-7', reason, on, at: LOAN_AT }) as LoanCommand;

describe('manual downgrade', () => {
  it('records the class with who and why, and books the 25 % provision of the class', () => {
    given(active)
      .when(downgrade('substandard'))
      .then([
        {
          type: 'LoanClassified',
          data: {
            contractId: 'loan-1', on, at: LOAN_AT, previous: 'normal', riskClass: 'substandard', daysPastDue: 0,
            explanation: 'downgraded to substandard by committee-7: borrower lost his job (0 days past due: no overdue floor)', ruleSet: 'NFRA/PBoC 2023 No. 1',
            manual: { by: 'committee-7', reason: 'borrower lost his job' },
          },
        },
        { type: 'AccrualStopped', data: { contractId: 'loan-1', on, interest: '0.00', penalty: '0.00' } },
        {
          type: 'ProvisionAdjusted',
          data: {
            contractId: 'loan-1', on, riskClass: 'substandard', outstanding: '12000.00', ratePercent: '25', rounding: { mode: 'half-up', raw: '3000', rounded: '3000.00' },
            previous: '0.00', provision: '3000.00', charge: '3000.00', release: '0.00',
          },
        },
      ]);
  });

  it('close of business keeps a manual class until the days-past-due floor is worse', () => {
    const { state, events } = loanHistory([...base, downgrade('special-mention'), ...cob('2025-07-02'), ...cob('2025-07-31'), ...cob('2025-08-01'), ...cob('2025-08-02')]);
    expect(state.riskClass).toBe('special-mention');
    expect(state.manual).toEqual({ riskClass: 'special-mention', by: 'committee-7', reason: 'borrower lost his job' });
    expect(events.filter((e) => e.type === 'LoanClassified')).toHaveLength(1);
    const later: LoanCommand[] = [...base, downgrade('special-mention')];
    for (const date of ['2025-07-31', '2025-08-01', '2025-10-31', '2025-11-01']) later.push(...cob(date));
    const npl = loanHistory(later).state;
    expect(npl.riskClass).toBe('substandard');
    expect(npl.manual).toBeUndefined();
  });

  it('refuses an upgrade, a class better than the floor, a bad reason and a loan not active', () => {
    given(active).when(downgrade('normal')).thenFails('downgrade_not_worse');
    const late = loanHistory([...base, ...cob('2025-07-31'), ...cob('2025-08-01'), ...cob('2025-11-01')]);
    expect(late.state.riskClass).toBe('substandard');
    given(late.events).when(downgrade('special-mention', '2025-11-02')).thenFails('downgrade_not_worse');
    // Not assessed since 2025-07-31, yet 96 days past due on 2025-11-05: special-mention is better than the floor.
    const unassessed = loanHistory([...base, ...cob('2025-07-31'), { type: 'AccrueInterest', through: '2025-11-05' }]);
    expect(unassessed.state.riskClass).toBe('normal');
    given(unassessed.events).when(downgrade('special-mention', '2025-11-05')).thenFails('manual_class_below_floor');
    given(active).when(downgrade('doubtful', '2025-07-02', ' ')).thenFails('manual_reason_invalid');
    given(active).when(downgrade('terrible')).thenFails('risk_class_unknown');
    given(active).when({ ...downgrade('loss'), by: '' } as LoanCommand).thenFails('identifier_invalid');
    given(active).when({ ...downgrade('loss'), extra: 1 } as never).thenFails('field_unknown');
    given(loanHistory(toSigned()).events).when(downgrade('loss')).thenFails('loan_status_invalid');
  });
});
