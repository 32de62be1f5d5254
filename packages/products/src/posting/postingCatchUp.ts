/**
 * The posting processor: for every recorded product event, make sure its postings exist.
 * Recording an event is a product command's commit point; its postings are owed, and this is what
 * completes them after a crash between the two. It is a ledger `Processor` (at-least-once, in
 * global order, checkpointed after each page) whose effects are idempotent (every id is derived),
 * so delivering an event twice is harmless and none is ever skipped.
 */
import { runProcessorOnce, type CheckpointStore, type EventStore, type Processor, type RecordedEvent } from '@ecoledger/ledger';
import { POSTING_ATTEMPT_ABANDONED } from './abandonedAttempt.js';
import { movesMoney } from './eventPostings.js';
import { finishPostings, placeOf } from './finishPostings.js';
import type { PostingPort } from './postingPort.js';
import { recordedEffects, type PostingSource } from './postingSources.js';

/** Completes the postings of a page of recorded events, in order; returns how many events had postings. */
export const finishRecordedPostings = async (port: PostingPort, sources: readonly PostingSource[], events: readonly RecordedEvent[]): Promise<number> => {
  let finished = 0;
  for (const event of events) {
    const effects = recordedEffects(sources, event);
    if (effects === undefined || !movesMoney(effects)) continue;
    await finishPostings(port, placeOf(event), effects);
    finished++;
  }
  return finished;
};

/** Default checkpoint name of the posting processor. */
export const POSTING_PROCESSOR_NAME = 'products-postings';

/**
 * The posting processor, to run with `startProcessor` (following live appends) or
 * `runProcessorOnce`. `onFinished` hears how many events of each page had postings to complete.
 */
export const postingProcessor = (options: {
  readonly port: PostingPort;
  readonly sources: readonly PostingSource[];
  readonly name?: string;
  readonly onFinished?: (count: number) => void;
}): Processor => ({
  name: options.name ?? POSTING_PROCESSOR_NAME,
  canHandle: (event) => event.type !== POSTING_ATTEMPT_ABANDONED && options.sources.some((source) => event.streamName.startsWith(source.streamPrefix)),
  handle: async (events) => {
    const count = await finishRecordedPostings(options.port, options.sources, events);
    options.onFinished?.(count);
  },
});

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
 * how many events had postings to complete: what a service does once on start, before it serves.
 */
export const catchUpPostings = async (options: PostingCatchUpOptions): Promise<number> => {
  let finished = 0;
  const processor = postingProcessor({
    port: options.port,
    sources: options.sources,
    ...(options.name === undefined ? {} : { name: options.name }),
    onFinished: (count) => {
      finished += count;
    },
  });
  await runProcessorOnce({ source: options.store, checkpoints: options.checkpoints, processor, ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }) });
  return finished;
};
