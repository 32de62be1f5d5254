/**
 * A credit application as the channel submits it: what is asked for and the facts the policy
 * scores. Amounts are decimal strings in major units of the product's asset; counts are integers.
 */
import type { Asset } from '@ecoledger/ledger';
import type { BusinessDate } from '../../calendar/businessDate.js';
import { ProductsError, describeValue } from '../../errors.js';
import { closedRecord, principalOf, requiredString } from '../../interest/input.js';
import { choiceOf, dateOf, identifierOf, integerOf } from '../../input/fields.js';
import { MAX_OVERDUE_COUNT, MAX_TERM_MONTHS } from '../../limits.js';
import { booleanOf } from '../products/loanFields.js';
import { LOAN_CHANNELS, REPAYMENT_METHODS, type LoanChannel, type RepaymentMethod } from '../products/loanProduct.js';

/** A validated application; build it with {@link creditApplication}. */
export interface CreditApplication {
  readonly applicationId: string;
  readonly borrowerId: string;
  readonly requestedAmount: string;
  readonly termMonths: number;
  readonly repaymentMethod: RepaymentMethod;
  readonly channel: LoanChannel;
  /** Verified monthly income before tax. */
  readonly monthlyIncome: string;
  /** Monthly debt service of all the borrower's debts, including the instalment of the loan applied for. */
  readonly monthlyDebtPayments: string;
  /** Outstanding principal of all the borrower's loans at every lender (credit bureau). */
  readonly existingExposure: string;
  /** Overdue episodes in the last 24 months (credit bureau). */
  readonly overdueCount24Months: number;
  /** Whether any of the borrower's debts is overdue today. */
  readonly currentlyOverdue: boolean;
  readonly birthDate: BusinessDate;
  /** Appraised value of the property or vehicle, for secured products. */
  readonly collateralValue?: string;
}

/** Application data as given (JSON). */
export type CreditApplicationInput = Omit<CreditApplication, 'birthDate'> & { readonly birthDate: string };

const APPLICATION_FIELDS = [
  'applicationId', 'borrowerId', 'requestedAmount', 'termMonths', 'repaymentMethod', 'channel', 'monthlyIncome',
  'monthlyDebtPayments', 'existingExposure', 'overdueCount24Months', 'currentlyOverdue', 'birthDate', 'collateralValue',
] as const;

/**
 * Checks an application (unknown fields refused; amounts non-negative decimal strings with at most
 * the asset's decimals; the requested amount above zero) and returns it frozen. Whether the product
 * offers the amount, term, method and channel is the policy's question, not a validation error.
 * @throws ProductsError with the specific code and the offending field.
 */
export function creditApplication(input: CreditApplicationInput, asset: Asset): CreditApplication {
  const record = closedRecord(input, APPLICATION_FIELDS);
  const amount = (field: string): string => {
    const text = requiredString(record, field);
    principalOf(text, asset, field);
    return text;
  };
  const requestedAmount = amount('requestedAmount');
  if (principalOf(requestedAmount, asset, 'requestedAmount') === 0n) throw new ProductsError('amount_not_positive', describeValue(requestedAmount), 'requestedAmount');
  const termMonths = record['termMonths'];
  if (typeof termMonths !== 'number' || !Number.isInteger(termMonths) || termMonths < 1 || termMonths > MAX_TERM_MONTHS) {
    throw new ProductsError('months_invalid', describeValue(termMonths), 'termMonths');
  }
  return Object.freeze({
    applicationId: identifierOf(record, 'applicationId'),
    borrowerId: identifierOf(record, 'borrowerId'),
    requestedAmount,
    termMonths,
    repaymentMethod: choiceOf(record, 'repaymentMethod', REPAYMENT_METHODS, 'repayment_method_unknown'),
    channel: choiceOf(record, 'channel', LOAN_CHANNELS, 'channel_unknown'),
    monthlyIncome: amount('monthlyIncome'),
    monthlyDebtPayments: amount('monthlyDebtPayments'),
    existingExposure: amount('existingExposure'),
    overdueCount24Months: integerOf(record['overdueCount24Months'], 'overdueCount24Months', 0, MAX_OVERDUE_COUNT),
    currentlyOverdue: booleanOf(record, 'currentlyOverdue'),
    birthDate: dateOf(record, 'birthDate'),
    ...(record['collateralValue'] === undefined ? {} : { collateralValue: amount('collateralValue') }),
  });
}
