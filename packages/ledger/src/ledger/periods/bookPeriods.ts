/**
 * A book's side of its closed-posting index: the batched lookup before deciding, writing a period
 * when it closes (live, or when catching up with a close another writer made), and, on open,
 * rebuilding from the log any closed period the index does not have complete (after a crash
 * between the `PeriodClosed` append and the completion mark, or with an index that is new).
 * Every row it writes is sealed and every row it reads is checked (closedIndexCheck.ts).
 */
import * as E from 'fp-ts/lib/Either.js';
import { decodeEvent } from '../../commandHandling/eventSchemas.js';
import type { EventStore } from '../../eventStore/eventStore.js';
import { initialBookState, type BookState } from '../bookState.js';
import { evolveRecorded } from '../requestFingerprint.js';
import { commandIdsToLookUp } from './closedCommands.js';
import { GENESIS_HASH } from '../hashChain.js';
import { assertNextLink, type ChainPosition } from '../integrity/chainCheck.js';
import { ledgerEventSchemas, type PostingRecord } from '../events.js';
import { closedViewsOf, idsToLookUp, NO_CLOSED, type ClosedViews } from './closedLookup.js';
import type { SealKey } from '../hashChain.js';
import { assertSealed, closedIndexError, closingMismatch, sealClosing } from './closedIndexCheck.js';
import type { ClosedPostingIndex, PeriodClosing } from './closedPostingIndex.js';
import type { IndexSealCheck } from './indexSeal.js';
import { periodClosingOf } from './startPeriod.js';
import { CLOSED_INDEX_PAGE_SIZE as PAGE } from '../../limits.js';


/** See the module comment. */
export class BookPeriods {
  /**
   * Set by `Book.open` while it migrates an unkeyed history to a key (`seal.adoptUnkeyedHistory`):
   * every closed period is then written again from the log, sealed, even if marked complete.
   */
  resealing = false;

  constructor(
    readonly index: ClosedPostingIndex,
    private readonly bookId: string,
    /** The key rows are sealed with (`undefined` for unkeyed digests), and how rows are checked. */
    private readonly seals: { readonly key: SealKey | undefined; readonly check: IndexSealCheck },
  ) {}

  /**
   * What the index holds for the ids of `batches` that the open period does not (one lookup).
   * @throws LedgerIntegrityError when a row's seal does not hold.
   */
  async lookup(state: BookState, batches: readonly (readonly unknown[])[]): Promise<ClosedViews> {
    const ids = idsToLookUp(state, batches);
    if (ids.length === 0) return NO_CLOSED;
    return closedViewsOf(state, assertSealed(this.bookId, await this.index.lookup(this.bookId, ids), this.seals.check));
  }

  /**
   * Command id -> fingerprint, from the index, for those of `commandIds` that the open period of
   * `state` does not bind (one lookup; none before the first close).
   */
  async closedCommands(state: BookState, commandIds: readonly string[]): Promise<ReadonlyMap<string, string>> {
    const ids = commandIdsToLookUp(state, commandIds);
    if (ids.length === 0) return new Map();
    return this.index.lookupCommands(this.bookId, ids);
  }

  /** The record of a closed posting, checked; `undefined` when the index holds none. @throws LedgerIntegrityError */
  async find(id: string): Promise<PostingRecord | undefined> {
    const entry = assertSealed(this.bookId, await this.index.lookup(this.bookId, [id]), this.seals.check).get(id)?.entry;
    return entry?.kind === 'posting' ? entry.record : undefined;
  }

  /** Writes what closing the open period of `state` moves out of it, sealed (an idempotent upsert). */
  async writeClosing(state: BookState): Promise<PeriodClosing> {
    const closing = sealClosing(this.bookId, periodClosingOf(state), this.seals.key);
    await this.index.writePeriod(this.bookId, closing);
    return closing;
  }

