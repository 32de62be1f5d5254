/**
 * Deciding a batch of transfers, journal entries and reversals against a book, TigerBeetle-style.
 * Pure: reads the state through a {@link Scratch} and returns the event to append plus one result
 * per item. Each kind of item has its own decider (decideTransfer.ts, decidePostOrVoid.ts,
 * decideJournal.ts, decideReversal.ts), each in a fixed precedence mirroring TigerBeetle's state
 * machine, so that a given item always gets the same, most specific code. This module runs the
 * batch: expiries first, the batch-level import checks, the linked-chain rule and the dispatch by
 * kind; what an accepted item does to balances is the effects module's (effects/postingEffects.ts).
 */
import { transientResultCodes, type LedgerErrorCode } from '../errors.js';
import type { BookState, CommittedBatch, StoredPosting } from './bookState.js';
import { decideJournal } from './decideJournal.js';
import { applyExpiry, applyPosting } from './effects/postingEffects.js';
import { decideReversal } from './decideReversal.js';
import { decideTransfer } from './decideTransfer.js';
import type { PostingRecord } from './events.js';
import type { ItemResult } from './ledgerError.js';
import { runLinkedBatch } from './linkedBatch.js';
import { Scratch } from './scratch.js';
import type { ItemContext } from './transferItem.js';
import { importedTimestampOf, isId, isImported, isRecord, unknownTransferFieldOf } from './validation.js';
import type { ClosedViews } from './periods/closedLookup.js';

/** Largest batch a book accepts at once. */
export { MAX_BATCH_SIZE } from '../limits.js';

/** The event a transfer batch appends (absent when nothing changed) and each item's result. */
export interface TransferBatchDecision {
  readonly event: { readonly type: 'TransfersCommitted'; readonly data: TransfersCommittedJson } | undefined;
  readonly results: ItemResult[];
  /** The event's effects already parsed, for the live writer (replay parses the event instead). */
  readonly committed: CommittedBatch | undefined;
}

interface TransfersCommittedJson {
  expired: { id: string; timestamp: string }[];
  transfers: PostingRecord[];
  failed: { code: string; id: string }[];
}

/**
 * Decides a batch. `now` is the injected clock in nanoseconds; timestamps are unique and strictly
 * increasing: the batch starts at `max(now, last + 1)`, expiries take that instant, item `i` the next ones.
 */
export const decideTransferBatch = (state: BookState, items: readonly unknown[], now: bigint, closed?: ClosedViews): TransferBatchDecision =>
  decideTransferGroup(state, [items], now, closed)[0]!;

/**
 * Decides several batches one after the other, each seeing the effects of those before it, as if
 * they had been submitted in sequence: one decision (and event) per batch. The writer uses it to
 * commit the batches of concurrent callers in one append (group commit). Holds that timed out are
 * released by the first batch; each later batch starts strictly after the one before.
 */
export const decideTransferGroup = (
  state: BookState,
  batches: readonly (readonly unknown[])[],
  now: bigint,
  /** What the closed-posting index holds for the ids the batches name (see periods/closedLookup.ts). */
  closed?: ClosedViews,
): TransferBatchDecision[] => decideTransfersIn(new Scratch(state, closed), batches, now);

/**
 * {@link decideTransferGroup} over a given scratch view, which holds the batches' effects afterwards
 * (the effects-agreement property reads it; the book never reuses a scratch).
 */
export const decideTransfersIn = (scratch: Scratch, batches: readonly (readonly unknown[])[], now: bigint): TransferBatchDecision[] => {
  const { state } = scratch;
  let base = now > state.lastTimestamp ? now : state.lastTimestamp + 1n;
  const decisions: TransferBatchDecision[] = [];
  for (let i = 0; i < batches.length; i++) {
    const items = batches[i]!;
    decisions.push(decideInScratch(scratch, items, base, i === 0 && !isImported(items[0])));
    base += 1n + BigInt(items.length);
  }
  return decisions;
};

