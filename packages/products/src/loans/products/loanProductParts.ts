/**
 * The nested records of a loan product: pricing, grace periods, collateral and transfer codes.
 * Each is a closed record (unknown fields refused) checked on its own.
 */
import { ProductsError, describeValue } from '../../errors.js';
import { closedRecord } from '../../interest/input.js';
import { choiceOf, integerOf } from '../../input/fields.js';
import { MAX_ACCOUNT_CODE, MAX_OVERDUE_GRACE_DAYS, MAX_PRINCIPAL_GRACE_MONTHS } from '../../limits.js';
import { BENCHMARKS, type Benchmark } from '../pricing/lprTable.js';
import { basisPointsOf } from '../pricing/priceRate.js';
import { booleanOf, percentOf } from './loanFields.js';

/** How the product is priced: a benchmark LPR plus a spread the credit decision picks within bounds. */
export interface LoanPricing {
  readonly benchmark: Benchmark;
  /** Whole basis points as strings ("-45", "300"); min ≤ max. */
  readonly spreadBpsMin: string;
  readonly spreadBpsMax: string;
}

/** Grace periods: days after a due date before the instalment is overdue, and months of interest-only at the start. */
export interface LoanGracePeriods {
  /** Days after a due date during which payment is not yet overdue (宽限期), 0..MAX_OVERDUE_GRACE_DAYS. */
  readonly overdueDays: number;
  /** Months from drawdown during which no principal falls due (education loans), 0..MAX_PRINCIPAL_GRACE_MONTHS. */
  readonly principalMonths: number;
}

/** Whether a loan needs collateral, and the largest loan-to-value ratio then allowed. */
export type LoanCollateral = { readonly required: false } | { readonly required: true; readonly maxLtvPercent: string };

/** Ledger transfer codes of a loan's movements (inside the loan product's transfer code range). */
export interface LoanTransferCodes {
  readonly disbursement: number;
  readonly principalRepayment: number;
  readonly interestAccrual: number;
  readonly interestRepayment: number;
  readonly penaltyInterest: number;
  readonly writeOff: number;
  /** Loss allowance charges and releases (impairment ↔ allowance). */
  readonly provision: number;
  /** The accrual stop of a non-performing loan: accrued interest moved off balance sheet. */
  readonly nonAccrual: number;
  /** Money recovered on a written-off loan. */
  readonly recovery: number;
  /** Held credit paid back to the borrower (credit applied to an installment is a repayment). */
  readonly creditRefund: number;
  /** Fees charged and reversed: required when the product charges fees. */
  readonly fee?: number;
}

const TRANSFER_CODE_FIELDS = ['disbursement', 'principalRepayment', 'interestAccrual', 'interestRepayment', 'penaltyInterest', 'writeOff', 'provision', 'nonAccrual', 'recovery', 'creditRefund'] as const;
const OPTIONAL_TRANSFER_CODE_FIELDS = ['fee'] as const;

/** Checks the pricing record. @throws `benchmark_unknown`, `basis_points_invalid`, `loan_product_invalid` (min above max). */
export const loanPricingOf = (value: unknown): LoanPricing => {
  const record = closedRecord(value, ['benchmark', 'spreadBpsMin', 'spreadBpsMax']);
  const benchmark = choiceOf(record, 'benchmark', BENCHMARKS, 'benchmark_unknown');
  const min = basisPointsOf(record['spreadBpsMin'], 'pricing.spreadBpsMin');
  const max = basisPointsOf(record['spreadBpsMax'], 'pricing.spreadBpsMax');
  if (min > max) throw new ProductsError('loan_product_invalid', `spreadBpsMin ${min} is above spreadBpsMax ${max}`, 'pricing.spreadBpsMin');
  return Object.freeze({ benchmark, spreadBpsMin: String(min), spreadBpsMax: String(max) });
};

/** Checks the grace periods; none when absent. @throws `count_invalid`. */
export const loanGracePeriodsOf = (value: unknown): LoanGracePeriods => {
  if (value === undefined) return Object.freeze({ overdueDays: 0, principalMonths: 0 });
  const record = closedRecord(value, ['overdueDays', 'principalMonths']);
  return Object.freeze({
    overdueDays: integerOf(record['overdueDays'], 'gracePeriods.overdueDays', 0, MAX_OVERDUE_GRACE_DAYS),
    principalMonths: integerOf(record['principalMonths'], 'gracePeriods.principalMonths', 0, MAX_PRINCIPAL_GRACE_MONTHS),
  });
};

/** Checks the collateral record: a maximum LTV exactly when collateral is required. @throws `field_not_boolean`, `percent_invalid`, `loan_product_invalid`. */
export const loanCollateralOf = (value: unknown): LoanCollateral => {
  const record = closedRecord(value, ['required', 'maxLtvPercent']);
  const required = booleanOf(record, 'required');
  if (!required) {
    if (record['maxLtvPercent'] !== undefined) throw new ProductsError('loan_product_invalid', 'a maximum LTV needs required collateral', 'collateral.maxLtvPercent');
    return Object.freeze({ required });
  }
  if (record['maxLtvPercent'] === undefined) throw new ProductsError('field_missing', 'collateral.maxLtvPercent', 'collateral.maxLtvPercent');
  const maxLtvPercent = percentOf(record['maxLtvPercent'], 'collateral.maxLtvPercent');
  if (/^0(\.0*)?$/.test(maxLtvPercent)) throw new ProductsError('percent_invalid', 'a maximum LTV of 0 % lends nothing', 'collateral.maxLtvPercent');
  return Object.freeze({ required, maxLtvPercent });
};

/** Checks the transfer codes: each an integer 1..65535, all ten named, `fee` optional. @throws `transfer_code_invalid` (also for a missing one), `field_unknown`. */
export const loanTransferCodesOf = (value: unknown): LoanTransferCodes => {
  const record = closedRecord(value, [...TRANSFER_CODE_FIELDS, ...OPTIONAL_TRANSFER_CODE_FIELDS]);
  const codeOf = (name: (typeof TRANSFER_CODE_FIELDS)[number] | 'fee'): number => {
    const code = record[name];
    if (typeof code !== 'number' || !Number.isInteger(code) || code < 1 || code > MAX_ACCOUNT_CODE) {
      throw new ProductsError('transfer_code_invalid', describeValue(code), `transferCodes.${name}`);
    }
    return code;
  };
  const named = TRANSFER_CODE_FIELDS.map((name) => [name, codeOf(name)] as const);
  const fee = record['fee'] === undefined ? [] : [['fee', codeOf('fee')] as const];
  return Object.freeze(Object.fromEntries([...named, ...fee]) as unknown as LoanTransferCodes);
};
