/**
 * Wake-ups of waiting subscription loops: a set of callbacks, each of which settles one wait.
 * Whoever learns of new events wakes them all; a woken loop simply reads again.
 */

/** The callbacks of the waits currently pending. */
export type WakeUps = Set<() => void>;

/** Wakes every pending wait (each one removes itself). */
export const wakeAll = (waiters: WakeUps): void => {
  for (const wake of [...waiters]) wake();
};

/** Settles at the next {@link wakeAll} of `waiters`, or when `signal` aborts (at once if it already has). */
export const waitForWakeUp = (waiters: WakeUps, signal: AbortSignal): Promise<void> =>
  new Promise<void>((resolve) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    const wake = (): void => {
      waiters.delete(wake);
      signal.removeEventListener('abort', wake);
      resolve();
    };
    waiters.add(wake);
    signal.addEventListener('abort', wake, { once: true });
  });
