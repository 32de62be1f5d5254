/**
 * `@ecoledger/ledger/eventstoredb`: the EventStoreDB event store over the official gRPC client,
 * kept out of the main entry so that `@ecoledger/ledger` alone never loads the client.
 */
export {
  createEventStoreDbEventStore,
  type EventStoreDbClientOptions,
  type EventStoreDbConnectionStringOptions,
  type EventStoreDbEventStoreCommonOptions,
  type EventStoreDbEventStoreOptions,
} from './eventStoreDbEventStore.js';
