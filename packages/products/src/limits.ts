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
/** Most close-of-business commands one contract gets for a date (accrue, post interest, mature, ...). */
export const MAX_COB_COMMANDS_PER_CONTRACT = 8;
/** Contracts per close-of-business chunk by default: one atomic append of about this many streams. */
export const DEFAULT_COB_CHUNK_SIZE = 1_000;
/** Most contracts in one chunk: bounded by the store's multi-stream append limits. */
export const MAX_COB_CHUNK_SIZE = 10_000;
