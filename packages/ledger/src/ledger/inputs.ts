/**
 * What callers submit to a book. The book's commands take these types, and still validate every
 * item at run time (a JavaScript caller can pass anything): a field not listed here is
 * `unknown_field`, never dropped. Amounts are decimal strings in
 * the major unit of the ledger's asset ("12.34" CNY), never JS numbers.
 */

/** Chart-of-accounts type; it fixes the account's normal balance side. */
export type AccountType = 'asset' | 'liability' | 'equity' | 'income' | 'expense';

/** The side a leg or balance is on. */
export type Side = 'debit' | 'credit';

/** Normal balance side of each account type. */
export const normalSideOf: Readonly<Record<AccountType, Side>> = {
  asset: 'debit',
  expense: 'debit',
  liability: 'credit',
  equity: 'credit',
  income: 'credit',
};

/** A ledger: one asset, one scale. */
export interface LedgerInput {
  readonly id: string;
  /** An ISO-4217 code at its standard scale (CNY 2, JPY 0, KWD 3), or a custom asset at the scale it declares. */
  readonly asset: { readonly code: string; readonly scale: number };
  readonly flags?: { readonly linked?: boolean };
}

/** An account to open. */
export interface AccountInput {
  readonly id: string;
  readonly ledger: string;
  /** Chart-of-accounts code, 1..65535 (e.g. 2011 customer demand deposits). */
  readonly code: number;
  readonly type: AccountType;
  readonly tenant?: string;
  readonly metadata?: Readonly<Record<string, string>>;
  readonly flags?: {
    /** Chain this item with the next one: all succeed or all fail. */
    readonly linked?: boolean;
    readonly debitsMustNotExceedCredits?: boolean;
    readonly creditsMustNotExceedDebits?: boolean;
    /** Migrating history: `timestamp` is given (see {@link TransferFlagsInput.imported}). */
    readonly imported?: boolean;
  };
  /** How far the guarded balance may go past zero, as a decimal string (default "0"). */
  readonly overdraftLimit?: string;
  /** Only with `flags.imported`: the original opening instant, nanoseconds as a decimal string. */
  readonly timestamp?: string;
}

/** Flags of a two-leg transfer. */
export interface TransferFlagsInput {
  readonly linked?: boolean;
  /** Reserve the amount (a hold) until posted, voided or expired. */
  readonly pending?: boolean;
  readonly postPendingTransfer?: boolean;
  readonly voidPendingTransfer?: boolean;
  /** Move at most what the debit account has available (amount is the cap). */
  readonly balancingDebit?: boolean;
  /** Move at most what the credit account can take (amount is the cap). */
  readonly balancingCredit?: boolean;
  /** On a hold: close the debit account while the hold is pending (voiding or expiry reopens it). */
  readonly closingDebit?: boolean;
  /** On a hold: close the credit account while the hold is pending. */
  readonly closingCredit?: boolean;
  /**
   * Migrating history from another core: the item carries its original `timestamp`. A batch either
   * imports (its first item is imported) or not; timestamps must be unique, strictly increasing,
   * after the book's last timestamp and before its clock. Imported holds cannot time out.
   */
  readonly imported?: boolean;
}

/** A two-leg transfer, a hold, or the post/void of a hold. */
export interface TransferInput {
  readonly id: string;
  /** Omitted when posting or voiding: taken from the pending transfer. */
  readonly debitAccountId?: string;
  readonly creditAccountId?: string;
  /**
   * Decimal string of major units, 0 up to 2^128 - 1 minor units. Balancing: the cap (see
   * `amountMaxOf(scale)` for no cap). Post: omitted or AMOUNT_MAX posts the full pending amount.
   * Void: omitted, zero or the full pending amount.
   */
  readonly amount?: string;
  /** Optional check: must equal the accounts' ledger. */
  readonly ledger?: string;
  /** Reason code, 1..65535 (e.g. 1 deposit, 2 payment). A post or void may omit it (the hold's code). */
  readonly code?: number;
  readonly pendingId?: string;
  /** Seconds until a pending transfer expires; 0 or omitted never expires. */
  readonly timeout?: number;
  /** Caller reference (order id, contract number), at most 256 characters. A post or void inherits the hold's when omitted. */
  readonly userData?: string;
  readonly flags?: TransferFlagsInput;
  /** Only with `flags.imported`: the original instant, nanoseconds as a decimal string. */
  readonly timestamp?: string;
}

/** One leg of a journal entry. */
export interface LegInput {
  readonly accountId: string;
  readonly side: Side;
  readonly amount: string;
}

/** A multi-leg journal entry, balanced per asset, posted at once. */
export interface JournalEntryInput {
  readonly id: string;
  readonly legs: readonly LegInput[];
  readonly code: number;
  readonly userData?: string;
  readonly flags?: { readonly linked?: boolean };
}

/** Reversal of a posted transfer or journal entry: a new item that swaps its sides. */
export interface ReversalInput {
  readonly id: string;
  readonly reverses: string;
  /** Reason code of the reversal (defaults to the original's code). */
  readonly code?: number;
  readonly userData?: string;
  readonly flags?: { readonly linked?: boolean };
}

/** Anything a transfer batch may hold. */
export type TransferBatchItem = TransferInput | JournalEntryInput | ReversalInput;
