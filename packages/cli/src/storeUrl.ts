import { isInvalidArgument, openEventStore, type EventStore, type OpenEventStoreOptions } from '@ecoledger/ledger';

/** A `--store` value the CLI cannot open. */
export class StoreUrlError extends Error {
  override readonly name = 'StoreUrlError';
}

/** Opens the store a `--store` URL names (memory:, sqlite:./file.db, postgres://..., esdb://...). */
export const openStore = async (url: string, options: OpenEventStoreOptions = {}): Promise<EventStore> => {
  try {
    return await openEventStore(url, options);
  } catch (error) {
    if (isInvalidArgument(error)) throw new StoreUrlError(`--store ${error.reason}`);
    throw error;
  }
};
