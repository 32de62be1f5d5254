import { MAX_MINOR, minorToDecimal, type Asset, type RoundingMode } from '@ecoledger/ledger';
import { businessDate, type BusinessDate } from '../calendar/businessDate.js';
import { assertDayCount, formatYearFraction, yearFraction, type DayCount, type YearFraction } from '../calendar/dayCount.js';
import { ProductsError } from '../errors.js';
import { RATE_DENOMINATOR, assetOf, closedRecord, optionalString, principalOf, rateOf, requiredString, roundingOf } from './input.js';
import { addRatio, ratio, ratioToDecimal, roundRatio, type Ratio } from './ratio.js';

/** Input of {@link accrue}. Amounts and rates are decimal strings, never JS numbers. */
export interface AccrueInput {
  /** The balance that earns interest, in major units of `asset` ("10000.00"). */
  readonly principal: string;
  /** Annual rate in percent: "0.36" is 0.36 % a year (at most 8 decimals, 0..1000). */
  readonly annualRate: string;
  /** First day that earns interest (`YYYY-MM-DD`, included). */
  readonly from: string;
  /** The day interest stops (`YYYY-MM-DD`, excluded): from 2026-01-01 to 2026-01-02 is one day. */
  readonly to: string;
  readonly dayCount: DayCount;
  /** How the interest is rounded to the asset's minor unit; `half-up` when omitted. */
  readonly rounding?: RoundingMode;
  /** What the principal is counted in; CNY (to the fen) when omitted. */
  readonly asset?: Asset;
}

/** One stretch of constant balance and rate: everything needed to recompute its interest by hand. */
export interface InterestSegment {
  readonly from: BusinessDate;
  readonly to: BusinessDate;
  /** The days the day count counts (30/360: 30-day months; otherwise actual days). */
  readonly days: number;
  readonly balance: string;
  /** Annual rate in percent, as given. */
  readonly rate: string;
  readonly dayCount: DayCount;
  /** The exact year fraction, e.g. "90/360", or "31/365+59/366" for ACT/ACT across a year end. */
  readonly yearFraction: string;
  /** balance × rate ÷ 100 × yearFraction, unrounded (exact, or to 60 significant digits). */
  readonly rawInterest: string;
}

/** The one rounding step from the raw interest to the amount that is paid. */
export interface RoundingStep {
  readonly mode: RoundingMode;
  readonly raw: string;
  readonly rounded: string;
}

/** Explainable interest: the amount, the segments it comes from and its rounding. */
export interface AccrualTrace {
  readonly interest: string;
  readonly segments: readonly InterestSegment[];
  readonly rounding: RoundingStep;
}

const ACCRUE_FIELDS = ['principal', 'annualRate', 'from', 'to', 'dayCount', 'rounding', 'asset'] as const;

/**
 * Exact interest, in minor units, of `minor` at `rateUnits` (10^-8 percent a year) over a year
 * fraction. @internal
 */
export const interestRatio = (minor: Ratio, rateUnits: bigint, fraction: YearFraction): Ratio =>
  fraction.terms.reduce<Ratio>(
    (sum, { days, basis }) =>
      addRatio(sum, { num: minor.num * rateUnits * BigInt(days), den: minor.den * RATE_DENOMINATOR * BigInt(basis) }),
    ratio(0n),
  );

/**
 * Simple interest on a constant balance over a period, with its trace: the segment (dates,
 * balance, rate, day count, exact year fraction, raw interest) and the single rounding step to
 * the asset's minor unit. Known answer: 10,000.00 at 0.36 % ACT/360 for 90 days is 9.00.
 * @throws ProductsError for any bad input (codes in `productsErrorMessages`), or
 *   `amount_out_of_range` when the interest exceeds the ledger's range.
 */
export function accrue(input: AccrueInput): AccrualTrace {
  const record = closedRecord(input, ACCRUE_FIELDS);
  const asset = assetOf(record['asset']);
  const principal = principalOf(requiredString(record, 'principal'), asset);
  const rateText = requiredString(record, 'annualRate');
  const rateUnits = rateOf(rateText);
  const from = businessDate(requiredString(record, 'from'), 'from');
  const to = businessDate(requiredString(record, 'to'), 'to');
  const dayCount = requiredString(record, 'dayCount');
  assertDayCount(dayCount);
  const mode = roundingOf(optionalString(record, 'rounding'));
  if (to < from) throw new ProductsError('period_reversed', `${from} to ${to}`, 'to');

  const fraction = yearFraction(from, to, dayCount);
  const raw = interestRatio(ratio(principal), rateUnits, fraction);
  const rounded = roundRatio(raw, mode);
  // Interest the ledger could never post is refused rather than shown.
  if (rounded > MAX_MINOR) throw new ProductsError('amount_out_of_range', `interest from ${from} to ${to}`);
  const rawText = ratioToDecimal(raw, asset.scale, mode);
  const interest = minorToDecimal(rounded, asset.scale);
  return {
    interest,
    segments: [
      {
        from,
        to,
        days: fraction.days,
        balance: minorToDecimal(principal, asset.scale),
        rate: rateText,
        dayCount,
        yearFraction: formatYearFraction(fraction),
        rawInterest: rawText,
      },
    ],
    rounding: { mode, raw: rawText, rounded: interest },
  };
}
