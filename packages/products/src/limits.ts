/** Every limit of @ecoledger/products in one place (TIGER_STYLE: a limit on everything). */

/** Earliest business date accepted: older dates are typing mistakes, not contracts. */
export const MIN_BUSINESS_DATE = '1900-01-01';
/** Latest business date accepted: bounds day arithmetic and keeps every date four digits long. */
export const MAX_BUSINESS_DATE = '2199-12-31';
/** Decimal places of an annual rate in percent: 0.00000001 % is finer than any published rate. */
export const RATE_PERCENT_SCALE = 8;
/** Highest annual rate in percent: above it the input is a mistake (5 meaning 500 %), not a product. */
export const MAX_RATE_PERCENT = '1000';
/** Longest term of a term-deposit quote, in months (50 years): bounds the number of segments. */
export const MAX_TERM_MONTHS = 600;
/** Longest decimal string accepted for a principal or rate: bounds parsing of hostile input. */
export const MAX_DECIMAL_LENGTH = 60;
/**
 * Decimal places beyond the minor unit that compounding carries: each period's interest is rounded
 * there (half-even), so that a 600-period quote stays fast while no real quote changes by a fen.
 */
export const COMPOUNDING_EXTRA_PLACES = 30;
/** Most entries in a rate table: decades of daily rate changes fit; more is a feed gone wrong. */
export const MAX_RATE_CHANGES = 1_000;
/** Longest product stream name: its hold reference (`p1:<revision>:<stream>`) must fit the ledger's 256-character user data. */
export const MAX_PRODUCT_STREAM_LENGTH = 200;
/** Most postings one product command may make: they go to the book as one linked chain in one batch. */
export const MAX_POSTINGS_PER_COMMAND = 1_000;
/** Most commands in one batch of the batch handler: one close-of-business chunk; its holds and posts still fit a few book requests. */
export const MAX_PRODUCT_BATCH_COMMANDS = 1_000;
/** Most close-of-business commands one contract gets for a date (accrue, post interest, mature, ...). */
export const MAX_COB_COMMANDS_PER_CONTRACT = 8;
/** Contracts per close-of-business chunk by default: one atomic append of about this many streams. */
export const DEFAULT_COB_CHUNK_SIZE = 1_000;
/**
 * Most contracts in one chunk: a chunk's append also carries its progress stream, and a store takes
 * at most 10,000 streams in one multi-stream append.
 */
export const MAX_COB_CHUNK_SIZE = 9_999;
/** Most dates in a calendar's holiday or working-day list: two centuries of a generous holiday schedule. */
export const MAX_CALENDAR_DATES = 10_000;
/**
 * Longest run of consecutive non-business days a calendar may have: the longest real closure (a
 * Spring Festival week between weekends) is under 12 days; more is a data error, and it bounds
 * every search for the next business day.
 */
export const MAX_CLOSED_RUN_DAYS = 31;
/** Longest time zone name accepted: IANA names are under 40 characters. */
export const MAX_TIME_ZONE_LENGTH = 64;
/** Largest step of a stepping clock: one year of milliseconds, far beyond any scenario's tick. */
export const MAX_CLOCK_STEP_MS = 366 * 86_400_000;
/** Latest day of the month interest may be posted on: day 28 exists in every month. */
export const MAX_POSTING_DAY = 28;
/** Most code ranges in one registry: a bank's product lines, with room; bounds every lookup. */
export const MAX_CODE_RANGES = 256;
/** Largest account or transfer code: TigerBeetle's u16 `code` (mirrors the ledger's MAX_CODE). */
export const MAX_ACCOUNT_CODE = 65_535;
/** Longest product name or account role: short enough that prefix, contract id and role fit one ledger id. */
export const MAX_PRODUCT_NAME_LENGTH = 24;
/** Longest contract id inside an account id: 24 + 1 + 64 + 1 + 24 = 114 stays under the ledger's 128. */
export const MAX_CONTRACT_ID_LENGTH = 64;
/**
 * The ledger's id grammar (mirrors ID_PATTERN of packages/ledger/src/limits.ts, which the ledger
 * does not export): 1..128 letters, digits and `. _ : -`.
 */
export const LEDGER_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

