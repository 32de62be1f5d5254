/**
 * Holding the closed-posting index to the log: sealing what the book writes, checking the seal of
 * every row a lookup returns, and comparing a period's rows with the period as the log has it
 * (what `Book.open` does when it rebuilds a period, and what verify does for every period).
 */
import { BOOK_STREAM_PREFIX } from '../integrity/bookId.js';
import { canonicalJson, type SealKey } from '../hashChain.js';
import { LedgerIntegrityError } from '../integrity/ledgerIntegrityError.js';
import type { ClosedRecord } from './closedEntry.js';
import { MAX_LOOKUP_IDS, type ClosedPostingIndex, type PeriodClosing } from './closedPostingIndex.js';
import { entrySeal, entrySealProblem, reversalSeal, reversalSealProblem, type IndexSealCheck } from './indexSeal.js';

/** A broken index row, as a typed error naming the book, period and id. */
export const closedIndexError = (bookId: string, period: number, id: string, reason: string): LedgerIntegrityError =>
  new LedgerIntegrityError(`${BOOK_STREAM_PREFIX}${bookId}`, -1n, reason, { bookId, period, id });

/** `closing` with every entry and reversal row sealed (keyed when `key` is given). */
export const sealClosing = (bookId: string, closing: PeriodClosing, key: SealKey | undefined): PeriodClosing => ({
  // Everything else of the closing (its command ids) goes to the index as it is.
  ...closing,
  entries: closing.entries.map(([id, entry]) => [id, entry, entrySeal(bookId, closing.period, id, entry, key)] as const),
  reversals: closing.reversals.map(([original, reversal]) => [original, reversal, reversalSeal(bookId, original, reversal, key)] as const),
});

/**
 * Checks the seals of what a lookup returned. @throws LedgerIntegrityError at the first row whose
 * seal does not hold, or that answers for another id than the one asked.
 */
export const assertSealed = (bookId: string, found: ReadonlyMap<string, ClosedRecord>, check: IndexSealCheck): ReadonlyMap<string, ClosedRecord> => {
  for (const [id, record] of found) {
    const entryProblem = entrySealProblem(bookId, record.period, id, record.entry, record.seal, check);
    if (entryProblem !== undefined) throw closedIndexError(bookId, record.period, id, entryProblem);
    if (record.entry.kind === 'posting' && record.entry.record.id !== id) {
      throw closedIndexError(bookId, record.period, id, `the row holds the record of ${record.entry.record.id}`);
    }
    if (record.reversedBy === undefined) continue;
    const reversalProblem = reversalSealProblem(bookId, id, record.reversedBy, record.reversalSeal, check);
    if (reversalProblem !== undefined) throw closedIndexError(bookId, record.period, id, `reversal row: ${reversalProblem}`);
  }
  return found;
};

/** A row of the index that differs from the log. */
export interface ClosedIndexMismatch {
  readonly period: number;
  readonly id: string;
  readonly reason: string;
}

/**
 * Compares the rows the index holds for a period's ids with the period as the log has it: each
 * row found must be that period's, with the same entry and a sound seal (under `check`), and each
 * reversal the period made must be in the index as made. With `requireAll`, a missing row is a
 * mismatch too (verify); without it (a rebuild, which writes the missing rows next), it is not.
 * Reads at most {@link MAX_LOOKUP_IDS} ids per lookup.
 */
export const closingMismatch = async (
  bookId: string,
  closing: PeriodClosing,
  index: Pick<ClosedPostingIndex, 'lookup'>,
  check: IndexSealCheck,
  requireAll: boolean,
): Promise<ClosedIndexMismatch | undefined> => {
  const at = (id: string, reason: string, period = closing.period): ClosedIndexMismatch => ({ period, id, reason });
  const reversals = new Map(closing.reversals.map(([original, reversal]) => [original, reversal] as const));
  const lookUp = async (ids: readonly string[]): Promise<ReadonlyMap<string, ClosedRecord>> => {
    const found = new Map<string, ClosedRecord>();
    for (let start = 0; start < ids.length; start += MAX_LOOKUP_IDS) {
      for (const [id, record] of await index.lookup(bookId, ids.slice(start, start + MAX_LOOKUP_IDS))) found.set(id, record);
    }
    return found;
  };
  const found = await lookUp(closing.entries.map(([id]) => id));
  for (const [id, entry] of closing.entries) {
    const record = found.get(id);
    if (record === undefined) {
      if (requireAll) return at(id, 'the log closed this id in this period, but the index does not hold it (row deleted?)');
      continue;
    }
    if (record.period !== closing.period) return at(id, `the index puts this id in period ${record.period} (row edited?)`, record.period);
    if (canonicalJson(record.entry) !== canonicalJson(entry)) return at(id, 'the index row differs from the log (row edited?)');
    const problem = entrySealProblem(bookId, record.period, id, record.entry, record.seal, check);
    if (problem !== undefined) return at(id, problem);
  }
  // Reversals made in this period; their originals may be of an older period.
  const originals = await lookUp(closing.reversals.map(([original]) => original).filter((original) => !found.has(original)));
  for (const [original, reversal] of reversals) {
    const record = found.get(original) ?? originals.get(original);
    if (record === undefined) {
      if (requireAll) return at(original, `the log reversed this id by ${reversal} in this period, but the index does not hold it (row deleted?)`);
      continue;
    }
    if (record.reversedBy === undefined) {
      if (requireAll) return at(original, `the log reversed this id by ${reversal} in this period, but the index holds no reversal (row deleted?)`);
      continue;
    }
    if (record.reversedBy !== reversal) return at(original, `the index says ${record.reversedBy} reversed this id, the log says ${reversal} (row edited?)`);
    const problem = reversalSealProblem(bookId, original, reversal, record.reversalSeal, check);
    if (problem !== undefined) return at(original, `reversal row: ${problem}`);
  }
  return undefined;
};
