/** The EventStoreDB test double: an in-process gRPC server for the EventStoreDB adapter's tests (see `eventStoreDbDouble.ts`). */
export {
  defaultDoubleMaxAppendSize,
  startEventStoreDbDouble,
  type EventStoreDbDouble,
  type EventStoreDbDoubleOptions,
} from './eventStoreDbDouble.js';
export type { DoubleEvent, EventStoreDbDoubleLog, ProposedDoubleEvent } from './eventStoreDbDoubleLog.js';
