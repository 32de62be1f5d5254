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
