/**
 * Runs a {@link Processor} over the global log: resume strictly after its checkpoint, hand it each
 * page, save the checkpoint after the handler succeeded, and follow live appends.
 *
 * ```ts
 * const running = await startProcessor({ source: store, checkpoints, processor });
 * await running.caughtUp;
 * await running.stop();
 * ```
 *
 * A page that fails (after the retries allowed) stops the processor with a
 * `processor_handler_failed` error: to `onError`, and `done` (and `caughtUp`, if still pending)
 * rejects. Its checkpoint stays before that page, so the next start delivers it again.
 */
import type { EventStore } from '../eventStore/eventStore.js';
import type { RecordedEvent } from '../eventStore/envelope.js';
import type { CheckpointStore } from '../projections/runner/checkpointStore.js';
import { ProcessorHandlerError } from './errors.js';
import { startPageLoop, type PageLoop } from './pageLoop.js';
import { processPage } from './processPage.js';
import { validateProcessorOptions, type ProcessorSettings, type RunProcessorOnceOptions, type StartProcessorOptions } from './processorOptions.js';

/** A running processor. */
export interface RunningProcessor {
  /** The processor's name. */
  readonly name: string;
  /**
   * Resolves the first time every event stored so far is processed; rejects with the error if the
   * processor fails before that. Also resolves if it is stopped before catching up: check
   * {@link position} or {@link lag} when it matters.
   */
  readonly caughtUp: Promise<void>;
  /** Settles when the processor has exited: resolves after `stop()`, rejects with the error that stopped it. */
  readonly done: Promise<void>;
  /** Global position of the last processed page's last event (the checkpoint), `'start'` before any. */
  position(): bigint | 'start';
  /** How many events the store holds after {@link position} (a count; reads them, so O(lag)). */
  lag(): Promise<bigint>;
  /** Stops after the page in flight (if any) is checkpointed or given up; resolves once exited. Never rejects. */
  stop(): Promise<void>;
}

/** What {@link runProcessorOnce} did. */
export interface ProcessorRunReport {
  /** The checkpoint after the run. */
  readonly position: bigint | 'start';
  /** Events read and checkpointed by this run (those `canHandle` refused included). */
  readonly events: bigint;
}

/** The last position of the log, `0n` when it is empty (positions are always > 0n). Reads it in pages: O(log). */
const headOf = async (source: EventStore, batchSize: number): Promise<bigint> => {
  let head = 0n;
  for (;;) {
    const page = await source.readAll({ after: head, maxCount: batchSize });
    const last = page[page.length - 1];
    if (last === undefined) return head;
    head = last.position;
    if (page.length < batchSize) return head;
  }
};

/**
 * The checkpoint to resume after. Without a stored one, `startFrom` decides; a start that is not
 * the beginning is saved at once, so that a restart before the first page cannot move it forward
 * (with `'end'`) and skip the events appended in between.
 */
const resumeFrom = async (source: EventStore, checkpoints: CheckpointStore, settings: ProcessorSettings): Promise<bigint | 'start'> => {
  const stored = await checkpoints.load(settings.name);
  if (stored !== 'start' || settings.startFrom === 'start') return stored;
  const position = settings.startFrom === 'end' ? await headOf(source, settings.batchSize) : settings.startFrom;
  await checkpoints.save(settings.name, position);
  return position;
};

/** Starts the page loop of a processor; `onProcessed` hears of each page once checkpointed. */
const loopOf = async (
  options: StartProcessorOptions,
  settings: ProcessorSettings,
  untilCaughtUp: boolean,
  onProcessed: (page: readonly RecordedEvent[]) => void = () => undefined,
): Promise<PageLoop> => {
  const { source, checkpoints, processor, retry } = options;
  const after = await resumeFrom(source, checkpoints, settings);
  return startPageLoop({
    source,
    after,
    batchSize: settings.batchSize,
    pollIntervalMs: settings.pollIntervalMs,
    onError: options.onError,
    untilCaughtUp,
    applyPage: async (page, pageAfter, signal) => {
      const first = (page[0] as RecordedEvent).position;
      const last = (page[page.length - 1] as RecordedEvent).position;
      const failure = (attempts: number, cause: unknown): ProcessorHandlerError => new ProcessorHandlerError(settings.name, first, last, attempts, cause);
      const processed = await processPage({ processor, checkpoints, retry, failure }, page, pageAfter, signal);
      if (processed) onProcessed(page);
      return processed;
    },
  });
};

/**
 * Starts a processor: loads its checkpoint (or places it per `startFrom`) and resumes strictly
 * after it. Resolves once running; rejects if loading the checkpoint fails.
 * @throws ProcessorOptionsError for bad options, starting nothing.
 */
export const startProcessor = async (options: StartProcessorOptions): Promise<RunningProcessor> => {
  const settings = validateProcessorOptions(options, false);
  const loop = await loopOf(options, settings, false);
  return { name: settings.name, ...loop };
};

/**
 * Processes everything stored up to the first time the processor finds no more events, then
 * returns: for tests and batch runs (e.g. close of business). Resolves with what it did; rejects
 * with the `processor_handler_failed` error that stopped it (the checkpoint stays before that page).
 * @throws ProcessorOptionsError for bad options, processing nothing.
 */
export const runProcessorOnce = async (options: RunProcessorOnceOptions): Promise<ProcessorRunReport> => {
  const settings = validateProcessorOptions(options, true);
  let events = 0n;
  // The returned promise reports the error: no unhandled-rejection fallback, and no double report.
  const quiet: StartProcessorOptions = { ...options, onError: () => undefined };
  const loop = await loopOf(quiet, settings, true, (page) => {
    events += BigInt(page.length);
  });
  await loop.done;
  return { position: loop.position(), events };
};
