/**
 * A loan product's fee rules, as data: a one-off origination (processing) fee charged at payout and
 * a late-payment fee charged once per installment that becomes overdue. Each is a fixed amount or a
 * percent of its base with a named rounding mode; the late fee may be capped per installment. An
 * origination fee is deducted from the payout or financed (added to the fee receivable and repaid
 * through the waterfall). A product without fee rules charges nothing.
 */
import type { Asset, RoundingMode } from '@ecoledger/ledger';
import { ProductsError, describeValue } from '../../errors.js';
import { choiceOf } from '../../input/fields.js';
import { closedRecord, principalOf, requiredString, roundingOf } from '../../interest/input.js';
import { percentOf } from '../products/loanFields.js';

/**
 * How a fee is computed: a fixed amount, or a percent of its base rounded once with a named mode.
 * The checked rule keeps the shape of its input, so a checked product is valid product data again.
 */
export type FeeCalculation =
  | { readonly fixedAmount: string; readonly ratePercent?: never; readonly rounding?: never }
  | { readonly ratePercent: string; readonly rounding: RoundingMode; readonly fixedAmount?: never };

/** Where an origination fee is settled: out of the payout, or owed on the loan and repaid. */
export type OriginationFeeSettlement = 'deducted' | 'financed';
/** Every settlement of an origination fee, for validation. */
export const ORIGINATION_FEE_SETTLEMENTS: readonly OriginationFeeSettlement[] = Object.freeze(['deducted', 'financed']);

/** The origination fee: on the principal paid out. */
export type OriginationFeeRule = FeeCalculation & { readonly settlement: OriginationFeeSettlement };

/** The late-payment fee: on the overdue installment (its unpaid principal and interest), at most `capPerInstallment` when set. */
export type LatePaymentFeeRule = FeeCalculation & { readonly capPerInstallment?: string };

/** The fee rules of a loan product; an absent rule charges nothing. */
export interface LoanFees {
  readonly origination?: OriginationFeeRule;
  readonly latePayment?: LatePaymentFeeRule;
}

/** The kinds of fee a loan charges. */
export type LoanFeeKind = 'origination' | 'late-payment';
/** Every fee kind, for event codecs. */
export const LOAN_FEE_KINDS: readonly LoanFeeKind[] = Object.freeze(['origination', 'late-payment']);

/** How a charge is settled: out of the payout (clearing), or owed on the loan's fee receivable. */
export type FeeSettlement = 'deducted' | 'receivable';
/** Every fee settlement, for event codecs. */
export const FEE_SETTLEMENTS: readonly FeeSettlement[] = Object.freeze(['deducted', 'receivable']);

/** No fees: what a product without fee rules has. */
export const NO_LOAN_FEES: LoanFees = Object.freeze({});

/** True when the product charges any fee (its loans then have a fee receivable account). */
export const chargesFees = (fees: LoanFees): boolean => fees.origination !== undefined || fees.latePayment !== undefined;

type FieldRecord = Readonly<Record<string, unknown>>;

/** Exactly one of `fixedAmount` (a positive amount) and `ratePercent` (with its `rounding`, which a fixed amount must not name). */
const calculationOf = (record: FieldRecord, asset: Asset, path: string): FeeCalculation => {
  const fixed = record['fixedAmount'];
  const rate = record['ratePercent'];
  if ((fixed === undefined) === (rate === undefined)) throw new ProductsError('fee_rule_invalid', 'name exactly one of fixedAmount and ratePercent', `${path}.fixedAmount`);
  if (fixed !== undefined) {
    if (record['rounding'] !== undefined) throw new ProductsError('fee_rule_invalid', 'a fixed amount is not rounded', `${path}.rounding`);
    const text = requiredString(record, 'fixedAmount');
    if (principalOf(text, asset, `${path}.fixedAmount`) === 0n) throw new ProductsError('amount_not_positive', describeValue(text), `${path}.fixedAmount`);
    return Object.freeze({ fixedAmount: text });
  }
  const ratePercent = percentOf(rate, `${path}.ratePercent`);
  if (/^0(\.0*)?$/.test(ratePercent)) throw new ProductsError('percent_invalid', 'a fee of 0 % charges nothing: leave the rule out', `${path}.ratePercent`);
  // Rounding is product policy: a rate-based fee names its mode, no default is guessed.
  if (record['rounding'] === undefined) throw new ProductsError('field_missing', `${path}.rounding`, `${path}.rounding`);
  return Object.freeze({ ratePercent, rounding: roundingOf(record['rounding']) });
};

const originationOf = (value: unknown, asset: Asset): OriginationFeeRule => {
  const record = closedRecord(value, ['fixedAmount', 'ratePercent', 'rounding', 'settlement']);
  const settlement = choiceOf(record, 'settlement', ORIGINATION_FEE_SETTLEMENTS, 'fee_rule_invalid');
  return Object.freeze({ ...calculationOf(record, asset, 'fees.origination'), settlement });
};

const latePaymentOf = (value: unknown, asset: Asset): LatePaymentFeeRule => {
  const record = closedRecord(value, ['fixedAmount', 'ratePercent', 'rounding', 'capPerInstallment']);
  const calculation = calculationOf(record, asset, 'fees.latePayment');
  if (record['capPerInstallment'] === undefined) return calculation;
  const cap = requiredString(record, 'capPerInstallment');
  if (principalOf(cap, asset, 'fees.latePayment.capPerInstallment') === 0n) throw new ProductsError('amount_not_positive', describeValue(cap), 'fees.latePayment.capPerInstallment');
  if (calculation.fixedAmount !== undefined) throw new ProductsError('fee_rule_invalid', 'a fixed fee needs no cap', 'fees.latePayment.capPerInstallment');
  return Object.freeze({ ...calculation, capPerInstallment: cap });
};

/**
 * Checked fee rules from product data (unknown fields refused); none when absent.
 * @throws ProductsError `input_not_object`, `field_unknown`, `field_missing`, `field_not_string`,
 *   `fee_rule_invalid`, `amount_invalid`, `amount_negative`, `amount_not_positive`, `percent_invalid`,
 *   `rounding_mode_unknown`.
 */
export function loanFeesOf(value: unknown, asset: Asset): LoanFees {
  if (value === undefined) return NO_LOAN_FEES;
  const record = closedRecord(value, ['origination', 'latePayment']);
  return Object.freeze({
    ...(record['origination'] === undefined ? {} : { origination: originationOf(record['origination'], asset) }),
    ...(record['latePayment'] === undefined ? {} : { latePayment: latePaymentOf(record['latePayment'], asset) }),
  });
}