// Time deposits (deposits/time).
/** Most terms one time-deposit product offers: a rate sheet has a handful; more is a data error. */
export const MAX_TIME_DEPOSIT_TERMS = 32;
/** Most partial withdrawals a product may allow per term: China allows one; a dozen is far beyond any product. */
export const MAX_PARTIAL_WITHDRAWALS = 12;
/** Longest contract, customer, product or ledger id: database keys, not documents. */
export const MAX_IDENTIFIER_LENGTH = 128;
/** Most terms one Mature command may close (rollovers caught up): 10 years of monthly terms; more is a COB gone wrong. */
export const MAX_MATURITIES_PER_COMMAND = 120;
/** Most days one AccrueInterest covers (about ten years): bounds the work of one command. */
export const MAX_ACCRUAL_DAYS = 3_660;
/** Most value dates waiting for accrual on a demand account: close of business runs daily. */
export const MAX_PENDING_BALANCE_CHANGES = 1_000;
/** Most judicial freezes in force on one account at once: more is a data error, not a case. */
export const MAX_ACTIVE_FREEZES = 64;
/** Highest withholding tax in percent of the interest. */
export const MAX_WITHHOLDING_TAX_PERCENT = '100';
/** Most books a router spreads accounts over: each is one writer process; more is a configuration mistake. */
export const MAX_BOOKS = 256;
/** Longest book id: it is part of bank and clearing account ids, which must fit the ledger's 128-character ids. */
export const MAX_ROUTED_BOOK_ID_LENGTH = 32;
/** Most customers pinned to a book by the explicit assignment table: bounds the router's memory (the hash places the rest). */
export const MAX_BOOK_ASSIGNMENTS = 1_000_000;
/** Longest cross-book transfer id: it names the saga stream and goes into the user data of its postings. */
export const MAX_TRANSFER_ID_LENGTH = 100;
/** Events the saga processor reads per page of the global log: one page is processed before its checkpoint moves. */
export const SAGA_PROCESSOR_PAGE_SIZE = 500;

// Loan repayment schedules (loans/schedule).
/** Most installments of a monthly schedule (50 years): bounds the schedule's size and work. */
export const MAX_MONTHLY_PERIODS = 600;
/** Most installments of a fortnightly schedule (60 years of 26): the same bound in fortnights. */
export const MAX_FORTNIGHTLY_PERIODS = 1_560;
/** Most installments of a weekly schedule (60 years of 52): the same bound in weeks. */
export const MAX_WEEKLY_PERIODS = 3_120;
/**
 * Decimal places beyond the minor unit that the unrounded totals carry (the path with the
 * unrounded payment): as in compounding, each figure is rounded there half-even, so totals are
 * exact to far below a fen while the work stays linear.
 */
export const SCHEDULE_EXTRA_PLACES = 30;
// Loans (loans/products, loans/pricing, loans/credit, loans/exposure).
/** Largest spread over a benchmark, either sign, in basis points: 100 percentage points; more is a typo. */
export const MAX_SPREAD_BPS = 10_000;
/** Longest overdue grace period in days: regulators treat 90 days past due as non-performing. */
export const MAX_OVERDUE_GRACE_DAYS = 90;
/** Longest principal grace period in months (education loans defer principal for years, never decades). */
export const MAX_PRINCIPAL_GRACE_MONTHS = 120;
/** Most rules in a scorecard: a transparent scorecard has a handful; more is unreadable. */
export const MAX_SCORECARD_RULES = 32;
/** Most bins of one scorecard rule: bounds the lookup and keeps each rule explainable. */
export const MAX_SCORECARD_BINS = 32;
/** Largest points one bin may give or take: keeps every score a small exact integer. */
export const MAX_RULE_POINTS = 1_000;
/** Most pricing bands of a scorecard: a rate sheet has a few grades. */
export const MAX_SCORECARD_BANDS = 16;
/** Largest overdue count an application may state (24 months of daily overdue episodes fits). */
export const MAX_OVERDUE_COUNT = 1_000;
/** Rules named as the main reasons of a low score (adverse-action style): a short, readable list. */
export const MAX_ADVERSE_RULES = 3;
/** Most loans tracked in one borrower's exposure: far beyond any borrower; bounds the read model. */
export const MAX_LOANS_PER_BORROWER = 1_000;
/**
 * The per-borrower cap on individual consumer credit through internet channels, in CNY: the
 * 2020 CBIRC Interim Measures for Internet Loans of Commercial Banks (商业银行互联网贷款管理暂行办法).
 */
