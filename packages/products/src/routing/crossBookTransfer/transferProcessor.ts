/**
 * The saga processor: how a book's process learns that a transfer needs a step from it. It reads
 * the shared global log after its checkpoint and, for every saga event it finds, advances that
 * transfer (the runner does only the steps of the books this process writes). Delivering an
 * event twice is harmless (every step has a derived id), and the checkpoint moves only past a page
 * whose transfers all advanced, so none is skipped.
 * It is a ledger `Processor`: `startProcessor` runs it following the log (waking on appends, or
 * polling), `runProcessorOnce` catches up once.
 */
import { runProcessorOnce, type CheckpointStore, type EventStore, type Processor, type RecordedEvent } from '@ecoledger/ledger';
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

/** The saga processor, to run with the ledger's `startProcessor` (following the log) or `runProcessorOnce`. */
export const transferProcessor = (options: { readonly runner: CrossBookTransferRunner; readonly name?: string; readonly onAdvanced?: (count: number) => void }): Processor => ({
  name: options.name ?? 'cross-book-transfers',
  canHandle: (event) => event.streamName.startsWith(TRANSFER_STREAM_PREFIX) && Object.hasOwn(transferEventSchemas, event.type),
  handle: async (events) => {
    const advanced = await advanceTransfersOf(options.runner, events);
    options.onAdvanced?.(advanced);
  },
});

/**
 * Processes everything stored up to now from the checkpoint; returns how many transfers it
 * advanced. A failure stops it with the checkpoint before the failing page.
 */
export const catchUpTransfers = async (options: TransferProcessorOptions): Promise<number> => {
  let advanced = 0;
  const processor = transferProcessor({
    runner: options.runner,
    ...(options.name === undefined ? {} : { name: options.name }),
    onAdvanced: (count) => {
      advanced += count;
    },
  });
  await runProcessorOnce({ source: options.store, checkpoints: options.checkpoints, processor, batchSize: options.batchSize ?? SAGA_PROCESSOR_PAGE_SIZE });
  return advanced;
};
