/**
 * `LedgerInvariantError`: an event, or the state it is applied to, would break an invariant of the
 * book. Deciders never produce such an event, so this means a corrupt log, snapshot or state: the
 * book stops at once (TigerBeetle-style assertions) instead of carrying on with wrong balances.
 */

/** Every invariant the book state asserts, with what it means. */
export const ledgerInvariants = {
  account_exists: 'an event names an account the book does not have',
  account_unique: 'an account is opened twice',
  ledger_exists: 'an account is opened on a ledger the book does not have',
  balance_not_negative: 'a balance field (unsigned) would go below zero',
  balance_within_u128: 'a balance field would exceed 2^128 - 1',
  posting_unique: 'a transfer or journal entry id is stored twice',
  hold_exists: 'a post, void or expiry names something that is not a hold of the book',
  hold_status_transition: 'a hold moves between statuses other than pending -> posted, voided or expired (posted twice, for example)',
  post_within_hold: 'a post moves more than its hold, or names other accounts than its hold',
  batch_balanced: 'the journal legs of a batch do not net to zero per asset',
  period_sequence: 'a period is closed out of order',
} as const;

/** Name of an invariant. */
export type LedgerInvariant = keyof typeof ledgerInvariants;

/** Thrown where state is applied when an invariant would break; names the invariant, the object and the values. */
export class LedgerInvariantError extends Error {
  override readonly name = 'LedgerInvariantError';

  constructor(
    readonly invariant: LedgerInvariant,
    /** What broke it: `account <id>`, `transfer <id>`, `asset <code>`, ... */
    readonly subject: string,
    /** The values involved, as strings (bigints in decimal). */
    readonly values: Readonly<Record<string, string>> = {},
  ) {
    const detail = Object.entries(values)
      .map(([key, value]) => `${key}=${value}`)
      .join(', ');
    super(`invariant ${invariant} broken by ${subject}: ${ledgerInvariants[invariant]}${detail === '' ? '' : ` (${detail})`}`);
  }
}

/** True for a {@link LedgerInvariantError}. */
export const isLedgerInvariantError = (error: unknown): error is LedgerInvariantError => error instanceof LedgerInvariantError;
