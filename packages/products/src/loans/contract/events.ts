/**
 * The events of a loan contract and their io-ts schemas (version 1 each): closed objects, amounts
 * as decimal strings of the asset's major unit, exact interest as fractions of minor units.
 * Every interest event carries its explanation (segments and its one rounding step); the credit
 * decision is recorded whole.
 */
import * as t from 'io-ts';
import type { EventSchemas } from '@ecoledger/ledger';
import { Count, DateText, DecimalText, DigitsText, IdText, InstantText, PositiveDigitsText, closed, oneOfCodec } from '../../codecs/eventCodecs.js';
import { InterestSegmentCodec, RoundingStepCodec } from '../../codecs/interestCodecs.js';
import { RISK_CLASSES } from '../classification/riskClass.js';
import { CreditDecisionCodec } from '../credit/decisionCodec.js';
import { FEE_SETTLEMENTS, LOAN_FEE_KINDS } from '../fees/feeRules.js';
import { BENCHMARKS } from '../pricing/lprTable.js';
import { LOAN_CHANNELS, REPAYMENT_METHODS } from '../products/loanProduct.js';
import { INSTALLMENT_STATUSES, LOAN_COMPONENTS, WATERFALL_MODES } from '../waterfall/waterfall.js';
import { PREPAYMENT_OPTIONS, REPAYMENT_SOURCES } from './commands.js';

const Channel = oneOfCodec('loan channel', LOAN_CHANNELS);
const RiskClassCodec = oneOfCodec('risk class', RISK_CLASSES);
const Ratio = closed('ratio', { num: DigitsText, den: PositiveDigitsText });
const Planned = closed('planned installment', { period: Count, dueDate: DateText, principal: DecimalText });
const Paid = closed('installment paid', { period: Count, penalty: DecimalText, fee: DecimalText, interest: DecimalText, principal: DecimalText });
/** The waterfall an allocation followed (the product's; a payoff serves every status). */
const WaterfallUsed = closed('waterfall', {
  order: t.array(oneOfCodec('loan component', LOAN_COMPONENTS)),
  mode: oneOfCodec('waterfall mode', WATERFALL_MODES),
  statuses: t.array(oneOfCodec('installment status', INSTALLMENT_STATUSES)),
});
/**
 * A repayment's split: per installment and in total, the interest and penalty that came from off
 * balance sheet, and the waterfall followed (absent only on allocations recorded before it was).
 */
const Allocation = closed(
  'allocation',
  {
    installments: t.array(Paid),
    penalty: DecimalText,
    fee: DecimalText,
    interest: DecimalText,
    principal: DecimalText,
    interestOffBalance: DecimalText,
    penaltyOffBalance: DecimalText,
  },
  { waterfall: WaterfallUsed },
);

