/**
 * LISTEN/NOTIFY wake-ups for catch-up subscriptions. Each append queues `pg_notify` in its
 * transaction (delivered only on commit); one dedicated connection per store listens and wakes the
 * waiting subscriptions. Notifications are only a hint: waits also end after a poll interval, so a
 * lost notification or a dropped listener delays delivery but never loses an event. A dropped
 * listener reconnects at the next wait (at most once per `retryDelayMs` after a failed attempt).
 */
import type pg from 'pg';
import { pgDriver } from '../../sql/pgDriver.js';

/** One registered wait: `promise` settles on a notification, after the timeout, or on abort. */
export interface NotificationWait {
  readonly promise: Promise<void>;
  /** Unregisters the wait (and settles it). */
  readonly cancel: () => void;
}

/** The listener of one store. */
export interface AppendNotifications {
  /** Makes sure LISTEN is in place, connecting if needed. Never rejects: without a listener, waits just poll. */
  readonly listening: () => Promise<void>;
  /** Registers a wait now, so a notification arriving before it is awaited still counts. */
  readonly wait: (timeoutMs: number, signal: AbortSignal) => NotificationWait;
  /** Closes the listening connection; pending waits settle. */
  readonly close: () => Promise<void>;
}

/** Listens on `channel` with a connection made from `config`; wakes waiters on notifications carrying `payload`. */
export const createAppendNotifications = (
  config: pg.ClientConfig,
  channel: string,
  payload: string,
  retryDelayMs = 1_000,
): AppendNotifications => {
  const waiters = new Set<() => void>();
  let client: pg.Client | undefined;
  let connecting: Promise<void> | undefined;
  let lastFailure = Number.NEGATIVE_INFINITY;
  let closed = false;

  const wakeAll = (): void => {
    for (const wake of [...waiters]) wake();
  };

  const drop = (broken: pg.Client): void => {
    if (client !== broken) return;
    client = undefined;
    broken.end().catch(() => undefined);
    wakeAll(); // let waiters re-read at once rather than trust a dead connection
  };

  const connect = async (): Promise<void> => {
    const candidate = new pgDriver.Client(config);
    candidate.on('error', () => drop(candidate));
    candidate.on('end', () => drop(candidate));
    candidate.on('notification', (message) => {
      if (message.channel === channel && message.payload === payload) wakeAll();
    });
    try {
      await candidate.connect();
      await candidate.query(`LISTEN ${channel}`);
    } catch {
      lastFailure = Date.now();
      candidate.end().catch(() => undefined);
      return;
    }
    if (closed) {
      await candidate.end().catch(() => undefined);
      return;
    }
    client = candidate;
  };

  return {
    listening: () => {
      if (closed || client !== undefined) return Promise.resolve();
      if (connecting !== undefined) return connecting;
      if (Date.now() - lastFailure < retryDelayMs) return Promise.resolve();
      connecting = connect().finally(() => {
        connecting = undefined;
      });
      return connecting;
    },

    wait: (timeoutMs, signal) => {
      let settle!: () => void;
      const promise = new Promise<void>((resolve) => {
        settle = resolve;
      });
      const timer = setTimeout(() => cancel(), timeoutMs);
      const cancel = (): void => {
        clearTimeout(timer);
        waiters.delete(cancel);
        signal.removeEventListener('abort', cancel);
        settle();
      };
      if (closed || signal.aborted) {
        cancel();
      } else {
        waiters.add(cancel);
        signal.addEventListener('abort', cancel, { once: true });
      }
      return { promise, cancel };
    },

    close: async () => {
      closed = true;
      await connecting;
      const current = client;
      client = undefined;
      wakeAll();
      await current?.end().catch(() => undefined);
    },
  };
};
