/**
 * The observation a non-performing loan serves before it may be upgraded (2023 商业银行金融资产风险
 * 分类办法: a non-performing asset moves back up only once the overdue principal, interest and
 * related charges are repaid and the borrower has then repaid normally for at least the most recent
 * two installments or six months, whichever is longer). The numbers are product data.
 */
import { integerOf } from '../../input/fields.js';
import { closedRecord } from '../../interest/input.js';
import { MAX_UPGRADE_OBSERVATION_INSTALLMENTS, MAX_UPGRADE_OBSERVATION_MONTHS } from '../../limits.js';

/** At least `installments` installments repaid on time and `months` months since the arrears were cleared. */
export interface UpgradeObservation {
  readonly installments: number;
  readonly months: number;
}

/** The regulation's minimum: two installments or six months, whichever is longer. */
export const DEFAULT_UPGRADE_OBSERVATION: UpgradeObservation = Object.freeze({ installments: 2, months: 6 });

/**
 * A checked observation rule from product data; the default when absent. Both numbers are at least
 * one: an upgrade without any observation is what the rule forbids.
 * @throws ProductsError `input_not_object`, `field_unknown`, `field_missing`, `count_invalid`.
 */
export function upgradeObservationOf(value: unknown): UpgradeObservation {
  if (value === undefined) return DEFAULT_UPGRADE_OBSERVATION;
  const record = closedRecord(value, ['installments', 'months']);
  return Object.freeze({
    installments: integerOf(record['installments'], 'upgradeObservation.installments', 1, MAX_UPGRADE_OBSERVATION_INSTALLMENTS),
    months: integerOf(record['months'], 'upgradeObservation.months', 1, MAX_UPGRADE_OBSERVATION_MONTHS),
  });
}
