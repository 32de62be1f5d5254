/**
 * A verifier of the products posting guarantee, for crash and property tests: every recorded
 * product event's postings exist exactly once in the book, and nothing moved for an event that was
 * never recorded. It compares the postings derived from the store's events (`placePostings`, the
 * same derivation the handler uses) with every posting in the book that carries a product hold
 * reference (`p1:<revision>:<stream>`), and classifies the holds still pending.
 *
 * It reads the book's open period only (`bookState.postings`): tests that close periods must
 * check each period before closing it.
 */
import { decimalToMinor, type Book, type EventStore, type RecordedEvent } from '@ecoledger/ledger';
import { placePostings, type PlacedPosting } from '../src/posting/eventPostings.js';
import { placeOf } from '../src/posting/finishPostings.js';
import { holdReference, parseHoldReference } from '../src/posting/postingIds.js';
import { recordedEffects, type PostingSource } from '../src/posting/postingSources.js';

/** What the book holds compared with what the recorded product events owe. */
export interface ProductPostingsReport {
  /** Recorded product events that owe postings, and the postings they owe. */
  readonly events: number;
  readonly owedPostings: number;
  /** Owed postings absent from the book (with their hold pending, they are `pendingOwed` too). */
  readonly missing: readonly string[];
  /** Owed postings absent whose hold is not pending either: nothing can complete them (never allowed, even mid-crash). */
  readonly lost: readonly string[];
  /** Owed postings present with other accounts, amount, ledger, code, reference or hold than derived. */
  readonly mismatched: readonly string[];
  /** Postings (posts or transfers) carrying a product reference that no recorded event owes: money moved for nothing. */
  readonly unexpected: readonly string[];
  /** Pending product holds of a recorded event: a post is owed (a crash after recording). */
  readonly pendingOwed: readonly string[];
  /** Pending product holds of no recorded event: a release is owed (a crash before recording). */
  readonly pendingOrphaned: readonly string[];
}

interface Owed {
  readonly placed: PlacedPosting;
  /** User data of a hold and its post: the command's first event (`holdReference(stream, start)`). */
  readonly reference: string;
  /**
   * User data of a plain transfer (an event recorded before its postings: close of business, or the
   * posting processor finding no hold): the event's own revision, since neither knows where its
   * command started. The two differ for the second and later events of a multi-event command.
   */
  readonly ownReference: string;
  readonly scale: number;
}

const PAGE = 1_000;

const readAllEvents = async (store: EventStore): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  let after: bigint | 'start' = 'start';
  for (;;) {
    const page = await store.readAll({ after, maxCount: PAGE });
    if (page.length === 0) return events;
    events.push(...page);
    after = page[page.length - 1]!.position;
  }
};

// A command's events reference the revision of its first event (`holdReference(stream, first)`).
const commandStarts = (events: readonly RecordedEvent[]): Map<string, bigint> => {
  const starts = new Map<string, bigint>();
  const previous = new Map<string, RecordedEvent>();
  for (const event of events) {
    const before = previous.get(event.streamName);
    const continues = before !== undefined && before.metadata.commandId !== undefined && before.metadata.commandId === event.metadata.commandId;
    starts.set(event.id, continues ? starts.get(before.id)! : event.revision);
    previous.set(event.streamName, event);
  }
  return starts;
};

const owedPostings = (book: Book, sources: readonly PostingSource[], events: readonly RecordedEvent[]): { owed: Map<string, Owed>; events: number } => {
  const owed = new Map<string, Owed>();
  const starts = commandStarts(events);
  let owing = 0;
  for (const event of events) {
    const effects = recordedEffects(sources, event);
    if (effects === undefined || effects.postings.length === 0) continue;
    owing++;
    const reference = holdReference(event.streamName, starts.get(event.id)!);
    for (const placed of placePostings(placeOf(event), effects.postings)) {
      const scale = book.bookState.ledgers.get(placed.intent.ledger)?.asset.scale ?? 0;
      owed.set(placed.postingId, { placed, reference, ownReference: holdReference(event.streamName, event.revision), scale });
    }
  }
  return { owed, events: owing };
};

const sameAsOwed = (record: ReturnType<Book['transfer']>, { placed, reference, ownReference, scale }: Owed): boolean => {
  if (record === undefined || record.kind !== 'transfer') return false;
  const { intent, holdId } = placed;
  const settlesHold = record.pendingId === undefined || record.pendingId === holdId;
  return (
    settlesHold &&
    record.userData === (record.pendingId === undefined ? ownReference : reference) &&
    record.debitAccountId === intent.debitAccountId &&
    record.creditAccountId === intent.creditAccountId &&
    record.ledger === intent.ledger &&
    record.code === intent.code &&
    decimalToMinor(record.amount, scale) === decimalToMinor(intent.amount, scale)
  );
};

/**
 * Compares the book with the postings the store's recorded product events owe; see the module
 * comment. A settled store (after `repairHolds` and `catchUpPostings`) has every list empty.
 */
export const checkProductPostings = async (store: EventStore, book: Book, sources: readonly PostingSource[]): Promise<ProductPostingsReport> => {
  const { owed, events } = owedPostings(book, sources, await readAllEvents(store));
  const owedHolds = new Set([...owed.values()].map(({ placed }) => placed.holdId));
  const missing: string[] = [];
  const lost: string[] = [];
  const mismatched: string[] = [];
  for (const [postingId, entry] of owed) {
    const record = book.transfer(postingId);
    if (record === undefined) {
      missing.push(postingId);
      if (book.holdStatus(entry.placed.holdId) !== 'pending') lost.push(postingId);
    } else if (!sameAsOwed(record, entry)) mismatched.push(postingId);
  }
  const unexpected: string[] = [];
  const pendingOwed: string[] = [];
  const pendingOrphaned: string[] = [];
  for (const [id, stored] of book.bookState.postings) {
    const record = stored.record;
    if (parseHoldReference(record.userData) === undefined || record.kind !== 'transfer') continue;
    if (record.flags.includes('pending')) {
      if (book.holdStatus(id) === 'pending') (owedHolds.has(id) ? pendingOwed : pendingOrphaned).push(id);
    } else if (!record.flags.includes('void_pending_transfer') && !owed.has(id)) {
      unexpected.push(id);
    }
  }
  return { events, owedPostings: owed.size, missing, lost, mismatched, unexpected, pendingOwed, pendingOrphaned };
};

/** Debits minus credits per ledger, posted and pending, over every account: all zero in a sound book. */
export const trialBalanceGaps = (book: Book): { readonly ledger: string; readonly posted: bigint; readonly pending: bigint }[] => {
  const gaps = new Map<string, { posted: bigint; pending: bigint }>();
  for (const account of book.accounts()) {
    const scale = book.bookState.ledgers.get(account.ledger)?.asset.scale ?? 0;
    const gap = gaps.get(account.ledger) ?? { posted: 0n, pending: 0n };
    gap.posted += decimalToMinor(account.debitsPosted, scale) - decimalToMinor(account.creditsPosted, scale);
    gap.pending += decimalToMinor(account.debitsPending, scale) - decimalToMinor(account.creditsPending, scale);
    gaps.set(account.ledger, gap);
  }
  return [...gaps].map(([ledger, gap]) => ({ ledger, ...gap })).filter((gap) => gap.posted !== 0n || gap.pending !== 0n);
};
