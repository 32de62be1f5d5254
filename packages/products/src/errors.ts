/**
 * Every error code of @ecoledger/products, with its message, in one place. Codes are never
 * renamed: callers and logs key on them.
 */
export const productsErrorMessages = {
  input_not_object: 'the input must be a plain object',
  field_unknown: 'the input has a field this function does not take',
  field_missing: 'a required field is missing',
  field_not_string: 'the field must be a string (amounts, rates and dates are strings, never JS numbers)',
  amount_invalid: 'the amount is not a plain decimal string with at most the asset’s decimal places',
  amount_negative: 'the amount must not be negative',
  rate_invalid: 'the rate is not a plain decimal string of percent per year with at most 8 decimals',
  rate_out_of_range: 'the rate must be between 0 and 1000 percent per year',
  date_invalid: 'the date is not a valid YYYY-MM-DD calendar date between 1900-01-01 and 2199-12-31',
  period_reversed: 'the period ends before it starts',
  day_count_unknown: 'the day count is not one of ACT/365, ACT/360, 30/360, ACT/ACT',
  compounding_unknown: 'the compounding is not one of none, monthly, quarterly, semi-annual, annual',
  rounding_mode_unknown: 'the rounding mode is not one of the ledger’s rounding modes',
  asset_invalid: 'the asset is not an asset with a code and an integer scale 0..18',
  months_invalid: 'the number of months must be an integer (a term: 1 to 600, as a string or integer)',
  days_invalid: 'the number of days must be an integer',
  amount_out_of_range: 'the resulting amount exceeds the ledger’s largest amount (2^127 − 1 minor units)',
  start_required: 'a day count needs a start date to measure the periods',
  rate_table_invalid: 'a rate table needs 1 to 1,000 entries with strictly increasing effective dates',
  rate_not_posted: 'no rate is posted for that date: it precedes the rate table',
  insufficient_funds: 'the account does not hold enough available money: the ledger refused the movement and nothing was recorded',
  ledger_rejected: 'the ledger refused the movement (its result code is in the detail); nothing was recorded',
  posting_incomplete: 'the event is recorded but its postings could not all be made yet; a retry of the command, or the posting processor, completes them',
  product_stream_invalid: 'the product stream name must be 1 to 200 characters without control characters',
  posting_rule_invalid: 'a posting rule produced an amount that is not a non-negative decimal string',
  book_router_invalid: 'the book router configuration is invalid: 1 to 256 distinct book ids [A-Za-z0-9._-]{1,32}, an assignment table of customer ids to those books',
  account_unroutable: 'the account id names no book: it is neither a bank account bank:<book>:<role> of a known book nor a customer account <product>:<customer>[:<more>]',
  cross_book_request: 'the request moves money between books; nothing was sent: a movement between books goes through the cross-book transfer saga',
  transfer_id_invalid: 'the transfer id must be 1 to 100 characters [A-Za-z0-9._-]',
  transfer_same_book: 'both accounts live in one book: move the money with one posting in that book, not a cross-book transfer',
  transfer_id_reused: 'this transfer id already names a different transfer',
  transfer_step_out_of_order: 'the cross-book transfer is not in the state this step follows',
} as const;

/** A specific reason a products function refused its input. */
export type ProductsErrorCode = keyof typeof productsErrorMessages;

/** Thrown for bad input; nothing was computed. `field` names the offending input field, if any. */
export class ProductsError extends Error {
  override readonly name = 'ProductsError';
  constructor(
    readonly code: ProductsErrorCode,
    readonly detail: string,
    readonly field?: string,
  ) {
    super(`${code}: ${productsErrorMessages[code]}${field === undefined ? '' : ` (${field})`}: ${detail}`);
  }
}

/** True for a {@link ProductsError}, also across copies of the package. */
export const isProductsError = (error: unknown): error is ProductsError =>
  error instanceof ProductsError ||
  (typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'ProductsError' && typeof (error as { code?: unknown }).code === 'string' && (error as { code: string }).code in productsErrorMessages);

/** A short, safe rendering of a bad value for an error message. */
export const describeValue = (value: unknown): string => {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number') return `JS number ${String(value)}`;
  if (typeof value === 'bigint') return `${value}n`;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
};
