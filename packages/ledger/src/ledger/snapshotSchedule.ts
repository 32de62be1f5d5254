/**
 * When a book writes its next snapshot, and how the last attempts went. Snapshots are derived data
 * (the events are the truth), so a failed snapshot write never fails the command that triggered
 * it: the failure is recorded here, reported, and the snapshot is tried again after another
 * `every` events (not on every write, which would hammer a store that is down).
 */

/** How a book's snapshots stand (see {@link SnapshotSchedule}). */
export interface SnapshotStatus {
  /** Revision covered by the last snapshot this book wrote or loaded, if any. */
  readonly lastSnapshotRevision: bigint | undefined;
  /** Events applied since then (or since the last failed attempt). */
  readonly eventsSinceSnapshot: number;
  /** Failed attempts since the last success. */
  readonly consecutiveFailures: number;
  /** The error of the last failed attempt, cleared by a success. */
  readonly lastError: Error | undefined;
}

/** The snapshot counter of one book; see the module comment. */
export class SnapshotSchedule {
  private eventsSince = 0;
  private lastRevision: bigint | undefined;
  private failures = 0;
  private lastError: Error | undefined;

  /** `every` = 0 disables automatic snapshots. */
  constructor(private readonly every: number, loadedRevision: bigint | undefined) {
    if (!Number.isSafeInteger(every) || every < 0) throw new RangeError(`snapshotEvery must be a non-negative integer, got ${every}`);
    this.lastRevision = loadedRevision;
  }

  /** Counts events applied to the book. */
  applied(count: number): void {
    this.eventsSince += count;
  }

  /** Whether an automatic snapshot is due. */
  get due(): boolean {
    return this.every > 0 && this.eventsSince >= this.every;
  }

  /** Records a snapshot written at `revision`. */
  succeeded(revision: bigint): void {
    this.eventsSince = 0;
    this.lastRevision = revision;
    this.failures = 0;
    this.lastError = undefined;
  }

  /** Records a failed attempt; the counter restarts so the next attempt comes `every` events later. */
  failed(error: unknown): Error {
    const asError = error instanceof Error ? error : new Error(String(error));
    this.eventsSince = 0;
    this.failures++;
    this.lastError = asError;
    return asError;
  }

  /** The current status. */
  get status(): SnapshotStatus {
    return {
      lastSnapshotRevision: this.lastRevision,
      eventsSinceSnapshot: this.eventsSince,
      consecutiveFailures: this.failures,
      lastError: this.lastError,
    };
  }
}