  /**
   * Writes a period again from the log (a rebuild): the rows the index already holds for it must
   * be the log's (a crash or a lost race leaves only true rows; anything else was edited); after
   * the write, the index must hold exactly the period's entries (an inserted row claiming the
   * period shows as a count above it). Costs a count over the book's rows, paid only here, where
   * `Book.open` replays the whole log anyway. @throws LedgerIntegrityError
   */
  private async rebuild(state: BookState): Promise<void> {
    const closing = periodClosingOf(state);
    // Rows being resealed were written unkeyed, before the key: check their content, not their seal kind.
    const check = this.resealing ? { keys: this.seals.check.keys, keyed: false } : this.seals.check;
    const mismatch = await closingMismatch(this.bookId, closing, this.index, check, false);
    if (mismatch !== undefined) throw closedIndexError(this.bookId, mismatch.period, mismatch.id, mismatch.reason);
    await this.writeClosing(state);
    const { entries } = await this.index.size(this.bookId, closing.period);
    if (entries !== closing.entries.length) {
      throw closedIndexError(this.bookId, closing.period, '*', `the index holds ${entries} rows for the period, the log closed ${closing.entries.length} (rows inserted?)`);
    }
  }

  /**
   * Whether `period` is marked complete. The book marks a period only after its `PeriodClosed`
   * event is stored and its entries were written from exactly the state before it, so a complete
   * period never needs writing again.
   */
  async isComplete(period: number): Promise<boolean> {
    if (this.resealing) return false;
    return (await this.index.completedPeriods(this.bookId)).has(period);
  }

  /** Marks `period` complete: its `PeriodClosed` event is stored and its entries written. */
  complete(period: number): Promise<void> {
    return this.index.completePeriod(this.bookId, period);
  }

  /**
   * Makes sure every period before `openPeriod` is complete in the index; rebuilds the missing
   * ones by replaying the log from the start (the log has every event of every period).
   * @returns the periods rebuilt.
   */
  async ensureComplete(openPeriod: number, store: EventStore, stream: string): Promise<number[]> {
    if (openPeriod === 0) return [];
    const completed = await this.index.completedPeriods(this.bookId);
    const missing = new Set<number>();
    for (let period = 0; period < openPeriod; period++) if (this.resealing || !completed.has(period)) missing.add(period);
    if (missing.size === 0) return [];
    const rebuilt: number[] = [];
    const state = initialBookState();
    // The history before the snapshot is read only here: it is checked like every event the book
    // loads (revision, chain, seal), so a forged event can never be sealed into the index.
    let position: ChainPosition = { revision: undefined, hash: GENESIS_HASH, sealedFrom: undefined };
    for (let from = 0n; missing.size > rebuilt.length; ) {
      const page = await store.readStream(stream, { fromRevision: from, maxCount: PAGE });
      for (const recorded of page) {
        assertNextLink(recorded, position, this.seals.check.keys);
        position = {
          revision: recorded.revision,
          hash: recorded.metadata.hash ?? GENESIS_HASH,
          sealedFrom: position.sealedFrom ?? (recorded.metadata.sealKeyId === undefined ? undefined : recorded.revision),
        };
        const decoded = decodeEvent(ledgerEventSchemas, recorded);
        if (E.isLeft(decoded)) throw decoded.left;
        const event = decoded.right;
        if (event.type === 'PeriodClosed' && missing.has(event.data.period)) {
          await this.rebuild(state);
          await this.complete(event.data.period);
          rebuilt.push(event.data.period);
        }
        // With the command ids of the metadata: they go to the index with the postings.
        evolveRecorded(state, event, recorded.metadata);
        from = recorded.revision + 1n;
      }
      if (page.length < PAGE) break;
    }
    if (rebuilt.length !== missing.size) {
      throw new Error(`book ${this.bookId}: periods ${[...missing].join(', ')} are closed in the snapshot but not all in ${stream}`);
    }
    return rebuilt;
  }
}
