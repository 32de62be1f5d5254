/**
 * The commands of a loan contract, as callers send them (JSON: amounts decimal strings, dates
 * `YYYY-MM-DD`, instants ISO-8601 UTC), and their run-time parsing: unknown fields and bad values
 * are refused with specific codes. Only `Apply` names the contract; the stream is the contract.
 * Every money command carries its value date `on` and the instant `at`: the aggregate reads no clock.
 */
import type { Asset } from '@ecoledger/ledger';
import type { BusinessDate } from '../../calendar/businessDate.js';
import { ProductsError, describeValue } from '../../errors.js';
import { choiceOf, dateOf, identifierOf, instantOf, integerOf, positiveAmountOf } from '../../input/fields.js';
import { closedRecord, principalOf, requiredString } from '../../interest/input.js';
import { MAX_LOAN_PURPOSE_LENGTH, MAX_OVERDUE_COUNT, MAX_TERM_MONTHS } from '../../limits.js';
import { riskClassOf, type RiskClass } from '../classification/riskClass.js';
import { booleanOf } from '../products/loanFields.js';
import { applicationContractIdOf } from './contractIds.js';
import { LOAN_CHANNELS, REPAYMENT_METHODS, type LoanChannel, type RepaymentMethod } from '../products/loanProduct.js';

/** Where a repayment comes from: the borrower's own payment, or the due-date auto-debit of close of business. */
export type RepaymentSource = 'manual' | 'auto-debit';
export const REPAYMENT_SOURCES: readonly RepaymentSource[] = Object.freeze(['manual', 'auto-debit']);
/** What happens to money beyond what is owed: paid back (through internal clearing) or held as the borrower's credit. */
export type OverpaymentOption = 'refund' | 'hold';
export const OVERPAYMENT_OPTIONS: readonly OverpaymentOption[] = Object.freeze(['refund', 'hold']);
/** A partial prepayment keeps the term and lowers the installment, or keeps the installment and shortens the term. */
export type PrepaymentOption = 'reduce-installment' | 'reduce-term';
export const PREPAYMENT_OPTIONS: readonly PrepaymentOption[] = Object.freeze(['reduce-installment', 'reduce-term']);

/** The facts the credit policy scores, besides what is asked for (see `CreditApplication`). */
export interface ApplicantFacts {
  readonly monthlyIncome: string;
  readonly monthlyDebtPayments: string;
  readonly existingExposure: string;
  readonly overdueCount24Months: number;
  readonly currentlyOverdue: boolean;
  readonly birthDate: string;
  readonly collateralValue?: string;
}

