/**
 * Completing the postings of a recorded product event. Recording the event is the commit point of
 * a product command; what follows (posting its holds) is owed and must happen exactly once,
 * whoever does it: the command itself, its retry, or the posting processor after a crash.
 */
import type { RecordedEvent } from '@ecoledger/ledger';
import { ProductsError } from '../errors.js';
import { asChain, journalItems, placePostings, postItems, transferItems, type EventPlace, type PlacedPosting } from './eventPostings.js';
import type { LedgerEffects } from './ledgerEffects.js';
import { failureOf } from './ledgerAnswers.js';
import { ledgerRequestIdOf } from './postingIds.js';
import type { PostingPort } from './postingPort.js';

/** Where a recorded event sits, for deriving its ledger ids. @throws ProductsError `posting_incomplete` without a command id. */
export const placeOf = (recorded: RecordedEvent): EventPlace => {
  const commandId = recorded.metadata.commandId;
  if (commandId === undefined) {
    throw new ProductsError('posting_incomplete', `${recorded.streamName}@${recorded.revision} carries no command id to derive its postings from`);
  }
  return { stream: recorded.streamName, revision: recorded.revision, commandId, eventId: recorded.id };
};

/**
 * Makes sure an event's postings exist: posts its holds, or, for an event recorded before its
 * postings (close of business makes no holds), makes the transfers; then its journal entries, all
 * in one linked batch. Idempotent: every id is derived, so a second run answers `exists`.
 * `heldKnown`: the caller made the holds itself, so the book need not be asked.
 * @throws ProductsError `posting_incomplete` when the book refuses.
 */
export const finishPostings = async (port: PostingPort, place: EventPlace, effects: LedgerEffects, heldKnown?: boolean): Promise<readonly PlacedPosting[]> => {
  const placed = placePostings(place, effects.postings);
  const journals = journalItems(place, effects.journals);
  if (placed.length === 0 && journals.length === 0) return placed;
  // Holds of one event are made in one atomic batch, so the first tells about all of them. The
  // command that just made them knows; a processor or a retry asks the book.
  const held = placed.length > 0 && (heldKnown ?? (await port.findTransfer(placed[0]!.holdId)) !== undefined);
  const items = asChain([...(held ? postItems(placed) : transferItems(place, placed)), ...journals]);
  const answer = await port.createTransfers(items, { commandId: ledgerRequestIdOf('posts', place.stream, place.revision, place.commandId) });
  const failure = failureOf(answer);
  if (failure !== undefined) {
    throw new ProductsError('posting_incomplete', `${place.stream}@${place.revision}: the ledger answered ${failure}`);
  }
  return placed;
};
