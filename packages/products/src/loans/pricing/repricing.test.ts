import { describe, expect, it } from 'vitest';
import { businessDate as d } from '../../calendar/businessDate.js';
import { errorCodeOf } from '../../../test-kit/errorCode.js';
import { LPR_HISTORY } from './lprHistory.js';
import { loanRateOn, loanReset, repricingSchedule, resetDates } from './repricing.js';

describe('resetDates', () => {
  it('lists anniversaries and 1 January dates strictly inside the contract', () => {
    expect(resetDates(d('2023-03-15'), d('2026-03-15'), { frequency: 'annual', on: 'anniversary' })).toEqual(['2024-03-15', '2025-03-15']);
    expect(resetDates(d('2023-03-15'), d('2026-03-15'), { frequency: 'annual', on: 'jan1' })).toEqual(['2024-01-01', '2025-01-01', '2026-01-01']);
    expect(resetDates(d('2023-03-15'), d('2026-03-15'), { frequency: 'none' })).toEqual([]);
    expect(resetDates(d('2023-03-15'), d('2024-01-01'), { frequency: 'annual', on: 'jan1' })).toEqual([]);
  });

  it('keeps a 29 February start on the month end without drifting', () => {
    expect(resetDates(d('2024-02-29'), d('2028-12-31'), { frequency: 'annual', on: 'anniversary' })).toEqual(['2025-02-28', '2026-02-28', '2027-02-28', '2028-02-29']);
  });

  it('refuses reversed periods, over-long contracts and bad resets', () => {
    expect(errorCodeOf(() => resetDates(d('2024-01-01'), d('2024-01-01'), { frequency: 'none' }))).toBe('period_reversed');
    expect(errorCodeOf(() => resetDates(d('2024-01-01'), d('2075-01-01'), { frequency: 'none' }))).toBe('months_invalid');
    expect(errorCodeOf(() => loanReset({ frequency: 'annual' }))).toBe('reset_invalid');
    expect(errorCodeOf(() => loanReset({ frequency: 'monthly', on: 'jan1' }))).toBe('reset_invalid');
    expect(errorCodeOf(() => loanReset({ frequency: 'none', on: 'jan1' }))).toBe('field_unknown');
    expect(errorCodeOf(() => loanReset({ frequency: 'annual', on: 'jan1', extra: 1 }))).toBe('field_unknown');
  });
});

describe('repricingSchedule', () => {
  // A mortgage priced LPR5Y − 45 bp on 2024-03-15 (LPR5Y 3.95 since 2024-02-20), re-priced each 1 January.
  const mortgage = repricingSchedule(LPR_HISTORY, {
    start: d('2024-03-15'),
    maturity: d('2054-03-15'),
    benchmark: 'LPR5Y',
    spreadBps: '-45',
    reset: { frequency: 'annual', on: 'jan1' },
  });

  it('prices at the start and re-prices only on reset dates (known answer)', () => {
    expect(mortgage).toEqual([
      { from: '2024-03-15', ratePercent: '3.50' },
      { from: '2025-01-01', ratePercent: '3.15' }, // LPR5Y 3.60 since 2024-10-21
      { from: '2026-01-01', ratePercent: '3.05' }, // LPR5Y 3.50 since 2025-05-20
    ]);
    // The LPR cuts of 2024-07-22 and 2024-10-21 wait for the next reset date.
    expect(loanRateOn(mortgage, d('2024-12-31'))).toBe('3.50');
    expect(loanRateOn(mortgage, d('2025-06-01'))).toBe('3.15');
    expect(errorCodeOf(() => loanRateOn(mortgage, d('2024-03-14')))).toBe('rate_not_posted');
  });

  it('re-prices a consumer loan on its anniversary from LPR1Y', () => {
    const schedule = repricingSchedule(LPR_HISTORY, {
      start: d('2024-05-06'),
      maturity: d('2027-05-06'),
      benchmark: 'LPR1Y',
      spreadBps: '120',
      reset: { frequency: 'annual', on: 'anniversary' },
    });
    expect(schedule).toEqual([
      { from: '2024-05-06', ratePercent: '4.65' },
      { from: '2025-05-06', ratePercent: '4.30' },
      { from: '2026-05-06', ratePercent: '4.20' },
    ]);
  });

  it('keeps a fixed rate for a contract without resets', () => {
    expect(repricingSchedule(LPR_HISTORY, { start: d('2020-05-01'), maturity: d('2025-05-01'), benchmark: 'LPR1Y', spreadBps: '0', reset: { frequency: 'none' } })).toEqual([
      { from: '2020-05-01', ratePercent: '3.85' },
    ]);
  });
});
