/**
 * A book's side of its closed-posting index: the batched lookup before deciding, writing a period
 * when it closes (live, or when catching up with a close another writer made), and, on open,
 * rebuilding from the log any closed period the index does not have complete (after a crash
 * between the `PeriodClosed` append and the completion mark, or with an index that is new).
 */
import * as E from 'fp-ts/lib/Either.js';
import { decodeEvent } from '../../commandHandling/eventSchemas.js';
import type { EventStore } from '../../eventStore/eventStore.js';
import { initialBookState, type BookState } from '../bookState.js';
import { evolveRecorded } from '../requestFingerprint.js';
import { commandIdsToLookUp } from './closedCommands.js';
import { ledgerEventSchemas } from '../events.js';
import { closedViewsOf, idsToLookUp, NO_CLOSED, type ClosedViews } from './closedLookup.js';
import type { ClosedPostingIndex, PeriodClosing } from './closedPostingIndex.js';
import { periodClosingOf } from './startPeriod.js';

const PAGE = 1_000;

/** See the module comment. */
export class BookPeriods {
  constructor(
    readonly index: ClosedPostingIndex,
    private readonly bookId: string,
  ) {}

  /** What the index holds for the ids of `batches` that the open period does not (one lookup). */
  async lookup(state: BookState, batches: readonly (readonly unknown[])[]): Promise<ClosedViews> {
    const ids = idsToLookUp(state, batches);
    if (ids.length === 0) return NO_CLOSED;
    return closedViewsOf(state, await this.index.lookup(this.bookId, ids));
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

  /** Writes what closing the open period of `state` moves out of it (an idempotent upsert). */
  async writeClosing(state: BookState): Promise<PeriodClosing> {
    const closing = periodClosingOf(state);
    await this.index.writePeriod(this.bookId, closing);
    return closing;
  }

  /**
   * Whether `period` is marked complete. The book marks a period only after its `PeriodClosed`
   * event is stored and its entries were written from exactly the state before it, so a complete
   * period never needs writing again.
   */
  async isComplete(period: number): Promise<boolean> {
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
    for (let period = 0; period < openPeriod; period++) if (!completed.has(period)) missing.add(period);
    if (missing.size === 0) return [];
    const rebuilt: number[] = [];
    const state = initialBookState();
    for (let from = 0n; missing.size > rebuilt.length; ) {
      const page = await store.readStream(stream, { fromRevision: from, maxCount: PAGE });
      for (const recorded of page) {
        const decoded = decodeEvent(ledgerEventSchemas, recorded);
        if (E.isLeft(decoded)) throw decoded.left;
        const event = decoded.right;
        if (event.type === 'PeriodClosed' && missing.has(event.data.period)) {
          await this.writeClosing(state);
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
