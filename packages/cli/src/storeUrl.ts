import { createInMemoryEventStore, type EventStore } from '@ecoledger/ledger';

/** A `--store` value the CLI cannot open. */
export class StoreUrlError extends Error {
  override readonly name = 'StoreUrlError';
}

/**
 * Opens an event store from a URL. `memory:` is the embedded default; durable adapters
 * (`sqlite:`, `postgres://`, `esdb://`) plug in here as they land.
 */
export const openStore = async (url: string): Promise<EventStore> => {
  if (url === 'memory:' || url === 'memory') return createInMemoryEventStore();
  const scheme = /^([a-z]+):/.exec(url)?.[1];
  if (scheme === undefined) throw new StoreUrlError(`--store "${url}" is not a URL; try memory:`);
  throw new StoreUrlError(`--store scheme "${scheme}:" is not supported by this build; supported: memory:`);
};
