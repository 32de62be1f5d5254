/**
 * A time-deposit product as data: the terms it offers with their posted rate tables, the demand
 * rates for early withdrawal and money held past maturity, how interest is counted and rounded,
 * the minimums, and the ledger codes its postings use. One decider serves one product.
 */
import type { Asset, RoundingMode } from '@ecoledger/ledger';
import { DAY_COUNTS, type DayCount } from '../../calendar/dayCount.js';
import { ProductsError, describeValue } from '../../errors.js';
import { assetOf, closedRecord, principalOf, rateOf, requiredString, roundingOf } from '../../interest/input.js';
import { COMPOUNDINGS, type Compounding } from '../../interest/termDeposit.js';
import { MAX_PARTIAL_WITHDRAWALS, MAX_RATE_CHANGES, MAX_ACCOUNT_CODE, MAX_TERM_MONTHS, MAX_TIME_DEPOSIT_TERMS } from '../../limits.js';
import { ACCOUNTING_BASES, type AccountingBasis } from '../../posting/postingRules.js';
import { rateTable, type RateTable } from '../../rates/rateTable.js';
import { choiceOf, identifierOf, integerOf } from '../../input/fields.js';

/** One offered term and its posted rates (a rate change applies to deposits placed from its date). */
export interface TimeDepositTerm {
  /** The term in months, 1..600 (3, 6, 12, 24, 36, 60 in China). */
  readonly months: number;
  readonly rates: RateTable;
}

/** Transfer codes of the product's postings (inside the product's transfer code range). */
export interface TimeDepositTransferCodes {
  /** Placement: funding → deposit. */
  readonly place: number;
  /** Interest: expense → payable (accrual), expense or payable → customer (payment). */
  readonly interest: number;
  /** Principal repaid: deposit → funding. */
  readonly payout: number;
  /** Tax withheld from interest: → withholding tax payable. */
  readonly withholding: number;
}

/**
 * How the interest of a whole term is counted: `days` by the day count between the term's dates;
 * `months` as months ÷ 12 of a year (the Chinese 整存整取 rule and the published calculators).
 * Days held before maturity, and after it, are always counted by the day count.
 */
export type TermInterestBasis = 'days' | 'months';

/** A validated time-deposit product; build it with {@link timeDepositProduct}. */
export interface TimeDepositProduct {
  readonly code: string;
  readonly asset: Asset;
  /** Ledger (book) id the product posts to. */
  readonly ledger: string;
  /** Chart-of-accounts code of each contract's deposit account (a time-deposit liability). */
  readonly depositAccountCode: number;
  readonly terms: readonly TimeDepositTerm[];
  /** The demand rate: early withdrawal and money held past maturity earn it. */
  readonly demandRates: RateTable;
  readonly dayCount: DayCount;
  readonly termInterestBasis: TermInterestBasis;
  readonly compounding: Compounding;
  readonly rounding: RoundingMode;
  /** Decimal strings in major units of `asset`. */
  readonly minimumPrincipal: string;
  readonly minimumRemainingPrincipal: string;
  /** Partial early withdrawals allowed per term (China: 1). */
  readonly maxPartialWithdrawals: number;
  readonly accountingBasis: AccountingBasis;
  readonly transferCodes: TimeDepositTransferCodes;
  /** Percent of gross interest withheld as tax ("0" when none; at most 100). */
  readonly withholdingTaxPercent: string;
}

const PRODUCT_FIELDS = [
  'code', 'asset', 'ledger', 'depositAccountCode', 'terms', 'demandRates', 'dayCount', 'termInterestBasis', 'compounding', 'rounding',
  'minimumPrincipal', 'minimumRemainingPrincipal', 'maxPartialWithdrawals', 'accountingBasis', 'transferCodes', 'withholdingTaxPercent',
] as const;
const TRANSFER_CODE_FIELDS = ['place', 'interest', 'payout', 'withholding'] as const;

const codeNumber = (value: unknown, field: string): number => integerOf(value, field, 1, MAX_ACCOUNT_CODE);

const ratesOf = (value: unknown, field: string): RateTable => {
  // Checked before mapping, so a hostile million-entry array is refused without being walked.
  if (!Array.isArray(value) || value.length > MAX_RATE_CHANGES) throw new ProductsError('rate_table_invalid', describeValue(value), field);
  return rateTable(
    value.map((entry: unknown) => {
      const record = closedRecord(entry, ['from', 'ratePercent']);
      return { from: requiredString(record, 'from'), ratePercent: requiredString(record, 'ratePercent') };
    }),
  );
};

