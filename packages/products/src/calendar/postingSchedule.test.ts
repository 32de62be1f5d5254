import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorCodeOf } from '../../test-kit/errorCode.js';
import { addDays, businessDate, daysBetween, type BusinessDate } from './businessDate.js';
import { yearFraction, formatYearFraction } from './dayCount.js';
import {
  PBOC_QUARTERLY_POSTING,
  interestPostingSchedule,
  isInterestPostingDate,
  nextInterestPostingDate,
  postingPeriodOf,
  previousInterestPostingDate,
  type InterestPostingSchedule,
  type InterestPostingScheduleInput,
} from './postingSchedule.js';

const d = (text: string): BusinessDate => businessDate(text);
const quarterly = PBOC_QUARTERLY_POSTING;
const monthly28 = interestPostingSchedule({ frequency: 'monthly', day: 28 });
const period = (schedule: InterestPostingSchedule, date: string): [string, string, number] => {
  const { from, to } = postingPeriodOf(schedule, d(date));
  return [from, to, daysBetween(from, to) + 1];
};

describe('quarterly posting on the 20th (PBoC)', () => {
  it('posts on the 20th of March, June, September and December only, holidays included', () => {
    for (const date of ['2026-03-20', '2026-06-20', '2026-09-20', '2026-12-20']) expect(isInterestPostingDate(quarterly, d(date)), date).toBe(true);
    for (const date of ['2026-01-20', '2026-05-20', '2026-03-21', '2026-03-19', '2026-12-21']) expect(isInterestPostingDate(quarterly, d(date)), date).toBe(false);
    const postingMonths = [3, 6, 9, 12];
    for (let month = 1; month <= 12; month++) {
      const date = d(`2026-${String(month).padStart(2, '0')}-20`);
      expect(isInterestPostingDate(quarterly, date), date).toBe(postingMonths.includes(month));
    }
  });

  it('finds the next and previous posting dates across year ends', () => {
    expect(nextInterestPostingDate(quarterly, d('2026-03-19'))).toBe('2026-03-20');
    expect(nextInterestPostingDate(quarterly, d('2026-03-20'))).toBe('2026-06-20');
    expect(nextInterestPostingDate(quarterly, d('2026-11-30'))).toBe('2026-12-20');
    expect(nextInterestPostingDate(quarterly, d('2026-12-20'))).toBe('2027-03-20');
    expect(previousInterestPostingDate(quarterly, d('2026-03-20'))).toBe('2025-12-20');
    expect(previousInterestPostingDate(quarterly, d('2026-03-21'))).toBe('2026-03-20');
    expect(previousInterestPostingDate(quarterly, d('2026-01-01'))).toBe('2025-12-20');
  });

  it('computes interest from the 21st after the last posting date through the 20th, with leap days', () => {
    expect(period(quarterly, '2026-01-05')).toEqual(['2025-12-21', '2026-03-20', 90]);
    expect(period(quarterly, '2026-03-20')).toEqual(['2025-12-21', '2026-03-20', 90]);
    expect(period(quarterly, '2026-03-21')).toEqual(['2026-03-21', '2026-06-20', 92]);
    expect(period(quarterly, '2024-02-29')).toEqual(['2023-12-21', '2024-03-20', 91]);
    expect(period(quarterly, '2026-12-25')).toEqual(['2026-12-21', '2027-03-20', 90]);
    expect(period(quarterly, '2027-12-31')).toEqual(['2027-12-21', '2028-03-20', 91]);
    expect(period(quarterly, '2100-02-28')).toEqual(['2099-12-21', '2100-03-20', 90]); // 2100 is no leap year
  });

  it('feeds yearFraction as the half-open range [from, to + 1 day)', () => {
    const { from, to } = postingPeriodOf(quarterly, d('2024-02-29'));
    expect(formatYearFraction(yearFraction(from, addDays(to, 1), 'ACT/365'))).toBe('91/365');
    expect(formatYearFraction(yearFraction(from, addDays(to, 1), 'ACT/ACT'))).toBe('11/365+80/366');
  });
});