const Applicant = closed(
  'applicant',
  { monthlyIncome: DecimalText, monthlyDebtPayments: DecimalText, existingExposure: DecimalText, overdueCount24Months: Count, currentlyOverdue: t.boolean, birthDate: DateText },
  { collateralValue: DecimalText },
);
const Applied = closed(
  'LoanApplied',
  {
    contractId: IdText, borrowerId: IdText, productCode: IdText, amount: DecimalText, termMonths: Count,
    repaymentMethod: oneOfCodec('repayment method', REPAYMENT_METHODS), purpose: t.string, channel: Channel,
    linkedAccountId: IdText, applicant: Applicant, on: DateText, at: InstantText,
  },
  { partnerId: IdText },
);
const Decided = closed('CreditDecided', { contractId: IdText, internetConsumerOutstanding: DecimalText, decision: CreditDecisionCodec });
const Approved = closed('LoanApproved', {
  contractId: IdText, on: DateText, at: InstantText, approvedBy: IdText, limit: DecimalText,
  benchmark: oneOfCodec('benchmark', BENCHMARKS), spreadBps: t.string, lprPercent: DecimalText, annualRate: DecimalText,
});
const Signed = closed('ContractSigned', { contractId: IdText, termsHash: IdText, channel: Channel, at: InstantText });
const Disbursed = closed(
  'LoanDisbursed',
  {
    contractId: IdText, amount: DecimalText, on: DateText, at: InstantText, reference: IdText, maturityDate: DateText,
    /** The contract rate over the life: the priced rate, re-priced on reset dates. */
    rates: t.array(closed('posted rate', { from: DateText, ratePercent: DecimalText })),
    installments: t.array(Planned),
  },
  { scheduledAmount: DecimalText },
);
const Reversed = closed('DisbursementReversed', { contractId: IdText, amount: DecimalText, on: DateText, at: InstantText, reason: IdText });
const accrual = (name: string) =>
  closed(name, {
    contractId: IdText,
    from: DateText,
    through: DateText,
    segments: t.array(InterestSegmentCodec),
    /** Exact interest so far (contract interest: since the period start; penalty: since disbursement), minor units. */
    exact: Ratio,
    rounding: RoundingStepCodec,
    /** Booked now: the rounded cumulative minus what earlier accruals booked. */
    ledgerAmount: DecimalText,
    /** Booked to the off-balance-sheet memo instead of income (a non-performing loan). */
    offBalanceSheet: t.boolean,
  });
const Accrued = accrual('InterestAccrued');
const PenaltyAccrued = accrual('PenaltyAccrued');
/** Compound interest (复利) on overdue interest: booked with the penalty (receivable, income, code), explained on its own. */
const CompoundAccrued = accrual('CompoundInterestAccrued');
const Billed = closed('InstallmentBilled', { contractId: IdText, period: Count, dueDate: DateText, principal: DecimalText, interest: DecimalText });
const Repaid = closed(
  'RepaymentReceived',
  {
    contractId: IdText, amount: DecimalText, source: oneOfCodec('repayment source', REPAYMENT_SOURCES), reference: IdText, on: DateText, at: InstantText,
    allocation: Allocation, refunded: DecimalText, heldAsCredit: DecimalText,
  },
  { due: DecimalText, shortfall: DecimalText },
);
const Shortfall = closed('AutoDebitShortfall', { contractId: IdText, on: DateText, at: InstantText, due: DecimalText });
const Prepaid = closed(
  'PrepaymentMade',
  {
    contractId: IdText, amount: DecimalText, option: oneOfCodec('prepayment option', PREPAYMENT_OPTIONS), reference: IdText, on: DateText, at: InstantText,
    allocation: Allocation, principalPrepaid: DecimalText, installments: t.array(Planned),
  },
  { scheduledAmount: DecimalText },
);
const PaidOff = closed('LoanPaidOff', { contractId: IdText, amount: DecimalText, reference: IdText, on: DateText, at: InstantText, quote: DecimalText, allocation: Allocation, refunded: DecimalText });
/** Held credit paying what fell due on `on` (close of business, products that apply held credit). */
const CreditApplied = closed('CreditApplied', { contractId: IdText, amount: DecimalText, on: DateText, allocation: Allocation });
const CreditRefunded = closed('CreditRefunded', { contractId: IdText, amount: DecimalText, on: DateText, at: InstantText });
/** The observation an upgrade out of non-performing met: since the arrears were cleared `from`, installments repaid on time. */
const Observation = closed('upgrade observation', { from: DateText, installmentsRepaid: Count, installmentsRequired: Count, monthsRequired: Count });
/**
 * A class change: by the days-past-due rule (close of business), a manual downgrade naming who and
 * why, or an upgrade out of non-performing naming the observation it met.
 */
const Classified = closed(
  'LoanClassified',
  { contractId: IdText, on: DateText, previous: RiskClassCodec, riskClass: RiskClassCodec, daysPastDue: Count, explanation: t.string, ruleSet: t.string },
  { manual: closed('manual downgrade', { by: IdText, reason: t.string }), at: InstantText, observation: Observation },
);
/**
 * A fee charged by a product fee rule, with its explanation: the base, the fixed amount or the
 * percent and its one rounding step, the cap when it bit. `deducted` came out of the payout
 * (clearing); `receivable` is owed on the loan and repaid through the waterfall. A late-payment
 * fee names the installment that became overdue.
 */
