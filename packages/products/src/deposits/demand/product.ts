/**
 * A demand (savings, 活期) deposit product: its asset, posted rates, day count, interest posting
 * schedule, rounding, withholding tax, accounting basis, class limits and ledger codes.
 */
import type { Asset, RoundingMode } from '@ecoledger/ledger';
import { interestPostingSchedule, type InterestPostingSchedule, type InterestPostingScheduleInput } from '../../calendar/postingSchedule.js';
import { ProductsError, describeValue } from '../../errors.js';
import { assetOf, closedRecord, optionalString, rateOf, roundingOf } from '../../interest/input.js';
import { MAX_ACCOUNT_CODE, MAX_WITHHOLDING_TAX_PERCENT } from '../../limits.js';
import { ACCOUNTING_BASES, type AccountingBasis } from '../../posting/postingRules.js';
import { rateTable, type RateTable } from '../../rates/rateTable.js';
import { classLimitsOf, type ClassLimits } from './classLimits.js';
import { choiceOf, identifierOf } from '../../input/fields.js';

/** The day counts a demand account accrues with (each day counts on its own, see accrual.ts). */
export type DemandDayCount = 'ACT/365' | 'ACT/360' | '30/360';

/** The demand day counts, for validation. */
export const DEMAND_DAY_COUNTS: readonly DemandDayCount[] = Object.freeze(['ACT/365', 'ACT/360', '30/360']);

/** Ledger transfer codes of the product's movements. */
export interface DemandTransferCodes {
  readonly deposit: number;
  readonly withdrawal: number;
  readonly interestAccrual: number;
  readonly interestPayment: number;
  readonly withholdingTax: number;
}

/** A validated demand-deposit product (see {@link demandDepositProduct}). */
export interface DemandDepositProduct {
  readonly code: string;
  readonly asset: Asset;
  readonly rates: RateTable;
  readonly dayCount: DemandDayCount;
  readonly postingSchedule: InterestPostingSchedule;
  readonly rounding: RoundingMode;
  /** Percent of the interest withheld as tax ("20"); absent when none is withheld. */
  readonly withholdingTaxPercent?: string;
  readonly accountingBasis: AccountingBasis;
  readonly classLimits: ClassLimits;
  /** The ledger id of the product's asset. */
  readonly ledger: string;
  /** Chart-of-accounts code of the customer's deposit account. */
  readonly customerAccountCode: number;
  readonly transferCodes: DemandTransferCodes;
}

/** Product data as given (JSON): amounts, rates and limits are decimal strings. */
export interface DemandDepositProductInput {
  readonly code: string;
  readonly asset?: Asset;
  readonly rates: readonly { readonly from: string; readonly ratePercent: string }[];
  readonly dayCount: DemandDayCount;
  readonly postingSchedule: InterestPostingScheduleInput;
  readonly rounding?: RoundingMode;
  readonly withholdingTaxPercent?: string;
  readonly accountingBasis: AccountingBasis;
  readonly classLimits?: { readonly [C in 'I' | 'II' | 'III']?: { readonly [L in 'dailyIn' | 'yearlyIn' | 'dailyOut' | 'yearlyOut' | 'maxBalance']?: string } };
  readonly ledger: string;
  readonly customerAccountCode: number;
  readonly transferCodes: DemandTransferCodes;
}

const PRODUCT_FIELDS = [
  'code',
  'asset',
  'rates',
  'dayCount',
  'postingSchedule',
  'rounding',
  'withholdingTaxPercent',
  'accountingBasis',
  'classLimits',
  'ledger',
  'customerAccountCode',
  'transferCodes',
] as const;
const TRANSFER_CODE_FIELDS = ['deposit', 'withdrawal', 'interestAccrual', 'interestPayment', 'withholdingTax'] as const;

const codeNumberOf = (value: unknown, field: string): number => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_ACCOUNT_CODE) {
    throw new ProductsError('transfer_code_invalid', describeValue(value), field);
  }
  return value;
};

const MAX_TAX_UNITS = rateOf(MAX_WITHHOLDING_TAX_PERCENT);

const withholdingOf = (value: string | undefined): string | undefined => {
  if (value === undefined) return undefined;
  // A tax rate is a percent like an interest rate, but of the interest: at most 100.
  let units: bigint;
  try {
    units = rateOf(value, 'withholdingTaxPercent');
  } catch {
    throw new ProductsError('withholding_tax_invalid', describeValue(value), 'withholdingTaxPercent');
  }
  if (units > MAX_TAX_UNITS) throw new ProductsError('withholding_tax_invalid', describeValue(value), 'withholdingTaxPercent');
  return value;
};

/**
 * Checks demand-deposit product data and fills defaults (CNY, half-up, the PBoC class limits).
 * Unknown fields are refused.
 * @throws ProductsError with the specific code of the first bad field.
 */
export function demandDepositProduct(input: DemandDepositProductInput): DemandDepositProduct {
  const record = closedRecord(input, PRODUCT_FIELDS);
  const code = identifierOf(record, 'code');
  const asset = assetOf(record['asset']);
  if (record['rates'] === undefined) throw new ProductsError('field_missing', 'rates', 'rates');
  const rates = rateTable(record['rates'] as DemandDepositProductInput['rates']);
  const dayCount = choiceOf(record, 'dayCount', DEMAND_DAY_COUNTS, 'day_count_unknown');
  if (record['postingSchedule'] === undefined) throw new ProductsError('field_missing', 'postingSchedule', 'postingSchedule');
  const postingSchedule = interestPostingSchedule(record['postingSchedule'] as InterestPostingScheduleInput);
  const rounding = roundingOf(record['rounding']);
  const withholdingTaxPercent = withholdingOf(optionalString(record, 'withholdingTaxPercent'));
  const accountingBasis = choiceOf(record, 'accountingBasis', ACCOUNTING_BASES, 'accounting_basis_unknown');
  const classLimits = classLimitsOf(record['classLimits'], asset);
  const ledger = identifierOf(record, 'ledger');
  const customerAccountCode = codeNumberOf(record['customerAccountCode'], 'customerAccountCode');
  const codes = closedRecord(record['transferCodes'] ?? {}, TRANSFER_CODE_FIELDS);
  const transferCodes = Object.freeze(
    Object.fromEntries(TRANSFER_CODE_FIELDS.map((name) => [name, codeNumberOf(codes[name], `transferCodes.${name}`)])) as unknown as DemandTransferCodes,
  );
  return Object.freeze({
    code,
    asset,
    rates,
    dayCount,
    postingSchedule,
    rounding,
    ...(withholdingTaxPercent === undefined ? {} : { withholdingTaxPercent }),
    accountingBasis,
    classLimits,
    ledger,
    customerAccountCode,
    transferCodes,
  });
}
