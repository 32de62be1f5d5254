/**
 * Interest on an overdue loan: penalty interest (罚息) on overdue principal at the penalty rate,
 * and, where the product says so, compound interest (复利) on overdue interest at the same rate
 * (PBoC: unpaid interest bears compound interest at the penalty rate). Each accrues daily on the
 * day's overdue balance; a stretch of constant balance and rate is one explainable segment, and
 * the total is rounded once with a named mode.
 */
import { MAX_MINOR, minorToDecimal, type Asset, type RoundingMode } from '@ecoledger/ledger';
import { businessDate, type BusinessDate } from '../../calendar/businessDate.js';
import { assertDayCount, formatYearFraction, yearFraction, type DayCount } from '../../calendar/dayCount.js';
import { ProductsError, describeValue } from '../../errors.js';
import { interestRatio, type AccrualTrace, type InterestSegment } from '../../interest/accrue.js';
import { RATE_DENOMINATOR, assetOf, closedRecord, optionalString, principalOf, rateOf, requiredString, roundingOf } from '../../interest/input.js';
import { addRatio, ratio, ratioToDecimal, roundRatio, type Ratio } from '../../interest/ratio.js';
import { MAX_OVERDUE_BALANCE_STEPS } from '../../limits.js';
import { penaltyRateText, upliftFactor, upliftOf } from './penaltyRate.js';

/** From `from` (included) until the next step or the period end, what is overdue and the contract rate. */
export interface OverdueBalance {
  readonly from: string;
  readonly overduePrincipal: string;
  readonly overdueInterest: string;
  /** The contract rate in percent a year ("4.35"); the penalty rate is this × (1 + uplift). */
  readonly annualRate: string;
}

/** Input of {@link delinquencyInterest}. */
export interface DelinquencyInterestInput {
  /** Steps of the overdue balance, oldest first; the first starts the period. */
  readonly balances: readonly OverdueBalance[];
  /** The day interest stops (excluded). */
  readonly to: string;
  readonly dayCount: DayCount;
  /** Percent above the contract rate; "50" when omitted. */
  readonly upliftPercent?: string;
  /** Whether overdue interest bears compound interest (a product term). */
  readonly compoundOverdueInterest: boolean;
  /** `half-up` when omitted. */
  readonly rounding?: RoundingMode;
  /** CNY when omitted. */
  readonly asset?: Asset;
}

/** Penalty and compound interest, each with its segments and one rounding step. */
export interface DelinquencyInterest {
  readonly penalty: AccrualTrace;
  /** No segments and zero when the product bears no compound interest. */
  readonly compound: AccrualTrace;
}

interface Step {
  readonly from: BusinessDate;
  readonly to: BusinessDate;
  readonly principal: bigint;
  readonly interest: bigint;
  readonly rateUnits: bigint;
  readonly rateText: string;
}

const INPUT_FIELDS = ['balances', 'to', 'dayCount', 'upliftPercent', 'compoundOverdueInterest', 'rounding', 'asset'] as const;
const BALANCE_FIELDS = ['from', 'overduePrincipal', 'overdueInterest', 'annualRate'] as const;

const stepsOf = (value: unknown, to: BusinessDate, asset: Asset): Step[] => {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_OVERDUE_BALANCE_STEPS) {
    throw new ProductsError('overdue_steps_invalid', describeValue(value), 'balances');
  }
  const parsed = value.map((entry: unknown, i) => {
    const record = closedRecord(entry, BALANCE_FIELDS);
    const rateText = requiredString(record, 'annualRate');
    return {
      from: businessDate(requiredString(record, 'from'), `balances[${i}].from`),
      principal: principalOf(requiredString(record, 'overduePrincipal'), asset, `balances[${i}].overduePrincipal`),
      interest: principalOf(requiredString(record, 'overdueInterest'), asset, `balances[${i}].overdueInterest`),
      rateUnits: rateOf(rateText, `balances[${i}].annualRate`),
      rateText,
    };
  });
  return parsed.map((step, i) => {
    const end = parsed[i + 1]?.from ?? to;
    if (step.from >= end) throw new ProductsError('overdue_steps_invalid', `step from ${step.from} does not precede ${end}`, `balances[${i}].from`);
    return { ...step, to: end };
  });
};

