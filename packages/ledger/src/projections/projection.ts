/**
 * The shape every ledger read-model projection shares, in the style of Emmett's inline projections:
 * a `name`, `canHandle(type)` and `apply(event)`. Projections take already-decoded ledger events
 * together with their envelope (stream, revision, global position, metadata).
 *
 * Projections can sit on the global log: unknown event types are ignored. They are idempotent under
 * re-delivery: each remembers the last global position it saw and ignores events at or below it,
 * which is what a checkpointed subscription needs when it resumes after its checkpoint.
 */
import { ledgerEventSchemas, type LedgerEvent } from '../ledger/events.js';

/** The envelope fields a projection reads: a `RecordedEvent` has all of them. */
export interface EventPosition {
  readonly streamName: string;
  /** Position within its stream. */
  readonly revision: bigint;
  /** Position in the global log: strictly increasing, not necessarily contiguous. */
  readonly position: bigint;
  readonly metadata: { readonly occurredAt: string };
}

/** A decoded ledger event with its envelope. */
export type ProjectedEvent = LedgerEvent & EventPosition;

/** Any event of the global log: ledger events must already be decoded, anything else is ignored. */
export type LogEvent = ProjectedEvent | (EventPosition & { readonly type: string; readonly data: unknown });

/** Ledger event types, by name. */
export type LedgerEventType = LedgerEvent['type'];

/** True for the type of a ledger book event (`LedgersDefined`, `TransfersCommitted`, ...). */
export const isLedgerEventType = (type: string): type is LedgerEventType => Object.hasOwn(ledgerEventSchemas, type);

/**
 * The events contradict what the projection has seen (an unknown account or hold, or a shared
 * {@link LedgerIndex} that is ahead of the projection). The projection missed history or was fed
 * another book's events; it has to be rebuilt from the start.
 */
export class ProjectionConsistencyError extends Error {
  readonly streamName: string;
  readonly revision: bigint;
  readonly position: bigint;

  constructor(message: string, event: EventPosition) {
    super(`${message} (stream "${event.streamName}" at revision ${event.revision}, position ${event.position})`);
    this.name = 'ProjectionConsistencyError';
    this.streamName = event.streamName;
    this.revision = event.revision;
    this.position = event.position;
  }
}

/**
 * Base class of the ledger projections: position tracking and filtering live here, so subclasses
 * only implement {@link Projection.evolve} for the event types they handle.
 *
 * If `evolve` throws, the projection is left part-way through an event; rebuild it from the start.
 */
export abstract class Projection {
  /** Stable name, e.g. for a checkpoint table. */
  abstract readonly name: string;
  #position: bigint | undefined = undefined;

  /** Global position of the last event seen (handled or ignored); `undefined` before the first. */
  get position(): bigint | undefined {
    return this.#position;
  }

  /** Whether events of this type change the projection. Default: every ledger book event. */
  canHandle(type: string): boolean {
    return isLedgerEventType(type);
  }

  /**
   * Applies one event of the log. Returns `true` when it changed the projection; `false` for a
   * re-delivered event (position at or below {@link position}) or a type it does not handle.
   */
  apply(event: LogEvent): boolean {
    if (this.#position !== undefined && event.position <= this.#position) return false;
    const handled = this.canHandle(event.type);
    // canHandle only admits ledger event types, whose data the caller has decoded (see LogEvent).
    if (handled) this.evolve(event as ProjectedEvent);
    // Ignored events advance the position too: a checkpoint may then skip past them.
    this.#position = event.position;
    return handled;
  }

  /** Applies events in order; returns how many changed the projection. */
  applyAll(events: Iterable<LogEvent>): number {
    let applied = 0;
    for (const event of events) if (this.apply(event)) applied++;
    return applied;
  }

  /** Folds one new ledger event into the projection. */
  protected abstract evolve(event: ProjectedEvent): void;
}
