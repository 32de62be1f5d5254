/**
 * How an idle page loop (processors, projection runners) waits for the log to grow: a short-lived
 * catch-up subscription used as a doorbell (its first delivered event means "there is more"), or
 * plain polling. No transaction is open while waiting; the loop reads the new events itself with
 * `readAll` afterwards.
 */
import type { EventStore } from '../eventStore/eventStore.js';

/** Settles after `ms`, or at once when `signal` aborts. */
const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise<void>((resolve) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });

/** Settles once an event after `after` is delivered by a subscription, or `signal` aborts. Rejects if the subscription fails. */
const ringOnNextEvent = async (source: EventStore, after: bigint | 'start', signal: AbortSignal): Promise<void> => {
  if (signal.aborted) return;
  let ring!: () => void;
  let fail!: (error: unknown) => void;
  const rung = new Promise<void>((resolve, reject) => {
    ring = resolve;
    fail = reject;
  });
  signal.addEventListener('abort', ring, { once: true });
  try {
    // batchSize 1: the doorbell only needs to see one event.
    const subscription = source.subscribe({ after, batchSize: 1, onEvent: () => ring(), onError: (error) => fail(error) });
    try {
      await rung;
    } finally {
      await subscription.stop();
    }
  } finally {
    signal.removeEventListener('abort', ring);
  }
};

/**
 * Waits until events after `after` may exist: by subscription when `pollIntervalMs` is undefined,
 * else by sleeping that long (spurious wake-ups are harmless: the loop just reads again).
 */
export const waitForEvents = (source: EventStore, after: bigint | 'start', signal: AbortSignal, pollIntervalMs: number | undefined): Promise<void> =>
  pollIntervalMs === undefined ? ringOnNextEvent(source, after, signal) : sleep(pollIntervalMs, signal);