/** Applies for a loan; `linkedAccountId` is the borrower's demand account (payout and auto-debit). */
export interface ApplyCommand {
  readonly type: 'Apply';
  readonly contractId: string;
  readonly borrowerId: string;
  readonly productCode: string;
  readonly amount: string;
  readonly termMonths: number;
  readonly repaymentMethod: RepaymentMethod;
  readonly purpose: string;
  readonly channel: LoanChannel;
  readonly partnerId?: string;
  readonly linkedAccountId: string;
  readonly applicant: ApplicantFacts;
  readonly on: string;
  readonly at: string;
}
/** Runs the credit policy; the borrower's internet consumer outstanding is injected by the caller (a read model). */
export interface DecideCreditCommand {
  readonly type: 'DecideCredit';
  readonly on: string;
  readonly internetConsumerOutstanding: string;
}
/** Approves an approved decision: sets the limit and prices the rate (LPR on `on` + the decision's spread). */
export interface ApproveCommand {
  readonly type: 'Approve';
  readonly on: string;
  readonly at: string;
  readonly approvedBy: string;
}
/** The borrower signs the contract online. */
export interface SignCommand {
  readonly type: 'Sign';
  /** SHA-256 of the terms the borrower was shown, 64 lowercase hex digits. */
  readonly termsHash: string;
  readonly channel: LoanChannel;
  readonly at: string;
}
/** Pays the loan out (into internal clearing, from where the service deposits it in the linked account). */
export interface DisburseCommand {
  readonly type: 'Disburse';
  readonly amount: string;
  readonly on: string;
  readonly at: string;
  readonly reference: string;
}
/** The payout into the demand account failed: the disbursement is reversed and the contract is signed again. */
export interface ReverseDisbursementCommand {
  readonly type: 'ReverseDisbursement';
  readonly on: string;
  readonly at: string;
  readonly reason: string;
}
/** A repayment that arrived in internal clearing; `overpayment` says what happens to money beyond what is owed. */
export interface RepayCommand {
  readonly type: 'Repay';
  readonly amount: string;
  readonly source: RepaymentSource;
  readonly overpayment: OverpaymentOption;
  readonly reference: string;
  readonly on: string;
  readonly at: string;
}
/** An auto-debit found nothing to take: the whole amount due is recorded as a shortfall. */
export interface RecordShortfallCommand {
  readonly type: 'RecordShortfall';
  readonly on: string;
  readonly at: string;
}
/** A partial prepayment: arrears first, the rest reduces principal; the schedule is re-planned by `option`. */
export interface PrepayCommand {
  readonly type: 'Prepay';
  readonly amount: string;
  readonly option: PrepaymentOption;
  readonly reference: string;
  readonly on: string;
  readonly at: string;
}
/** Pays the loan off at the quote for `on` (interest through the day before); any excess is refunded. */
export interface PayOffCommand {
  readonly type: 'PayOff';
  readonly amount: string;
  readonly reference: string;
  readonly on: string;
  readonly at: string;
}
/** Pays the borrower's held credit back (through internal clearing). */
export interface RefundCreditCommand {
  readonly type: 'RefundCredit';
  readonly on: string;
  readonly at: string;
}
/** Close of business: accrue interest and penalty through `through`, billing installments as their due dates come. */
export interface AccrueInterestCommand {
  readonly type: 'AccrueInterest';
  readonly through: string;
}
/** Close of business: days past due, class, accrual switch and provision on `on`. */
export interface AssessCommand {
  readonly type: 'Assess';
  readonly on: string;
}
/** Writes off a non-performing loan against its allowance; the claim is kept off balance sheet. */
export interface WriteOffCommand {
  readonly type: 'WriteOff';
  readonly on: string;
  readonly at: string;
  readonly approvedBy: string;
}
/** Money recovered on a written-off loan (arrived in internal clearing). */
export interface RecoverCommand {
  readonly type: 'Recover';
  readonly amount: string;
  readonly reference: string;
  readonly on: string;
  readonly at: string;
}
/** A credit officer's downgrade below the days-past-due floor (it never upgrades); the provision follows the class. */
export interface DowngradeCommand {
  readonly type: 'Downgrade';
  readonly riskClass: RiskClass;
  /** The officer or committee who decided. */
  readonly by: string;
  readonly reason: string;
  readonly on: string;
  readonly at: string;
}
/** Closes a loan that owes nothing and holds no credit. */
export interface CloseCommand {
  readonly type: 'Close';
  readonly on: string;
  readonly at: string;
}

/** Every command of a loan contract. */
export type LoanCommand =
  | ApplyCommand
  | DecideCreditCommand
  | ApproveCommand
  | SignCommand
  | DisburseCommand
  | ReverseDisbursementCommand
  | RepayCommand
  | RecordShortfallCommand
  | PrepayCommand
  | PayOffCommand
  | RefundCreditCommand
  | AccrueInterestCommand
  | AssessCommand
  | WriteOffCommand
  | RecoverCommand
  | DowngradeCommand
  | CloseCommand;

type Dated<C, K extends keyof C> = Omit<C, K> & { readonly [P in K]: BusinessDate };
type Money<C> = Omit<C, 'amount'> & { readonly amount: bigint };

