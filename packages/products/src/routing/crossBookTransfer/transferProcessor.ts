/**
 * The saga processor: how a book's process learns that a transfer needs a step from it. It reads
 * the shared global log after its checkpoint and, for every saga event it finds, advances that
 * transfer (the runner does only the steps of the books this process writes). Delivering an
 * event twice is harmless (every step has a derived id), and the checkpoint moves only past a page
 * whose transfers all advanced, so none is skipped.
 *
 * A plain polling loop over `readAll({ after })`, in the style of `catchUpPostings`: enough for a
 * few writers on one PostgreSQL database. (A generic processor runner in the ledger would replace
 * the loop, not the per-page work.)
 */
import type { CheckpointStore, EventStore, RecordedEvent } from '@ecoledger/ledger';
import { SAGA_PROCESSOR_PAGE_SIZE } from '../../limits.js';
import { TRANSFER_STREAM_PREFIX, transferEventSchemas } from './transferEvents.js';
import type { CrossBookTransferRunner } from './transferRunner.js';

/** What the processor needs. */
export interface TransferProcessorOptions {
  readonly store: EventStore;
  readonly runner: CrossBookTransferRunner;
  readonly checkpoints: CheckpointStore;
  /** Name of the checkpoint; one per process (default `cross-book-transfers`). */
  readonly name?: string;
  /** Events per page (default {@link SAGA_PROCESSOR_PAGE_SIZE}). */
  readonly batchSize?: number;
}

/** Advances, in log order, every transfer a page of events touches (each once per page). */
export const advanceTransfersOf = async (runner: CrossBookTransferRunner, events: readonly RecordedEvent[]): Promise<number> => {
  const transfers = new Set<string>();
  for (const event of events) {
    // The event type too: another product's stream may happen to start with the prefix.
    if (event.streamName.startsWith(TRANSFER_STREAM_PREFIX) && Object.hasOwn(transferEventSchemas, event.type)) {
      transfers.add(event.streamName.slice(TRANSFER_STREAM_PREFIX.length));
    }
  }
  for (const transferId of transfers) await runner.advance(transferId);
  return transfers.size;
};

/**
 * Processes everything stored up to now from the checkpoint; returns how many transfers it
 * advanced. A failure stops it with the checkpoint before the failing page.
 */
export const catchUpTransfers = async (options: TransferProcessorOptions): Promise<number> => {
  const name = options.name ?? 'cross-book-transfers';
  const batchSize = options.batchSize ?? SAGA_PROCESSOR_PAGE_SIZE;
  let after = await options.checkpoints.load(name);
  let advanced = 0;
  for (;;) {
    const page = await options.store.readAll({ after, maxCount: batchSize });
    if (page.length === 0) return advanced;
    advanced += await advanceTransfersOf(options.runner, page);
    after = page[page.length - 1]!.position;
    await options.checkpoints.save(name, after);
  }
};

/** A running polling loop. */
export interface TransferPollingLoop {
  /** Stops after the pass in progress; resolves when it has. */
  stop(): Promise<void>;
}

/** Options of the polling loop. */
export interface TransferPollingOptions extends TransferProcessorOptions {
  /** Pause between passes (ms). */
  readonly pollIntervalMs: number;
  /** Told of a failed pass; the next pass retries from the checkpoint. */
  readonly onError: (error: unknown) => void;
}

/** Runs {@link catchUpTransfers} again and again until stopped. */
export const startTransferPollingLoop = (options: TransferPollingOptions): TransferPollingLoop => {
  let stopped = false;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (!stopped) {
      try {
        await catchUpTransfers(options);
      } catch (error) {
        options.onError(error);
      }
      if (stopped) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.pollIntervalMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      wake?.();
      await loop;
    },
  };
};
