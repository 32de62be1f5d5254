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
/** Longest id or reference in a product command: ids are keys, not documents. */
export const MAX_IDENTIFIER_LENGTH = 128;
/** Most days one AccrueInterest covers (about ten years): bounds the work of one command. */
export const MAX_ACCRUAL_DAYS = 3_660;
/** Most value dates waiting for accrual on a demand account: close of business runs daily. */
export const MAX_PENDING_BALANCE_CHANGES = 1_000;
/** Most judicial freezes in force on one account at once: more is a data error, not a case. */
export const MAX_ACTIVE_FREEZES = 64;
/** Highest withholding tax in percent of the interest. */
export const MAX_WITHHOLDING_TAX_PERCENT = '100';
/** Highest transfer or account code a product config may name (the ledger's 16-bit code range). */
export const MAX_PRODUCT_CODE = 65_535;
