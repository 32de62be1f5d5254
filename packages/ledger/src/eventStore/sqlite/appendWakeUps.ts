/**
 * In-process wake-ups for catch-up subscriptions over one SQLite database object: an append through
 * any store sharing the database wakes its subscriptions at once, while appends from other
 * processes (or other connections to the same file) are seen by polling.
 */
import type { SqlDatabase } from '../../sql/sqlDatabase.js';

/** Append notifications shared by every store over one database object. */
export interface AppendWakeUps {
  /** Count of committed appends so far, in this process. */
  appends: number;
  readonly waiters: Set<() => void>;
}

const registry = new WeakMap<SqlDatabase, AppendWakeUps>();

/** The wake-ups of `database`, created on first use. */
export const appendWakeUpsOf = (database: SqlDatabase): AppendWakeUps => {
  let wakeUps = registry.get(database);
  if (wakeUps === undefined) {
    wakeUps = { appends: 0, waiters: new Set() };
    registry.set(database, wakeUps);
  }
  return wakeUps;
};

/** Records a committed append and wakes every waiter. */
export const notifyAppended = (wakeUps: AppendWakeUps): void => {
  wakeUps.appends++;
  for (const wake of [...wakeUps.waiters]) wake();
};

/**
 * Settles when an append was committed in this process since `seenAppends`, after `pollIntervalMs`
 * (to look for other processes' appends), or when `signal` aborts, whichever comes first.
 */
export const waitForAppendOrPoll = (
  wakeUps: AppendWakeUps,
  seenAppends: number,
  pollIntervalMs: number,
  signal: AbortSignal,
): Promise<void> =>
  new Promise<void>((resolve) => {
    if (signal.aborted || wakeUps.appends !== seenAppends) {
      resolve();
      return;
    }
    const wake = (): void => {
      clearTimeout(timer);
      wakeUps.waiters.delete(wake);
      signal.removeEventListener('abort', wake);
      resolve();
    };
    const timer = setTimeout(wake, pollIntervalMs);
    wakeUps.waiters.add(wake);
    signal.addEventListener('abort', wake, { once: true });
  });
