/**
 * What changes when a loan's class crosses into or out of non-performing: a loan that becomes
 * non-performing stops accruing interest, and the interest it accrued but was never paid is
 * reversed out of income and kept off balance sheet (表外) until the borrower pays it. A loan that
 * returns to performing accrues again; what is off balance sheet stays there until collected.
 */
import { minorToDecimal, type Asset } from '@ecoledger/ledger';
import { ProductsError } from '../../errors.js';
import { assetOf, closedRecord, principalOf, requiredString } from '../../interest/input.js';
import { isNonPerforming, riskClassOf, type RiskClass } from './riskClass.js';

/** Interest recognised in income but unpaid (major units): contract interest and penalty/compound interest. */
export interface AccruedUnpaidInterest {
  readonly interest: string;
  readonly penalty: string;
}

/** Input of {@link nonAccrualChange}. */
export interface NonAccrualInput {
  readonly previous: RiskClass;
  readonly next: RiskClass;
  /** Accrued, unpaid and still on balance sheet on the day of the change. */
  readonly accruedUnpaid: AccruedUnpaidInterest;
  /** CNY when omitted. */
  readonly asset?: Asset;
}

/** Amounts by component, with their total. */
export interface InterestAmounts extends AccruedUnpaidInterest {
  readonly total: string;
}

/** What to book for a class change. */
export interface NonAccrualChange {
  /** `stop` on becoming non-performing, `resume` on returning to performing, otherwise `unchanged`. */
  readonly accrual: 'stop' | 'resume' | 'unchanged';
  /** Reversed out of interest income (and out of interest receivable). */
  readonly reverseFromIncome: InterestAmounts;
  /** Recorded in the off-balance-sheet memo accounts: the same amounts, still owed by the borrower. */
  readonly moveOffBalanceSheet: InterestAmounts;
}

const INPUT_FIELDS = ['previous', 'next', 'accruedUnpaid', 'asset'] as const;
const INTEREST_FIELDS = ['interest', 'penalty'] as const;

/**
 * The accrual switch and the amounts to reverse and move off balance sheet for a change of class.
 * Known answer: special-mention → substandard with 120.50 interest and 8.25 penalty accrued unpaid
 * stops accrual and reverses and moves 128.75.
 * @throws ProductsError `input_not_object`, `field_unknown`, `field_missing`, `risk_class_unknown`,
 *   `amount_invalid`, `amount_negative`, `asset_invalid`.
 */
export function nonAccrualChange(input: NonAccrualInput): NonAccrualChange {
  const record = closedRecord(input, INPUT_FIELDS);
  const asset = assetOf(record['asset']);
  const previous = riskClassOf(record['previous'], 'previous');
  const next = riskClassOf(record['next'], 'next');
  if (record['accruedUnpaid'] === undefined) throw new ProductsError('field_missing', 'accruedUnpaid', 'accruedUnpaid');
  const accrued = closedRecord(record['accruedUnpaid'], INTEREST_FIELDS);
  const interest = principalOf(requiredString(accrued, 'interest'), asset, 'accruedUnpaid.interest');
  const penalty = principalOf(requiredString(accrued, 'penalty'), asset, 'accruedUnpaid.penalty');
  const text = (minor: bigint): string => minorToDecimal(minor, asset.scale);
  const amounts = (i: bigint, p: bigint): InterestAmounts => ({ interest: text(i), penalty: text(p), total: text(i + p) });
  const stops = !isNonPerforming(previous) && isNonPerforming(next);
  const resumes = isNonPerforming(previous) && !isNonPerforming(next);
  const moved = stops ? amounts(interest, penalty) : amounts(0n, 0n);
  return { accrual: stops ? 'stop' : resumes ? 'resume' : 'unchanged', reverseFromIncome: moved, moveOffBalanceSheet: moved };
}
