/**
 * What a product event asks of the ledger. A product never keeps money of its own: every movement
 * its events describe is a ledger posting, and every account its contract needs is a ledger
 * account. Deciders never call the ledger; the posting rules turn each recorded event into these
 * plain values, and the product command handler (or, after a crash, the posting processor) submits
 * them through the posting port with ids derived from the event, so they land exactly once.
 */
import type { AccountType } from '@ecoledger/ledger';

/** A ledger account a product contract needs (opened idempotently before the event is recorded). */
export interface AccountIntent {
  /** Ledger account id, from the chart's id helpers: stable for the contract and role. */
  readonly id: string;
  readonly ledger: string;
  /** Chart-of-accounts code, inside the product's account code range. */
  readonly code: number;
  readonly type: AccountType;
  /**
   * The ledger guard that makes the book, not the product, decide whether the money is there:
   * a customer's deposit account (a liability) must not be debited beyond its credits.
   */
  readonly guard?: 'debits_must_not_exceed_credits' | 'credits_must_not_exceed_debits';
  readonly metadata?: Readonly<Record<string, string>>;
}

/** One two-leg movement a product event causes. */
export interface PostingIntent {
  /**
   * Names the movement within its event (`principal`, `interest`, `tax`): with the event's id it
   * derives the ledger ids, so the same event always yields the same postings.
   */
  readonly key: string;
  readonly ledger: string;
  readonly debitAccountId: string;
  readonly creditAccountId: string;
  /** Decimal string in the ledger's major unit ("12.34"), never zero (zero legs are dropped). */
  readonly amount: string;
  /** Transfer code, inside the product's transfer code range. */
  readonly code: number;
}

/** One leg of a journal intent. */
export interface JournalLegIntent {
  readonly accountId: string;
  readonly side: 'debit' | 'credit';
  /** Decimal string in the ledger's major unit; zero legs are dropped. */
  readonly amount: string;
}

/**
 * A multi-leg movement a product event causes, booked as one journal entry (a repayment split into
 * principal, interest and fees). Journals are posted after the event is recorded, never held
 * (the ledger holds two-leg transfers only): a journal must move only money the command already
 * secured, e.g. what a held transfer brought into a clearing account, never debit a customer's
 * guarded account directly.
 */
export interface JournalIntent {
  /** Names the journal within its event; with the event it derives the entry's id. */
  readonly key: string;
  readonly legs: readonly JournalLegIntent[];
  /** Transfer code, inside the product's transfer code range. */
  readonly code: number;
}

/** The ledger effects of one product event. */
export interface LedgerEffects {
  readonly accounts: readonly AccountIntent[];
  readonly postings: readonly PostingIntent[];
  /** Multi-leg entries, posted after the event (see {@link JournalIntent}). */
  readonly journals?: readonly JournalIntent[];
}

/** No ledger effect (most lifecycle events: freezes, rate changes, maturity notices). */
export const NO_LEDGER_EFFECTS: LedgerEffects = Object.freeze({ accounts: Object.freeze([]), postings: Object.freeze([]) });
