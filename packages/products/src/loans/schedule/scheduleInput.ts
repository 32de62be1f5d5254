import type { Asset, RoundingMode } from '@ecoledger/ledger';
import { type BusinessDate } from '../../calendar/businessDate.js';
import { DAY_COUNTS, type DayCount } from '../../calendar/dayCount.js';
import { ProductsError, describeValue } from '../../errors.js';
import { choiceOf, dateOf } from '../../input/fields.js';
import { assetOf, closedRecord, optionalString, principalOf, rateOf, requiredString, roundingOf } from '../../interest/input.js';
import { MAX_FORTNIGHTLY_PERIODS, MAX_MONTHLY_PERIODS, MAX_WEEKLY_PERIODS } from '../../limits.js';
import { firstDueDateOf, periodsPerYear, type RepaymentFrequency } from './dueDates.js';

/** How principal is repaid: 等额本息, 等额本金, interest each period and principal at the end, or all at the end. */
export type ScheduleMethod = 'equal-installment' | 'equal-principal' | 'interest-only' | 'bullet';
/** Every schedule method, for validation and exhaustive tests. */
export const SCHEDULE_METHODS: readonly ScheduleMethod[] = Object.freeze(['equal-installment', 'equal-principal', 'interest-only', 'bullet']);

/**
 * How a period's interest is measured: a day-count convention between the period's dates, or
 * `periodic`: every period is the same fraction of a year (1/12 monthly, 1/26 fortnightly, 1/52
 * weekly), the published calculators' rule.
 */
export type ScheduleDayCount = DayCount | 'periodic';
/** Every schedule day count, for validation and exhaustive tests. */
export const SCHEDULE_DAY_COUNTS: readonly ScheduleDayCount[] = Object.freeze(['periodic', ...DAY_COUNTS]);

/** Which figures the totals add up: the installments as due, or the schedule with the unrounded payment. */
export type TotalsPolicy = 'rounded' | 'unrounded';

/** The rounding policy of a schedule, named in the product. */
export interface ScheduleRounding {
  /** How each interest and the equal payment or principal part are rounded to the minor unit; half-up when omitted. */
  readonly mode?: RoundingMode;
  /** Who absorbs the residue: the last installment (so principal parts sum exactly to the amount). */
  readonly residue?: 'last';
  /**
   * `rounded` (the default): totals are the sums of the installments as due. `unrounded`: totals
   * come from the schedule with the unrounded payment and interest, rounded once (the Chinese bank
   * calculators' 总利息: 1,000,000 at 4.9 % over 360 months is 910,616.19).
   */
  readonly totals?: TotalsPolicy;
}

/** Periods at the start without principal, and without interest (that interest is deferred, not waived). */
export interface ScheduleGrace {
  readonly principalPeriods?: number;
  readonly interestPeriods?: number;
}

/** Input of {@link generateSchedule}. Amounts and rates are decimal strings, never JS numbers. */
export interface ScheduleInput {
  /** The loan, in major units of `asset` ("1000000"). */
  readonly principal: string;
  /** Nominal annual rate in percent: "4.9" is 4.9 % a year (at most 8 decimals, 0..1000). */
  readonly annualRate: string;
  /** The number of installments; give this or `months`. */
  readonly periods?: number | string;
  /** The term in months; a whole number of periods of the frequency. Give this or `periods`. */
  readonly months?: number | string;
  readonly method: ScheduleMethod;
  /** `monthly` when omitted. */
  readonly frequency?: RepaymentFrequency;
  /** `periodic` when omitted. */
  readonly dayCount?: ScheduleDayCount;
  /** The value date of the loan (`YYYY-MM-DD`): interest runs from it. */
  readonly start: string;
  /** A first due date other than one period after the start (a short or long first period). */
  readonly firstDueDate?: string;
  readonly grace?: ScheduleGrace;
  readonly rounding?: ScheduleRounding;
  /** What the principal is counted in; CNY (to the fen) when omitted. */
  readonly asset?: Asset;
}

/** The input, checked: amounts as minor units, the rate as units of 10^-8 percent. @internal */
export interface ScheduleTerms {
  readonly asset: Asset;
  readonly principal: bigint;
  readonly rateText: string;
  readonly rateUnits: bigint;
  readonly periods: number;
  readonly method: ScheduleMethod;
  readonly frequency: RepaymentFrequency;
  readonly dayCount: ScheduleDayCount;
  readonly start: BusinessDate;
  readonly firstDueDate?: BusinessDate;
  readonly principalGrace: number;
  readonly interestGrace: number;
  readonly mode: RoundingMode;
  readonly totals: TotalsPolicy;
}

const INPUT_FIELDS = ['principal', 'annualRate', 'periods', 'months', 'method', 'frequency', 'dayCount', 'start', 'firstDueDate', 'grace', 'rounding', 'asset'] as const;
const FREQUENCIES: readonly RepaymentFrequency[] = ['monthly', 'fortnightly', 'weekly'];

/** Most installments per frequency (limits.ts). */
export const MAX_SCHEDULE_PERIODS: { readonly [F in RepaymentFrequency]: number } = {
  monthly: MAX_MONTHLY_PERIODS,
  fortnightly: MAX_FORTNIGHTLY_PERIODS,
  weekly: MAX_WEEKLY_PERIODS,
};

