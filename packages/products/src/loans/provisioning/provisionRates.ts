/**
 * Loan-loss provision rates by risk class, in percent of the outstanding amount. The defaults are
 * the PBoC 2002 guideline 《银行贷款损失准备计提指引》: a 1 % general reserve on normal loans, 2 %
 * special-mention, 25 % substandard, 50 % doubtful, 100 % loss. Banks configure their own.
 */
import { decimalToMinor, isMoneyError } from '@ecoledger/ledger';
import { ProductsError, describeValue } from '../../errors.js';
import { closedRecord, requiredString } from '../../interest/input.js';
import { MAX_DECIMAL_LENGTH, RATE_PERCENT_SCALE } from '../../limits.js';
import { RISK_CLASSES, type RiskClass } from '../classification/riskClass.js';

/** Percent of the outstanding amount provided for, per class ("25" is 25 %). */
export type ProvisionRates = Readonly<Record<RiskClass, string>>;

/** The 2002 guideline's rates: 1, 2, 25, 50, 100 %. */
export const DEFAULT_PROVISION_RATES: ProvisionRates = Object.freeze({
  normal: '1',
  'special-mention': '2',
  substandard: '25',
  doubtful: '50',
  loss: '100',
});

const HUNDRED_PERCENT_UNITS = 100n * 10n ** BigInt(RATE_PERCENT_SCALE);

/** A provision rate as units of 10^-8 percent. @throws ProductsError `field_not_string`, `provision_rate_invalid`. @internal */
export const provisionRateUnits = (value: unknown, field: string): bigint => {
  if (typeof value !== 'string') throw new ProductsError(value === undefined ? 'provision_rate_invalid' : 'field_not_string', describeValue(value), field);
  let units: bigint;
  try {
    if (value.length > MAX_DECIMAL_LENGTH) throw new ProductsError('provision_rate_invalid', describeValue(value), field);
    units = decimalToMinor(value, RATE_PERCENT_SCALE);
  } catch (error) {
    if (isMoneyError(error)) throw new ProductsError('provision_rate_invalid', describeValue(value), field);
    throw error;
  }
  if (units < 0n || units > HUNDRED_PERCENT_UNITS) throw new ProductsError('provision_rate_invalid', describeValue(value), field);
  return units;
};

/**
 * Checked provision rates: one for every class, 0..100 %, never falling as the class worsens.
 * @throws ProductsError `input_not_object`, `field_unknown`, `field_not_string`,
 *   `provision_rate_invalid`, `provision_rates_not_ascending`.
 */
export function provisionRates(input: unknown): ProvisionRates {
  const record = closedRecord(input, RISK_CLASSES);
  const units = RISK_CLASSES.map((riskClass) => provisionRateUnits(record[riskClass], riskClass));
  units.forEach((rate, i) => {
    if (i > 0 && rate < (units[i - 1] as bigint)) {
      throw new ProductsError('provision_rates_not_ascending', `${RISK_CLASSES[i]} ${String(record[RISK_CLASSES[i] as RiskClass])} % < ${RISK_CLASSES[i - 1]} ${String(record[RISK_CLASSES[i - 1] as RiskClass])} %`, RISK_CLASSES[i]);
    }
  });
  const rates = {} as Record<RiskClass, string>;
  for (const riskClass of RISK_CLASSES) rates[riskClass] = requiredString(record, riskClass);
  return Object.freeze(rates);
}
