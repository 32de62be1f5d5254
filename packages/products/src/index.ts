/**
 * `@ecoledger/products`: banking products on the ecoledger ledger. The machinery every product
 * shares (business calendar, day counts, explainable interest, chart of accounts, posting rules,
 * the posting port with exactly-once postings, close of business) and the online deposit
 * business (demand accounts with PBoC account classes, time deposits).
 */
export { ProductsError, isProductsError, productsErrorMessages, type ProductsErrorCode } from './errors.js';
export { MAX_BUSINESS_DATE, MIN_BUSINESS_DATE, MAX_RATE_PERCENT, MAX_TERM_MONTHS, RATE_PERCENT_SCALE } from './limits.js';
export {
  businessDate,
  addDays,
  addMonths,
  daysBetween,
  daysInMonth,
  isLeapYear,
  type BusinessDate,
} from './calendar/businessDate.js';
export {
  DAY_COUNTS,
  days30360,
  yearFraction,
  formatYearFraction,
  type DayCount,
  type YearFraction,
  type YearFractionTerm,
} from './calendar/dayCount.js';
export { accrue, type AccrueInput, type AccrualTrace, type InterestSegment, type RoundingStep } from './interest/accrue.js';
export {
  COMPOUNDINGS,
  quoteTermDeposit,
  type Compounding,
  type CompoundingSegment,
  type TermDepositQuote,
  type TermDepositQuoteInput,
} from './interest/termDeposit.js';
export { rateOn, rateTable, type PostedRate, type RateTable } from './rates/rateTable.js';
export {
  businessCalendar,
  isBusinessDay,
  nextBusinessDay,
  previousBusinessDay,
  addBusinessDays,
  businessDateOf,
  valueDateOf,
  type BusinessCalendar,
  type BusinessCalendarInput,
} from './calendar/businessCalendar.js';
export { systemClock, fixedClock, steppingClock, businessClock, type Clock, type BusinessClock } from './calendar/clock.js';
export {
  interestPostingSchedule,
  PBOC_QUARTERLY_POSTING,
  isInterestPostingDate,
  POSTING_FREQUENCIES,
  nextInterestPostingDate,
  previousInterestPostingDate,
  postingPeriodOf,
  type InterestPostingSchedule,
  type InterestPostingScheduleInput,
  type PostingFrequency,
  type PostingPeriod,
} from './calendar/postingSchedule.js';
export {
  codeRegistry,
  accountCodeRegistry,
  transferCodeRegistry,
  registerCodeRange,
  codeFor,
  productOf,
  rangesOf,
  assertCodeOf,
  type CodeRange,
  type CodeRegistry,
  type CodeKind,
} from './chart/codeRegistry.js';
export { chartOfAccounts, chartAccount, BANK_PRODUCT, type ChartOfAccounts, type ChartOfAccountsInput, type ChartAccount, type AccountGuard } from './chart/chartOfAccounts.js';
export { DEFAULT_CHART } from './chart/defaultChart.js';
export { contractAccountId, bankAccountId } from './chart/accountIds.js';
export { bankAccounts, contractAccount } from './chart/accountIntents.js';
export { NO_LEDGER_EFFECTS, type AccountIntent, type LedgerEffects, type PostingIntent } from './posting/ledgerEffects.js';
export { ACCOUNTING_BASES, applyPostingRules, type AccountingBasis, type PostingLegRule, type PostingRuleTable, type RoleResolver } from './posting/postingRules.js';
export { bookPostingPort, type PostingAnswer, type PostingContext, type PostingPort } from './posting/postingPort.js';
export {
  createProductCommandHandler,
  type ProductCommandError,
  type ProductCommandHandler,
  type ProductCommandHandlerOptions,
  type ProductCommandOutcome,
  type ProductCommandResult,
} from './posting/productCommandHandler.js';
export { createProductBatchHandler, type ProductBatchHandler, type ProductBatchItem } from './posting/productBatchHandler.js';
export { productEventId, holdIdOf, postingIdOf, voidIdOf, holdReference, parseHoldReference } from './posting/postingIds.js';
export { placePostings, holdItems, postItems, asChain, type EventPlace, type PlacedPosting } from './posting/eventPostings.js';
export { POSTING_ATTEMPT_ABANDONED } from './posting/abandonedAttempt.js';
export { postingSource, recordedEffects, type PostingSource } from './posting/postingSources.js';
export { catchUpPostings, finishRecordedPostings, postingProcessor, POSTING_PROCESSOR_NAME, type PostingCatchUpOptions } from './posting/postingCatchUp.js';
export { repairHolds, type RepairHoldsOptions, type RepairReport } from './posting/repairHolds.js';
export { runCloseOfBusiness, cobStream, contractStateCache, type CachedContract, type ContractStateCache, type CloseOfBusinessOptions, type CloseOfBusinessReport, type RefusedContract } from './closeOfBusiness/index.js';
export * from './deposits/demand/index.js';
export * from './deposits/time/index.js';
export { DEMAND_DEPOSIT_PRODUCT, TIME_DEPOSIT_PRODUCT, demandChartRoles, timeDepositChartRoles } from './deposits/chartRoles.js';
export { createBookRouter, bookBankAccountId, clearingAccountId, parseClearingAccountId, type BookRouter, type BookRouterConfig } from './routing/bookRouter.js';
export { routedPostingPort } from './routing/routedPostingPort.js';
export { clearingAccountsOf, CLEARING_ACCOUNT_CODE } from './routing/clearingAccounts.js';
export { createCrossBookTransferRunner, type CrossBookTransferRunner, type CrossBookTransferRunnerOptions } from './routing/crossBookTransfer/transferRunner.js';
export { CROSS_BOOK_TRANSFER_CODE, type CrossBookTransferInput } from './routing/crossBookTransfer/transferRequest.js';
export { transferDecider, isTerminal as isTransferTerminal, type TransferState, type TransferStatus, type TransferCommand } from './routing/crossBookTransfer/transferDecider.js';
export { transferEventSchemas, transferStream, TRANSFER_STREAM_PREFIX, type TransferEvent } from './routing/crossBookTransfer/transferEvents.js';
export { transferIdsOf } from './routing/crossBookTransfer/transferIds.js';
export { catchUpTransfers, transferProcessor, advanceTransfersOf, type TransferProcessorOptions } from './routing/crossBookTransfer/transferProcessor.js';
export { clearingPositions, type ClearingReport, type ClearingPosition } from './routing/crossBookTransfer/clearingPositions.js';
export { bookTransferStepPort, type TransferStepPort } from './routing/crossBookTransfer/transferStepPort.js';
export { demandTransferReactor, type DemandTransferReactorOptions } from './deposits/demand/transferReactor.js';
export {
  depositService,
  setUpDepositBook,
  timeDepositCobCommands,
  DEMAND_STREAM_PREFIX,
  TIME_STREAM_PREFIX,
  type DepositService,
  type DepositServiceOptions,
  type DepositProductWiring,
} from './deposits/depositService.js';
// loans: schedules
export { generateSchedule, type Schedule, type ScheduleInstallment, type ScheduleInterestSegment } from './loans/schedule/generateSchedule.js';
export {
  SCHEDULE_METHODS,
  SCHEDULE_DAY_COUNTS,
  MAX_SCHEDULE_PERIODS,
  type ScheduleInput,
  type ScheduleMethod,
  type ScheduleDayCount,
  type ScheduleGrace,
  type ScheduleRounding,
  type TotalsPolicy,
} from './loans/schedule/scheduleInput.js';
export { REPAYMENT_FREQUENCIES, type RepaymentFrequency } from './loans/schedule/dueDates.js';
// loans: products, pricing, credit
export { DEFAULT_INTERNET_CONSUMER_CAP } from './limits.js';
export {
  LOAN_KINDS,
  LOAN_CHANNELS,
  REPAYMENT_METHODS,
  loanProduct,
  type LoanChannel,
  type LoanKind,
  type LoanProduct,
  type LoanProductInput,
  type RepaymentMethod,
} from './loans/products/loanProduct.js';
export type { LoanCollateral, LoanGracePeriods, LoanPricing, LoanTransferCodes } from './loans/products/loanProductParts.js';
export { CAR_LOAN_TEMPLATE, EDUCATION_LOAN_TEMPLATE, INTERNET_CONSUMER_LOAN_TEMPLATE, LOAN_TEMPLATES, MORTGAGE_TEMPLATE } from './loans/products/templates.js';
export { BENCHMARKS, lprOn, lprTable, type Benchmark, type LprTable, type LprTableInput } from './loans/pricing/lprTable.js';
export { LPR_HISTORY } from './loans/pricing/lprHistory.js';
export { basisPointsOf, priceRate } from './loans/pricing/priceRate.js';
export { loanRateOn, loanReset, repricingSchedule, resetDates, type LoanReset, type RepricingTerms } from './loans/pricing/repricing.js';
export { creditApplication, type CreditApplication, type CreditApplicationInput } from './loans/credit/application.js';
export { CHARACTERISTICS, ageOn, type Characteristic } from './loans/credit/characteristics.js';
export {
  CREDIT_REASON_CODES,
  type CreditContext,
  type CreditDecision,
  type CreditOutcome,
  type CreditPolicy,
  type CreditReasonCode,
  type RuleContribution,
} from './loans/credit/decision.js';
export { CreditDecisionCodec } from './loans/credit/decisionCodec.js';
export { scorecardConfig, type RuleDirection, type ScorecardBand, type ScorecardBin, type ScorecardConfig, type ScorecardKnockOuts, type ScorecardRule } from './loans/credit/scorecard.js';
export { scorecardPolicy } from './loans/credit/scorecardPolicy.js';
export { DEFAULT_SCORECARD } from './loans/credit/defaultScorecard.js';
export { checkConsumerExposure, type ConsumerCapAllowance, type ConsumerCapCheck, type ConsumerCapRefusal } from './loans/exposure/consumerCap.js';
export {
  EXPOSURE_CHANGE_KINDS,
  applyExposureChange,
  emptyBorrowerExposure,
  type BorrowerExposure,
  type ExposureChange,
  type ExposureChangeKind,
  type LoanExposure,
} from './loans/exposure/borrowerExposure.js';
// loans: waterfall, delinquency, classification, provisioning
export {
  DEFAULT_WATERFALL,
  INSTALLMENT_STATUSES,
  LOAN_COMPONENTS,
  WATERFALL_MODES,
  waterfall,
  type InstallmentStatus,
  type LoanComponent,
  type Waterfall,
  type WaterfallMode,
} from './loans/waterfall/waterfall.js';
export type { InstallmentDue } from './loans/waterfall/dues.js';
export { allocatePayment, type AllocationStep, type ComponentAmounts, type InstallmentAllocation, type PaymentAllocation } from './loans/waterfall/allocatePayment.js';
export { daysPastDue, type DaysPastDue, type DaysPastDueInput, type UnpaidInstallment } from './loans/delinquency/daysPastDue.js';
export { DEFAULT_PENALTY_UPLIFT_PERCENT } from './loans/delinquency/penaltyRate.js';
export { delinquencyInterest, type DelinquencyInterest, type DelinquencyInterestInput, type OverdueBalance } from './loans/delinquency/delinquencyInterest.js';
export { DEFAULT_DELINQUENCY_BUCKETS, delinquencyBucketOf, delinquencyBuckets, type DelinquencyBucket } from './loans/delinquency/buckets.js';
export { NON_PERFORMING_CLASSES, RISK_CLASSES, RISK_CLASS_NAMES_ZH, isNonPerforming, riskClassOf, worseOf, type RiskClass } from './loans/classification/riskClass.js';
export { NFRA_2023_RULE_SET, NFRA_2023_THRESHOLDS, classificationThresholds, type ClassificationThresholds } from './loans/classification/thresholds.js';
export { classifyLoan, type Classification, type ClassificationRule, type ClassifyLoanInput, type ManualClassification } from './loans/classification/classifyLoan.js';
export { nonAccrualChange, type AccruedUnpaidInterest, type InterestAmounts, type NonAccrualChange, type NonAccrualInput } from './loans/classification/nonAccrual.js';
export { DEFAULT_PROVISION_RATES, provisionRates, type ProvisionRates } from './loans/provisioning/provisionRates.js';
export { provisionAdjustment, provisionFor, type Provision, type ProvisionAdjustment, type ProvisionOptions } from './loans/provisioning/provisionFor.js';
export { DEFAULT_RECOVERY_ORDER, recoverWrittenOff, writeOff, type Recovery, type WriteOff, type WriteOffInput } from './loans/provisioning/writeOff.js';
export { MAX_INSTALLMENTS_PER_ALLOCATION, MAX_OVERDUE_BALANCE_STEPS, MAX_PENALTY_UPLIFT_PERCENT, MAX_DELINQUENCY_BUCKETS, MAX_DAYS_PAST_DUE, MAX_MANUAL_REASON_LENGTH } from './limits.js';
export { journalItems } from './posting/eventPostings.js';
export type { JournalIntent, JournalLegIntent } from './posting/ledgerEffects.js';
// loans: contract and service
export {
  LOAN_CONTRACT_ROLES,
  OVERPAYMENT_OPTIONS,
  PREPAYMENT_OPTIONS,
  REPAYMENT_SOURCES,
  duesOn,
  initialLoanState,
  loanDecider,
  loanEventSchemas,
  loanLedgerEffects,
  loanPostingCodes,
  loanPostingRules,
  payoffQuote,
  totalOwed,
  type ApplicantFacts,
  type DowngradeCommand,
  type Installment,
  type LoanCommand,
  type LoanContext,
  type LoanContractRole,
  type LoanDecider,
  type LoanEvent,
  type LoanRole,
  type LoanRoleResolver,
  type LoanState,
  type LoanStatus,
  type OverpaymentOption,
  type PrepaymentOption,
  type RepaymentSource,
} from './loans/contract/index.js';
export { LOAN_PRODUCT, LOAN_STREAM_PREFIX, loanAccountId, loanService, type LoanCloseReport, type LoanMoney, type LoanService, type LoanServiceOptions } from './loans/loanService.js';
export { MAX_LOAN_PURPOSE_LENGTH, MAX_PREPAYMENTS_PER_LOAN, MAX_BORROWER_LOANS_READ } from './limits.js';
// loans: collateral and early warning
export { COLLATERAL_KINDS, type CollateralCommand, type CollateralKind, type PledgeCommand, type ReleaseCommand, type RevalueCommand } from './loans/collateral/commands.js';
export {
  COLLATERAL_STREAM_PREFIX,
  collateralEventSchemas,
  collateralStream,
  type CollateralEvent,
  type CollateralPledgedData,
  type CollateralReleasedData,
  type CollateralRevaluedData,
} from './loans/collateral/events.js';
export { collateralDecider, type CollateralDecider } from './loans/collateral/decider.js';
export type { CollateralState } from './loans/collateral/state.js';
export { compareLtv, isLtvAbove, loanToValue, type CollateralValue, type LoanToValue } from './loans/collateral/loanToValue.js';
export {
  EARLY_WARNING_RULES,
  LTV_SOURCES,
  WARNING_SEVERITIES,
  deriveWarningId,
  earlyWarningIdNamespace,
  type ClassDowngradeDetail,
  type EarlyWarning,
  type EarlyWarningRule,
  type LtvSource,
  type LtvWarningDetail,
  type ShortfallRunDetail,
  type WarningSeverity,
} from './loans/earlyWarning/warning.js';
export type { ClassChangeSignal, EarlyWarningSignal, LtvSignal, ShortfallSignal } from './loans/earlyWarning/signals.js';
export { earlyWarningsFor } from './loans/earlyWarning/rules.js';
export type { AcknowledgeWarningCommand, EarlyWarningCommand, RaiseWarningCommand, ResolveWarningCommand } from './loans/earlyWarning/commands.js';
export { WARNING_STREAM_PREFIX, earlyWarningEventSchemas, warningStream, type EarlyWarningEvent } from './loans/earlyWarning/events.js';
export { earlyWarningDecider, type EarlyWarningDecider, type EarlyWarningState, type WarningStatus } from './loans/earlyWarning/decider.js';
export { AUTO_DEBIT_SHORTFALL, LOAN_CLASSIFIED, REPAYMENT_RECEIVED, LOAN_SIGNAL_TYPES, decodeLoanEvent, loanSignalOf, type LoanSignal, type LoanClassifiedSignal, type AutoDebitSignal } from './loans/earlyWarning/loanSignals.js';
export { earlyWarningProcessor, type CollateralInForce, type EarlyWarningProcessorOptions, type LtvInputs } from './loans/earlyWarning/warningProcessor.js';
export { RiskReadModel, riskReadModelProcessor, type OpenWarningCounts, type OpenWarningFilter, type WarningView } from './loans/earlyWarning/riskReadModel.js';
export { DEFAULT_SHORTFALL_RUN, MAX_SHORTFALL_RUN, MAX_COLLATERAL_PER_LOAN, MAX_WARNINGS_PER_LOAN, LTV_PERCENT_SCALE } from './limits.js';
export { exposureDecider, exposureEventSchemas, exposureStreamOf, exposureTotal, type ExposureCommand, type ExposureEvent, type ExposureState, type ContractExposure } from './loans/loanServiceExposureStream.js';
export { RESERVED_LOAN_ID_PREFIXES } from './loans/contract/contractIds.js';
// Loan fees and the upgrade observation of non-performing loans (issue 10).
export {
  FEE_SETTLEMENTS,
  LOAN_FEE_KINDS,
  NO_LOAN_FEES,
  ORIGINATION_FEE_SETTLEMENTS,
  chargesFees,
  loanFeesOf,
  type FeeCalculation,
  type FeeSettlement,
  type LatePaymentFeeRule,
  type LoanFeeKind,
  type LoanFees,
  type OriginationFeeRule,
  type OriginationFeeSettlement,
} from './loans/fees/feeRules.js';
export { feeAmount, type FeeAmount, type FeeExplanation } from './loans/fees/feeAmount.js';
export { DEFAULT_UPGRADE_OBSERVATION, upgradeObservationOf, type UpgradeObservation } from './loans/classification/upgradeObservation.js';
export { inArrears, observationOn, type ObservationStanding } from './loans/contract/arrears.js';
export type { FeeChargedData, FeeReversedData, LoanClassifiedData } from './loans/contract/events.js';
export { MAX_UPGRADE_OBSERVATION_INSTALLMENTS, MAX_UPGRADE_OBSERVATION_MONTHS, MAX_PRODUCT_BATCH_COMMANDS } from './limits.js';