const FeeChargedCodec = closed(
  'FeeCharged',
  {
    contractId: IdText, on: DateText, fee: oneOfCodec('fee kind', LOAN_FEE_KINDS), method: oneOfCodec('fee method', ['fixed', 'rate'] as const),
    base: DecimalText, amount: DecimalText, settlement: oneOfCodec('fee settlement', FEE_SETTLEMENTS),
  },
  { period: Count, fixedAmount: DecimalText, ratePercent: DecimalText, rounding: RoundingStepCodec, cappedAt: DecimalText },
);
/** An origination fee taken back because its disbursement was reversed (the payout failed): booked as it was charged, the other way. */
const FeeReversedCodec = closed('FeeReversed', {
  contractId: IdText, on: DateText, fee: oneOfCodec('fee kind', LOAN_FEE_KINDS), amount: DecimalText, settlement: oneOfCodec('fee settlement', FEE_SETTLEMENTS), reason: IdText,
});
const Stopped = closed('AccrualStopped', { contractId: IdText, on: DateText, interest: DecimalText, penalty: DecimalText });
const Resumed = closed('AccrualResumed', { contractId: IdText, on: DateText });
const Provisioned = closed('ProvisionAdjusted', {
  contractId: IdText, on: DateText, riskClass: RiskClassCodec, outstanding: DecimalText, ratePercent: DecimalText,
  rounding: RoundingStepCodec, previous: DecimalText, provision: DecimalText, charge: DecimalText, release: DecimalText,
});
const WrittenOff = closed('LoanWrittenOff', {
  contractId: IdText, on: DateText, at: InstantText, approvedBy: IdText, principal: DecimalText, interest: DecimalText, penalty: DecimalText,
  allowanceUsed: DecimalText, additionalCharge: DecimalText, allowanceReleased: DecimalText, offBalanceInterest: DecimalText, retainedClaim: DecimalText,
}, { fee: DecimalText });
const Recovered = closed('RecoveryReceived', { contractId: IdText, amount: DecimalText, reference: IdText, on: DateText, at: InstantText, principal: DecimalText, interest: DecimalText, penalty: DecimalText, fee: DecimalText });
const Closed = closed('LoanClosed', { contractId: IdText, on: DateText, at: InstantText, provisionReleased: DecimalText });

/** Data of the event types other modules read. */
export type LoanAppliedData = t.TypeOf<typeof Applied>;
export type LoanDisbursedData = t.TypeOf<typeof Disbursed>;
export type AccrualData = t.TypeOf<typeof Accrued>;
export type AllocationData = t.TypeOf<typeof Allocation>;
export type PlannedInstallment = t.TypeOf<typeof Planned>;
export type RepaymentReceivedData = t.TypeOf<typeof Repaid>;
export type PrepaymentMadeData = t.TypeOf<typeof Prepaid>;
export type LoanPaidOffData = t.TypeOf<typeof PaidOff>;
export type ProvisionAdjustedData = t.TypeOf<typeof Provisioned>;
export type LoanWrittenOffData = t.TypeOf<typeof WrittenOff>;
export type RecoveryReceivedData = t.TypeOf<typeof Recovered>;
export type FeeChargedData = t.TypeOf<typeof FeeChargedCodec>;
export type FeeReversedData = t.TypeOf<typeof FeeReversedCodec>;
export type LoanClassifiedData = t.TypeOf<typeof Classified>;

