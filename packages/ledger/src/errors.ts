/**
 * Every error code of `@ecoledger/ledger`, in one place, each with a readable message.
 * Modules raise these codes; nothing else invents error strings.
 */

/** Codes raised by the money module. */
export const moneyErrorMessages = {
  amount_is_number: 'amount is a JS number; pass a decimal string or a bigint of minor units',
  amount_not_string_or_bigint: 'amount must be a decimal string or a bigint',
  amount_malformed: 'amount is not a plain decimal string (digits, optional sign and one decimal point)',
  amount_exponent_notation: 'amount uses exponent notation; write the digits out',
  amount_not_finite: 'amount is NaN or Infinity',
  amount_too_many_decimals: 'amount has more decimal places than the asset scale allows',
  amount_out_of_range: 'amount is outside the supported range',
  asset_unknown: 'asset is not a known ISO-4217 currency or registered custom asset',
  asset_invalid: 'asset definition is invalid (code must be 1-12 chars A-Z0-9_, scale an integer 0..18)',
  asset_mismatch: 'cannot combine amounts of different assets',
  ratio_invalid: 'allocation ratios must be non-negative integers or decimal strings with a positive total',
  factor_invalid: 'factor, rate or divisor must be a finite decimal string, bigint or Decimal',
  division_by_zero: 'division by zero',
  rounding_mode_unknown: 'unknown rounding mode',
  money_json_invalid: 'serialized money must be an object (or its JSON text) with string fields amount and asset',
} as const;

/** A money error code. */
export type MoneyErrorCode = keyof typeof moneyErrorMessages;

/** Codes raised by the event store port, its adapters and event codecs. */
export const eventStoreErrorMessages = {
  wrong_expected_version: 'the stream is not at the expected revision',
  event_decode_failed: 'a stored or submitted event does not match its schema',
  event_type_unknown: 'no schema is registered for this event type and version',
  store_closed: 'the event store is closed',
  invalid_argument: 'invalid argument to the event store',
  command_retries_exhausted: 'the command kept conflicting with concurrent writers and was given up',
  command_id_reused: 'this command id was already used for a different command; nothing was written',
  duplicate_event_id: 'an event with this id is already stored elsewhere',
  store_not_found: 'the store does not exist (no file, or no event store schema): nothing to read',
  store_read_only: 'the store was opened read-only: it does not append',
  log_not_fully_visible: 'part of the log is held back by transactions still in progress: it could not be read whole',
  ledger_integrity_broken: 'the stored ledger history is broken or was tampered with: the book refuses to load it',
  driver_not_installed: 'the database driver this store needs is not installed',
} as const;

/** An event store error code. */
export type EventStoreErrorCode = keyof typeof eventStoreErrorMessages;

/** Codes raised by projections and their runner. */
export const projectionErrorMessages = {
  projection_handler_failed: 'a projection failed to handle a batch; the batch and its checkpoint were rolled back',
  projection_checkpoint_conflict: 'the stored checkpoint moved under the runner: another runner or a rebuild is working on this projection',
  projection_options_invalid: 'invalid projection runner options',
  read_model_corrupt: 'a read model row does not hold what the projection wrote; rebuild the projection',
  query_invalid: 'a read-model query argument is not of its documented type (an id string, a bigint of nanoseconds or a valid Date, a page of { limit, after })',
} as const;

/** A projection error code. */
export type ProjectionErrorCode = keyof typeof projectionErrorMessages;

/**
 * Result codes of the ledger book, TigerBeetle-style: one specific code per reason, listed in
 * descending precedence within each group. `ok` and `exists` are successes; everything else
 * rejects the item and changes nothing (transient codes are remembered, see {@link transientResultCodes}).
 */
