import { describe, expect, it } from 'vitest';
import { businessDate } from '../../calendar/businessDate.js';
import { isProductsError } from '../../errors.js';
import { QUARTERLY_ON_THE_20TH, isInterestPostingDate, postingScheduleOf } from './postingDates.js';

const d = (text: string) => businessDate(text);
const codeOf = (input: unknown): string | undefined => {
  try {
    postingScheduleOf(input);
    return undefined;
  } catch (error) {
    return isProductsError(error) ? error.code : 'not a ProductsError';
  }
};

describe('interest posting dates', () => {
  it('quarterly: the 20th of March, June, September and December only', () => {
    const posting = ['2026-03-20', '2026-06-20', '2026-09-20', '2026-12-20'];
    for (let month = 1; month <= 12; month++) {
      const date = d(`2026-${String(month).padStart(2, '0')}-20`);
      expect(isInterestPostingDate(QUARTERLY_ON_THE_20TH, date)).toBe(posting.includes(date));
    }
    expect(isInterestPostingDate(QUARTERLY_ON_THE_20TH, d('2026-03-21'))).toBe(false);
  });

  it('monthly on a configured day', () => {
    const schedule = postingScheduleOf({ frequency: 'monthly', day: 1 });
    expect(isInterestPostingDate(schedule, d('2026-02-01'))).toBe(true);
    expect(isInterestPostingDate(schedule, d('2026-02-02'))).toBe(false);
  });

  it('refuses bad schedules with specific codes', () => {
    expect(codeOf({ frequency: 'weekly', day: 20 })).toBe('posting_frequency_unknown');
    expect(codeOf({ frequency: 'monthly', day: 29 })).toBe('posting_day_invalid');
    expect(codeOf({ frequency: 'monthly', day: '20' })).toBe('posting_day_invalid');
    expect(codeOf({ frequency: 'monthly', day: 0 })).toBe('posting_day_invalid');
    expect(codeOf({ frequency: 'monthly', day: 20, extra: 1 })).toBe('field_unknown');
    expect(codeOf({ day: 20 })).toBe('field_missing');
  });
});
