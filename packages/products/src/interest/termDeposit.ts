import { MAX_MINOR, divideRounded, minorToDecimal, type Asset, type RoundingMode } from '@ecoledger/ledger';
import { addMonths, businessDate, type BusinessDate } from '../calendar/businessDate.js';
import { assertDayCount, formatYearFraction, yearFraction, type DayCount, type YearFraction } from '../calendar/dayCount.js';
import { ProductsError, describeValue } from '../errors.js';
import { COMPOUNDING_EXTRA_PLACES, MAX_TERM_MONTHS } from '../limits.js';
import { interestRatio, type RoundingStep } from './accrue.js';
import { assetOf, closedRecord, optionalString, principalOf, rateOf, requiredString, roundingOf } from './input.js';
import { ratio, roundRatio } from './ratio.js';

/** How often interest is added to the balance; `none` pays simple interest at maturity. */
export type Compounding = 'none' | 'monthly' | 'quarterly' | 'semi-annual' | 'annual';

/** Every compounding, for validation and exhaustive tests. */
export const COMPOUNDINGS: readonly Compounding[] = Object.freeze(['none', 'monthly', 'quarterly', 'semi-annual', 'annual']);

const PERIOD_MONTHS: { readonly [C in Exclude<Compounding, 'none'>]: number } = { monthly: 1, quarterly: 3, 'semi-annual': 6, annual: 12 };

/** Input of {@link quoteTermDeposit}. Amounts and rates are decimal strings, never JS numbers. */
export interface TermDepositQuoteInput {
  /** The deposit, in major units of `asset` ("10000"). */
  readonly principal: string;
  /** Contracted annual rate in percent: "5" is 5 % a year (at most 8 decimals, 0..1000). */
  readonly annualRate: string;
  /** The term in whole months, 1..600 (a count, so an integer or a digit string). */
  readonly months: number | string;
  /** `none` (the default) or how often interest compounds. */
  readonly compounding?: Compounding;
  /**
   * How each period's year fraction is measured. Omitted: by months (a month is 1/12 of a year,
   * the published calculators' rule). Given: by the convention between the period's dates, which
   * needs `start`.
   */
  readonly dayCount?: DayCount;
  /** The value date (`YYYY-MM-DD`); periods end on the same day of later months (month-end rule). */
  readonly start?: string;
  /** How the interest is rounded to the minor unit, once, at maturity; `half-up` when omitted. */
  readonly rounding?: RoundingMode;
  /** What the principal is counted in; CNY (to the fen) when omitted. */
  readonly asset?: Asset;
}

/** One compounding period; its figures carry 30 decimal places beyond the minor unit. */
export interface CompoundingSegment {
  /** 1 for the first period. */
  readonly period: number;
  /** The period's dates, when a start date was given. */
  readonly from?: BusinessDate;
  readonly to?: BusinessDate;
  /** Months in the period: the compounding interval, or fewer for a final stub. */
  readonly months: number;
  /** Days the day count counts, when one was given. */
  readonly days?: number;
  readonly openingBalance: string;
  /** Annual rate in percent, as given. */
  readonly rate: string;
  /** The day count, or `months` when the year fraction is months ÷ 12. */
  readonly dayCount: DayCount | 'months';
  /** The exact year fraction, e.g. "1/12" or "31/365". */
  readonly yearFraction: string;
  /** openingBalance × rate ÷ 100 × yearFraction, to 30 places beyond the minor unit (half-even). */
  readonly interest: string;
  readonly closingBalance: string;
}

/** A term-deposit quote: what is paid at maturity, and how. */
export interface TermDepositQuote {
  readonly maturityAmount: string;
  readonly interest: string;
  readonly segments: readonly CompoundingSegment[];
  /** Interest compounds to 30 places beyond the minor unit; the total is rounded once, here. */
  readonly rounding: RoundingStep;
}

const QUOTE_FIELDS = ['principal', 'annualRate', 'months', 'compounding', 'dayCount', 'start', 'rounding', 'asset'] as const;

const monthsOf = (value: unknown): number => {
  const n = typeof value === 'string' && /^[1-9][0-9]{0,3}$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_TERM_MONTHS) {
    throw new ProductsError('months_invalid', describeValue(value), 'months');
  }
  return n;
};

const compoundingOf = (value: string | undefined): Compounding => {
  if (value === undefined) return 'none';
  if (!(COMPOUNDINGS as readonly string[]).includes(value)) throw new ProductsError('compounding_unknown', describeValue(value), 'compounding');
  return value as Compounding;
};

