import { describe, expect, it } from 'vitest';
import { businessDate } from '../../calendar/businessDate.js';
import { errorCodeOf } from '../../../test-kit/errorCode.js';
import { LPR_HISTORY } from './lprHistory.js';
import { lprOn, lprTable } from './lprTable.js';

describe('LPR history', () => {
  it('answers the published fixings on and around their dates', () => {
    expect(lprOn(LPR_HISTORY, 'LPR1Y', businessDate('2024-10-21'))).toBe('3.10');
    expect(lprOn(LPR_HISTORY, 'LPR1Y', businessDate('2024-10-20'))).toBe('3.35');
    expect(lprOn(LPR_HISTORY, 'LPR5Y', businessDate('2024-10-21'))).toBe('3.60');
    expect(lprOn(LPR_HISTORY, 'LPR1Y', businessDate('2025-05-20'))).toBe('3.00');
    expect(lprOn(LPR_HISTORY, 'LPR5Y', businessDate('2025-12-31'))).toBe('3.50');
    expect(lprOn(LPR_HISTORY, 'LPR5Y', businessDate('2021-06-21'))).toBe('4.65');
  });

  it('refuses dates before the reform, unknown tenors and unknown fields', () => {
    expect(errorCodeOf(() => lprOn(LPR_HISTORY, 'LPR1Y', businessDate('2019-08-19')))).toBe('rate_not_posted');
    expect(errorCodeOf(() => lprOn(LPR_HISTORY, 'LPR3Y' as 'LPR1Y', businessDate('2024-01-01')))).toBe('benchmark_unknown');
    const entry = { from: '2024-01-01', ratePercent: '3.45' };
    expect(errorCodeOf(() => lprTable({ LPR1Y: [entry] } as never))).toBe('field_missing');
    expect(errorCodeOf(() => lprTable({ LPR1Y: [entry], LPR5Y: [{ ...entry, tenor: '5Y' }] } as never))).toBe('field_unknown');
    expect(errorCodeOf(() => lprTable({ LPR1Y: [entry], LPR5Y: [entry], LPR10Y: [entry] } as never))).toBe('field_unknown');
    expect(errorCodeOf(() => lprTable({ LPR1Y: [entry, entry], LPR5Y: [entry] }))).toBe('rate_table_invalid');
  });
});
