/**
 * The posting processor's work: for every recorded product event, make sure its postings exist.
 * Recording an event is a product command's commit point; its postings are owed, and this is what
 * completes them after a crash between the two. It resumes after a checkpoint and is idempotent
 * (every id is derived), so delivering an event twice is harmless and none is ever skipped: the
 * checkpoint moves only past events whose postings are done.
 */
import type { CheckpointStore, EventStore, RecordedEvent } from '@ecoledger/ledger';
import { finishPostings, placeOf } from './finishPostings.js';
import type { PostingPort } from './postingPort.js';
import { recordedEffects, type PostingSource } from './postingSources.js';

/** Completes the postings of a page of recorded events, in order. */
export const finishRecordedPostings = async (port: PostingPort, sources: readonly PostingSource[], events: readonly RecordedEvent[]): Promise<number> => {
  let finished = 0;
  for (const event of events) {
    const effects = recordedEffects(sources, event);
    if (effects === undefined || effects.postings.length === 0) continue;
    await finishPostings(port, placeOf(event), effects);
    finished++;
  }
  return finished;
};

/** What a catch-up run needs. */
export interface PostingCatchUpOptions {
  readonly store: EventStore;
  readonly port: PostingPort;
  readonly sources: readonly PostingSource[];
  readonly checkpoints: CheckpointStore;
  /** Name of the checkpoint (default `products-postings`). */
  readonly name?: string;
  /** Events per page (default 500). */
  readonly batchSize?: number;
}

/**
 * Runs the posting processor over everything stored up to now, from its checkpoint, and returns
 * how many events had postings to complete. A failure stops it with the checkpoint before the
 * failing page, so the next run starts there.
 */
export const catchUpPostings = async (options: PostingCatchUpOptions): Promise<number> => {
  const name = options.name ?? 'products-postings';
  const batchSize = options.batchSize ?? 500;
  let after = await options.checkpoints.load(name);
  let finished = 0;
  for (;;) {
    const page = await options.store.readAll({ after, maxCount: batchSize });
    if (page.length === 0) return finished;
    finished += await finishRecordedPostings(options.port, options.sources, page);
    after = page[page.length - 1]!.position;
    await options.checkpoints.save(name, after);
  }
};
