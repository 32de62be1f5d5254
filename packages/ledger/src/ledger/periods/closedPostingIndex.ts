/**
 * The port through which a book keeps the ids of its closed periods: a durable, exact index
 * `(book, id) -> ClosedEntry`, filled when a period closes and queried, in one batched lookup per
 * group of batches, for the ids a batch names that the open period does not hold.
 *
 * Contract (checked by closedPostingIndex.test.ts on every implementation):
 * - `writePeriod` is an idempotent upsert, in one unit of work. What it writes are facts of the
 *   log (a posting's record, the final status of a hold, a failure code, a reversal never change),
 *   so writing a period again, or an earlier state of it from an attempt that lost a race,
 *   converges to the same rows;
 * - `completePeriod` marks a period complete. The book marks it only after the `PeriodClosed`
 *   event is stored and the entries were written from exactly the state before it; a period that
 *   is closed in the log but not marked (a crash in between) is rebuilt from the log on open;
 * - `lookup` returns exactly the entries written, with the reversal of each posting if any, and
 *   the seals written with them (the book checks them: see indexSeal.ts);
 * - `lookupCommands` returns the fingerprint each command id of a closed period was bound to, in
 *   a key space of its own (a command id never collides with a posting id); when a command id is
 *   written for several periods (only histories from before this check), the earliest one wins.
 */
import type { ClosedCommands } from './closedCommands.js';
import type { ClosedEntry, ClosedRecord } from './closedEntry.js';
import { createInMemoryClosedCommands } from './closedCommands.js';
import type { IndexSeal } from './indexSeal.js';
import { MAX_LOOKUP_IDS } from '../../limits.js';

/** Most ids one lookup may ask for (a group of batches names at most 3 ids per item). */
export { MAX_LOOKUP_IDS };

/** What closing one period writes. */
export interface PeriodClosing {
  /** The number of the period closed (0 for the first). */
  readonly period: number;
  /** Every posting of the period that is not an open hold, and every id that failed in it. */
  readonly entries: readonly (readonly [id: string, entry: ClosedEntry, seal?: IndexSeal])[];
  /** Every reversal made in the period: original id -> reversal id (the original may be older). */
  readonly reversals: readonly (readonly [originalId: string, reversalId: string, seal?: IndexSeal])[];
  /** Every command id bound in the period, with its request fingerprint (see requestFingerprint.ts). */
  readonly commands?: ClosedCommands;
}

/** How many rows the index holds for a book (verify compares them with the log). */
export interface ClosedIndexSize {
  readonly entries: number;
  readonly reversals: number;
}

/** See the module comment. */
export interface ClosedPostingIndex {
  /** Upserts a period's entries and reversals durably, in one unit of work. Idempotent. */
  writePeriod(bookId: string, closing: PeriodClosing): Promise<void>;
  /** Marks a period complete (after its `PeriodClosed` event is stored). Idempotent. */
  completePeriod(bookId: string, period: number): Promise<void>;
  /** Periods of `bookId` marked complete. */
  completedPeriods(bookId: string): Promise<ReadonlySet<number>>;
  /** The entries of those of `ids` that belong to closed periods (at most {@link MAX_LOOKUP_IDS} ids). */
  lookup(bookId: string, ids: readonly string[]): Promise<ReadonlyMap<string, ClosedRecord>>;
  /** Command id -> request fingerprint for those of `commandIds` bound in closed periods (at most {@link MAX_LOOKUP_IDS}). */
  lookupCommands(bookId: string, commandIds: readonly string[]): Promise<ReadonlyMap<string, string>>;
  /** Rows held for `bookId`: entries of `period` (of every period when omitted), and every reversal row. */
  size(bookId: string, period?: number): Promise<ClosedIndexSize>;
}

/** Checks the lookup bound (TIGER_STYLE: a limit on everything). */
export const assertLookupSize = (ids: readonly string[]): void => {
  if (ids.length > MAX_LOOKUP_IDS) throw new RangeError(`closed-posting lookup of ${ids.length} ids exceeds ${MAX_LOOKUP_IDS}`);
};

/**
 * The in-memory index: exact, but lost with the process. A book opened over it with closed periods
 * in its log rebuilds it from the log (see rebuildClosedIndex.ts), which reads the whole history:
 * durable deployments use {@link createSqlClosedPostingIndex} instead.
 */
export const createInMemoryClosedPostingIndex = (): ClosedPostingIndex => {
  type Stored = { entry: ClosedEntry; period: number; seal?: IndexSeal };
  const books = new Map<string, { entries: Map<string, Stored>; reversals: Map<string, { id: string; seal?: IndexSeal }>; complete: Set<number> }>();
  const bookOf = (bookId: string) => {
    let book = books.get(bookId);
    if (book === undefined) {
      book = { entries: new Map(), reversals: new Map(), complete: new Set() };
      books.set(bookId, book);
    }
    return book;
  };
  const commands = createInMemoryClosedCommands();
  return {
    writePeriod: async (bookId, { period, entries, reversals, commands: bound }) => {
      const book = bookOf(bookId);
      commands.write(bookId, period, bound ?? []);
      for (const [id, entry, seal] of entries) book.entries.set(id, seal === undefined ? { entry, period } : { entry, period, seal });
      for (const [original, reversal, seal] of reversals) book.reversals.set(original, seal === undefined ? { id: reversal } : { id: reversal, seal });
    },
    completePeriod: async (bookId, period) => {
      bookOf(bookId).complete.add(period);
    },
    completedPeriods: async (bookId) => new Set(books.get(bookId)?.complete ?? []),
    lookup: async (bookId, ids) => {
      assertLookupSize(ids);
      const found = new Map<string, ClosedRecord>();
      const book = books.get(bookId);
      if (book === undefined) return found;
      for (const id of ids) {
        const stored = book.entries.get(id);
        if (stored === undefined) continue;
        const reversal = book.reversals.get(id);
        if (reversal === undefined) found.set(id, stored);
        else found.set(id, reversal.seal === undefined ? { ...stored, reversedBy: reversal.id } : { ...stored, reversedBy: reversal.id, reversalSeal: reversal.seal });
      }
      return found;
    },
    lookupCommands: async (bookId, commandIds) => {
      assertLookupSize(commandIds);
      return commands.lookup(bookId, commandIds);
    },
    size: async (bookId, period) => {
      const book = books.get(bookId);
      if (book === undefined) return { entries: 0, reversals: 0 };
      let entries = 0;
      if (period === undefined) entries = book.entries.size;
      else for (const stored of book.entries.values()) if (stored.period === period) entries++;
      return { entries, reversals: book.reversals.size };
    },
  };
};