/** Every event of a loan contract. */
export type LoanEvent =
  | { readonly type: 'LoanApplied'; readonly data: LoanAppliedData }
  | { readonly type: 'CreditDecided'; readonly data: t.TypeOf<typeof Decided> }
  | { readonly type: 'LoanApproved'; readonly data: t.TypeOf<typeof Approved> }
  | { readonly type: 'ContractSigned'; readonly data: t.TypeOf<typeof Signed> }
  | { readonly type: 'LoanDisbursed'; readonly data: LoanDisbursedData }
  | { readonly type: 'DisbursementReversed'; readonly data: t.TypeOf<typeof Reversed> }
  | { readonly type: 'InterestAccrued'; readonly data: AccrualData }
  | { readonly type: 'PenaltyAccrued'; readonly data: AccrualData }
  | { readonly type: 'CompoundInterestAccrued'; readonly data: AccrualData }
  | { readonly type: 'InstallmentBilled'; readonly data: t.TypeOf<typeof Billed> }
  | { readonly type: 'RepaymentReceived'; readonly data: RepaymentReceivedData }
  | { readonly type: 'AutoDebitShortfall'; readonly data: t.TypeOf<typeof Shortfall> }
  | { readonly type: 'PrepaymentMade'; readonly data: PrepaymentMadeData }
  | { readonly type: 'LoanPaidOff'; readonly data: LoanPaidOffData }
  | { readonly type: 'CreditApplied'; readonly data: t.TypeOf<typeof CreditApplied> }
  | { readonly type: 'CreditRefunded'; readonly data: t.TypeOf<typeof CreditRefunded> }
  | { readonly type: 'LoanClassified'; readonly data: LoanClassifiedData }
  | { readonly type: 'AccrualStopped'; readonly data: t.TypeOf<typeof Stopped> }
  | { readonly type: 'AccrualResumed'; readonly data: t.TypeOf<typeof Resumed> }
  | { readonly type: 'ProvisionAdjusted'; readonly data: ProvisionAdjustedData }
  | { readonly type: 'LoanWrittenOff'; readonly data: LoanWrittenOffData }
  | { readonly type: 'RecoveryReceived'; readonly data: RecoveryReceivedData }
  | { readonly type: 'LoanClosed'; readonly data: t.TypeOf<typeof Closed> }
  | { readonly type: 'FeeCharged'; readonly data: FeeChargedData }
  | { readonly type: 'FeeReversed'; readonly data: FeeReversedData };

/** The schema registry of the loan events: validated on write and on read. */
export const loanEventSchemas: EventSchemas<LoanEvent> = {
  LoanApplied: { version: 1, codec: Applied },
  CreditDecided: { version: 1, codec: Decided },
  LoanApproved: { version: 1, codec: Approved },
  ContractSigned: { version: 1, codec: Signed },
  LoanDisbursed: { version: 1, codec: Disbursed },
  DisbursementReversed: { version: 1, codec: Reversed },
  InterestAccrued: { version: 1, codec: Accrued },
  PenaltyAccrued: { version: 1, codec: PenaltyAccrued },
  CompoundInterestAccrued: { version: 1, codec: CompoundAccrued },
  InstallmentBilled: { version: 1, codec: Billed },
  RepaymentReceived: { version: 1, codec: Repaid },
  AutoDebitShortfall: { version: 1, codec: Shortfall },
  PrepaymentMade: { version: 1, codec: Prepaid },
  LoanPaidOff: { version: 1, codec: PaidOff },
  CreditApplied: { version: 1, codec: CreditApplied },
  CreditRefunded: { version: 1, codec: CreditRefunded },
  LoanClassified: { version: 1, codec: Classified },
  AccrualStopped: { version: 1, codec: Stopped },
  AccrualResumed: { version: 1, codec: Resumed },
  ProvisionAdjusted: { version: 1, codec: Provisioned },
  LoanWrittenOff: { version: 1, codec: WrittenOff },
  RecoveryReceived: { version: 1, codec: Recovered },
  LoanClosed: { version: 1, codec: Closed },
  FeeCharged: { version: 1, codec: FeeChargedCodec },
  FeeReversed: { version: 1, codec: FeeReversedCodec },
};