/**
 * Non-negative fixed-point units of 10^-places as a decimal string without padding zeros
 * ("10000", "41.666…667"). The ledger's minorToDecimal stops at its 18-place asset scale.
 */
const fixedToDecimal = (units: bigint, places: number): string => {
  const digits = units.toString().padStart(places + 1, '0');
  const fraction = digits.slice(digits.length - places).replace(/0+$/, '');
  const whole = digits.slice(0, digits.length - places);
  return fraction === '' ? whole : `${whole}.${fraction}`;
};

const byMonths = (months: number): YearFraction => ({ dayCount: 'ACT/360', days: 0, terms: [{ days: months, basis: 12 }] });

/**
 * Maturity amount and interest of a term deposit, with one segment per compounding period.
 * Interest compounds unrounded (to 30 decimal places beyond the minor unit, half-even, so that 600
 * periods stay cheap) and the total is rounded once to the minor unit with the named mode, as the
 * published calculators do: 10,000 at 5 % for 12 months earns 500.00 simple, 511.62 monthly.
 * @throws ProductsError for any bad input (codes in `productsErrorMessages`), or
 *   `amount_out_of_range` when the maturity amount exceeds the ledger's range.
 */
export function quoteTermDeposit(input: TermDepositQuoteInput): TermDepositQuote {
  const record = closedRecord(input, QUOTE_FIELDS);
  const asset = assetOf(record['asset']);
  const principal = principalOf(requiredString(record, 'principal'), asset);
  const rateText = requiredString(record, 'annualRate');
  const rateUnits = rateOf(rateText);
  if (record['months'] === undefined) throw new ProductsError('field_missing', 'months', 'months');
  const months = monthsOf(record['months']);
  const compounding = compoundingOf(optionalString(record, 'compounding'));
  const dayCount = optionalString(record, 'dayCount');
  if (dayCount !== undefined) assertDayCount(dayCount);
  const startText = optionalString(record, 'start');
  const start = startText === undefined ? undefined : businessDate(startText, 'start');
  const mode = roundingOf(optionalString(record, 'rounding'));
  if (dayCount !== undefined && start === undefined) throw new ProductsError('start_required', `dayCount ${dayCount}`, 'start');
  // The maturity date must be a supported date too: fail before computing anything.
  if (start !== undefined) addMonths(start, months);

  const step = compounding === 'none' ? months : PERIOD_MONTHS[compounding];
  // Fixed point: balances in units of 10^-(scale + 30) of the asset. Exact fractions would grow by
  // a factor per period (600 monthly ACT/ACT periods took minutes); this stays linear.
  const places = asset.scale + COMPOUNDING_EXTRA_PLACES;
  const unit = 10n ** BigInt(COMPOUNDING_EXTRA_PLACES);
  const show = (units: bigint): string => fixedToDecimal(units, places);
  const segments: CompoundingSegment[] = [];
  const opening = principal * unit;
  let balance = opening;
  for (let begin = 0, period = 1; begin < months; begin += step, period++) {
    const end = Math.min(begin + step, months);
    const from = start === undefined ? undefined : addMonths(start, begin);
    const to = start === undefined ? undefined : addMonths(start, end);
    const fraction = dayCount !== undefined && from !== undefined && to !== undefined ? yearFraction(from, to, dayCount) : byMonths(end - begin);
    const exact = interestRatio(ratio(balance), rateUnits, fraction);
    const interest = divideRounded(exact.num, exact.den, 'half-even');
    const closing = balance + interest;
    segments.push({
      period,
      ...(from === undefined || to === undefined ? {} : { from, to }),
      months: end - begin,
      ...(dayCount === undefined ? {} : { days: fraction.days }),
      openingBalance: show(balance),
      rate: rateText,
      dayCount: dayCount ?? 'months',
      yearFraction: formatYearFraction(fraction),
      interest: show(interest),
      closingBalance: show(closing),
    });
    balance = closing;
  }
  const raw = balance - opening;
  const interestMinor = roundRatio({ num: raw, den: unit }, mode);
  // A quote the ledger could never post is refused rather than shown.
  if (principal + interestMinor > MAX_MINOR) throw new ProductsError('amount_out_of_range', `maturity of ${months} months`);
  const interest = minorToDecimal(interestMinor, asset.scale);
  return {
    maturityAmount: minorToDecimal(principal + interestMinor, asset.scale),
    interest,
    segments,
    rounding: { mode, raw: show(raw), rounded: interest },
  };
}
