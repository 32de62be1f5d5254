/**
 * The ids of a group of batches that the open period does not hold, and the decider's view of
 * what the closed-posting index found for them. The book looks them up in one batched, async call
 * before deciding, and hands the result to the pure decider (see scratch.ts), which then answers
 * `exists`, `exists_with_different_*`, `id_already_failed`, `pending_transfer_already_*` and
 * `transfer_already_reversed` for closed ids exactly as for open ones.
 */
import type { LedgerErrorCode } from '../../errors.js';
import { storedJournalOf, storedTransferOf, type BookState, type PendingStatus, type StoredPosting } from '../bookState.js';
import { isId, isRecord } from '../validation.js';
import type { ClosedRecord } from './closedEntry.js';

/** What the decider sees of one closed id. */
export interface ClosedView {
  readonly posting?: StoredPosting;
  readonly status?: PendingStatus;
  readonly reversedBy?: string;
  readonly failed?: LedgerErrorCode;
}

/** Closed ids found for a group of batches; empty when the book has no closed period. */
export type ClosedViews = ReadonlyMap<string, ClosedView>;

/** No closed ids. */
export const NO_CLOSED: ClosedViews = new Map();

/** Ids (item ids, `pendingId`s, `reverses` targets) that the open period of `state` does not hold. */
export const idsToLookUp = (state: BookState, batches: readonly (readonly unknown[])[]): string[] => {
  if (state.period === 0) return [];
  const ids = new Set<string>();
  const consider = (value: unknown): void => {
    if (isId(value) && !state.postings.has(value) && !state.failed.has(value)) ids.add(value);
  };
  for (const items of batches) {
    for (const item of items) {
      if (!isRecord(item)) continue;
      consider(item['id']);
      consider(item['pendingId']);
      consider(item['reverses']);
    }
  }
  return [...ids];
};

/** Turns what the index found into the decider's view, parsing amounts at the book's scales. */
export const closedViewsOf = (state: BookState, found: ReadonlyMap<string, ClosedRecord>): ClosedViews => {
  const views = new Map<string, ClosedView>();
  for (const [id, { entry, reversedBy }] of found) {
    if (entry.kind === 'failed') {
      views.set(id, { failed: entry.code });
      continue;
    }
    const { record } = entry;
    const posting =
      record.kind === 'transfer'
        ? storedTransferOf(record, state.ledgers.get(record.ledger)?.asset.scale ?? 0)
        : storedJournalOf(record, (accountId) => state.accounts.get(accountId)?.scale ?? 0);
    const view: { -readonly [K in keyof ClosedView]: ClosedView[K] } = { posting };
    if (entry.status !== undefined) view.status = entry.status;
    if (reversedBy !== undefined) view.reversedBy = reversedBy;
    views.set(id, view);
  }
  return views;
};
