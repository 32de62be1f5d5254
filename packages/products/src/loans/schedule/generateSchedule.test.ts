import { describe, expect, it } from 'vitest';
import { errorCodeOf } from '../../../test-kit/errorCode.js';
import { generateSchedule } from './generateSchedule.js';
import type { ScheduleInput } from './scheduleInput.js';

const mortgage: ScheduleInput = { principal: '1000000', annualRate: '4.9', months: 360, method: 'equal-installment', start: '2026-01-01' };
const codeOf = (input: unknown): string | undefined => errorCodeOf(() => generateSchedule(input as ScheduleInput));
const column = (input: ScheduleInput, field: 'principal' | 'interest' | 'payment' | 'balance' | 'dueDate'): string[] => generateSchedule(input).installments.map((i) => i[field]);

describe('generateSchedule: known answers', () => {
  it('等额本息: 1,000,000 CNY over 360 months at 4.9 % is 5,307.27 a month; 总利息 910,616.19 from the unrounded payment (PBoC-rate mortgage calculators)', () => {
    const schedule = generateSchedule(mortgage);
    expect(schedule.scheduledAmount).toBe('5307.27');
    expect(schedule.installments.slice(0, -1).every((i) => i.payment === '5307.27')).toBe(true);
    expect(schedule.installments[0]).toMatchObject({ interest: '4083.33', principal: '1223.94', balance: '998776.06' });
    // The rounded payment overpays a fraction of a fen each month: the last installment gives it back.
    expect(schedule.installments.at(-1)).toMatchObject({ payment: '5305.19', balance: '0.00' });
    expect(schedule.totalInterest).toBe('910615.12');
    const unrounded = generateSchedule({ ...mortgage, rounding: { totals: 'unrounded' } });
    expect([unrounded.totalInterest, unrounded.totalPayment]).toEqual(['910616.19', '1910616.19']);
  });

  it('等额本金: first payment 6,861.11, falling by 11.34 a month; 总利息 737,041.67 unrounded (the same calculators)', () => {
    const input: ScheduleInput = { ...mortgage, method: 'equal-principal' };
    const payments = column(input, 'payment').map((p) => Math.round(Number(p) * 100)); // cents, for differences only
    expect(column(input, 'payment').slice(0, 3)).toEqual(['6861.11', '6849.77', '6838.43']);
    expect(payments[0]! - payments[1]!).toBe(1134);
    // 2,777.78 × 4.9 % ÷ 12 = 11.3426…: each month falls by 11.34 or, when the fens round the other way, 11.35.
    for (let k = 1; k < 359; k++) expect([1134, 1135]).toContain(payments[k - 1]! - payments[k]!);
    expect(column(input, 'principal').slice(0, 359).every((p) => p === '2777.78')).toBe(true);
    expect(column(input, 'principal').at(-1)).toBe('2776.98');
    expect(generateSchedule({ ...input, rounding: { totals: 'unrounded' } }).totalInterest).toBe('737041.67');
  });

  it('Apache Fineract ProgressiveEMICalculatorTest: 100.00 at 9.4822 %, 6 months, 30/360 is 17.13 a month', () => {
    // testEMICalculation_disbursedAmt100_dayInYears360_daysInMonth30_repayEvery1Month
    const input: ScheduleInput = { principal: '100', annualRate: '9.4822', periods: 6, method: 'equal-installment', start: '2024-01-01', dayCount: '30/360' };
    expect(column(input, 'payment')).toEqual(Array(6).fill('17.13'));
    expect(column(input, 'interest')).toEqual(['0.79', '0.66', '0.53', '0.40', '0.27', '0.13']);
    expect(column(input, 'principal')).toEqual(['16.34', '16.47', '16.60', '16.73', '16.86', '17.00']);
    expect(column(input, 'balance')).toEqual(['83.66', '67.19', '50.59', '33.86', '17.00', '0.00']);
  });

  it('Apache Fineract ProgressiveEMICalculatorTest: 100.00 at 7 %, 12 months, 30/360 is 8.65 a month', () => {
    // testEMICalculation_performance: every EMI but the last is 8.65, the last leaves a zero balance.
    const input: ScheduleInput = { principal: '100', annualRate: '7', periods: 12, method: 'equal-installment', start: '2024-01-01', dayCount: '30/360' };
    expect(column(input, 'payment').slice(0, 11)).toEqual(Array(11).fill('8.65'));
    expect(column(input, 'balance').at(-1)).toBe('0.00');
  });

  it('the textbook mortgage payments of the amortization formula (calculator.net, bankrate)', () => {
    expect(generateSchedule({ ...mortgage, principal: '100000', annualRate: '6' }).scheduledAmount).toBe('599.55');
    expect(generateSchedule({ ...mortgage, principal: '200000', annualRate: '6.5' }).scheduledAmount).toBe('1264.14');
    expect(generateSchedule({ ...mortgage, principal: '20000', annualRate: '5', months: 60 }).scheduledAmount).toBe('377.42');
  });

  it('interest-only and bullet: 10,000 at 6 % for 12 months', () => {
    const base: ScheduleInput = { principal: '10000', annualRate: '6', months: 12, method: 'interest-only', start: '2026-01-31' };
    expect(column(base, 'payment')).toEqual([...Array(11).fill('50.00'), '10050.00']);
    expect(column(base, 'dueDate').slice(0, 3)).toEqual(['2026-02-28', '2026-03-31', '2026-04-30']);
    const bullet = generateSchedule({ ...base, method: 'bullet' });
    expect(bullet.installments).toHaveLength(1);
    expect(bullet.installments[0]).toMatchObject({ dueDate: '2027-01-31', principal: '10000.00', interest: '600.00', payment: '10600.00' });
    expect(bullet.installments[0]!.accrual.segment).toMatchObject({ from: '2026-01-31', to: '2027-01-31', days: 365, yearFraction: '12/12' });
    const actual = generateSchedule({ ...base, method: 'bullet', dayCount: 'ACT/360' });
    expect(actual.installments[0]!.interest).toBe('608.33'); // 10,000 × 6 % × 365/360
  });

  it('zero rate: the principal in equal parts, no interest', () => {
    const schedule = generateSchedule({ ...mortgage, annualRate: '0', principal: '100', months: 3 });
    expect(schedule.installments.map((i) => i.payment)).toEqual(['33.33', '33.33', '33.34']);
    expect(schedule.totalInterest).toBe('0.00');
  });
});