export const ledgerResultMessages = {
  ok: 'created',
  exists: 'already exists with the same body; nothing changed',
  linked_event_failed: 'another item of the linked chain failed, so the whole chain failed',
  linked_event_chain_open: 'the last item of the batch is flagged linked: the chain is never closed',
  imported_event_expected: 'the batch imports history (its first item is imported): every item must be flagged imported',
  imported_event_not_expected: 'the batch does not import history (its first item is not imported): no item may be flagged imported',
  timestamp_must_be_zero: 'only imported items may carry a timestamp',
  imported_event_timestamp_out_of_range: 'an imported timestamp must be nanoseconds as a decimal string from 1 to 2^63-1',
  imported_event_timestamp_must_not_advance: 'an imported timestamp must lie in the past of the book clock',
  imported_event_timestamp_must_not_regress: 'an imported timestamp must come after the last timestamp of the book',
  imported_event_timeout_must_be_zero: 'an imported hold cannot have a timeout',
  batch_empty: 'the batch is empty',
  batch_too_large: 'the batch holds more items than the book accepts at once',
  // requests (call-level: the whole call is rejected and nothing is written)
  request_context_malformed:
    'the request context must be an object whose commandId, correlationId, causationId, tenant and actor are non-empty strings without control characters, and whose channel is app, web, branch, partner-api, batch or system',
  request_context_too_long: 'a string of the request context is longer than the book accepts (256 characters)',
  command_id_reused: 'this command id was already used for a request with a different body; a new request needs a new command id',
  book_overloaded: "too many requests are waiting for the book's writer; nothing was written, retry later",
  item_malformed: 'the item is not an object of the documented shape',
  unknown_field: "the item has a field the book does not know (a misspelt name?); the result's `field` names it, and nothing was written for the item",
  reserved_flag: 'an unknown flag is set',
  id_must_not_be_empty: 'id must not be empty',
  id_malformed: 'id must be at most 128 characters of A-Z a-z 0-9 . _ : -',
  flags_are_mutually_exclusive: 'flags that cannot be combined are set together',
  // accounts
  ledger_must_not_be_empty: 'ledger must not be empty',
  ledger_not_found: 'the ledger is not defined in this book',
  code_must_not_be_zero: 'code must be an integer from 1 to 65535',
  account_type_invalid: 'account type must be asset, liability, equity, income or expense',
  tenant_malformed: 'tenant must be a non-empty string of at most 128 characters',
  metadata_malformed: 'metadata must be an object of string values (at most 32 keys of 64 chars, values of 1024 chars)',
  overdraft_limit_invalid: 'overdraft limit must be a non-negative decimal string within the ledger scale',
  overdraft_limit_requires_balance_flag: 'an overdraft limit needs debits_must_not_exceed_credits or credits_must_not_exceed_debits',
  exists_with_different_flags: 'exists with different flags',
  exists_with_different_ledger: 'exists with a different ledger',
  exists_with_different_code: 'exists with a different code',
  exists_with_different_type: 'exists with a different account type',
  exists_with_different_tenant: 'exists with a different tenant',
  exists_with_different_metadata: 'exists with different metadata',
  exists_with_different_overdraft_limit: 'exists with a different overdraft limit',
  account_not_found: 'account not found',
  account_already_closed: 'account is already closed',
  account_not_closed: 'account is not closed',
  account_has_pending_transfers: 'account has pending transfers; post or void them before closing',
  account_balance_not_zero: 'account has a non-zero posted balance; sweep it to another account before closing (or close it with a closing transfer)',
  // ledger definitions
  asset_invalid: 'asset must have a code of 1-12 chars A-Z0-9_ and an integer scale 0..18',
  currency_scale_invalid: 'an ISO-4217 currency code must use its standard scale (CNY 2, JPY 0, KWD 3); use another code for a custom asset',
  exists_with_different_asset: 'ledger exists with a different asset',
  // transfers: shape
  debit_account_id_must_not_be_empty: 'debit account id must not be empty',
  credit_account_id_must_not_be_empty: 'credit account id must not be empty',
  accounts_must_be_different: 'debit and credit accounts must be different',
  pending_id_must_be_empty: 'pending id is only allowed when posting or voiding a pending transfer',
  pending_id_must_not_be_empty: 'posting or voiding needs the pending transfer id',
  pending_id_must_be_different: 'pending id must differ from the transfer id',
  timeout_reserved_for_pending_transfer: 'timeout is only allowed on pending transfers',
  closing_transfer_must_be_pending: 'closing_debit and closing_credit are only allowed on pending transfers',
  timeout_invalid: 'timeout must be an integer number of seconds from 0 to 2^31-1',
  amount_invalid: 'amount must be a non-negative decimal string within the ledger scale',
  amount_must_not_be_zero: 'a journal entry leg must not be zero',
  user_data_malformed: 'user data must be a string of at most 256 characters',
  // transfers: existence
  exists_with_different_kind: 'exists as a different kind of item (transfer, journal entry or reversal)',
  exists_with_different_debit_account_id: 'exists with a different debit account',
  exists_with_different_credit_account_id: 'exists with a different credit account',
  exists_with_different_amount: 'exists with a different amount',
  exists_with_different_pending_id: 'exists with a different pending id',
  exists_with_different_timeout: 'exists with a different timeout',
  exists_with_different_user_data: 'exists with different user data',
  exists_with_different_legs: 'exists with different legs',
  exists_with_different_reversal_target: 'exists as the reversal of a different transfer',
  id_already_failed: 'this id failed before with a transient error and cannot be reused',
  // transfers: accounts
  debit_account_not_found: 'debit account not found',
  credit_account_not_found: 'credit account not found',
  accounts_must_have_the_same_ledger: 'debit and credit accounts are on different ledgers',
  transfer_must_have_the_same_ledger_as_accounts: 'the transfer names a ledger other than its accounts',
  debit_account_already_closed: 'debit account is closed',
  credit_account_already_closed: 'credit account is closed',
  // transfers: two-phase
  pending_transfer_not_found: 'pending transfer not found',
  pending_transfer_not_pending: 'the referenced transfer is not a pending transfer',
  pending_transfer_has_different_debit_account_id: 'pending transfer has a different debit account',
  pending_transfer_has_different_credit_account_id: 'pending transfer has a different credit account',
  pending_transfer_has_different_ledger: 'pending transfer is on a different ledger',
  pending_transfer_has_different_code: 'pending transfer has a different code',
  exceeds_pending_transfer_amount: 'amount exceeds the pending amount',
  pending_transfer_has_different_amount: 'a void must carry the full pending amount (or zero, or none)',
  pending_transfer_already_posted: 'pending transfer was already posted',
  pending_transfer_already_voided: 'pending transfer was already voided',
  pending_transfer_expired: 'pending transfer expired',
  // journal entries
  journal_entry_too_few_legs: 'a journal entry needs at least two legs',
  journal_entry_too_many_legs: 'a journal entry has at most 64 legs',
  journal_entry_leg_malformed: 'a leg needs an account id, a side (debit or credit) and a positive amount',
  journal_entry_accounts_must_be_different: 'each account may appear in only one leg',
  journal_entry_unbalanced: 'debits and credits of the journal entry differ for an asset',
  journal_entry_flags_not_allowed: 'journal entries may only be flagged linked',
  leg_account_not_found: 'an account of a leg was not found',
  leg_account_already_closed: 'an account of a leg is closed',
  // reversals
  transfer_to_reverse_not_found: 'the transfer to reverse was not found',
  transfer_to_reverse_is_pending: 'a pending transfer is voided, not reversed',
  transfer_to_reverse_is_a_reversal: 'a reversal cannot itself be reversed; post a new transfer instead',
  transfer_already_reversed: 'the transfer was already reversed',
  // balances
  overflows_debits_pending: 'debits pending would overflow',
  overflows_credits_pending: 'credits pending would overflow',
  overflows_debits_posted: 'debits posted would overflow',
  overflows_credits_posted: 'credits posted would overflow',
  overflows_debits: 'debits would overflow',
  overflows_credits: 'credits would overflow',
  exceeds_credits: 'debits would exceed credits (plus any overdraft limit) of the debit account',
  exceeds_debits: 'credits would exceed debits (plus any overdraft limit) of the credit account',
} as const;

