/**
 * A loan product as data: what may be lent (amounts, terms, repayment methods), how it is priced
 * (a benchmark LPR plus a spread, re-priced on reset dates), what overdue costs, who may apply
 * through which channels, and the ledger codes its postings use. One loan contract follows one
 * product; the templates in templates.ts are the bank's four lines.
 */
import { decimalToMinor, type Asset, type RoundingMode } from '@ecoledger/ledger';
import { upgradeObservationOf, type UpgradeObservation } from '../classification/upgradeObservation.js';
import { chargesFees, loanFeesOf, type LoanFees } from '../fees/feeRules.js';
import { DAY_COUNTS, type DayCount } from '../../calendar/dayCount.js';
import { ProductsError } from '../../errors.js';
import { assetOf, closedRecord, principalOf, requiredString, roundingOf } from '../../interest/input.js';
import { choiceOf, identifierOf, integerOf } from '../../input/fields.js';
import { MAX_ACCOUNT_CODE, MAX_TERM_MONTHS } from '../../limits.js';
import { loanReset, type LoanReset } from '../pricing/repricing.js';
import { booleanOf, choicesOf, percentOf } from './loanFields.js';
import { REPAYMENT_FREQUENCIES, type RepaymentFrequency } from '../schedule/dueDates.js';
import { SCHEDULE_METHODS, type ScheduleMethod } from '../schedule/scheduleInput.js';
import { DEFAULT_WATERFALL, waterfall, type Waterfall } from '../waterfall/waterfall.js';
import {
  loanCollateralOf,
  loanGracePeriodsOf,
  loanPricingOf,
  loanTransferCodesOf,
  type LoanCollateral,
  type LoanGracePeriods,
  type LoanPricing,
  type LoanTransferCodes,
} from './loanProductParts.js';

/** The bank's loan lines. */
export type LoanKind = 'mortgage' | 'car' | 'education' | 'consumer';
/** Every loan kind, for validation. */
export const LOAN_KINDS: readonly LoanKind[] = Object.freeze(['mortgage', 'car', 'education', 'consumer']);

/** 等额本息, 等额本金, interest-only (先息后本) and bullet (到期一次还本付息): the schedule's methods. */
export type RepaymentMethod = ScheduleMethod;
/** Every repayment method, for validation. */
export const REPAYMENT_METHODS: readonly RepaymentMethod[] = SCHEDULE_METHODS;

/** The customer channels a loan may be applied for through (the ledger's batch and system are not customers). */
export type LoanChannel = 'app' | 'web' | 'branch' | 'partner-api';
/** Every loan channel, for validation. */
export const LOAN_CHANNELS: readonly LoanChannel[] = Object.freeze(['app', 'web', 'branch', 'partner-api']);

/** A validated loan product; build it with {@link loanProduct}. Amounts are decimal strings in major units of `asset`. */
export interface LoanProduct {
  readonly code: string;
  readonly kind: LoanKind;
  readonly asset: Asset;
  /** Ledger (book) id the product posts to. */
  readonly ledger: string;
  /** Chart-of-accounts code of each contract's principal account (1301 loans receivable by default). */
  readonly principalAccountCode: number;
  readonly minAmount: string;
  readonly maxAmount: string;
  readonly minTermMonths: number;
  readonly maxTermMonths: number;
  readonly repaymentMethods: readonly RepaymentMethod[];
  readonly repaymentFrequency: RepaymentFrequency;
  readonly dayCount: DayCount;
  readonly rounding: RoundingMode;
  readonly pricing: LoanPricing;
  readonly reset: LoanReset;
  /** Overdue (penalty) rate = contract rate × (1 + uplift ÷ 100); PBoC practice is 30–50 %. Default "50". */
  readonly penaltyUpliftPercent: string;
  /** Whether unpaid interest itself earns penalty interest (复利). */
  readonly compoundOverdueInterest: boolean;
  readonly gracePeriods: LoanGracePeriods;
  readonly channels: readonly LoanChannel[];
  /** Whether the per-borrower cap on internet consumer credit counts this product's loans (consumer loans only). */
  readonly internetConsumerCapApplies: boolean;
  readonly transferCodes: LoanTransferCodes;
  readonly collateral: LoanCollateral;
  /** Whether credit held for the borrower (an overpayment kept) pays installments as they fall due; otherwise it waits for `RefundCredit`. */
  readonly applyHeldCredit: boolean;
  /** How a repayment is spread over what is owed; it serves past-due, then due installments (a payoff serves every status). */
  readonly waterfall: Waterfall;
  /** The fees the product charges (origination, late payment); none by default. Charging any needs `transferCodes.fee`. */
  readonly fees: LoanFees;
  /** What a non-performing loan must show before it is upgraded; two installments or six months, whichever is longer, by default. */
  readonly upgradeObservation: UpgradeObservation;
}

