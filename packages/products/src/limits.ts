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

// Time deposits (deposits/time).
/** Most terms one time-deposit product offers: a rate sheet has a handful; more is a data error. */
export const MAX_TIME_DEPOSIT_TERMS = 32;
/** Most partial withdrawals a product may allow per term: China allows one; a dozen is far beyond any product. */
export const MAX_PARTIAL_WITHDRAWALS = 12;
/** Longest contract, customer, product or ledger id: database keys, not documents. */
export const MAX_IDENTIFIER_LENGTH = 128;
/** Most terms one Mature command may close (rollovers caught up): 10 years of monthly terms; more is a COB gone wrong. */
export const MAX_MATURITIES_PER_COMMAND = 120;
/** Largest transfer or account code a product may name: the ledger's codes are 16-bit. */
export const MAX_PRODUCT_CODE_NUMBER = 65_535;