const traceOf = (steps: readonly Step[], balanceOf: (step: Step) => bigint, upliftUnits: bigint, dayCount: DayCount, mode: RoundingMode, asset: Asset): AccrualTrace => {
  // The balance times (1 + uplift), as an exact fraction: interestRatio then applies the contract rate.
  const factor = upliftFactor(upliftUnits);
  let total: Ratio = ratio(0n);
  const segments = steps.map((step): InterestSegment => {
    const fraction = yearFraction(step.from, step.to, dayCount);
    const raw = interestRatio({ num: balanceOf(step) * factor, den: RATE_DENOMINATOR }, step.rateUnits, fraction);
    total = addRatio(total, raw);
    return {
      from: step.from,
      to: step.to,
      days: fraction.days,
      balance: minorToDecimal(balanceOf(step), asset.scale),
      rate: penaltyRateText(step.rateUnits, upliftUnits),
      dayCount,
      yearFraction: formatYearFraction(fraction),
      rawInterest: ratioToDecimal(raw, asset.scale, mode),
    };
  });
  const rounded = roundRatio(total, mode);
  // Interest the ledger could never post is refused rather than shown.
  if (rounded > MAX_MINOR) throw new ProductsError('amount_out_of_range', 'delinquency interest');
  const raw = ratioToDecimal(total, asset.scale, mode);
  const interest = minorToDecimal(rounded, asset.scale);
  return { interest, segments, rounding: { mode, raw, rounded: interest } };
};

/**
 * Penalty interest on overdue principal and (if the product says so) compound interest on overdue
 * interest, at the contract rate × (1 + uplift). Known answer: 10,000.00 overdue at 4.35 % with the
 * 50 % uplift (6.525 %) for 30 days ACT/360 is 54.375, 54.38 rounded half-up.
 * @throws ProductsError `input_not_object`, `field_unknown`, `field_missing`, `field_not_string`,
 *   `overdue_steps_invalid`, `date_invalid`, `amount_invalid`, `amount_negative`, `rate_invalid`,
 *   `rate_out_of_range`, `penalty_uplift_invalid`, `flag_not_boolean`, `day_count_unknown`, `rounding_mode_unknown`,
 *   `asset_invalid`, `amount_out_of_range`.
 */
export function delinquencyInterest(input: DelinquencyInterestInput): DelinquencyInterest {
  const record = closedRecord(input, INPUT_FIELDS);
  const asset = assetOf(record['asset']);
  const to = businessDate(requiredString(record, 'to'), 'to');
  const dayCount = requiredString(record, 'dayCount');
  assertDayCount(dayCount);
  const upliftUnits = upliftOf(record['upliftPercent']);
  const compound = record['compoundOverdueInterest'];
  if (compound === undefined) throw new ProductsError('field_missing', 'compoundOverdueInterest', 'compoundOverdueInterest');
  if (typeof compound !== 'boolean') throw new ProductsError('flag_not_boolean', describeValue(compound), 'compoundOverdueInterest');
  const mode = roundingOf(optionalString(record, 'rounding'));
  const steps = stepsOf(record['balances'], to, asset);
  const zero = minorToDecimal(0n, asset.scale);
  return {
    penalty: traceOf(steps, (s) => s.principal, upliftUnits, dayCount, mode, asset),
    compound: compound ? traceOf(steps, (s) => s.interest, upliftUnits, dayCount, mode, asset) : { interest: zero, segments: [], rounding: { mode, raw: '0', rounded: zero } },
  };
}
