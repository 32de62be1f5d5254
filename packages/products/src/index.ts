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
} from './posting/productCommandHandler.js';
export { productEventId, holdIdOf, postingIdOf, voidIdOf, parseHoldReference } from './posting/postingIds.js';
export { placePostings, type EventPlace, type PlacedPosting } from './posting/eventPostings.js';
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
