import { describe, expect, it } from 'vitest';
import { main } from './main.js';
import { capture } from '../test-kit/cliTestSupport.js';

const run = async (...args: string[]) => {
  const io = capture();
  const code = await main(['schedule', ...args], io.io);
  return { code, out: io.out, err: io.err };
};
interface JsonSchedule {
  installments: { period: number; dueDate: string; principal: string; interest: string; payment: string; balance: string }[];
  totalInterest: string;
  totalPayment: string;
}
const json = async (...args: string[]): Promise<JsonSchedule> => {
  const { code, out, err } = await run(...args, '--json');
  expect({ code, err }).toEqual({ code: 0, err: [] });
  expect(out).toHaveLength(1);
  return JSON.parse(out[0]!) as JsonSchedule;
};

/** A usage error: exit 2 and exactly one line on stderr naming the command, nothing on stdout. */
const expectUsageError = async (args: readonly string[], pattern: RegExp) => {
  const { code, out, err } = await run(...args);
  expect(code, args.join(' ')).toBe(2);
  expect(err, args.join(' ')).toHaveLength(1);
  expect(err[0], args.join(' ')).toMatch(/^ecoledger schedule: /);
  expect(err[0], args.join(' ')).toMatch(pattern);
  expect(err[0]).not.toMatch(/\n|\bat .*:\d+:\d+/);
  expect(out).toEqual([]);
};

const mortgage = ['--principal', '1000000', '--annual-rate', '4.9', '--months', '360', '--start', '2026-01-01'];

describe('ecoledger schedule', () => {
  it('--json: 1,000,000 at 4.9 % over 360 months, equal installment 5,307.27 and equal principal from 6,861.11', async () => {
    const emi = await json(...mortgage, '--method', 'equal-installment');
    expect(emi.installments).toHaveLength(360);
    expect(emi.installments[0]).toEqual({ period: 1, dueDate: '2026-02-01', principal: '1223.94', interest: '4083.33', payment: '5307.27', balance: '998776.06' });
    expect(Object.keys(emi)).toEqual(['installments', 'totalInterest', 'totalPayment']);
    expect((await json(...mortgage, '--method', 'equal-installment', '--totals', 'unrounded')).totalInterest).toBe('910616.19');
    const epp = await json(...mortgage, '--method', 'equal-principal');
    expect(epp.installments.slice(0, 2).map((i) => i.payment)).toEqual(['6861.11', '6849.77']);
  });

  it('--day-count, --frequency, --periods and --rounding reach the schedule (Fineract: 100 at 9.4822 %, 30/360 is 17.13)', async () => {
    const fineract = await json('--principal', '100', '--annual-rate', '9.4822', '--periods', '6', '--method', 'equal-installment', '--day-count', '30/360', '--start', '2024-01-01');
    expect(fineract.installments.map((i) => i.interest)).toEqual(['0.79', '0.66', '0.53', '0.40', '0.27', '0.13']);
    const weekly = await json('--principal', '1000', '--annual-rate', '5', '--months', '3', '--method', 'interest-only', '--frequency', 'weekly', '--start', '2026-01-01');
    expect(weekly.installments).toHaveLength(13);
    expect(weekly.installments[1]!.dueDate).toBe('2026-01-15');
    const down = await json(...mortgage, '--method', 'equal-installment', '--rounding', 'down');
    expect(down.installments[0]!.payment).toBe('5307.26');
  });

  it('without --start the schedule starts today (UTC)', async () => {
    const result = await json('--principal', '1000', '--annual-rate', '5', '--months', '1', '--method', 'bullet');
    expect(result.installments[0]!.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('prints the installments as a table, then the equal amount and the totals', async () => {
    const { code, out, err } = await run('--principal', '100', '--annual-rate', '9.4822', '--months', '6', '--method', 'equal-installment', '--day-count', '30/360', '--start', '2024-01-01');
    expect({ code, err }).toEqual({ code: 0, err: [] });
    const text = out.join('\n');
    expect(text).toMatch(/Period.*Due date.*Principal.*Interest.*Payment.*Balance.*Year fraction/);
    expect(text.match(/│ +\d │ 2024-0\d-01 │/g)).toHaveLength(6);
    expect(text).toMatch(/│ +1 │ 2024-02-01 │ +16\.34 │ +0\.79 │ +17\.13 │ +83\.66 │ 30\/360/);
    expect(text).toContain('Installment:  17.13');
    expect(text).toMatch(/Total interest: 2\.78 /);
    expect(text).toMatch(/Total payment: +102\.78$/);
  });

  it('--help names every option; the root help lists schedule', async () => {
    const { code, out } = await run('--help');
    expect(code).toBe(0);
    const text = out.join('\n');
    for (const flag of ['--principal <amount>', '--annual-rate <percent>', '--months <n>', '--periods <n>', '--method <method>', '--day-count <convention>', '--start <YYYY-MM-DD>', '--frequency <frequency>', '--rounding <mode>', '--totals <policy>', '--json']) expect(text).toContain(flag);
    const root = capture();
    expect(await main(['--help'], root.io)).toBe(0);
    expect(root.out.join('\n')).toMatch(/Commands:[\s\S]*schedule/);
  });

  it('bad values: exit 2 with one line naming the flag and the code', async () => {
    const ok = ['--method', 'equal-installment'];
    await expectUsageError(['--principal', 'abc', '--annual-rate', '5', '--months', '12', ...ok], /--principal "abc".*\(amount_invalid\)$/);
    await expectUsageError(['--principal', '100', '--annual-rate', '5%', '--months', '12', ...ok], /--annual-rate "5%".*\(rate_invalid\)$/);
    await expectUsageError(['--principal', '100', '--annual-rate', '5', '--months', '0', ...ok], /--months .*\(schedule_term_invalid\)$/);
    await expectUsageError(['--principal', '100', '--annual-rate', '5', '--months', '601', ...ok], /--months .*\(schedule_term_invalid\)$/);
    await expectUsageError(['--principal', '100', '--annual-rate', '5', '--months', '12', '--periods', '12', ...ok], /\(schedule_term_invalid\)$/);
    await expectUsageError([...mortgage, '--method', 'annuity'], /--method "annuity".*\(schedule_method_unknown\)$/);
    await expectUsageError([...mortgage, ...ok, '--day-count', 'ACT/364'], /--day-count "ACT\/364".*\(schedule_day_count_unknown\)$/);
    await expectUsageError([...mortgage, ...ok, '--frequency', 'daily'], /--frequency "daily".*\(repayment_frequency_unknown\)$/);
    await expectUsageError(['--principal', '100', '--annual-rate', '5', '--months', '12', ...ok, '--start', '2026-02-30'], /--start "2026-02-30".*\(date_invalid\)$/);
    await expectUsageError([...mortgage, ...ok, '--rounding', 'nearest'], /--rounding "nearest".*\(rounding_mode_unknown\)$/);
    await expectUsageError([...mortgage, ...ok, '--totals', 'exact'], /--totals "exact".*\(schedule_rounding_invalid\)$/);
  });

  it('usage mistakes: a missing or repeated option, an unknown option, a stray argument', async () => {
    await expectUsageError(['--principal', '100', '--annual-rate', '5', '--months', '12'], /required option '--method <method>' not specified/);
    await expectUsageError([...mortgage, '--method', 'bullet', '--months', '6'], /--months given twice/);
    await expectUsageError([...mortgage, '--method', 'bullet', '--term', '6'], /unknown option '--term'/);
    await expectUsageError([...mortgage, '--method', 'bullet', 'extra'], /too many arguments/);
  });
});