// A count is an integer or a digit string (from a command line); never a fraction.
const countOf = (value: unknown, field: string): number => {
  const n = typeof value === 'string' && /^[0-9]{1,5}$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) throw new ProductsError('schedule_term_invalid', describeValue(value), field);
  return n;
};

const periodsOf = (record: Readonly<Record<string, unknown>>, frequency: RepaymentFrequency): number => {
  const [periods, months] = [record['periods'], record['months']];
  if ((periods === undefined) === (months === undefined)) throw new ProductsError('schedule_term_invalid', 'give exactly one of periods and months', 'periods');
  const field = periods === undefined ? 'months' : 'periods';
  let n = countOf(periods ?? months, field);
  if (months !== undefined) {
    // Months become periods only when they hold a whole number of them (6 months = 13 fortnights).
    const scaled = n * periodsPerYear(frequency);
    if (scaled % 12 !== 0) throw new ProductsError('schedule_term_invalid', `${n} months is not a whole number of ${frequency} periods`, field);
    n = scaled / 12;
  }
  if (n < 1 || n > MAX_SCHEDULE_PERIODS[frequency]) throw new ProductsError('schedule_term_invalid', `${n} ${frequency} periods`, field);
  return n;
};

const graceCountOf = (record: Readonly<Record<string, unknown>>, field: 'principalPeriods' | 'interestPeriods'): number => {
  const value = record[field] ?? 0;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw new ProductsError('grace_invalid', describeValue(value), `grace.${field}`);
  return value;
};

const graceOf = (value: unknown, method: ScheduleMethod, periods: number): { principalGrace: number; interestGrace: number } => {
  if (value === undefined) return { principalGrace: 0, interestGrace: 0 };
  const record = closedRecord(value, ['principalPeriods', 'interestPeriods']);
  const principalGrace = graceCountOf(record, 'principalPeriods');
  const interestGrace = graceCountOf(record, 'interestPeriods');
  // Interest-only already repays no principal before the end; a bullet pays nothing before it.
  const principalFree = method === 'interest-only' ? periods - 1 : principalGrace;
  const invalid =
    (method === 'bullet' && (principalGrace > 0 || interestGrace > 0)) ||
    (method === 'interest-only' && principalGrace > 0) ||
    principalGrace >= periods ||
    interestGrace > principalFree;
  if (invalid) throw new ProductsError('grace_invalid', `principalPeriods ${principalGrace}, interestPeriods ${interestGrace} of ${periods} (${method})`, 'grace');
  return { principalGrace, interestGrace };
};

const roundingPolicyOf = (value: unknown): { mode: RoundingMode; totals: TotalsPolicy } => {
  if (value === undefined) return { mode: 'half-up', totals: 'rounded' };
  let record: Readonly<Record<string, unknown>>;
  try {
    record = closedRecord(value, ['mode', 'residue', 'totals']);
  } catch {
    throw new ProductsError('schedule_rounding_invalid', describeValue(value), 'rounding');
  }
  const mode = roundingOf(record['mode']);
  if (record['residue'] !== undefined && record['residue'] !== 'last') throw new ProductsError('schedule_rounding_invalid', describeValue(record['residue']), 'rounding.residue');
  const totals = record['totals'] ?? 'rounded';
  if (totals !== 'rounded' && totals !== 'unrounded') throw new ProductsError('schedule_rounding_invalid', describeValue(totals), 'rounding.totals');
  return { mode, totals };
};

/**
 * Checks untyped schedule input (JSON, a CLI) and returns the terms.
 * @throws ProductsError with a specific code for every bad field (see `productsErrorMessages`).
 */
export function scheduleTermsOf(input: unknown): ScheduleTerms {
  const record = closedRecord(input, INPUT_FIELDS);
  const asset = assetOf(record['asset']);
  const principal = principalOf(requiredString(record, 'principal'), asset);
  const rateText = requiredString(record, 'annualRate');
  const rateUnits = rateOf(rateText);
  const method = choiceOf(record, 'method', SCHEDULE_METHODS, 'schedule_method_unknown');
  const frequency = record['frequency'] === undefined ? 'monthly' : choiceOf(record, 'frequency', FREQUENCIES, 'repayment_frequency_unknown');
  const dayCount = record['dayCount'] === undefined ? 'periodic' : choiceOf(record, 'dayCount', SCHEDULE_DAY_COUNTS, 'schedule_day_count_unknown');
  const periods = periodsOf(record, frequency);
  const start = dateOf(record, 'start');
  const firstDueText = optionalString(record, 'firstDueDate');
  if (firstDueText !== undefined && dayCount === 'periodic') throw new ProductsError('first_due_date_invalid', 'a first due date needs a day count', 'firstDueDate');
  const firstDueDate = firstDueText === undefined ? undefined : firstDueDateOf(start, firstDueText, frequency);
  const { principalGrace, interestGrace } = graceOf(record['grace'], method, periods);
  const { mode, totals } = roundingPolicyOf(record['rounding']);
  return {
    asset,
    principal,
    rateText,
    rateUnits,
    periods,
    method,
    frequency,
    dayCount,
    start,
    ...(firstDueDate === undefined ? {} : { firstDueDate }),
    principalGrace,
    interestGrace,
    mode,
    totals,
  };
}
