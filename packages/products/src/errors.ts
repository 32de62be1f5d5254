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
  counterparty_contract_invalid: 'a customer_account movement names the other demand account (never itself); no other movement names one',
  posting_rule_invalid: 'a posting rule produced an amount that is not a non-negative decimal string',
  calendar_invalid: 'the business calendar is not valid (dates listed twice or in both lists, too many dates, bad weekend days, or too long a run of closed days)',
  cut_off_invalid: 'the cut-off is not a time HH:MM from 00:01 to 24:00 (24:00 means no cut-off)',
  time_zone_invalid: 'the time zone is not an IANA time zone name this runtime knows (e.g. Asia/Shanghai)',
  instant_invalid: 'the instant is not a valid instant (a Date, or an ISO-8601 UTC string such as 2026-01-01T09:30:00.000Z) between 1900-01-01 and 2199-12-31',
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
  identifier_invalid: 'an id or reference must be a string of 1 to 128 characters without control characters',
  count_invalid: 'the count must be an integer within its limit',
  accounting_basis_unknown: 'the accounting basis is not one of cash, accrual',
  maturity_instruction_unknown: 'the maturity instruction is not one of payout, rollover_principal, rollover_principal_and_interest, hold_at_maturity',
  channel_unknown: 'the channel is not one of app, web, branch, partner-api (a product may take batch and system too)',
  command_unknown: 'the command type is not one this decider takes',
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
  amount_not_positive: 'the amount must be greater than zero',
  account_class_unknown: 'the account class is not one of I, II, III',
  movement_source_unknown: 'the source is not one of cash, bound_account, unbound_account',
  movement_destination_unknown: 'the destination is not one of cash, bound_account, unbound_account, spending',
  posting_frequency_unknown: 'the interest posting frequency is not one of quarterly, monthly',
  posting_day_invalid: 'the interest posting day must be an integer from 1 to 28',
  withholding_tax_invalid: 'the withholding tax is not a decimal percent from 0 to 100 with at most 8 decimals',
  class_limits_invalid: 'class limits name classes I, II, III with limits dailyIn, yearlyIn, dailyOut, yearlyOut, maxBalance as decimal strings',
  transfer_code_invalid: 'a transfer or account code must be an integer from 1 to 65535',
  account_not_open: 'the account has not been opened',
  account_already_open: 'the account is already open',
  account_closed: 'the account is closed',
  bound_account_required: 'a Class II or III account needs the customer’s bound Class I account',
  bound_account_missing: 'the movement names the bound account but the account has none',
  value_date_before_last_activity: 'the value date is before the account’s last movement: value dates never go backwards',
  value_date_already_accrued: 'interest has already been accrued for the value date: use a later value date',
  accrual_span_too_long: 'one accrual may cover at most MAX_ACCRUAL_DAYS days: accrue in steps',
  accrual_overdue: 'too many balance changes wait for accrual: run AccrueInterest first',
  not_a_posting_date: 'the date is not an interest posting date of the product',
  account_frozen: 'a whole-account freeze blocks every debit and the closing of the account',
  amount_frozen: 'the amount exceeds the balance that is not frozen',
  freeze_id_in_use: 'a freeze with this id is already in force',
  freeze_not_found: 'no freeze with this id is in force',
  too_many_freezes: 'the account already has MAX_ACTIVE_FREEZES freezes in force',
  class_i_daily_in_limit_exceeded: 'the Class I account’s daily limit on money in would be exceeded',
  class_i_yearly_in_limit_exceeded: 'the Class I account’s yearly limit on money in would be exceeded',
  class_i_daily_out_limit_exceeded: 'the Class I account’s daily limit on money out would be exceeded',
  class_i_yearly_out_limit_exceeded: 'the Class I account’s yearly limit on money out would be exceeded',
  class_i_balance_limit_exceeded: 'the Class I account’s balance limit would be exceeded',
  class_ii_daily_in_limit_exceeded: 'the Class II account’s daily limit on money in from unbound accounts and cash would be exceeded',
  class_ii_yearly_in_limit_exceeded: 'the Class II account’s yearly limit on money in from unbound accounts and cash would be exceeded',
  class_ii_daily_out_limit_exceeded: 'the Class II account’s daily limit on spending, unbound transfers and cash withdrawals would be exceeded',
  class_ii_yearly_out_limit_exceeded: 'the Class II account’s yearly limit on spending, unbound transfers and cash withdrawals would be exceeded',
  class_ii_balance_limit_exceeded: 'the Class II account’s balance limit would be exceeded',
  class_iii_daily_in_limit_exceeded: 'the Class III account’s daily limit on money in from unbound accounts and cash would be exceeded',
  class_iii_yearly_in_limit_exceeded: 'the Class III account’s yearly limit on money in from unbound accounts and cash would be exceeded',
  class_iii_daily_out_limit_exceeded: 'the Class III account’s daily limit on spending, unbound transfers and cash withdrawals would be exceeded',
  class_iii_yearly_out_limit_exceeded: 'the Class III account’s yearly limit on spending, unbound transfers and cash withdrawals would be exceeded',
  class_iii_balance_limit_exceeded: 'the Class III account’s balance would exceed its limit (2,000.00 by default)',
  book_router_invalid: 'the book router configuration is invalid: 1 to 256 distinct book ids [A-Za-z0-9._-]{1,32}, an assignment table of customer ids to those books',
  account_unroutable: 'the account id names no book: it is neither a bank account bank:<book>:<role> of a known book nor a customer account <product>:<customer>[:<more>]',
  cross_book_request: 'the request moves money between books; nothing was sent: a movement between books goes through the cross-book transfer saga',
  transfer_id_invalid: 'the transfer id must be 1 to 100 characters [A-Za-z0-9._-]',
  transfer_same_book: 'both accounts live in one book: move the money with one posting in that book, not a cross-book transfer',
  transfer_id_reused: 'this transfer id already names a different transfer',
  transfer_step_out_of_order: 'the cross-book transfer is not in the state this step follows',
  // Loans: repayment waterfall, delinquency, five-tier classification, provisioning (loans/).
  waterfall_order_invalid: 'the waterfall order must name penalty, fee, interest and principal, each exactly once',
  waterfall_mode_unknown: 'the waterfall mode is not one of installment-by-installment, component-by-component',
  waterfall_statuses_invalid: 'the waterfall statuses must be 1 to 3 distinct statuses in the order past-due, due, not-yet-due',
  installments_invalid: 'the installments must be an array of 1 to MAX_INSTALLMENTS_PER_ALLOCATION installment dues',
  installment_status_unknown: 'the installment status is not one of past-due, due, not-yet-due',
  installments_out_of_order: 'installments must be listed oldest first: periods and due dates strictly increasing',
  installment_status_out_of_order: 'a past-due installment follows a due or not-yet-due one, or a due one follows a not-yet-due one',
  overdue_steps_invalid: 'the overdue balances need 1 to MAX_OVERDUE_BALANCE_STEPS steps, the first from the period start, dates strictly increasing and before the period end',
  penalty_uplift_invalid: 'the penalty uplift is not a decimal percent from 0 to MAX_PENALTY_UPLIFT_PERCENT with at most 8 decimals',
  delinquency_buckets_invalid: 'delinquency buckets need 1 to MAX_DELINQUENCY_BUCKETS buckets with distinct labels and integer day ranges from <= to',
  delinquency_bucket_overlap: 'two delinquency buckets cover the same day past due',
  delinquency_bucket_gap: 'some day past due (from day 1 up, without end) falls in no delinquency bucket',
  risk_class_unknown: 'the risk class is not one of normal, special-mention, substandard, doubtful, loss',
  classification_thresholds_invalid: 'classification thresholds need integer days 0 <= special-mention < substandard < doubtful < loss',
  manual_class_below_floor: 'a manual classification may only downgrade: it is better than the class the days past due require',
  manual_reason_invalid: 'the reason of a manual classification must be 1 to MAX_MANUAL_REASON_LENGTH characters',
  provision_rate_invalid: 'a provision rate is not a decimal percent from 0 to 100 with at most 8 decimals, or a class has none',
  provision_rates_not_ascending: 'provision rates must not fall as the class worsens (normal <= special-mention <= ... <= loss)',
  recovery_exceeds_written_off: 'the recovery is larger than what remains written off',
  flag_not_boolean: 'the field must be true or false',
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
