import { describe, expect, it } from 'vitest';
import { businessDate } from '../../calendar/businessDate.js';
import { installmentPeriods } from './dueDates.js';

const dues = (start: string, count: number, frequency: 'monthly' | 'fortnightly' | 'weekly') => installmentPeriods(businessDate(start), count, frequency).map((p) => p.to);

describe('installmentPeriods', () => {
  it('month-end rule from the start, never chained: due on the 31st falls due on 28/29 February and on the 31st again', () => {
    expect(dues('2026-01-31', 4, 'monthly')).toEqual(['2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31']);
    expect(dues('2027-12-31', 3, 'monthly')).toEqual(['2028-01-31', '2028-02-29', '2028-03-31']);
  });

  it('fortnightly and weekly by days; each period starts where the last ended', () => {
    expect(dues('2026-02-20', 3, 'fortnightly')).toEqual(['2026-03-06', '2026-03-20', '2026-04-03']);
    expect(dues('2026-12-28', 2, 'weekly')).toEqual(['2027-01-04', '2027-01-11']);
    const periods = installmentPeriods(businessDate('2026-01-01'), 3, 'weekly');
    expect(periods.map((p) => p.from)).toEqual(['2026-01-01', '2026-01-08', '2026-01-15']);
  });

  it('from a first due date: later dates are counted from it', () => {
    expect(installmentPeriods(businessDate('2026-01-10'), 3, 'monthly', businessDate('2026-02-28')).map((p) => p.to)).toEqual(['2026-02-28', '2026-03-28', '2026-04-28']);
  });
});
