/**
 * Wake-ups for catch-up subscriptions: one live `$all` subscription per store (from the end,
 * filtered on the server) tells waiting subscription loops that new events exist. The loops
 * still read every event by position (see `catchUpSubscription.ts`), so a notification is only a
 * hint and a spurious one is harmless; what matters is never missing one:
 *
 * - events committed before the live subscription is confirmed are covered by making the first
 *   wait after (re)starting it return at once, so the loop reads again;
 * - an event notified between a loop's read and its wait is covered by remembering the highest
 *   notified position: a wait for events after an older position returns at once.
 *
 * Notifications are filtered with the same predicate as reads, so a remembered position always
 * has an event the next read returns (otherwise the loop would spin).
 */
import type { AllStreamResolvedEvent, AllStreamSubscription, EventStoreDBClient, Filter } from '@eventstore/db-client';
import { END } from './eventStoreDbClient.js';
import { waitForWakeUp, wakeAll, type WakeUps } from '../wakeUps.js';

/** The wake-up source of one store. */
export interface LiveSignal {
  /** Settles once events after `after` may exist (at once if some were notified) or `signal` aborts. */
  readonly waitForEventsAfter: (after: bigint | 'start', signal: AbortSignal) => Promise<void>;
  /** Cancels the live subscription and releases every waiter. */
  readonly close: () => Promise<void>;
}

interface Live {
  readonly subscription: AllStreamSubscription;
  readonly confirmed: Promise<void>;
  isConfirmed: boolean;
}

/** Starts nothing yet: the live subscription opens on the first wait. */
export const createLiveSignal = (
  client: EventStoreDBClient,
  filter: Filter,
  /** Our position of a notified event, or `undefined` when reads would not return it. */
  visiblePosition: (resolved: AllStreamResolvedEvent) => bigint | undefined,
): LiveSignal => {
  const waiters: WakeUps = new Set();
  let live: Live | undefined;
  let highestNotified: bigint | undefined;
  let closed = false;

  const start = (): Live => {
    const subscription = client.subscribeToAll({ fromPosition: END, filter });
    let settle!: { resolve: () => void; reject: (error: unknown) => void };
    const confirmed = new Promise<void>((resolve, reject) => {
      settle = { resolve, reject };
    });
    confirmed.catch(() => undefined);
    const current: Live = { subscription, confirmed, isConfirmed: false };
    const drop = (error?: unknown): void => {
      settle.reject(error ?? new Error('the live $all subscription ended'));
      if (live === current) live = undefined;
      wakeAll(waiters);
    };
    subscription.on('confirmation', () => {
      current.isConfirmed = true;
      settle.resolve();
    });
    subscription.on('data', (resolved: AllStreamResolvedEvent) => {
      const position = visiblePosition(resolved);
      if (position === undefined) return;
      if (highestNotified === undefined || position > highestNotified) highestNotified = position;
      wakeAll(waiters);
    });
    subscription.on('error', drop);
    subscription.on('end', () => drop());
    subscription.on('close', () => drop());
    live = current;
    return current;
  };

  /** Settles with `confirmed`, or at once when `signal` aborts (a stopping loop must not wait for the server). */
  const untilConfirmedOrAborted = (confirmed: Promise<void>, signal: AbortSignal): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const abort = (): void => resolve();
      signal.addEventListener('abort', abort, { once: true });
      confirmed.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
    });

  return {
    async waitForEventsAfter(after, signal): Promise<void> {
      if (closed || signal.aborted) return;
      if (live === undefined) {
        // Fresh (or restarted) subscription: once it is confirmed, read again to cover the gap.
        await untilConfirmedOrAborted(start().confirmed, signal);
        return;
      }
      if (!live.isConfirmed) {
        await untilConfirmedOrAborted(live.confirmed, signal);
        return;
      }
      if (highestNotified !== undefined && (after === 'start' || highestNotified > after)) return;
      await waitForWakeUp(waiters, signal);
    },

    async close(): Promise<void> {
      closed = true;
      const current = live;
      live = undefined;
      wakeAll(waiters);
      if (current !== undefined) await current.subscription.unsubscribe();
    },
  };
};
