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
  posting_rule_invalid: 'a posting rule produced an amount that is not a non-negative decimal string',
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