/** A command after run-time checks: dates typed, amounts in minor units. @internal */
export type ParsedLoanCommand =
  | (Dated<Money<ApplyCommand>, 'on'> & { readonly applicant: ApplicantFacts })
  | Dated<Omit<DecideCreditCommand, 'internetConsumerOutstanding'> & { readonly internetConsumerOutstanding: string }, 'on'>
  | Dated<ApproveCommand, 'on'>
  | SignCommand
  | Dated<Money<DisburseCommand>, 'on'>
  | Dated<ReverseDisbursementCommand, 'on'>
  | Dated<Money<RepayCommand>, 'on'>
  | Dated<RecordShortfallCommand, 'on'>
  | Dated<Money<PrepayCommand>, 'on'>
  | Dated<Money<PayOffCommand>, 'on'>
  | Dated<RefundCreditCommand, 'on'>
  | Dated<AccrueInterestCommand, 'through'>
  | Dated<AssessCommand, 'on'>
  | Dated<WriteOffCommand, 'on'>
  | Dated<Money<RecoverCommand>, 'on'>
  | Dated<DowngradeCommand, 'on'>
  | Dated<CloseCommand, 'on'>;

const CONTROL = /[\u0000-\u001f\u007f]/;
const TERMS_HASH = /^[0-9a-f]{64}$/;

const purposeOf = (record: Readonly<Record<string, unknown>>): string => {
  const value = requiredString(record, 'purpose');
  if (value.trim().length === 0 || value.length > MAX_LOAN_PURPOSE_LENGTH || CONTROL.test(value)) throw new ProductsError('purpose_invalid', describeValue(value), 'purpose');
  return value;
};

const applicantOf = (value: unknown, asset: Asset): ApplicantFacts => {
  if (value === undefined) throw new ProductsError('field_missing', 'applicant', 'applicant');
  const r = closedRecord(value, ['monthlyIncome', 'monthlyDebtPayments', 'existingExposure', 'overdueCount24Months', 'currentlyOverdue', 'birthDate', 'collateralValue']);
  const amount = (field: string): string => {
    const text = requiredString(r, field);
    principalOf(text, asset, `applicant.${field}`);
    return text;
  };
  return {
    monthlyIncome: amount('monthlyIncome'),
    monthlyDebtPayments: amount('monthlyDebtPayments'),
    existingExposure: amount('existingExposure'),
    overdueCount24Months: integerOf(r['overdueCount24Months'], 'applicant.overdueCount24Months', 0, MAX_OVERDUE_COUNT),
    currentlyOverdue: booleanOf(r, 'currentlyOverdue'),
    birthDate: dateOf(r, 'birthDate'),
    ...(r['collateralValue'] === undefined ? {} : { collateralValue: amount('collateralValue') }),
  };
};

const stamped = (r: Readonly<Record<string, unknown>>) => ({ on: dateOf(r, 'on'), at: instantOf(r, 'at') });

/**
 * Checks an untyped command: known type, no unknown field, every field well formed.
 * @throws ProductsError with the specific code of the first bad field.
 */
