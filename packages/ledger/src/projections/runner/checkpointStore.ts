/**
 * Where idempotent projections keep their checkpoint: the global position of the last event whose
 * effects are applied. SQL projections do not use it: their checkpoint is saved in the read model's
 * own transaction (see `sqlCheckpoints.ts`).
 */

/** Saves and loads checkpoints by projection name. */
export interface CheckpointStore {
  /** The saved position, or `'start'` when none is saved. */
  load(name: string): Promise<bigint | 'start'>;
  /** Saves `position` (replacing the previous one). */
  save(name: string, position: bigint): Promise<void>;
  /** Forgets the checkpoint: the projection starts from the beginning next time. */
  reset(name: string): Promise<void>;
}

/**
 * Checkpoints in a `Map`: they live as long as the process, like the in-memory models they pair
 * with. (A persistent model needs a persistent store, e.g. `createSqlCheckpointStore`.)
 */
export const createInMemoryCheckpointStore = (): CheckpointStore & { readonly entries: ReadonlyMap<string, bigint> } => {
  const entries = new Map<string, bigint>();
  return {
    entries,
    load: async (name) => entries.get(name) ?? 'start',
    save: async (name, position) => {
      entries.set(name, position);
    },
    reset: async (name) => {
      entries.delete(name);
    },
  };
};
