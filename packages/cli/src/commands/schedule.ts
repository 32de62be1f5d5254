import { generateSchedule, isProductsError, productsErrorMessages, type Schedule, type ScheduleInput } from '@ecoledger/products';
import Table from 'cli-table3';
import type { CliIo } from '../io.js';
import { UsageError } from '../usageError.js';

/** The options of `ecoledger schedule`, as commander hands them over (all strings). */
export interface ScheduleOptions {
  readonly principal: string;
  readonly annualRate: string;
  readonly months?: string;
  readonly periods?: string;
  readonly method: string;
  readonly dayCount?: string;
  readonly start?: string;
  readonly frequency?: string;
  readonly rounding?: string;
  readonly totals?: string;
  readonly json?: boolean;
}

/** The flag that carries each input field, so that an error names what the user typed. */
const FLAGS: Readonly<Record<string, string>> = {
  principal: '--principal',
  annualRate: '--annual-rate',
  months: '--months',
  periods: '--periods',
  method: '--method',
  dayCount: '--day-count',
  start: '--start',
  frequency: '--frequency',
  rounding: '--rounding',
  'rounding.totals': '--totals',
};

/** Today's date in UTC, the default start; injected in tests. */
export const utcToday = (): string => new Date().toISOString().slice(0, 10);

const scheduleOf = (options: ScheduleOptions, today: string): Schedule => {
  const rounding = {
    ...(options.rounding === undefined ? {} : { mode: options.rounding }),
    ...(options.totals === undefined ? {} : { totals: options.totals }),
  };
  const input = {
    principal: options.principal,
    annualRate: options.annualRate,
    ...(options.months === undefined ? {} : { months: options.months }),
    ...(options.periods === undefined ? {} : { periods: options.periods }),
    method: options.method,
    start: options.start ?? today,
    ...(options.frequency === undefined ? {} : { frequency: options.frequency }),
    ...(options.dayCount === undefined ? {} : { dayCount: options.dayCount }),
    ...(Object.keys(rounding).length === 0 ? {} : { rounding }),
  } as ScheduleInput; // strings from the command line: generateSchedule checks them at run time
  try {
    return generateSchedule(input);
  } catch (error) {
    if (!isProductsError(error)) throw error;
    const flag = error.field === undefined ? undefined : FLAGS[error.field];
    throw new UsageError(`${flag === undefined ? '' : `${flag} ${error.detail}: `}${productsErrorMessages[error.code]} (${error.code})`);
  }
};

const RIGHT = ['Period', 'Principal', 'Interest', 'Payment', 'Balance'];

/**
 * `ecoledger schedule`: a loan's repayment schedule, one line per installment, then the totals;
 * `--json` prints `{installments: [{period, dueDate, principal, interest, payment, balance}],
 * totalInterest, totalPayment}`, amounts as strings.
 */
export const schedule = (options: ScheduleOptions, io: CliIo, today: () => string = utcToday): number => {
  const result = scheduleOf(options, today());
  if (options.json === true) {
    const installments = result.installments.map(({ period, dueDate, principal, interest, payment, balance }) => ({ period, dueDate, principal, interest, payment, balance }));
    io.out(JSON.stringify({ installments, totalInterest: result.totalInterest, totalPayment: result.totalPayment }));
    return 0;
  }
  const head = ['Period', 'Due date', 'Principal', 'Interest', 'Payment', 'Balance', 'Year fraction'];
  const table = new Table({ head, style: { head: [], border: [], compact: true }, colAligns: head.map((name) => (RIGHT.includes(name) ? 'right' : 'left')) });
  for (const i of result.installments) {
    table.push([String(i.period), i.dueDate, i.principal, i.interest, i.payment, i.balance, i.accrual.segment.yearFraction]);
  }
  const term = options.months === undefined ? `${options.periods ?? ''} periods` : `${options.months} months`;
  io.out(`${result.method} loan of ${options.principal} at ${options.annualRate} % a year over ${term}, ${result.frequency}, day count ${result.dayCount}`);
  io.out(table.toString());
  if (result.scheduledAmount !== undefined) io.out(`${result.method === 'equal-installment' ? 'Installment' : 'Principal part'}:  ${result.scheduledAmount} (the last installment absorbs the residue)`);
  const { mode, totals } = result.rounding;
  io.out(`Total interest: ${result.totalInterest}  (interest rounded ${mode} each period; totals ${totals === 'rounded' ? 'add up the installments' : 'from the unrounded payment'})`);
  io.out(`Total payment:  ${result.totalPayment}`);
  return 0;
};