describe('generateSchedule: product data', () => {
  it('explains each installment: segment dates, days, balance, year fraction, raw interest, rounding step', () => {
    const first = generateSchedule({ ...mortgage, dayCount: 'ACT/365' }).installments[0]!;
    // 1,000,000 × 4.9 % × 31/365 = 4,161.643835616438… (60 significant digits), rounded once.
    const raw = first.accrual.segment.rawInterest;
    expect(raw).toMatch(/^4161\.64383561643835616438356/);
    expect(first.accrual).toEqual({
      segment: { from: '2026-01-01', to: '2026-02-01', days: 31, balance: '1000000.00', rate: '4.9', dayCount: 'ACT/365', yearFraction: '31/365', rawInterest: raw },
      rounding: { mode: 'half-up', raw, rounded: '4161.64' },
    });
    expect(first.interest).toBe('4161.64');
  });

  it('fortnightly and weekly due dates count days from the start; months become whole periods', () => {
    const fortnightly = generateSchedule({ ...mortgage, months: 6, frequency: 'fortnightly' });
    expect(fortnightly.installments).toHaveLength(13);
    expect(fortnightly.installments.slice(0, 2).map((i) => i.dueDate)).toEqual(['2026-01-15', '2026-01-29']);
    expect(fortnightly.installments[0]!.accrual.segment.yearFraction).toBe('1/26');
    expect(generateSchedule({ ...mortgage, months: 3, frequency: 'weekly' }).installments).toHaveLength(13);
    expect(codeOf({ ...mortgage, months: 4, frequency: 'weekly' })).toBe('schedule_term_invalid');
  });

  it('a first due date makes a short or long first period, later dates counted from it', () => {
    const schedule = generateSchedule({ principal: '1000000', annualRate: '4.9', method: 'equal-installment', periods: 3, dayCount: 'ACT/365', start: '2026-01-10', firstDueDate: '2026-02-28' });
    expect(schedule.installments.map((i) => [i.accrual.segment.from, i.dueDate])).toEqual([
      ['2026-01-10', '2026-02-28'],
      ['2026-02-28', '2026-03-28'],
      ['2026-03-28', '2026-04-28'],
    ]);
    expect(schedule.installments[0]!.accrual.segment.days).toBe(49);
  });

  it('grace: no principal in the principal grace, interest deferred to the first installment after the interest grace', () => {
    const input: ScheduleInput = { principal: '1200', annualRate: '12', periods: 6, method: 'equal-principal', start: '2026-01-01', grace: { principalPeriods: 2, interestPeriods: 1 } };
    const rows = generateSchedule(input).installments.map((i) => [i.principal, i.interest, i.deferredInterest]);
    expect(rows).toEqual([
      ['0.00', '0.00', '12.00'],
      ['0.00', '24.00', '0.00'],
      ['300.00', '12.00', '0.00'],
      ['300.00', '9.00', '0.00'],
      ['300.00', '6.00', '0.00'],
      ['300.00', '3.00', '0.00'],
    ]);
    const emi = generateSchedule({ ...input, method: 'equal-installment', grace: { principalPeriods: 2 } });
    expect(emi.installments.slice(2, 5).map((i) => i.payment)).toEqual(Array(3).fill(emi.scheduledAmount));
  });

  it('rounding: the mode is named and applied; totals follow the named policy', () => {
    const down = generateSchedule({ ...mortgage, rounding: { mode: 'down', residue: 'last', totals: 'rounded' } });
    expect(down.scheduledAmount).toBe('5307.26');
    expect(down.rounding).toEqual({ mode: 'down', residue: 'last', totals: 'rounded' });
  });
});

