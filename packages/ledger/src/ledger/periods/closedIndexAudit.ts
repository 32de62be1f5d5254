/**
 * What verify checks of a book's closed periods, walking its log: that no id is stored twice
 * across periods (a retry of a closed id that passed as new because its index row was deleted),
 * and, given the closed-posting index, that every closed period's ids are in it with the log's
 * entry and a sound seal, each reversal as made, and that it holds no more rows than the log
 * closed (an inserted row).
 *
 * Memory: with the index, the walk keeps only the open period (the book's own state) plus a
 * bounded batch of ids waiting to be looked up, so it stays flat in history. Without it, the walk
 * must remember every closed id (about 70 to 100 bytes each, in sets of at most
 * {@link IDS_PER_SET} because a V8 Set holds at most 2^24 entries): verify is offline and runs
 * on a machine sized for it, and for a long history the CLI passes the index whenever it exists.
 */
import type { RecordedEvent } from '../../eventStore/envelope.js';
import type { BookState } from '../bookState.js';
import { closingMismatch } from './closedIndexCheck.js';
import { MAX_LOOKUP_IDS, type ClosedPostingIndex, type PeriodClosing } from './closedPostingIndex.js';
import type { IndexSealCheck } from './indexSeal.js';
import { periodClosingOf } from './startPeriod.js';

/** What verify reads of a closed-posting index (it never writes). */
export type ClosedIndexReader = Pick<ClosedPostingIndex, 'lookup' | 'size'>;

/** Ids per set of the index-less duplicate check (well under V8's 2^24 entries per Set). */
export const IDS_PER_SET = 8_000_000;

/** Ids waiting for one batched lookup. */
const BATCH = Math.min(10_000, MAX_LOOKUP_IDS);

/** A problem found, at the revision of the event that shows it. */
export interface AuditProblem {
  readonly revision: bigint;
  readonly reason: string;
}

/** Every id of closed periods, sharded over sets (see the module comment). */
class ClosedIds {
  private readonly sets: Set<string>[] = [new Set()];

  has(id: string): boolean {
    for (const set of this.sets) if (set.has(id)) return true;
    return false;
  }

  add(id: string): void {
    let last = this.sets[this.sets.length - 1]!;
    if (last.size >= IDS_PER_SET) {
      last = new Set();
      this.sets.push(last);
    }
    last.add(id);
  }
}

/** Ids an event stores: its postings and its failed ids. */
const storedIds = (event: RecordedEvent): string[] => {
  if (event.type !== 'TransfersCommitted') return [];
  const data = event.data as { transfers: readonly { id: string }[]; failed: readonly { id: string }[] };
  return [...data.transfers.map(({ id }) => id), ...data.failed.map(({ id }) => id)];
};

/** See the module comment. One per book walked. */
export class ClosedIndexAudit {
  private readonly closedIds: ClosedIds | undefined;
  private pending: { id: string; revision: bigint; period: number }[] = [];
  private entries = 0;
  private reversals = 0;

  constructor(
    private readonly bookId: string,
    private readonly index: ClosedIndexReader | undefined,
    private readonly check: IndexSealCheck,
  ) {
    this.closedIds = index === undefined ? new ClosedIds() : undefined;
  }

  /** What closing the open period moves to the index, taken before a `PeriodClosed` event is applied. */
  closingBefore(state: BookState, event: RecordedEvent): PeriodClosing | undefined {
    return event.type === 'PeriodClosed' ? periodClosingOf(state) : undefined;
  }

  /** After `event` was verified and applied (the open period is now `period`). */
  async after(event: RecordedEvent, period: number, closing: PeriodClosing | undefined): Promise<AuditProblem | undefined> {
    for (const id of storedIds(event)) {
      if (this.closedIds?.has(id) === true) return { revision: event.revision, reason: `posting id ${id} is stored again, in period ${period}, after its period closed` };
      if (this.index !== undefined) this.pending.push({ id, revision: event.revision, period });
    }
    if (this.pending.length >= BATCH) {
      const duplicate = await this.flush();
      if (duplicate !== undefined) return duplicate;
    }
    if (closing === undefined) return undefined;
    this.entries += closing.entries.length;
    this.reversals += closing.reversals.length;
    if (this.closedIds !== undefined) {
      for (const [id] of closing.entries) this.closedIds.add(id);
      return undefined;
    }
    const duplicate = await this.flush();
    if (duplicate !== undefined) return duplicate;
    const mismatch = await closingMismatch(this.bookId, closing, this.index!, this.check, true);
    return mismatch === undefined ? undefined : { revision: event.revision, reason: `closed-posting index, period ${mismatch.period}, id ${mismatch.id}: ${mismatch.reason}` };
  }

  /** At the end of the book's log: the last ids, and no row in the index that the log did not close. */
  async finish(lastRevision: bigint): Promise<AuditProblem | undefined> {
    if (this.index === undefined) return undefined;
    const duplicate = await this.flush();
    if (duplicate !== undefined) return duplicate;
    const size = await this.index.size(this.bookId);
    if (size.entries !== this.entries || size.reversals !== this.reversals) {
      return {
        revision: lastRevision,
        reason: `the closed-posting index holds ${size.entries} entries and ${size.reversals} reversals for the book, the log closed ${this.entries} and ${this.reversals} (rows inserted?)`,
      };
    }
    return undefined;
  }

  /** Looks up the waiting ids: one the index holds in an earlier period is stored twice. */
  private async flush(): Promise<AuditProblem | undefined> {
    const pending = this.pending;
    this.pending = [];
    if (pending.length === 0 || this.index === undefined) return undefined;
    const found = await this.index.lookup(this.bookId, [...new Set(pending.map(({ id }) => id))]);
    for (const { id, revision, period } of pending) {
      const record = found.get(id);
      if (record !== undefined && record.period < period) {
        return { revision, reason: `posting id ${id} is stored again, in period ${period}, after period ${record.period} closed it` };
      }
    }
    return undefined;
  }
}
