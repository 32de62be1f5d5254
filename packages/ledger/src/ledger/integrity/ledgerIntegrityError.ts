/** The typed error a book raises when the history it loads is broken or was tampered with. */
import { EventStoreError } from '../../eventStore/errors.js';

/**
 * `Book.open` (or a later catch-up) found stored history it must not trust: a hash or seal that
 * does not hold, a revision gap, a snapshot that is not bound to the event it claims to cover.
 * Nothing was applied from the offending event on. `stream` and `revision` name where.
 */
export class LedgerIntegrityError extends EventStoreError {
  declare readonly code: 'ledger_integrity_broken';

  constructor(
    readonly stream: string,
    readonly revision: bigint,
    readonly reason: string,
  ) {
    super('ledger_integrity_broken', `${stream} revision ${revision}: ${reason}`);
    this.name = 'LedgerIntegrityError';
  }
}

/** True for a {@link LedgerIntegrityError} (by code, so it also holds across package copies). */
export const isLedgerIntegrityError = (error: unknown): error is LedgerIntegrityError =>
  error instanceof EventStoreError && error.code === 'ledger_integrity_broken';
