/**
 * The postings of a close-of-business chunk. Its events are recorded first (one atomic append for
 * the whole chunk), then their transfers are made in batches: no guard applies to the bank's own
 * accounts that interest moves through, and every id is derived from the event, so a resumed run
 * (or the posting processor) that posts them again gets `exists`.
 */
import { createHash } from 'node:crypto';
import { MAX_BATCH_SIZE, type TransferBatchItem } from '@ecoledger/ledger';
import { v5 } from 'uuid';
import { ProductsError } from '../errors.js';
import { asChain, journalItems, placePostings, transferItems, type EventPlace } from '../posting/eventPostings.js';
import type { LedgerEffects } from '../posting/ledgerEffects.js';
import { failureOf } from '../posting/ledgerAnswers.js';
import type { PostingPort } from '../posting/postingPort.js';

const COB_POSTS_NAMESPACE = '232d4167-101f-5757-8e9f-8adea729c2f7';

/** Makes the transfers of the chunk's events; returns how many. @throws ProductsError `posting_incomplete`. */
export const postChunk = async (port: PostingPort, events: readonly { readonly place: EventPlace; readonly effects: LedgerEffects }[]): Promise<number> => {
  let batch: TransferBatchItem[] = [];
  let made = 0;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    // The request id follows from the items, so a resumed run sending the same items repeats it.
    const digest = createHash('sha256').update(batch.map((item) => item.id).join('\n')).digest('hex');
    const failure = failureOf(await port.createTransfers(batch, { commandId: v5(digest, COB_POSTS_NAMESPACE) }));
    if (failure !== undefined) throw new ProductsError('posting_incomplete', `close of business: the ledger answered ${failure}`);
    made += batch.length;
    batch = [];
  };
  for (const { place, effects } of events) {
    const items = asChain<TransferBatchItem>([...transferItems(place, placePostings(place, effects.postings)), ...journalItems(place, effects.journals)]);
    if (items.length === 0) continue;
    if (batch.length + items.length > MAX_BATCH_SIZE) await flush();
    batch.push(...items);
  }
  await flush();
  return made;
};