const decideInScratch = (scratch: Scratch, items: readonly unknown[], base: bigint, expireDue: boolean): TransferBatchDecision => {
  const { state } = scratch;
  // Holds that timed out are released before anything else sees the balances.
  const expired: { id: string; timestamp: string }[] = [];
  if (expireDue) {
    for (const { id } of state.expiries.dueAt(base)) {
      const hold = state.postings.get(id);
      if (hold?.kind !== 'transfer' || scratch.statusOf(id) !== 'pending') continue;
      applyExpiry(scratch, hold);
      expired.push({ id, timestamp: base.toString() });
    }
    // The expiry instant is used: an imported batch later in the group must come after it.
    if (expired.length > 0) scratch.useTimestamp(base);
  }

  const failures: [string, LedgerErrorCode][] = [];
  // As in TigerBeetle, the first item decides whether the batch imports history.
  const batchImported = isImported(items[0]);
  // The batch's own instant (its last timestamp): imported timestamps must lie before it.
  const batchTimestamp = base + BigInt(items.length);
  // The timestamp of the item just decided, which `apply` records (imported items use their own).
  let decidedAt = 0n;
  const decideItem = (item: unknown, index: number): LedgerErrorCode | 'exists' | StoredPosting => {
    let outcome: LedgerErrorCode | 'exists' | StoredPosting;
    if (!isRecord(item)) outcome = 'item_malformed';
    // Before anything reads the item: a misspelt field (`flag` for `flags`) could change its meaning.
    else if (unknownTransferFieldOf(item) !== undefined) outcome = 'unknown_field';
    else {
      const context = itemContext(scratch, item, base + 1n + BigInt(index), batchImported, batchTimestamp);
      if (typeof context !== 'string') decidedAt = context.timestamp;
      outcome =
        typeof context === 'string'
          ? context
          : 'legs' in item
            ? decideJournal(context, item)
            : 'reverses' in item
              ? decideReversal(context, item)
              : decideTransfer(context, item);
    }
    // A transient failure is remembered at once, so the id cannot succeed later in the batch either.
    if (typeof outcome === 'string' && transientResultCodes.has(outcome) && isRecord(item) && isId(item['id'])) {
      scratch.failed.set(item['id'], outcome as LedgerErrorCode);
      failures.push([item['id'], outcome as LedgerErrorCode]);
    }
    return outcome;
  };

  const { results, accepted } = runLinkedBatch(items, {
    decide: decideItem,
    apply: (posting) => {
      applyPosting(scratch, posting);
      scratch.useTimestamp(decidedAt);
    },
    beginChain: () => scratch.beginChain(),
    endChain: () => scratch.endChain(),
    rollbackChain: () => scratch.rollbackChain(),
  });

  if (accepted.length === 0 && expired.length === 0 && failures.length === 0) return { event: undefined, results, committed: undefined };
  // What replay computes (bookState.ts): the largest timestamp of the expiries and the items.
  // Every accepted item (and the expiry instant) came strictly after everything before it, so the
  // scratch's last timestamp is that largest one.
  const lastTimestamp = accepted.length > 0 || expired.length > 0 ? scratch.lastTimestamp : 0n;
  return {
    event: {
      type: 'TransfersCommitted',
      data: { expired, failed: failures.map(([id, code]) => ({ code, id })), transfers: accepted.map((p) => p.record) },
    },
    results,
    committed: { expired: expired.map(({ id }) => id), expiredAt: base, postings: accepted, failed: failures, lastTimestamp },
  };
};

/**
 * The batch-level checks of TigerBeetle's `execute_create` and the item's timestamp: an imported
 * item carries its own (valid, not ahead of the batch), any other item must not carry one.
 */
export const itemContext = (
  scratch: Scratch,
  item: Record<string, unknown>,
  timestamp: bigint,
  batchImported: boolean,
  batchTimestamp: bigint,
): ItemContext | LedgerErrorCode => {
  const imported = isImported(item);
  if (batchImported !== imported) return imported ? 'imported_event_not_expected' : 'imported_event_expected';
  if (!imported) return item['timestamp'] === undefined ? { scratch, timestamp, imported } : 'timestamp_must_be_zero';
  const given = importedTimestampOf(item['timestamp']);
  if (given === undefined) return 'imported_event_timestamp_out_of_range';
  if (given >= batchTimestamp) return 'imported_event_timestamp_must_not_advance';
  return { scratch, timestamp: given, imported };
};