export function parseLoanCommand(command: unknown, asset: Asset): ParsedLoanCommand {
  if (typeof command !== 'object' || command === null || Array.isArray(command)) throw new ProductsError('input_not_object', describeValue(command));
  const type = (command as Record<string, unknown>)['type'];
  switch (type) {
    case 'Apply': {
      const r = closedRecord(command, ['type', 'contractId', 'borrowerId', 'productCode', 'amount', 'termMonths', 'repaymentMethod', 'purpose', 'channel', 'partnerId', 'linkedAccountId', 'applicant', 'on', 'at']);
      return {
        type,
        contractId: applicationContractIdOf(r),
        borrowerId: identifierOf(r, 'borrowerId'),
        productCode: identifierOf(r, 'productCode'),
        amount: positiveAmountOf(r, 'amount', asset),
        termMonths: integerOf(r['termMonths'], 'termMonths', 1, MAX_TERM_MONTHS),
        repaymentMethod: choiceOf(r, 'repaymentMethod', REPAYMENT_METHODS, 'repayment_method_unknown'),
        purpose: purposeOf(r),
        channel: choiceOf(r, 'channel', LOAN_CHANNELS, 'channel_unknown'),
        ...(r['partnerId'] === undefined ? {} : { partnerId: identifierOf(r, 'partnerId') }),
        linkedAccountId: identifierOf(r, 'linkedAccountId'),
        applicant: applicantOf(r['applicant'], asset),
        ...stamped(r),
      };
    }
    case 'DecideCredit': {
      const r = closedRecord(command, ['type', 'on', 'internetConsumerOutstanding']);
      const outstanding = requiredString(r, 'internetConsumerOutstanding');
      principalOf(outstanding, asset, 'internetConsumerOutstanding');
      return { type, on: dateOf(r, 'on'), internetConsumerOutstanding: outstanding };
    }
    case 'Approve': {
      const r = closedRecord(command, ['type', 'on', 'at', 'approvedBy']);
      return { type, approvedBy: identifierOf(r, 'approvedBy'), ...stamped(r) };
    }
    case 'Sign': {
      const r = closedRecord(command, ['type', 'termsHash', 'channel', 'at']);
      const termsHash = requiredString(r, 'termsHash');
      if (!TERMS_HASH.test(termsHash)) throw new ProductsError('terms_hash_invalid', describeValue(termsHash), 'termsHash');
      return { type, termsHash, channel: choiceOf(r, 'channel', LOAN_CHANNELS, 'channel_unknown'), at: instantOf(r, 'at') };
    }
    case 'Disburse': {
      const r = closedRecord(command, ['type', 'amount', 'on', 'at', 'reference']);
      return { type, amount: positiveAmountOf(r, 'amount', asset), reference: identifierOf(r, 'reference'), ...stamped(r) };
    }
    case 'ReverseDisbursement': {
      const r = closedRecord(command, ['type', 'on', 'at', 'reason']);
      return { type, reason: identifierOf(r, 'reason'), ...stamped(r) };
    }
    case 'Repay': {
      const r = closedRecord(command, ['type', 'amount', 'source', 'overpayment', 'reference', 'on', 'at']);
      return {
        type,
        amount: positiveAmountOf(r, 'amount', asset),
        source: choiceOf(r, 'source', REPAYMENT_SOURCES, 'repayment_source_unknown'),
        overpayment: choiceOf(r, 'overpayment', OVERPAYMENT_OPTIONS, 'overpayment_option_unknown'),
        reference: identifierOf(r, 'reference'),
        ...stamped(r),
      };
    }
    case 'Prepay': {
      const r = closedRecord(command, ['type', 'amount', 'option', 'reference', 'on', 'at']);
      return { type, amount: positiveAmountOf(r, 'amount', asset), option: choiceOf(r, 'option', PREPAYMENT_OPTIONS, 'prepayment_option_unknown'), reference: identifierOf(r, 'reference'), ...stamped(r) };
    }
    case 'PayOff':
    case 'Recover': {
      const r = closedRecord(command, ['type', 'amount', 'reference', 'on', 'at']);
      return { type, amount: positiveAmountOf(r, 'amount', asset), reference: identifierOf(r, 'reference'), ...stamped(r) };
    }
    case 'RecordShortfall':
    case 'RefundCredit':
    case 'Close':
      return { type, ...stamped(closedRecord(command, ['type', 'on', 'at'])) };
    case 'AccrueInterest':
      return { type, through: dateOf(closedRecord(command, ['type', 'through']), 'through') };
    case 'Assess':
      return { type, on: dateOf(closedRecord(command, ['type', 'on']), 'on') };
    case 'Downgrade': {
      const r = closedRecord(command, ['type', 'riskClass', 'by', 'reason', 'on', 'at']);
      // The reason's length and content are checked with the classification (classifyLoan).
      return { type, riskClass: riskClassOf(r['riskClass']), by: identifierOf(r, 'by'), reason: requiredString(r, 'reason'), ...stamped(r) };
    }
    case 'WriteOff': {
      const r = closedRecord(command, ['type', 'on', 'at', 'approvedBy']);
      return { type, approvedBy: identifierOf(r, 'approvedBy'), ...stamped(r) };
    }
    default:
      throw new ProductsError('command_unknown', describeValue(type), 'type');
  }
}