describe('monthly posting', () => {
  it('posts on the day of every month and tiles February in leap and common years', () => {
    expect(isInterestPostingDate(monthly28, d('2026-05-28'))).toBe(true);
    const monthly1 = interestPostingSchedule({ frequency: 'monthly', day: 1 });
    expect(isInterestPostingDate(monthly1, d('2026-02-01'))).toBe(true);
    expect(isInterestPostingDate(monthly1, d('2026-02-02'))).toBe(false);
    expect(period(monthly28, '2024-02-28')).toEqual(['2024-01-29', '2024-02-28', 31]);
    expect(period(monthly28, '2024-02-29')).toEqual(['2024-02-29', '2024-03-28', 29]);
    expect(period(monthly28, '2023-03-01')).toEqual(['2023-03-01', '2023-03-28', 28]);
    expect(period(interestPostingSchedule({ frequency: 'monthly', day: 1 }), '2026-01-01')).toEqual(['2025-12-02', '2026-01-01', 31]);
    expect(nextInterestPostingDate(monthly28, d('2026-12-28'))).toBe('2027-01-28');
  });
});

describe('schedule validation', () => {
  it('defaults to the 20th and names what is wrong', () => {
    expect(interestPostingSchedule({ frequency: 'monthly' })).toEqual({ frequency: 'monthly', day: 20 });
    const codeFor = (input: unknown): string | undefined => errorCodeOf(() => interestPostingSchedule(input as InterestPostingScheduleInput));
    expect(codeFor('quarterly')).toBe('input_not_object');
    expect(codeFor({ frequency: 'quarterly', days: 20 })).toBe('field_unknown');
    for (const frequency of ['weekly', undefined, 'Quarterly']) expect(codeFor({ frequency }), String(frequency)).toBe('posting_schedule_invalid');
    for (const day of [0, 29, 31, 20.5, '20', Number.NaN]) expect(codeFor({ frequency: 'quarterly', day }), String(day)).toBe('posting_schedule_invalid');
    expect(errorCodeOf(() => isInterestPostingDate({ frequency: 'yearly', day: 20 } as unknown as InterestPostingSchedule, d('2026-03-20')))).toBe('posting_schedule_invalid');
  });

  it('refuses periods reaching outside the supported dates', () => {
    expect(errorCodeOf(() => postingPeriodOf(quarterly, d('1900-01-05')))).toBe('date_invalid');
    expect(errorCodeOf(() => nextInterestPostingDate(quarterly, d('2199-12-20')))).toBe('date_invalid');
  });
});

describe('posting schedule properties', () => {
  const schedules = fc.record({ frequency: fc.constantFrom('quarterly' as const, 'monthly' as const), day: fc.integer({ min: 1, max: 28 }) }).map(interestPostingSchedule);
  // Half a year inside each end of the range: these dates and their neighbouring periods all fit.
  const dates = fc.integer({ min: 200, max: 109_380 }).map((n) => addDays(d('1900-01-01'), n));

  it('periods of consecutive posting dates tile the calendar without gaps or overlaps', () => {
    fc.assert(
      fc.property(schedules, dates, (schedule, date) => {
        const { from, to } = postingPeriodOf(schedule, date);
        expect(from <= date && date <= to).toBe(true);
        expect(isInterestPostingDate(schedule, to)).toBe(true);
        expect(postingPeriodOf(schedule, addDays(to, 1)).from).toBe(addDays(to, 1));
        expect(postingPeriodOf(schedule, addDays(from, -1)).to).toBe(addDays(from, -1));
        expect(postingPeriodOf(schedule, from)).toEqual({ from, to });
        for (let day = from; day < to; day = addDays(day, 1)) expect(isInterestPostingDate(schedule, day)).toBe(false);
      }),
    );
  });

  it('next and previous posting dates invert each other around a posting date', () => {
    fc.assert(
      fc.property(schedules, dates, (schedule, date) => {
        const next = nextInterestPostingDate(schedule, date);
        expect(next > date && isInterestPostingDate(schedule, next)).toBe(true);
        expect(previousInterestPostingDate(schedule, next) < date || previousInterestPostingDate(schedule, next) === date).toBe(true);
        expect(nextInterestPostingDate(schedule, previousInterestPostingDate(schedule, next))).toBe(next);
      }),
    );
  });
});
