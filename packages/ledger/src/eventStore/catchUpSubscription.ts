/**
 * The catch-up subscription loop, shared by adapters: read history in pages, then wait for new
 * events and keep reading. Reading by position (never pushing from `append`) is what makes every
 * event arrive exactly once and in order, however appends interleave with delivery.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { RecordedEvent } from './envelope.js';
import type { SubscribeOptions, Subscription } from './eventStore.js';

/** What the loop needs from a store. */
export interface CatchUpSource {
  /**
   * Up to `maxCount` events strictly after `after`, in global order. `signal` aborts when the
   * subscription stops, for reads that may wait (e.g. for events still held back).
   */
  readonly readAll: (after: bigint | 'start', maxCount: number, signal: AbortSignal) => Promise<readonly RecordedEvent[]>;
  /**
   * Settles once events after `after` may exist (at once if they already do) or `signal` aborts.
   * Polling adapters may simply sleep; spurious wake-ups are harmless.
   */
  readonly waitForEventsAfter: (after: bigint | 'start', signal: AbortSignal) => Promise<void>;
}

/** Settings of {@link startCatchUpSubscription}, as validated from {@link SubscribeOptions}. */
export interface CatchUpSettings {
  readonly after: bigint | 'start';
  readonly batchSize: number;
  readonly options: SubscribeOptions;
}

/** A running subscription plus `done`, which settles when its loop has exited (rejecting only if `onError` threw). */
export interface CatchUpSubscription extends Subscription {
  readonly done: Promise<void>;
}

/** Marks code running inside a subscription's own handler, so `stop()` there does not wait for itself. */
const insideHandler = new AsyncLocalStorage<object>();

/**
 * Starts the loop. Handlers are awaited one at a time; a throwing handler (or `onCaughtUp`) stops the
 * subscription and goes to `onError` — or, without `onError`, surfaces as an unhandled rejection
 * rather than failing silently. `caughtUp` rejects with that error if it had not resolved yet, and
 * resolves if the subscription is stopped before catching up.
 */
export const startCatchUpSubscription = (source: CatchUpSource, settings: CatchUpSettings): CatchUpSubscription => {
  const { options, batchSize } = settings;
  const token = {};
  const abort = new AbortController();
  let position: bigint | 'start' = settings.after;
  let stopped = false;
  let resolveCaughtUp!: () => void;
  let rejectCaughtUp!: (error: unknown) => void;
  const caughtUp = new Promise<void>((resolve, reject) => {
    resolveCaughtUp = resolve;
    rejectCaughtUp = reject;
  });
  caughtUp.catch(() => undefined); // observed through onError; avoid a second unhandled report

  const run = async (): Promise<void> => {
    let reportedCaughtUpAt: bigint | 'start' | undefined;
    while (!stopped) {
      const page = await source.readAll(position, batchSize, abort.signal);
      if (stopped) return;
      if (page.length === 0) {
        if (reportedCaughtUpAt !== position) {
          reportedCaughtUpAt = position;
          resolveCaughtUp();
          options.onCaughtUp?.(position);
        }
        await source.waitForEventsAfter(position, abort.signal);
        continue;
      }
      for (const event of page) {
        if (stopped) return;
        await insideHandler.run(token, () => options.onEvent(event));
        position = event.position;
      }
    }
  };

  const done = run().then(
    () => resolveCaughtUp(),
    (error: unknown) => {
      const wasStopped = stopped;
      stopped = true;
      abort.abort();
      if (wasStopped) {
        resolveCaughtUp(); // e.g. the store closed under a stopped subscription
        return;
      }
      rejectCaughtUp(error);
      if (options.onError === undefined) {
        void Promise.reject(error); // nobody listens: fail loudly as an unhandled rejection
        return;
      }
      options.onError(error);
    },
  );

  return {
    position: () => position,
    caughtUp,
    done,
    stop: async () => {
      stopped = true;
      abort.abort();
      // Called from our own handler: the loop is awaiting that handler, so waiting here would deadlock.
      if (insideHandler.getStore() === token) return;
      await done.catch(() => undefined);
    },
  };
};
