import { describe, expect, it } from 'vitest';
import { main } from './main.js';
import { capture } from '../test-kit/cliTestSupport.js';

const quote = async (...args: string[]) => {
  const run = capture();
  const code = await main(['deposit', 'quote', ...args], run.io);
  return { code, out: run.out, err: run.err };
};
const json = async (...args: string[]) => {
  const { code, out, err } = await quote(...args, '--json');
  expect({ code, err }).toEqual({ code: 0, err: [] });
  expect(out).toHaveLength(1);
  return JSON.parse(out[0]!) as { maturityAmount: string; interest: string; segments: Record<string, unknown>[]; rounding: { mode: string } };
};

/** A usage error: exit 2 and exactly one line on stderr naming the command, nothing on stdout. */
const expectUsageError = async (args: readonly string[], pattern: RegExp) => {
  const { code, out, err } = await quote(...args);
  expect(code, args.join(' ')).toBe(2);
  expect(err, args.join(' ')).toHaveLength(1);
  expect(err[0], args.join(' ')).toMatch(/^ecoledger deposit quote: /);
  expect(err[0], args.join(' ')).toMatch(pattern);
  expect(err[0]).not.toMatch(/\n|\bat .*:\d+:\d+/);
  expect(out).toEqual([]);
};

const base = ['--principal', '10000', '--annual-rate', '5', '--months', '12'];

describe('ecoledger deposit quote', () => {
  it('--json: the known answers for 10,000 at 5 % for 12 months, amounts as strings', async () => {
    const expected = { none: ['500.00', '10500.00'], monthly: ['511.62', '10511.62'], quarterly: ['509.45', '10509.45'], 'semi-annual': ['506.25', '10506.25'], annual: ['500.00', '10500.00'] } as const;
    for (const [compounding, [interest, maturityAmount]] of Object.entries(expected)) {
      const result = await json(...base, '--compounding', compounding);
      expect([result.interest, result.maturityAmount], compounding).toEqual([interest, maturityAmount]);
    }
    const simple = await json(...base);
    expect(simple).toEqual({
      maturityAmount: '10500.00',
      interest: '500.00',
      segments: [{ period: 1, months: 12, openingBalance: '10000', rate: '5', dayCount: 'months', yearFraction: '12/12', interest: '500', closingBalance: '10500' }],
      rounding: { mode: 'half-up', raw: '500', rounded: '500.00' },
    });
  });

  it('--day-count and --start: dated periods under the convention; --rounding names the mode', async () => {
    const result = await json(...base, '--compounding', 'quarterly', '--day-count', 'ACT/360', '--start', '2026-01-31', '--rounding', 'down');
    expect(result.segments.map((s) => [s['from'], s['to'], s['days'], s['yearFraction']])).toEqual([
      ['2026-01-31', '2026-04-30', 89, '89/360'],
      ['2026-04-30', '2026-07-31', 92, '92/360'],
      ['2026-07-31', '2026-10-31', 92, '92/360'],
      ['2026-10-31', '2027-01-31', 92, '92/360'],
    ]);
    expect(result.rounding.mode).toBe('down');
    const equals = await json(...base, '--day-count=30/360', '--start=2026-01-15');
    expect(equals.interest).toBe('500.00');
  });

  it('prints the segments as a table, then the interest and the maturity amount', async () => {
    const { code, out, err } = await quote(...base, '--compounding', 'monthly');
    expect({ code, err }).toEqual({ code: 0, err: [] });
    const text = out.join('\n');
    expect(text).toMatch(/Period.*Months.*Opening balance.*Rate %.*Year fraction.*Interest.*Closing balance/);
    expect(text.match(/│ +\d+ │ +1 │/g)).toHaveLength(12);
    expect(text).toContain('10000.000000');
    expect(text).toMatch(/Interest: +511\.62 +\(511\.618979 rounded half-up/);
    expect(text).toMatch(/Maturity amount: 10511\.62$/);
  });

  it('--help, and help via `ecoledger deposit --help`', async () => {
    const { code, out } = await quote('--help');
    expect(code).toBe(0);
    const text = out.join('\n');
    expect(text).toContain('Usage: ecoledger deposit quote [options]');
    for (const flag of ['--principal <amount>', '--annual-rate <percent>', '--months <n>', '--compounding <kind>', '--day-count <convention>', '--start <YYYY-MM-DD>', '--json']) expect(text).toContain(flag);
    const deposit = capture();
    expect(await main(['deposit', '--help'], deposit.io)).toBe(0);
    expect(deposit.out.join('\n')).toMatch(/Commands:[\s\S]*quote/);
    const root = capture();
    expect(await main(['--help'], root.io)).toBe(0);
    expect(root.out.join('\n')).toMatch(/Commands:[\s\S]*deposit/);
  });

  it('bad values: exit 2 with one line naming the flag and the code', async () => {
    await expectUsageError(['--principal', 'abc', '--annual-rate', '5', '--months', '12'], /--principal "abc".*\(amount_invalid\)$/);
    await expectUsageError(['--principal', '10000.001', '--annual-rate', '5', '--months', '12'], /\(amount_invalid\)$/);
    await expectUsageError(['--principal', '-5', '--annual-rate', '5', '--months', '12'], /--principal "-5".*\(amount_negative\)$/);
    await expectUsageError(['--principal', '1e4', '--annual-rate', '5', '--months', '12'], /\(amount_invalid\)$/);
    await expectUsageError(['--principal', '100', '--annual-rate', '5%', '--months', '12'], /--annual-rate "5%".*\(rate_invalid\)$/);
    await expectUsageError(['--principal', '100', '--annual-rate', '2000', '--months', '12'], /\(rate_out_of_range\)$/);
    await expectUsageError(['--principal', '100', '--annual-rate', '5', '--months', '0'], /--months "0".*\(months_invalid\)$/);
    await expectUsageError(['--principal', '100', '--annual-rate', '5', '--months', '1.5'], /\(months_invalid\)$/);
    await expectUsageError([...base, '--compounding', 'daily'], /--compounding "daily".*\(compounding_unknown\)$/);
    await expectUsageError([...base, '--day-count', 'ACT/364', '--start', '2026-01-01'], /--day-count "ACT\/364".*\(day_count_unknown\)$/);
    await expectUsageError([...base, '--day-count', 'ACT/360'], /--start .*\(start_required\)$/);
    await expectUsageError([...base, '--start', '2026-02-30'], /--start "2026-02-30".*\(date_invalid\)$/);
    await expectUsageError([...base, '--rounding', 'nearest'], /--rounding "nearest".*\(rounding_mode_unknown\)$/);
    await expectUsageError(['--principal', '9'.repeat(30), '--annual-rate', '1000', '--months', '600', '--compounding', 'monthly'], /: the resulting amount exceeds the ledger’s largest amount .*\(amount_out_of_range\)$/);
  });

  it('usage mistakes: a missing or repeated option, an unknown option, a stray argument', async () => {
    await expectUsageError(['--principal', '100', '--annual-rate', '5'], /required option '--months <n>' not specified/);
    await expectUsageError([...base, '--months', '6'], /--months given twice/);
    await expectUsageError([...base, '--term', '6'], /unknown option '--term'/);
    await expectUsageError([...base, 'extra'], /too many arguments/);
    await expectUsageError(['--principal', '--annual-rate', '5', '--months', '12'], /--principal needs a value/);
  });
});