const termsOf = (value: unknown): TimeDepositTerm[] => {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_TIME_DEPOSIT_TERMS) {
    throw new ProductsError('product_invalid', `terms must list 1..${MAX_TIME_DEPOSIT_TERMS} terms, got ${describeValue(value)}`, 'terms');
  }
  const terms: TimeDepositTerm[] = [];
  for (const [index, entry] of value.entries()) {
    const record = closedRecord(entry, ['months', 'rates']);
    const months = record['months'];
    if (typeof months !== 'number' || !Number.isInteger(months) || months < 1 || months > MAX_TERM_MONTHS) {
      throw new ProductsError('months_invalid', describeValue(months), `terms[${index}].months`);
    }
    if (terms.some((term) => term.months === months)) throw new ProductsError('product_invalid', `term of ${months} months listed twice`, `terms[${index}].months`);
    terms.push(Object.freeze({ months, rates: ratesOf(record['rates'], `terms[${index}].rates`) }));
  }
  return terms;
};

const transferCodesOf = (value: unknown): TimeDepositTransferCodes => {
  const record = closedRecord(value, TRANSFER_CODE_FIELDS);
  return Object.freeze({
    place: codeNumber(record['place'], 'transferCodes.place'),
    interest: codeNumber(record['interest'], 'transferCodes.interest'),
    payout: codeNumber(record['payout'], 'transferCodes.payout'),
    withholding: codeNumber(record['withholding'], 'transferCodes.withholding'),
  });
};

const taxPercentOf = (value: unknown): string => {
  if (value === undefined) return '0';
  if (typeof value !== 'string') throw new ProductsError('field_not_string', describeValue(value), 'withholdingTaxPercent');
  if (rateOf(value, 'withholdingTaxPercent') > rateOf('100')) throw new ProductsError('rate_out_of_range', `${describeValue(value)} exceeds 100 %`, 'withholdingTaxPercent');
  return value;
};

/**
 * Checks time-deposit product data (unknown fields refused) and returns it frozen, with defaults:
 * CNY, half-up rounding, no compounding, `days` term interest, no withholding tax.
 * @throws ProductsError with the specific code and the offending field.
 */
export function timeDepositProduct(input: unknown): TimeDepositProduct {
  const record = closedRecord(input, PRODUCT_FIELDS);
  const asset = assetOf(record['asset']);
  const amount = (field: string): string => {
    const text = requiredString(record, field);
    principalOf(text, asset, field);
    return text;
  };
  return Object.freeze({
    code: identifierOf(record, 'code'),
    asset,
    ledger: identifierOf(record, 'ledger'),
    depositAccountCode: codeNumber(record['depositAccountCode'], 'depositAccountCode'),
    terms: Object.freeze(termsOf(record['terms'])),
    demandRates: ratesOf(record['demandRates'], 'demandRates'),
    dayCount: choiceOf(record, 'dayCount', DAY_COUNTS, 'day_count_unknown'),
    termInterestBasis: record['termInterestBasis'] === undefined ? 'days' : choiceOf(record, 'termInterestBasis', ['days', 'months'] as const, 'product_invalid'),
    compounding: record['compounding'] === undefined ? 'none' : choiceOf(record, 'compounding', COMPOUNDINGS, 'compounding_unknown'),
    rounding: roundingOf(record['rounding']),
    minimumPrincipal: amount('minimumPrincipal'),
    minimumRemainingPrincipal: amount('minimumRemainingPrincipal'),
    maxPartialWithdrawals: integerOf(record['maxPartialWithdrawals'], 'maxPartialWithdrawals', 0, MAX_PARTIAL_WITHDRAWALS),
    accountingBasis: choiceOf(record, 'accountingBasis', ACCOUNTING_BASES, 'accounting_basis_unknown'),
    transferCodes: transferCodesOf(record['transferCodes']),
    withholdingTaxPercent: taxPercentOf(record['withholdingTaxPercent']),
  });
}

/** The term of `months` the product offers, if it does. */
export const offeredTerm = (product: TimeDepositProduct, months: number): TimeDepositTerm | undefined =>
  product.terms.find((term) => term.months === months);
