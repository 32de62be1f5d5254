/**
 * One page through a processor whose checkpoint lives in a {@link CheckpointStore}: keep the
 * events it can handle, hand them over, and only then save the page's last position. A crash
 * between the handler and the save re-delivers the page: that is the at-least-once half of the
 * contract, the idempotent handler the other half.
 */
import type { RecordedEvent } from '../eventStore/envelope.js';
import { retryDelayMs, sleepMs, type RetryPolicy } from '../commandHandling/retryPolicy.js';
import type { CheckpointStore } from '../projections/runner/checkpointStore.js';
import type { Processor } from './processor.js';

/** How a page is processed. */
export interface PageProcessing {
  readonly processor: Processor;
  readonly checkpoints: CheckpointStore;
  /** Attempts at a failing page before giving up (default: one attempt, no retry). */
  readonly retry?: RetryPolicy | undefined;
  /** The error thrown when giving up, from the attempts made and the last error (default: that error itself). */
  readonly failure?: ((attempts: number, cause: unknown) => unknown) | undefined;
}

/** Settles after `ms` via the policy's timer, or at once when `signal` aborts. */
const pause = (policy: RetryPolicy, ms: number, signal: AbortSignal): Promise<void> => {
  if (signal.aborted) return Promise.resolve();
  let onAbort!: () => void;
  const aborted = new Promise<void>((resolve) => {
    onAbort = resolve;
    signal.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([(policy.sleep ?? sleepMs)(ms), aborted]).finally(() => signal.removeEventListener('abort', onAbort));
};

/**
 * Processes `page` (read after `after`): resolves `true` once handled and checkpointed, `false`
 * when `signal` aborted between attempts (nothing saved: the page comes again next start).
 * @throws what `failure` makes of the last error when every attempt failed.
 */
export const processPage = async (
  { processor, checkpoints, retry, failure }: PageProcessing,
  page: readonly RecordedEvent[],
  after: bigint | 'start',
  signal: AbortSignal,
): Promise<boolean> => {
  const maxAttempts = retry?.maxAttempts ?? 1;
  const last = (page[page.length - 1] as RecordedEvent).position;
  for (let attempt = 1; ; attempt++) {
    try {
      const wanted = processor.canHandle === undefined ? page : page.filter((event) => processor.canHandle?.(event) === true);
      if (wanted.length > 0) await processor.handle(wanted, { name: processor.name, after, attempt });
      await checkpoints.save(processor.name, last);
      return true;
    } catch (error) {
      if (retry === undefined || attempt >= maxAttempts) throw failure === undefined ? error : failure(attempt, error);
      await pause(retry, retryDelayMs(retry, attempt), signal);
      if (signal.aborted) return false;
    }
  }
};
