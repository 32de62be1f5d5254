/**
 * The page loop shared by processors and projection runners: read the global log in pages after a
 * position, apply each page, and when caught up wait for new events without holding anything
 * open. What "apply" means (a handler then a checkpoint save, or one SQL transaction) is the
 * caller's; the loop only moves its position once a page is applied, so it never skips one.
 *
 * Failures are never skipped: a page that fails stops the loop, and the error goes to `onError`
 * (and rejects `caughtUp` if it was still pending, and `done`). Without `onError` it also surfaces
 * as an unhandled rejection, like a subscription's.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { RecordedEvent } from '../eventStore/envelope.js';
import type { EventStore } from '../eventStore/eventStore.js';
import { waitForEvents } from './waitForEvents.js';

/** What the loop reads, how, and what it does with each page. */
export interface PageLoopOptions {
  readonly source: EventStore;
  /** Exclusive position to resume after. */
  readonly after: bigint | 'start';
  readonly batchSize: number;
  /** Poll every this many milliseconds when caught up, instead of a subscription doorbell. */
  readonly pollIntervalMs: number | undefined;
  /**
   * Applies a non-empty page read after `after`. Resolves `true` once applied (the loop's position
   * becomes the page's last), `false` when it gave the page up because `signal` aborted (the
   * position stays, the loop exits). Throws, with a typed error, to stop the loop as failed.
   */
  readonly applyPage: (page: readonly RecordedEvent[], after: bigint | 'start', signal: AbortSignal) => Promise<boolean>;
  /** Told of the error that stopped the loop. */
  readonly onError?: ((error: unknown) => void) | undefined;
  /** Exit after the first empty page instead of waiting for more (batch runs). */
  readonly untilCaughtUp?: boolean;
}

/** A running page loop. */
export interface PageLoop {
  /**
   * Resolves the first time every event stored so far is applied; rejects with the error if the
   * loop fails before that. Also resolves if stopped before catching up.
   */
  readonly caughtUp: Promise<void>;
  /** Settles when the loop has exited: resolves after `stop()` (or catching up, with `untilCaughtUp`), rejects with the error that stopped it. */
  readonly done: Promise<void>;
  /**
   * Stops after the page in flight (if any) is applied or given up; resolves once the loop has
   * exited (or at once when called from inside the page's own handler). Never rejects.
   */
  stop(): Promise<void>;
  /** Global position of the last applied page's last event, `'start'` before any. */
  position(): bigint | 'start';
  /** Events stored after {@link position}, see {@link countEventsAfter}. */
  lag(): Promise<bigint>;
}

/**
 * How many events the store holds after `after`: a count of events, not a difference of positions
 * (positions may have gaps). Reads those events in pages of `batchSize`, so it costs O(count).
 */
export const countEventsAfter = async (source: EventStore, after: bigint | 'start', batchSize: number): Promise<bigint> => {
  let behind = 0n;
  let from = after;
  for (;;) {
    const page = await source.readAll({ after: from, maxCount: batchSize });
    behind += BigInt(page.length);
    const last = page[page.length - 1];
    if (last === undefined || page.length < batchSize) return behind;
    from = last.position;
  }
};

/** Marks code running inside a loop's own `applyPage`, so `stop()` there does not wait for itself. */
const insideApply = new AsyncLocalStorage<object>();

/** Starts the loop at once; see {@link PageLoopOptions}. */
export const startPageLoop = (options: PageLoopOptions): PageLoop => {
  const { source, batchSize, pollIntervalMs } = options;
  const abort = new AbortController();
  const token = {};
  let position = options.after;
  let stopped = false;
  let failedInApply = false;
  let resolveCaughtUp!: () => void;
  let rejectCaughtUp!: (error: unknown) => void;
  const caughtUp = new Promise<void>((resolve, reject) => {
    resolveCaughtUp = resolve;
    rejectCaughtUp = reject;
  });
  caughtUp.catch(() => undefined); // reported through onError; avoid a second unhandled report

  const apply = async (page: readonly RecordedEvent[]): Promise<boolean> => {
    try {
      return await insideApply.run(token, () => options.applyPage(page, position, abort.signal));
    } catch (error) {
      failedInApply = true;
      throw error;
    }
  };

  const loop = async (): Promise<void> => {
    while (!stopped) {
      const page = await source.readAll({ after: position, maxCount: batchSize });
      if (stopped) return;
      if (page.length === 0) {
        resolveCaughtUp();
        if (options.untilCaughtUp === true) return;
        await waitForEvents(source, position, abort.signal, pollIntervalMs);
        continue;
      }
      if (!(await apply(page))) return;
      position = (page[page.length - 1] as RecordedEvent).position;
    }
  };

  const done = loop().then(
    () => resolveCaughtUp(),
    (error: unknown) => {
      const wasStopped = stopped;
      stopped = true;
      abort.abort();
      if (wasStopped && !failedInApply) {
        // A read failing while stopping (e.g. the store closed under us) is not the page's failure.
        resolveCaughtUp();
        return;
      }
      rejectCaughtUp(error);
      if (options.onError === undefined) void Promise.reject(error);
      else options.onError(error);
      throw error;
    },
  );
  done.catch(() => undefined);

  return {
    caughtUp,
    done,
    stop: async () => {
      stopped = true;
      abort.abort();
      // Called from our own page handler: the loop is awaiting that handler, so waiting here would deadlock.
      if (insideApply.getStore() === token) return;
      await done.catch(() => undefined);
    },
    position: () => position,
    lag: () => countEventsAfter(source, position, batchSize),
  };
};
