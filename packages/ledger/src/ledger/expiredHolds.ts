/** What {@link Book.expirePendingTransfers} reports: the holds an expiry released. */
import type { BookState } from './bookState.js';
import type { LedgerEvent } from './events.js';

/** A hold released because its timeout passed. */
export interface ExpiredHold {
  readonly id: string;
  readonly debitAccountId: string;
  readonly creditAccountId: string;
  readonly ledger: string;
  /** The amount that was reserved and is now available again, in the ledger's major unit. */
  readonly amount: string;
  readonly code: number;
  readonly userData?: string;
  /** The book instant of the expiry, nanoseconds as a decimal string. */
  readonly expiredAt: string;
}

/** The outcome of an expiry: every hold it released, in expiry order (empty when none was due). */
export interface ExpiryResult {
  readonly expired: readonly ExpiredHold[];
}

/**
 * The holds the decided `events` expire, read from `state` (the holds are there, pending, until
 * the events are applied, and stay there afterwards with their final status).
 */
export const expiredHoldsOf = (state: BookState, events: readonly LedgerEvent[]): ExpiredHold[] => {
  const holds: ExpiredHold[] = [];
  for (const event of events) {
    if (event.type !== 'TransfersCommitted') continue;
    for (const { id, timestamp } of event.data.expired) {
      const hold = state.postings.get(id);
      if (hold?.kind !== 'transfer') throw new Error(`expired hold ${id} is not in the book state`);
      const { debitAccountId, creditAccountId, ledger, amount, code, userData } = hold.record;
      holds.push({ id, debitAccountId, creditAccountId, ledger, amount, code, ...(userData === undefined ? {} : { userData }), expiredAt: timestamp });
    }
  }
  return holds;
};
