/** The typed error a book raises when the history it loads is broken or was tampered with. */
import { EventStoreError } from '../../eventStore/errors.js';

/** Where in the closed-posting index a broken row sits. */
export interface ClosedIndexLocation {
  readonly bookId: string;
  /** The period the row belongs to (claimed by the row, or, for a missing row, per the log). */
  readonly period: number;
  /** The id of the row; `*` when what broke is the period's row count (rows inserted). */
  readonly id: string;
}

/**
 * `Book.open` (or a later catch-up) found stored history it must not trust: a hash or seal that
 * does not hold, a revision gap, a snapshot that is not bound to the event it claims to cover.
 * Nothing was applied from the offending event on. `stream` and `revision` name where. For a
 * broken row of the closed-posting index, `index` names the book, period and id, `stream` is the
 * book's stream and `revision` is -1 (an index row has no revision of its own).
 */
export class LedgerIntegrityError extends EventStoreError {
  declare readonly code: 'ledger_integrity_broken';

  constructor(
    readonly stream: string,
    readonly revision: bigint,
    readonly reason: string,
    readonly index?: ClosedIndexLocation,
  ) {
    super(
      'ledger_integrity_broken',
      index === undefined ? `${stream} revision ${revision}: ${reason}` : `closed-posting index of book ${index.bookId}, period ${index.period}, id ${index.id}: ${reason}`,
    );
    this.name = 'LedgerIntegrityError';
  }
}

/** True for a {@link LedgerIntegrityError} (by code, so it also holds across package copies). */
export const isLedgerIntegrityError = (error: unknown): error is LedgerIntegrityError =>
  error instanceof EventStoreError && error.code === 'ledger_integrity_broken';
