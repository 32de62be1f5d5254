import { describe, expect, it } from 'vitest';
import { businessDate } from '../calendar/businessDate.js';
import { rateOn, rateTable } from './rateTable.js';
import { errorCodeOf } from '../../test-kit/errorCode.js';


describe('rate tables', () => {
  const table = rateTable([
    { from: '2026-01-01', ratePercent: '0.35' },
    { from: '2026-05-20', ratePercent: '0.05' },
  ]);

  it('gives the rate in force on a date, a change taking effect on its own date', () => {
    expect(rateOn(table, businessDate('2026-05-19'))).toBe('0.35');
    expect(rateOn(table, businessDate('2026-05-20'))).toBe('0.05');
    expect(rateOn(table, businessDate('2030-01-01'))).toBe('0.05');
  });

  it('refuses a date before the first posted rate', () => {
    expect(errorCodeOf(() => rateOn(table, businessDate('2025-12-31')))).toBe('rate_not_posted');
  });

  it('refuses empty, unordered or invalid tables', () => {
    expect(errorCodeOf(() => rateTable([]))).toBe('rate_table_invalid');
    expect(errorCodeOf(() => rateTable([{ from: '2026-02-01', ratePercent: '1' }, { from: '2026-02-01', ratePercent: '2' }]))).toBe('rate_table_invalid');
    expect(errorCodeOf(() => rateTable([{ from: '2026-02-30', ratePercent: '1' }]))).toBe('date_invalid');
    expect(errorCodeOf(() => rateTable([{ from: '2026-02-01', ratePercent: '-1' }]))).toBe('rate_out_of_range');
  });
});
