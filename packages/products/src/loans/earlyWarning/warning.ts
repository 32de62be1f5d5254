/**
 * An early warning on a loan: which rule fired, how bad, on which triggering event, and the
 * numbers behind it. Its id is derived (uuid v5 of the triggering event id and the rule), so the
 * same trigger always yields the same warning, whoever computes it and however often.
 */
import * as t from 'io-ts';
import { v5 } from 'uuid';
import { Count, DecimalText, IdText, InstantText, closed, oneOfCodec } from '../../codecs/eventCodecs.js';
import { RISK_CLASSES } from '../classification/riskClass.js';

/** The rules: LTV above the product's maximum, a risk-class downgrade, a run of auto-debit shortfalls. */
export type EarlyWarningRule = 'ltv-above-threshold' | 'class-downgrade' | 'auto-debit-shortfalls';
/** Every rule, for validation and read-model indexes. */
export const EARLY_WARNING_RULES: readonly EarlyWarningRule[] = Object.freeze(['ltv-above-threshold', 'class-downgrade', 'auto-debit-shortfalls']);
/** `high`: the debt is uncovered (LTV >= 100 %) or the loan turned non-performing; `medium` otherwise. */
export type WarningSeverity = 'medium' | 'high';
/** Every severity, least severe first. */
export const WARNING_SEVERITIES: readonly WarningSeverity[] = Object.freeze(['medium', 'high']);
/** What moved the LTV: a revaluation, a release of one of the loan's collaterals, or the outstanding amount. */
export type LtvSource = 'revaluation' | 'release' | 'outstanding';
/** Every LTV source. */
export const LTV_SOURCES: readonly LtvSource[] = Object.freeze(['revaluation', 'release', 'outstanding']);

/**
 * UUID v5 namespace of warning ids. Fixed forever: changing it would give a re-delivered trigger a
 * new warning id, and the warning stream could no longer recognise the duplicate.
 */
export const earlyWarningIdNamespace = '3f6c1d2e-8a4b-4c7d-9e05-b2a1f4c9d860';

/** The id of the warning `rule` raises for the triggering event `triggeringEventId`. */
export const deriveWarningId = (triggeringEventId: string, rule: EarlyWarningRule): string => v5(`${triggeringEventId}/${rule}`, earlyWarningIdNamespace);

const LtvDetail = closed(
  'LtvWarningDetail',
  { source: oneOfCodec('LTV source', LTV_SOURCES), outstanding: DecimalText, collateralValue: DecimalText, maxLtvPercent: DecimalText },
  /** Absent when the debt is uncovered (the collateral is worth nothing after haircuts). */
  { ltvPercent: DecimalText },
);
const ClassDetail = closed('ClassDowngradeDetail', { previousClass: oneOfCodec('risk class', RISK_CLASSES), nextClass: oneOfCodec('risk class', RISK_CLASSES) });
const ShortfallDetail = closed('ShortfallRunDetail', { run: Count, threshold: Count, due: DecimalText, taken: DecimalText, shortfall: DecimalText });

/** The numbers behind an LTV warning. */
export type LtvWarningDetail = t.TypeOf<typeof LtvDetail>;
/** The classes of a downgrade. */
export type ClassDowngradeDetail = t.TypeOf<typeof ClassDetail>;
/** The run and the last shortfall of an auto-debit warning. */
export type ShortfallRunDetail = t.TypeOf<typeof ShortfallDetail>;

/** An early warning, as recorded in `EarlyWarningRaised`. */
export const EarlyWarningCodec = closed('EarlyWarning', {
  warningId: IdText,
  loanContractId: IdText,
  rule: oneOfCodec('early-warning rule', EARLY_WARNING_RULES),
  severity: oneOfCodec('severity', WARNING_SEVERITIES),
  triggeringEventId: IdText,
  /** When the triggering event occurred: the warning reads no clock. */
  raisedAt: InstantText,
  detail: t.union([LtvDetail, ClassDetail, ShortfallDetail]),
});

/** An early warning. */
export type EarlyWarning = t.TypeOf<typeof EarlyWarningCodec>;

/** The detail fields each rule carries (a detail of another rule's shape is refused on Raise). */
export const DETAIL_FIELD_OF_RULE: Readonly<Record<EarlyWarningRule, string>> = Object.freeze({
  'ltv-above-threshold': 'maxLtvPercent',
  'class-downgrade': 'nextClass',
  'auto-debit-shortfalls': 'run',
});
