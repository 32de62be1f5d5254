/**
 * The characteristics a scorecard scores, each an exact non-negative fraction (never a JS number
 * for money or ratios): income and exposure in major units, the debt-to-income ratio in percent,
 * the overdue count, and the age in whole years on the decision date.
 */
import { divideRounded, minorToDecimal, type Asset } from '@ecoledger/ledger';
import { dateParts, type BusinessDate } from '../../calendar/businessDate.js';
import { ProductsError } from '../../errors.js';
import { principalOf } from '../../interest/input.js';
import type { CreditApplication } from './application.js';

/** What a scorecard rule can score. */
export type Characteristic = 'monthlyIncome' | 'debtToIncome' | 'existingExposure' | 'overdueCount24Months' | 'ageYears';
/** Every characteristic, for validation. */
export const CHARACTERISTICS: readonly Characteristic[] = Object.freeze(['monthlyIncome', 'debtToIncome', 'existingExposure', 'overdueCount24Months', 'ageYears']);

/** An exact value `num / den`; `den` 0 means unbounded (a debt-to-income ratio with no income). */
export interface ExactValue {
  readonly num: bigint;
  readonly den: bigint;
}

/** Whole years from `birthDate` to `on` (a 29 February birthday counts on 1 March in other years). @throws `period_reversed`. */
export const ageOn = (birthDate: BusinessDate, on: BusinessDate): number => {
  if (birthDate > on) throw new ProductsError('period_reversed', `birth date ${birthDate} is after the decision date ${on}`, 'birthDate');
  const [birth, today] = [dateParts(birthDate), dateParts(on)];
  const hadBirthday = today.month > birth.month || (today.month === birth.month && today.day >= birth.day);
  return today.year - birth.year - (hadBirthday ? 0 : 1);
};

/** Every characteristic of an application on `decisionDate`, exact. */
export const characteristicsOf = (application: CreditApplication, asset: Asset, decisionDate: BusinessDate): Readonly<Record<Characteristic, ExactValue>> => {
  const major = 10n ** BigInt(asset.scale);
  const minor = (field: 'monthlyIncome' | 'monthlyDebtPayments' | 'existingExposure'): bigint => principalOf(application[field], asset, field);
  const income = minor('monthlyIncome');
  return {
    monthlyIncome: { num: income, den: major },
    // Percent: debt × 100 ÷ income; both in minor units, so the scale cancels.
    debtToIncome: income === 0n ? { num: 1n, den: 0n } : { num: minor('monthlyDebtPayments') * 100n, den: income },
    existingExposure: { num: minor('existingExposure'), den: major },
    overdueCount24Months: { num: BigInt(application.overdueCount24Months), den: 1n },
    ageYears: { num: BigInt(ageOn(application.birthDate, decisionDate)), den: 1n },
  };
};

/** True when `value ≥ bound ÷ 10^scale`, exactly (an unbounded value is above every bound). */
export const atLeast = (value: ExactValue, boundUnits: bigint, scale: number): boolean =>
  value.den === 0n || value.num * 10n ** BigInt(scale) >= boundUnits * value.den;

/**
 * The value as shown in a decision: money with the asset's decimals, counts and years whole, and
 * the debt-to-income percent rounded half-even to 4 decimals (shown only; bins compare exactly).
 */
export const displayValue = (characteristic: Characteristic, value: ExactValue, asset: Asset): string => {
  if (value.den === 0n) return 'unbounded';
  if (characteristic === 'monthlyIncome' || characteristic === 'existingExposure') return minorToDecimal(value.num, asset.scale);
  if (characteristic === 'debtToIncome') return minorToDecimal(divideRounded(value.num * 10_000n, value.den, 'half-even'), 4);
  return String(value.num);
};