const PRODUCT_FIELDS = [
  'code', 'kind', 'asset', 'ledger', 'principalAccountCode', 'minAmount', 'maxAmount', 'minTermMonths', 'maxTermMonths',
  'repaymentMethods', 'repaymentFrequency', 'dayCount', 'rounding', 'pricing', 'reset', 'penaltyUpliftPercent',
  'compoundOverdueInterest', 'gracePeriods', 'channels', 'internetConsumerCapApplies', 'transferCodes', 'collateral', 'waterfall', 'applyHeldCredit',
  'fees', 'upgradeObservation',
] as const;

/** Product data as given (JSON): the fields of {@link LoanProduct}; asset, rounding, penalty uplift, grace periods, waterfall and held-credit use may be left out. */
export type LoanProductInput = Omit<LoanProduct, 'asset' | 'rounding' | 'penaltyUpliftPercent' | 'gracePeriods' | 'waterfall' | 'applyHeldCredit' | 'fees' | 'upgradeObservation'> & {
  /** Data for the fee rules (see fees/feeRules.ts); no fees when omitted. */
  readonly fees?: unknown;
  /** { installments, months }; DEFAULT_UPGRADE_OBSERVATION when omitted. */
  readonly upgradeObservation?: unknown;
  /** False when omitted. */
  readonly applyHeldCredit?: boolean;
  readonly asset?: Asset;
  readonly rounding?: RoundingMode;
  readonly penaltyUpliftPercent?: string;
  readonly gracePeriods?: LoanGracePeriods;
  /** Data for `waterfall(...)`: order, mode, statuses; DEFAULT_WATERFALL when omitted. */
  readonly waterfall?: unknown;
};

/** The product's waterfall: checked data that serves past-due and due installments, in that order, first. */
const productWaterfallOf = (value: unknown): Waterfall => {
  if (value === undefined) return DEFAULT_WATERFALL;
  const checked = waterfall(value);
  // A repayment must be able to pay what is due: a waterfall skipping a tier would refund every payment.
  if (checked.statuses[0] !== 'past-due' || checked.statuses[1] !== 'due') throw new ProductsError('loan_product_invalid', 'the waterfall must serve past-due, then due installments', 'waterfall.statuses');
  return checked;
};

const fieldMissing = (record: Readonly<Record<string, unknown>>, field: string): unknown => {
  if (record[field] === undefined) throw new ProductsError('field_missing', field, field);
  return record[field];
};

/**
 * Checks loan product data (unknown fields refused, amounts decimal strings) and returns it frozen,
 * with defaults: CNY, half-up rounding, a 50 % penalty uplift, no grace periods, the default waterfall, held credit kept until refunded,
 * no fees, the regulation's upgrade observation. Cross-field rules:
 * min ≤ max for amounts, terms and spreads; mortgages and car loans require collateral; only
 * consumer loans fall under the internet consumer cap; a principal grace shorter than the longest term;
 * fees need a fee transfer code; a fixed origination fee deducted from the payout is below minAmount.
 * @throws ProductsError with the specific code and the offending field.
 */
