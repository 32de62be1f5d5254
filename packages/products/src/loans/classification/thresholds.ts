/**
 * The days-past-due floors of the five-tier classification, as data. The defaults are the 2023
 * rule (NFRA/PBoC order 2023 No. 1): any amount overdue → at least special-mention; more than 90
 * days → at least substandard; more than 270 → at least doubtful; more than 360 → loss. Other
 * thresholds (a stricter bank, another regime) are accepted; the classification then names its
 * rule set `configured` instead of the regulation.
 */
import { ProductsError } from '../../errors.js';
import { integerOf } from '../../input/fields.js';
import { closedRecord } from '../../interest/input.js';
import { MAX_DAYS_PAST_DUE } from '../../limits.js';

/** Each class applies from *more than* this many days past due. */
export interface ClassificationThresholds {
  readonly specialMentionAfterDays: number;
  readonly substandardAfterDays: number;
  readonly doubtfulAfterDays: number;
  readonly lossAfterDays: number;
}

/** The rule set the default thresholds come from, named in every classification. */
export const NFRA_2023_RULE_SET = 'NFRA/PBoC 2023 No. 1';

/** The 2023 rule's floors: > 0, > 90, > 270, > 360 days past due. */
export const NFRA_2023_THRESHOLDS: ClassificationThresholds = Object.freeze({
  specialMentionAfterDays: 0,
  substandardAfterDays: 90,
  doubtfulAfterDays: 270,
  lossAfterDays: 360,
});

const FIELDS = ['specialMentionAfterDays', 'substandardAfterDays', 'doubtfulAfterDays', 'lossAfterDays'] as const;

/**
 * Checked thresholds: integers with 0 <= special-mention < substandard < doubtful < loss.
 * @throws ProductsError `input_not_object`, `field_unknown`, `field_missing`, `count_invalid`,
 *   `classification_thresholds_invalid`.
 */
export function classificationThresholds(input: unknown): ClassificationThresholds {
  const record = closedRecord(input, FIELDS);
  const [specialMentionAfterDays, substandardAfterDays, doubtfulAfterDays, lossAfterDays] = FIELDS.map((field) => integerOf(record[field], field, 0, MAX_DAYS_PAST_DUE)) as [number, number, number, number];
  if (!(specialMentionAfterDays < substandardAfterDays && substandardAfterDays < doubtfulAfterDays && doubtfulAfterDays < lossAfterDays)) {
    throw new ProductsError('classification_thresholds_invalid', `${specialMentionAfterDays} < ${substandardAfterDays} < ${doubtfulAfterDays} < ${lossAfterDays} does not hold`);
  }
  return Object.freeze({ specialMentionAfterDays, substandardAfterDays, doubtfulAfterDays, lossAfterDays });
}
