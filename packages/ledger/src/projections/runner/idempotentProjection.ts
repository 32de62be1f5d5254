/**
 * A projection for stores without SQL next to them (memory, EventStoreDB): its handler ignores
 * events at or below positions it has already applied, and the runner saves the checkpoint in a
 * {@link CheckpointStore} after each page. A crash between the two re-delivers the page, which the
 * handler ignores: effects stay exactly-once without a shared transaction.
 */
import type { RecordedEvent } from '../../eventStore/envelope.js';
import type { Processor } from '../../processors/processor.js';
import type { LedgerReadModel } from '../ledgerReadModel.js';

/** A projection that tolerates re-delivery, driven by `startProjection({ projection, checkpoints, ... })`. */
export interface IdempotentProjection {
  /** Stable name: the key of its checkpoint. */
  readonly name: string;
  /**
   * Applies a page of the global log in order, ignoring events it has already applied. Throwing
   * stops the runner without saving the checkpoint; the page is delivered again on the next start.
   */
  handle(events: readonly RecordedEvent[]): void | Promise<void>;
  /** Forgets everything, for `rebuildProjection` (required there only). */
  reset?(): void | Promise<void>;
}

/**
 * The projection as the {@link Processor} the runner drives: an idempotent projection is a
 * processor that sees every event (no filter) and whose effects are its read model.
 */
export const projectionProcessor = (projection: IdempotentProjection): Processor => ({
  name: projection.name,
  handle: async (events) => {
    await projection.handle(events);
  },
});

/**
 * The in-memory {@link LedgerReadModel} as an {@link IdempotentProjection}. `reset` swaps in a
 * fresh model from `create`; read the current one through `model()`.
 */
export const ledgerReadModelProjection = (
  create: () => LedgerReadModel,
  name = 'ledger.readModel',
): IdempotentProjection & { model(): LedgerReadModel } => {
  let model = create();
  return {
    name,
    model: () => model,
    handle: (events) => {
      model.applyAll(events);
    },
    reset: () => {
      model = create();
    },
  };
};
