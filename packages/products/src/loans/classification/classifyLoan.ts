/**
 * Five-tier classification of a loan: the days past due set a floor; a manual classification may
 * only downgrade from it, and names who decided and why. The result says which rule set the class.
 */
import { ProductsError, describeValue } from '../../errors.js';
import { identifierOf, integerOf } from '../../input/fields.js';
import { closedRecord, requiredString } from '../../interest/input.js';
import { MAX_DAYS_PAST_DUE, MAX_MANUAL_REASON_LENGTH } from '../../limits.js';
import { isNonPerforming, rankOf, riskClassOf, type RiskClass } from './riskClass.js';
import { NFRA_2023_RULE_SET, NFRA_2023_THRESHOLDS, classificationThresholds, type ClassificationThresholds } from './thresholds.js';

/** A credit officer's downgrade: the class, who decided, why. */
export interface ManualClassification {
  readonly riskClass: RiskClass;
  /** The officer or committee (an id, 1..128 characters). */
  readonly by: string;
  readonly reason: string;
}

/** Input of {@link classifyLoan}. */
export interface ClassifyLoanInput {
  readonly daysPastDue: number;
  readonly manual?: ManualClassification;
  /** The 2023 rule's thresholds when omitted. */
  readonly thresholds?: ClassificationThresholds;
}

/** The rule that set a class. */
export type ClassificationRule = 'not-overdue' | 'overdue' | 'overdue-beyond-substandard-days' | 'overdue-beyond-doubtful-days' | 'overdue-beyond-loss-days' | 'manual-downgrade';

/** A loan's class with its reason. */
export interface Classification {
  readonly riskClass: RiskClass;
  readonly nonPerforming: boolean;
  /** The class the days past due require at least. */
  readonly floor: RiskClass;
  readonly setBy: ClassificationRule;
  /** One line a reviewer can check: "91 days past due > 90: at least substandard". */
  readonly explanation: string;
  /** The regulation the thresholds implement (`NFRA/PBoC 2023 No. 1`), or `configured` for other thresholds. */
  readonly ruleSet: string;
  readonly daysPastDue: number;
  readonly thresholds: ClassificationThresholds;
  readonly manual?: ManualClassification;
}

const INPUT_FIELDS = ['daysPastDue', 'manual', 'thresholds'] as const;
const MANUAL_FIELDS = ['riskClass', 'by', 'reason'] as const;

const manualOf = (value: unknown): ManualClassification => {
  const record = closedRecord(value, MANUAL_FIELDS);
  const riskClass = riskClassOf(record['riskClass'], 'manual.riskClass');
  const by = identifierOf(record, 'by');
  const reason = requiredString(record, 'reason');
  if (reason.trim().length === 0 || reason.length > MAX_MANUAL_REASON_LENGTH) throw new ProductsError('manual_reason_invalid', describeValue(reason), 'manual.reason');
  return Object.freeze({ riskClass, by, reason });
};

const floorOf = (days: number, t: ClassificationThresholds): { floor: RiskClass; setBy: ClassificationRule; explanation: string } => {
  if (days > t.lossAfterDays) return { floor: 'loss', setBy: 'overdue-beyond-loss-days', explanation: `${days} days past due > ${t.lossAfterDays}: loss` };
  if (days > t.doubtfulAfterDays) return { floor: 'doubtful', setBy: 'overdue-beyond-doubtful-days', explanation: `${days} days past due > ${t.doubtfulAfterDays}: at least doubtful` };
  if (days > t.substandardAfterDays) return { floor: 'substandard', setBy: 'overdue-beyond-substandard-days', explanation: `${days} days past due > ${t.substandardAfterDays}: at least substandard` };
  if (days > t.specialMentionAfterDays) return { floor: 'special-mention', setBy: 'overdue', explanation: `${days} days past due > ${t.specialMentionAfterDays}: at least special-mention` };
  return { floor: 'normal', setBy: 'not-overdue', explanation: `${days} days past due: no overdue floor` };
};

const sameThresholds = (a: ClassificationThresholds, b: ClassificationThresholds): boolean =>
  a.specialMentionAfterDays === b.specialMentionAfterDays && a.substandardAfterDays === b.substandardAfterDays && a.doubtfulAfterDays === b.doubtfulAfterDays && a.lossAfterDays === b.lossAfterDays;

/**
 * The class of a loan `daysPastDue` days behind. Known answers with the 2023 thresholds: 0 normal;
 * 1 and 90 special-mention; 91 and 270 substandard; 271 and 360 doubtful; 361 loss.
 * @throws ProductsError `input_not_object`, `field_unknown`, `field_missing`, `count_invalid`,
 *   `risk_class_unknown`, `identifier_invalid`, `manual_reason_invalid`, `manual_class_below_floor`,
 *   `classification_thresholds_invalid`.
 */
export function classifyLoan(input: ClassifyLoanInput): Classification {
  const record = closedRecord(input, INPUT_FIELDS);
  const daysPastDue = integerOf(record['daysPastDue'], 'daysPastDue', 0, MAX_DAYS_PAST_DUE);
  const thresholds = record['thresholds'] === undefined ? NFRA_2023_THRESHOLDS : classificationThresholds(record['thresholds']);
  const manual = record['manual'] === undefined ? undefined : manualOf(record['manual']);
  const { floor, setBy, explanation } = floorOf(daysPastDue, thresholds);
  const ruleSet = sameThresholds(thresholds, NFRA_2023_THRESHOLDS) ? NFRA_2023_RULE_SET : 'configured';
  const base = { nonPerforming: isNonPerforming(floor), floor, daysPastDue, thresholds, ruleSet };
  if (manual === undefined) return { ...base, riskClass: floor, setBy, explanation };
  if (rankOf(manual.riskClass) < rankOf(floor)) {
    throw new ProductsError('manual_class_below_floor', `${manual.riskClass} is better than ${floor} (${explanation})`, 'manual.riskClass');
  }
  if (manual.riskClass === floor) return { ...base, riskClass: floor, setBy, explanation, manual };
  return {
    ...base,
    riskClass: manual.riskClass,
    nonPerforming: isNonPerforming(manual.riskClass),
    setBy: 'manual-downgrade',
    explanation: `downgraded to ${manual.riskClass} by ${manual.by}: ${manual.reason} (${explanation})`,
    manual,
  };
}
