/**
 * A transparent scorecard as data: rules that each put one characteristic into a bin worth some
 * points, thresholds on the summed score, pricing bands for approvals, and hard knock-outs. The
 * configuration is validated once; {@link scorecardPolicy} turns it into a credit policy.
 */
import { decimalToMinor, isMoneyError } from '@ecoledger/ledger';
import { ProductsError, describeValue } from '../../errors.js';
import { closedRecord, requiredString } from '../../interest/input.js';
import { choiceOf, identifierOf, integerOf } from '../../input/fields.js';
import { MAX_DECIMAL_LENGTH, MAX_RULE_POINTS, MAX_SCORECARD_BANDS, MAX_SCORECARD_BINS, MAX_SCORECARD_RULES, RATE_PERCENT_SCALE } from '../../limits.js';
import { basisPointsOf } from '../pricing/priceRate.js';
import { booleanOf, percentOf } from '../products/loanFields.js';
import { CHARACTERISTICS, type Characteristic } from './characteristics.js';

/** Decimal places of a bin bound (a yuan amount, a percent, a count). */
export const BIN_BOUND_SCALE = RATE_PERCENT_SCALE;

/** One bin: values from `from` (included) up to the next bin's `from` score `points`. */
export interface ScorecardBin {
  /** Lower bound as a non-negative decimal string ("5000", "35.5"); the first bin starts at "0". */
  readonly from: string;
  readonly points: number;
}

/** Whether points must rise with the value (`increasing`), fall (`decreasing`), or may do either (`any`). */
export type RuleDirection = 'increasing' | 'decreasing' | 'any';

/** One rule: a characteristic and its bins (ascending, covering every value from 0). */
export interface ScorecardRule {
  readonly name: string;
  readonly characteristic: Characteristic;
  readonly direction: RuleDirection;
  readonly bins: readonly ScorecardBin[];
}

/** A pricing band: approvals scoring at least `minScore` get `spreadBps` over the product's benchmark. */
export interface ScorecardBand {
  readonly minScore: number;
  readonly spreadBps: string;
}

/** Hard knock-outs: any one declines the application whatever its score. */
export interface ScorecardKnockOuts {
  readonly minAgeYears: number;
  /** Decline above this debt-to-income percent ("60"). */
  readonly maxDebtToIncomePercent: string;
  readonly declineWhenCurrentlyOverdue: boolean;
}

/** A validated scorecard; build it with {@link scorecardConfig}. */
export interface ScorecardConfig {
  readonly name: string;
  /** Recorded in every decision, so that a decision can be explained with the rules that made it. */
  readonly version: string;
  readonly rules: readonly ScorecardRule[];
  /** Scores at or above approve; below `declineBelow` decline; in between refer to an underwriter. */
  readonly approveAtOrAbove: number;
  readonly declineBelow: number;
  /** Ascending `minScore`, the first at `approveAtOrAbove`; spreads never rise with the score. */
  readonly bands: readonly ScorecardBand[];
  readonly knockOuts: ScorecardKnockOuts;
}

/** A bin bound in units of 10^-BIN_BOUND_SCALE. @internal */
export const binBoundUnits = (value: unknown, field: string): bigint => {
  if (typeof value !== 'string') throw new ProductsError('field_not_string', describeValue(value), field);
  let units: bigint;
  try {
    if (value.length > MAX_DECIMAL_LENGTH) throw new ProductsError('scorecard_invalid', describeValue(value), field);
    units = decimalToMinor(value, BIN_BOUND_SCALE);
  } catch (error) {
    if (isMoneyError(error)) throw new ProductsError('scorecard_invalid', `bin bound ${describeValue(value)} is not a decimal with at most ${BIN_BOUND_SCALE} places`, field);
    throw error;
  }
  if (units < 0n) throw new ProductsError('scorecard_invalid', `bin bound ${describeValue(value)} is negative`, field);
  return units;
};

const listOf = (value: unknown, field: string, max: number): readonly unknown[] => {
  if (!Array.isArray(value) || value.length === 0 || value.length > max) throw new ProductsError('scorecard_invalid', `${field} must list 1..${max} entries, got ${describeValue(value)}`, field);
  return value;
};

const pointsOf = (value: unknown, field: string): number => integerOf(value, field, -MAX_RULE_POINTS, MAX_RULE_POINTS);

