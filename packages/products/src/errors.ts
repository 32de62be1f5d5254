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
  cob_invalid: 'the close-of-business run is misconfigured (see the detail)',
  posting_rule_invalid: 'a posting rule produced an amount that is not a non-negative decimal string',
  calendar_invalid: 'the business calendar is not valid (dates listed twice or in both lists, too many dates, bad weekend days, or too long a run of closed days)',
  cut_off_invalid: 'the cut-off is not a time HH:MM from 00:01 to 24:00 (24:00 means no cut-off)',
  time_zone_invalid: 'the time zone is not an IANA time zone name this runtime knows (e.g. Asia/Shanghai)',
  instant_invalid: 'the instant is not a valid Date whose calendar date lies between 1900-01-01 and 2199-12-31',
  clock_invalid: 'the clock step must be an integer number of milliseconds from 0 to one year',
  posting_schedule_invalid: 'the interest posting schedule needs frequency quarterly or monthly and a day 1..28',
  code_range_invalid: 'a code range needs integers 1 <= from <= to <= 65535 and a valid product name',
  code_range_overlap: 'the code range overlaps a range already registered',
  code_range_duplicate: 'the same code range is already registered for that product',
  code_ranges_exceeded: 'a code registry holds at most 256 ranges',
  product_unknown: 'no code range is registered for that product',
  product_name_invalid: 'the product name is not 1..24 characters of a-z, 0-9 and -, starting with a letter',
  code_out_of_range: 'the offset or code lies outside the product’s code ranges',
  code_unregistered: 'no product’s range holds that code',
  contract_id_invalid: 'the contract id is not 1..64 characters of A-Z, a-z, 0-9, . _ and -',
  account_role_invalid: 'the account role or name is not 1..24 characters of a-z, 0-9 and -, starting with a letter',
  ledger_id_invalid: 'the ledger id is not 1..128 characters of A-Z, a-z, 0-9 and . _ : -',
  chart_invalid: 'the chart of accounts is not valid (a named account outside its product’s range, or a name or code used twice)',
  // Time deposits (deposits/time): product data, commands and lifecycle.
  product_invalid: 'the time-deposit product data is invalid',
  identifier_invalid: 'an identifier must be a non-empty string of at most 128 characters without control characters',
  count_invalid: 'the count must be an integer within its limit',
  accounting_basis_unknown: 'the accounting basis is not one of cash, accrual',
  maturity_instruction_unknown: 'the maturity instruction is not one of payout, rollover_principal, rollover_principal_and_interest, hold_at_maturity',
  channel_unknown: 'the channel is not one of app, web, branch, partner-api, batch, system',
  command_unknown: 'the command type is not one this aggregate takes',
  term_not_offered: 'the product does not offer a term of that many months',
  principal_below_minimum: 'the principal is below the product’s minimum',
  deposit_already_placed: 'this contract has already been placed',
  deposit_not_active: 'the deposit is not active (not placed, already closed, or held after maturity)',
  deposit_not_held: 'the deposit is not held after maturity',
  not_yet_mature: 'the deposit has not reached its maturity date',
  withdrawal_not_early: 'the date is on or after the maturity date: mature the deposit instead',
  date_before_term_start: 'the date is before the start of the current term',
  partial_withdrawal_limit_reached: 'the product allows no more partial withdrawals in this term',
  remaining_principal_below_minimum: 'a partial withdrawal must leave at least the product’s minimum remaining principal',
  withdrawal_exceeds_principal: 'the amount exceeds the deposit’s principal',
  withdrawal_amount_zero: 'the amount withdrawn must be positive',
  accrual_basis_required: 'interest accrual is only recorded for products on the accrual basis',
  maturity_backlog_too_long: 'more terms matured since the last maturity run than one command may process',
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
