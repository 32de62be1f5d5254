/**
 * One copy of each posting record, not two. The decider builds a batch's records and parses them
 * into {@link CommittedBatch}; `encodeEvent` then makes the deep-frozen copy the store keeps (an
 * in-memory store keeps that very object). Applying the batch with the stored copies lets the
 * book's posting index and the log share every record, as a replayed book (built from the stored
 * events) does anyway: content is unchanged, only the duplicate goes.
 */
import type { CommittedBatch, StoredPosting } from './bookState.js';
import type { PostingRecord } from './events.js';

/**
 * `batch` with each posting's record replaced by the record at the same index of `data.transfers`,
 * the encoded `TransfersCommitted` data of the same batch.
 * @throws Error when the data does not list the batch's postings in order (a programming error).
 */
export const withStoredRecords = (batch: CommittedBatch, data: unknown): CommittedBatch => {
  const stored = (data as { readonly transfers?: readonly PostingRecord[] } | null)?.transfers;
  if (!Array.isArray(stored) || stored.length !== batch.postings.length) {
    throw new Error(`stored records: the event lists ${Array.isArray(stored) ? stored.length : 'no'} postings, the batch ${batch.postings.length}`);
  }
  const postings = batch.postings.map((posting, i): StoredPosting => {
    const record = stored[i] as PostingRecord;
    if (record.id !== posting.record.id || record.kind !== posting.kind) {
      throw new Error(`stored records: posting ${i} is ${posting.record.id} in the batch, ${record.id} in the event`);
    }
    return posting.kind === 'transfer' ? { ...posting, record: record as typeof posting.record } : { ...posting, record: record as typeof posting.record };
  });
  return { ...batch, postings };
};
