/**
 * A processor reacts to the global log: it is handed pages of recorded events in global order,
 * after its checkpoint, and its checkpoint moves past a page only once `handle` has resolved.
 *
 * Delivery is at-least-once and never skips: a page whose handler throws (or whose checkpoint save
 * fails) is delivered again, whole, on the next start or retry. Effects must therefore be
 * idempotent. Exactly-once effects come from ids derived in the handler from the event (e.g. uuid
 * v5 of the event id): a re-delivered event produces the same ids, and the store or command
 * handler receiving them deduplicates (see `commandReactor.ts`).
 */
import type { RecordedEvent } from '../eventStore/envelope.js';

/** What a processor is told about the page it handles. */
export interface ProcessorContext {
  /** The processor's name. */
  readonly name: string;
  /** The checkpoint the page was read after (`'start'` for the beginning of the log). */
  readonly after: bigint | 'start';
  /** 1 for the first delivery of this page in this run, more on retries. */
  readonly attempt: number;
}

/** A reactor over the global log. */
export interface Processor {
  /** Stable name: the key of its checkpoint. */
  readonly name: string;
  /**
   * Which events the processor wants (e.g. by stream prefix or type). Events it refuses are not
   * passed to `handle`, but the checkpoint still moves past them. Must be pure and cheap.
   */
  readonly canHandle?: (event: RecordedEvent) => boolean;
  /**
   * Handles a non-empty page in global order. Resolving lets the checkpoint move to the page's
   * last position; throwing leaves it where it was, and the same page is delivered again.
   */
  handle(events: readonly RecordedEvent[], context: ProcessorContext): Promise<void>;
}

/** Handler of a single event, for {@link eachEvent}. */
export type EventHandler = (event: RecordedEvent, context: ProcessorContext) => void | Promise<void>;

/**
 * A page handler that handles the events one by one, in order, awaiting each. A throw stops the
 * page: the events before it were handled and will be handled again on re-delivery.
 */
export const eachEvent =
  (handler: EventHandler): Processor['handle'] =>
  async (events, context) => {
    for (const event of events) await handler(event, context);
  };
