/**
 * The catch-up subscriptions of one store: how every adapter subscribes (the open check, option
 * validation, the shared catch-up loop) and which subscriptions are still running, so that
 * `close()` can stop them all. Adapters differ only in how they read and wait.
 */
import { startCatchUpSubscription, type CatchUpSource, type CatchUpSubscription } from './catchUpSubscription.js';
import type { Subscription } from './eventStore.js';
import { validateSubscribeOptions } from './storeArguments.js';

/** The running subscriptions of one store. */
export interface RunningSubscriptions {
  /**
   * Implements `EventStore.subscribe` over `source`, whose reads run only while the store is open.
   * @throws StoreClosedError once the store is closed; InvalidArgumentError for malformed `options`.
   */
  readonly subscribe: (options: unknown, source: CatchUpSource) => Subscription;
  /** Stops every subscription still running; settles once their loops have exited. */
  readonly stopAll: () => Promise<void>;
}

/** Creates the (empty) running subscriptions of a store; `assertOpen` throws once the store is closed. */
export const createRunningSubscriptions = (assertOpen: () => void): RunningSubscriptions => {
  const running = new Set<CatchUpSubscription>();
  return {
    subscribe: (options, source) => {
      assertOpen();
      const subscription = startCatchUpSubscription(
        {
          readAll: async (after, maxCount, signal) => {
            assertOpen();
            return source.readAll(after, maxCount, signal);
          },
          waitForEventsAfter: source.waitForEventsAfter,
        },
        validateSubscribeOptions(options),
      );
      running.add(subscription);
      const forget = (): void => {
        running.delete(subscription);
      };
      subscription.done.then(forget, (error: unknown) => {
        forget();
        throw error;
      });
      return { position: subscription.position, caughtUp: subscription.caughtUp, stop: subscription.stop };
    },
    stopAll: async () => {
      await Promise.all([...running].map((subscription) => subscription.stop()));
    },
  };
};