export function loanProduct(input: LoanProductInput): LoanProduct {
  const record = closedRecord(input, PRODUCT_FIELDS);
  const code = identifierOf(record, 'code');
  const kind = choiceOf(record, 'kind', LOAN_KINDS, 'loan_kind_unknown');
  const asset = assetOf(record['asset']);
  const amount = (field: string): bigint => principalOf(requiredString(record, field), asset, field);
  const [minAmount, maxAmount] = [amount('minAmount'), amount('maxAmount')];
  if (minAmount === 0n) throw new ProductsError('amount_not_positive', 'minAmount must be above zero', 'minAmount');
  if (minAmount > maxAmount) throw new ProductsError('loan_product_invalid', 'minAmount is above maxAmount', 'minAmount');
  const minTermMonths = integerOf(record['minTermMonths'], 'minTermMonths', 1, MAX_TERM_MONTHS);
  const maxTermMonths = integerOf(record['maxTermMonths'], 'maxTermMonths', 1, MAX_TERM_MONTHS);
  if (minTermMonths > maxTermMonths) throw new ProductsError('loan_product_invalid', 'minTermMonths is above maxTermMonths', 'minTermMonths');
  const gracePeriods = loanGracePeriodsOf(record['gracePeriods']);
  if (gracePeriods.principalMonths >= maxTermMonths) throw new ProductsError('loan_product_invalid', 'the principal grace must end before the longest term', 'gracePeriods.principalMonths');
  const collateral = loanCollateralOf(fieldMissing(record, 'collateral'));
  if ((kind === 'mortgage' || kind === 'car') && !collateral.required) throw new ProductsError('loan_product_invalid', `a ${kind} loan is secured on the property or vehicle`, 'collateral.required');
  const internetConsumerCapApplies = booleanOf(record, 'internetConsumerCapApplies');
  if (internetConsumerCapApplies && kind !== 'consumer') throw new ProductsError('loan_product_invalid', 'the internet consumer cap applies to consumer loans only', 'internetConsumerCapApplies');
  const principalAccountCode = integerOf(record['principalAccountCode'], 'principalAccountCode', 1, MAX_ACCOUNT_CODE);
  const transferCodes = loanTransferCodesOf(fieldMissing(record, 'transferCodes'));
  const fees = loanFeesOf(record['fees'], asset);
  if (chargesFees(fees) && transferCodes.fee === undefined) throw new ProductsError('transfer_code_invalid', 'a product that charges fees names their transfer code', 'transferCodes.fee');
  const origination = fees.origination;
  if (origination?.fixedAmount !== undefined && origination.settlement === 'deducted' && decimalToMinor(origination.fixedAmount, asset.scale) >= minAmount) {
    throw new ProductsError('fee_not_below_payout', `${origination.fixedAmount} is not below minAmount`, 'fees.origination.fixedAmount');
  }
  return Object.freeze({
    code,
    kind,
    asset,
    ledger: identifierOf(record, 'ledger'),
    principalAccountCode,
    minAmount: record['minAmount'] as string,
    maxAmount: record['maxAmount'] as string,
    minTermMonths,
    maxTermMonths,
    repaymentMethods: choicesOf(record['repaymentMethods'], 'repaymentMethods', REPAYMENT_METHODS, 'repayment_method_unknown'),
    repaymentFrequency: choiceOf(record, 'repaymentFrequency', REPAYMENT_FREQUENCIES, 'repayment_frequency_unknown'),
    dayCount: choiceOf(record, 'dayCount', DAY_COUNTS, 'day_count_unknown'),
    rounding: roundingOf(record['rounding']),
    pricing: loanPricingOf(fieldMissing(record, 'pricing')),
    reset: loanReset(fieldMissing(record, 'reset')),
    penaltyUpliftPercent: record['penaltyUpliftPercent'] === undefined ? '50' : percentOf(record['penaltyUpliftPercent'], 'penaltyUpliftPercent'),
    compoundOverdueInterest: booleanOf(record, 'compoundOverdueInterest'),
    gracePeriods,
    channels: choicesOf(record['channels'], 'channels', LOAN_CHANNELS, 'channel_unknown'),
    internetConsumerCapApplies,
    transferCodes,
    collateral,
    waterfall: productWaterfallOf(record['waterfall']),
    applyHeldCredit: record['applyHeldCredit'] === undefined ? false : booleanOf(record, 'applyHeldCredit'),
    fees,
    upgradeObservation: upgradeObservationOf(record['upgradeObservation']),
  });
}