/** A ledger result code. */
export type LedgerResultCode = keyof typeof ledgerResultMessages;

/** A ledger result code that rejects an item. */
export type LedgerErrorCode = Exclude<LedgerResultCode, 'ok' | 'exists'>;

/**
 * Codes that depend on the book's state at that moment rather than on the item itself.
 * TigerBeetle's transient set (`pending_transfer_expired` is not in it: an expired hold stays expired),
 * plus the same codes for ecoledger's journal legs and reversals.
 * As in TigerBeetle, an id that failed with one of these is remembered and a retry with the
 * same id returns `id_already_failed`: a retried request can never succeed later by surprise.
 */
export const transientResultCodes: ReadonlySet<LedgerResultCode> = new Set<LedgerResultCode>([
  'debit_account_not_found',
  'credit_account_not_found',
  'leg_account_not_found',
  'pending_transfer_not_found',
  'transfer_to_reverse_not_found',
  'exceeds_credits',
  'exceeds_debits',
  'debit_account_already_closed',
  'credit_account_already_closed',
  'leg_account_already_closed',
]);

/** Readable message for any error code of this package. */
export const messageOf = (code: MoneyErrorCode | EventStoreErrorCode | LedgerResultCode): string =>
  (ledgerResultMessages as Record<string, string>)[code] ??
  (moneyErrorMessages as Record<string, string>)[code] ??
  (eventStoreErrorMessages as Record<string, string>)[code] ??
  code;

/** Codes raised by processors (reactors over the global log, see `processors/`). */
export const processorErrorMessages = {
  processor_handler_failed: 'a processor failed to handle a page; its checkpoint was not advanced and the page will be delivered again',
  processor_options_invalid: 'invalid processor options',
  processor_command_failed: 'a command sent by a command reactor was refused or failed; the reacting page was not checkpointed',
} as const;

/** A processor error code. */
export type ProcessorErrorCode = keyof typeof processorErrorMessages;