describe('generateSchedule: bad input changes nothing and names its code', () => {
  it.each([
    [{ ...mortgage, method: 'annuity' }, 'schedule_method_unknown'],
    [{ ...mortgage, frequency: 'daily' }, 'repayment_frequency_unknown'],
    [{ ...mortgage, dayCount: 'ACT/364' }, 'schedule_day_count_unknown'],
    [{ ...mortgage, months: 601 }, 'schedule_term_invalid'],
    [{ ...mortgage, months: 0 }, 'schedule_term_invalid'],
    [{ ...mortgage, months: 1.5 }, 'schedule_term_invalid'],
    [{ ...mortgage, periods: 12 }, 'schedule_term_invalid'],
    [{ ...mortgage, months: undefined }, 'schedule_term_invalid'],
    [{ ...mortgage, months: undefined, periods: 3121, frequency: 'weekly' }, 'schedule_term_invalid'],
    [{ ...mortgage, grace: { principalPeriods: 360 } }, 'grace_invalid'],
    [{ ...mortgage, grace: { principalPeriods: 1, interestPeriods: 2 } }, 'grace_invalid'],
    [{ ...mortgage, grace: { principalPeriods: -1 } }, 'grace_invalid'],
    [{ ...mortgage, grace: { principalPeriods: 1, extra: 1 } }, 'field_unknown'],
    [{ ...mortgage, method: 'bullet', grace: { interestPeriods: 1 } }, 'grace_invalid'],
    [{ ...mortgage, method: 'interest-only', grace: { principalPeriods: 1 } }, 'grace_invalid'],
    [{ ...mortgage, firstDueDate: '2026-02-15' }, 'first_due_date_invalid'],
    [{ ...mortgage, dayCount: 'ACT/365', firstDueDate: '2026-01-01' }, 'first_due_date_invalid'],
    [{ ...mortgage, dayCount: 'ACT/365', firstDueDate: '2026-03-02' }, 'first_due_date_invalid'],
    [{ ...mortgage, rounding: { mode: 'nearest' } }, 'rounding_mode_unknown'],
    [{ ...mortgage, rounding: { residue: 'first' } }, 'schedule_rounding_invalid'],
    [{ ...mortgage, rounding: { totals: 'exact' } }, 'schedule_rounding_invalid'],
    [{ ...mortgage, rounding: 'half-up' }, 'schedule_rounding_invalid'],
    [{ ...mortgage, principal: 1000000 }, 'field_not_string'],
    [{ ...mortgage, principal: '-1' }, 'amount_negative'],
    [{ ...mortgage, annualRate: '1001' }, 'rate_out_of_range'],
    [{ ...mortgage, start: '2026-02-30' }, 'date_invalid'],
    [{ ...mortgage, start: '2180-01-01' }, 'date_invalid'],
    [{ ...mortgage, term: 12 }, 'field_unknown'],
    [{ ...mortgage, principal: '9'.repeat(36), annualRate: '1000', method: 'bullet' }, 'amount_out_of_range'],
  ])('%j → %s', (input, code) => {
    expect(codeOf(input)).toBe(code);
  });
});
