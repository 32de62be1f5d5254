/**
 * The ledger items of one product event, all derived from where the event sits (stream, revision)
 * and the command that decided it: its holds, the posts that settle them, the voids that release
 * them, and the plain transfers of an event recorded before its postings (close of business).
 */
import type { JournalEntryInput, TransferBatchItem, TransferInput } from '@ecoledger/ledger';
import type { JournalIntent, LedgerEffects, PostingIntent } from './ledgerEffects.js';
import { holdIdOf, holdReference, postingIdOf, voidIdOf } from './postingIds.js';

/** Where an event sits, which command decided it, and its id. */
export interface EventPlace {
  readonly stream: string;
  readonly revision: bigint;
  readonly commandId: string;
  /** The event's id: it tells apart the events of two attempts of one command that take the same revision. */
  readonly eventId: string;
}

/** One posting of an event with its derived ids. */
export interface PlacedPosting {
  readonly intent: PostingIntent;
  readonly holdId: string;
  readonly postingId: string;
  readonly voidId: string;
}

/** Derives the ids of each of an event's postings. */
export const placePostings = (place: EventPlace, postings: readonly PostingIntent[]): PlacedPosting[] =>
  postings.map((intent) => {
    const holdId = holdIdOf(place.stream, place.revision, place.commandId, place.eventId, intent.key);
    return { intent, holdId, postingId: postingIdOf(holdId), voidId: voidIdOf(holdId) };
  });

/**
 * Links a batch into one chain (every item but the last is `linked`): the book then takes all of
 * them or none, so a command's postings never land in part.
 */
export const asChain = <Item extends TransferBatchItem>(items: readonly Item[]): Item[] =>
  items.map((item, index) => (index < items.length - 1 ? { ...item, flags: { ...item.flags, linked: true } } : item));

const isZero = (amount: string): boolean => /^0+(\.0+)?$/.test(amount);

/**
 * The journal entries of an event's journal intents, with ids derived like its postings' (zero legs
 * dropped; a journal left with fewer than two legs moves nothing and is dropped).
 */
export const journalItems = (place: EventPlace, journals: readonly JournalIntent[] | undefined): JournalEntryInput[] =>
  (journals ?? []).flatMap((journal) => {
    const legs = journal.legs.filter((leg) => !isZero(leg.amount));
    if (legs.length < 2) return [];
    const id = postingIdOf(holdIdOf(place.stream, place.revision, place.commandId, place.eventId, journal.key));
    return [{ id, legs: legs.map(({ accountId, side, amount }) => ({ accountId, side, amount })), code: journal.code, userData: holdReference(place.stream, place.revision) }];
  });

/** Whether an event's effects move any money. */
export const movesMoney = (effects: LedgerEffects): boolean => effects.postings.length > 0 || (effects.journals?.length ?? 0) > 0;

/**
 * Holds reserving every posting, with no timeout: only the product stream decides their fate (see
 * `repairHolds.ts`). `reference` names the stream and the revision the command's first event
 * takes, where a repair looks for the command.
 */
export const holdItems = (placed: readonly PlacedPosting[], reference: string): TransferInput[] =>
  placed.map(({ intent, holdId }) => ({
    id: holdId,
    debitAccountId: intent.debitAccountId,
    creditAccountId: intent.creditAccountId,
    amount: intent.amount,
    ledger: intent.ledger,
    code: intent.code,
    userData: reference,
    flags: { pending: true },
  }));

/** Posts settling the holds in full. */
export const postItems = (placed: readonly PlacedPosting[]): TransferInput[] =>
  placed.map((posting) => ({ id: posting.postingId, pendingId: posting.holdId, flags: { postPendingTransfer: true } }));

/** Voids releasing the holds. */
export const voidItems = (placed: readonly PlacedPosting[]): TransferInput[] =>
  placed.map((posting) => ({ id: posting.voidId, pendingId: posting.holdId, flags: { voidPendingTransfer: true } }));

/** Plain transfers for an event recorded before its postings (close of business: bank accounts, no guard applies). */
export const transferItems = (place: EventPlace, placed: readonly PlacedPosting[]): TransferInput[] =>
  placed.map(({ intent, postingId }) => ({
    id: postingId,
    debitAccountId: intent.debitAccountId,
    creditAccountId: intent.creditAccountId,
    amount: intent.amount,
    ledger: intent.ledger,
    code: intent.code,
    userData: holdReference(place.stream, place.revision),
  }));
