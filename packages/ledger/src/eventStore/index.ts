export type { AdoptedHeadRecord, Channel, EventEnvelope, EventMetadata, Json, RecordedEvent } from './envelope.js';
export type {
  ActualRevision,
  AppendResult,
  MultiAppendResult,
  StreamAppend,
  StreamAppendResult,
  EventStore,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeOptions,
  Subscription,
} from './eventStore.js';
export {
  DriverNotInstalledError,
  DuplicateEventIdError,
  EventDecodeError,
  EventStoreError,
  InvalidArgumentError,
  isDriverNotInstalled,
  isEventDecodeError,
  isEventStoreError,
  isInvalidArgument,
  isStoreClosed,
  isWrongExpectedVersion,
  LogNotFullyVisibleError,
  StoreClosedError,
  StoreNotFoundError,
  StoreReadOnlyError,
  WrongExpectedVersionError,
  type DecodeIssue,
  type DriverPackage,
  type EventDecodeErrorDetails,
} from './errors.js';
export {
  createInMemoryEventStore,
  createInMemoryStorage,
  type InMemoryEventStoreOptions,
  type InMemoryStorage,
} from './inMemoryEventStore.js';
export { isValidStreamName, maxStreamNameLength, parseStreamName, streamCategory, streamName } from './streamName.js';
export { openEventStore, parseStoreUrl, type OpenEventStoreOptions, type StoreLocation } from './openEventStore.js';
/** A store's revisions of many streams at once: its batched `streamRevisions` when it has one, else one `streamRevision` per stream. */
export { streamRevisionsOf } from './streamRevisions.js';