export const DEFAULT_INTERNET_CONSUMER_CAP = '200000.00';
// Loans: repayment waterfall, delinquency, classification, provisioning (loans/).
/** Most installments one payment is allocated over: a 50-year monthly schedule (MAX_TERM_MONTHS) with room for extra charges. */
export const MAX_INSTALLMENTS_PER_ALLOCATION = 1_000;
/** Most steps of the overdue balance in one penalty computation: close of business computes daily, so a few years of changes fit. */
export const MAX_OVERDUE_BALANCE_STEPS = 1_000;
/** Highest penalty uplift in percent of the contract rate: PBoC sets 30–50 %; above 100 the input is a mistake (50 typed as 500). */
export const MAX_PENALTY_UPLIFT_PERCENT = '100';
/** Most delinquency buckets: reporting uses five or six; more is a configuration error. */
export const MAX_DELINQUENCY_BUCKETS = 32;
/** Most days past due: the whole supported date range (1900-01-01 to 2199-12-31) is 109,572 days. */
export const MAX_DAYS_PAST_DUE = 109_572;
/** Longest reason of a manual classification: a sentence or two for the audit trail, not a document. */
export const MAX_MANUAL_REASON_LENGTH = 500;
/** Most contracts a close-of-business state cache keeps by default: a million demand states fit in a few hundred MB; beyond it the oldest are dropped. */
export const DEFAULT_COB_CACHE_ENTRIES = 1_000_000;
// Loan contracts (loans/contract) and the loan service.
/** Longest stated loan purpose: a line for the contract and the regulator's use-of-funds check, not a document. */
export const MAX_LOAN_PURPOSE_LENGTH = 200;
/** Most prepayments of one loan: each re-plans the schedule; more is a misuse of the channel. */
export const MAX_PREPAYMENTS_PER_LOAN = 120;
/** Most loans of one borrower folded to count exposure on one decision: bounds the service's reads. */
export const MAX_BORROWER_LOANS_READ = 100;
// Loans: collateral, loan-to-value and early warning (loans/collateral, loans/earlyWarning).
/** Most collateral values in one loan-to-value computation: a loan has a few pledges; more is a data error. */
export const MAX_COLLATERAL_PER_LOAN = 100;
/** Longest collateral description, valuation reason, acknowledgement note or release reason: an audit sentence, not a document. */
export const MAX_COLLATERAL_TEXT_LENGTH = 500;
/** Decimal places of a reported loan-to-value percent (70.00 %): what risk reports show; comparisons stay exact. */
export const LTV_PERCENT_SCALE = 2;
/** LTV in percent at and above which an LTV warning is high severity: the debt is no longer covered by the collateral. */
export const HIGH_SEVERITY_LTV_PERCENT = '100';
/** Consecutive auto-debit shortfalls that raise a warning by default: one miss is noise, two is a pattern. */
export const DEFAULT_SHORTFALL_RUN = 2;
/** Longest configurable shortfall run: three years of monthly debits; a longer run is no early warning. */
export const MAX_SHORTFALL_RUN = 36;
/** Most events read back in a loan stream to count a shortfall run: bounds the read whatever the stream's length. */
export const MAX_SHORTFALL_LOOKBACK = 1_000;
/** Most warnings one loan's warning stream holds: far beyond a real loan's history; bounds the fold. */
export const MAX_WARNINGS_PER_LOAN = 1_000;
/** Warnings per page of the risk read model by default. */
export const DEFAULT_RISK_PAGE_SIZE = 100;
/** Most warnings per page of the risk read model (mirrors the ledger's MAX_PAGE_SIZE). */
export const MAX_RISK_PAGE_SIZE = 1_000;
/** Credit decisions re-run when the borrower's exposure moved under them: each retry follows a real concurrent change, ten is a storm. */
export const MAX_EXPOSURE_RESERVE_ATTEMPTS = 10;
/** Most loans one borrower's exposure stream tracks at once (mirrors MAX_LOANS_PER_BORROWER's purpose: bounds the fold). */
export const MAX_EXPOSURE_CONTRACTS = 1_000;
// Loans: fees and the upgrade observation of non-performing loans (loans/fees, loans/classification).
/** Longest upgrade observation in installments a product may set: two years of monthly installments; longer keeps a cured loan non-performing for no reason. */
export const MAX_UPGRADE_OBSERVATION_INSTALLMENTS = 24;
/** Longest upgrade observation in months a product may set (the regulation's minimum is six). */
export const MAX_UPGRADE_OBSERVATION_MONTHS = 24;