const ruleOf = (value: unknown, index: number): ScorecardRule => {
  const at = `rules[${index}]`;
  const record = closedRecord(value, ['name', 'characteristic', 'direction', 'bins']);
  const name = identifierOf(record, 'name');
  const characteristic = choiceOf(record, 'characteristic', CHARACTERISTICS, 'scorecard_invalid');
  const direction = choiceOf(record, 'direction', ['increasing', 'decreasing', 'any'] as const, 'scorecard_invalid');
  const bins = listOf(record['bins'], `${at}.bins`, MAX_SCORECARD_BINS).map((entry, b): ScorecardBin & { units: bigint } => {
    const bin = closedRecord(entry, ['from', 'points']);
    return { from: requiredString(bin, 'from'), units: binBoundUnits(bin['from'], `${at}.bins[${b}].from`), points: pointsOf(bin['points'], `${at}.bins[${b}].points`) };
  });
  bins.forEach((bin, b) => {
    const previous = bins[b - 1];
    if (previous === undefined) {
      if (bin.units !== 0n) throw new ProductsError('scorecard_invalid', 'the first bin must start at 0 so that every value has a bin', `${at}.bins[0].from`);
      return;
    }
    if (bin.units <= previous.units) throw new ProductsError('scorecard_invalid', 'bin bounds must increase strictly', `${at}.bins[${b}].from`);
    if ((direction === 'increasing' && bin.points < previous.points) || (direction === 'decreasing' && bin.points > previous.points)) {
      throw new ProductsError('scorecard_invalid', `points of an ${direction} rule must not go the other way`, `${at}.bins[${b}].points`);
    }
  });
  return Object.freeze({ name, characteristic, direction, bins: Object.freeze(bins.map(({ from, points }) => Object.freeze({ from, points }))) });
};

/**
 * Checks a scorecard configuration (unknown fields refused) and returns it frozen.
 * @throws ProductsError `scorecard_invalid` with the offending field, or a field code (`field_missing`, `count_invalid`, ...).
 */
export function scorecardConfig(input: ScorecardConfig): ScorecardConfig {
  const record = closedRecord(input, ['name', 'version', 'rules', 'approveAtOrAbove', 'declineBelow', 'bands', 'knockOuts']);
  const rules = listOf(record['rules'], 'rules', MAX_SCORECARD_RULES).map(ruleOf);
  rules.forEach((rule, index) => {
    if (rules.findIndex((other) => other.name === rule.name) !== index) throw new ProductsError('scorecard_invalid', `rule ${describeValue(rule.name)} named twice`, `rules[${index}].name`);
  });
  const scoreLimit = MAX_RULE_POINTS * MAX_SCORECARD_RULES;
  const approveAtOrAbove = integerOf(record['approveAtOrAbove'], 'approveAtOrAbove', -scoreLimit, scoreLimit);
  const declineBelow = integerOf(record['declineBelow'], 'declineBelow', -scoreLimit, scoreLimit);
  if (declineBelow > approveAtOrAbove) throw new ProductsError('scorecard_invalid', 'declineBelow is above approveAtOrAbove', 'declineBelow');
  const bands = listOf(record['bands'], 'bands', MAX_SCORECARD_BANDS).map((entry, index) => {
    const band = closedRecord(entry, ['minScore', 'spreadBps']);
    return Object.freeze({ minScore: integerOf(band['minScore'], `bands[${index}].minScore`, -scoreLimit, scoreLimit), spreadBps: String(basisPointsOf(band['spreadBps'], `bands[${index}].spreadBps`)) });
  });
  bands.forEach((band, index) => {
    const previous = bands[index - 1];
    if (previous === undefined) {
      if (band.minScore !== approveAtOrAbove) throw new ProductsError('scorecard_invalid', 'the first band must start at approveAtOrAbove', 'bands[0].minScore');
    } else if (band.minScore <= previous.minScore || BigInt(band.spreadBps) > BigInt(previous.spreadBps)) {
      throw new ProductsError('scorecard_invalid', 'bands need rising minScore and spreads that never rise with the score', `bands[${index}]`);
    }
  });
  if (record['knockOuts'] === undefined) throw new ProductsError('field_missing', 'knockOuts', 'knockOuts');
  const knockOuts = closedRecord(record['knockOuts'], ['minAgeYears', 'maxDebtToIncomePercent', 'declineWhenCurrentlyOverdue']);
  return Object.freeze({
    name: identifierOf(record, 'name'),
    version: identifierOf(record, 'version'),
    rules: Object.freeze(rules),
    approveAtOrAbove,
    declineBelow,
    bands: Object.freeze(bands),
    knockOuts: Object.freeze({
      minAgeYears: integerOf(knockOuts['minAgeYears'], 'knockOuts.minAgeYears', 0, 150),
      maxDebtToIncomePercent: percentOf(knockOuts['maxDebtToIncomePercent'], 'knockOuts.maxDebtToIncomePercent'),
      declineWhenCurrentlyOverdue: booleanOf(knockOuts, 'declineWhenCurrentlyOverdue'),
    }),
  });
}
