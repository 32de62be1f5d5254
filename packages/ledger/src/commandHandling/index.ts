export {
  createCommandHandler,
  handleCommand,
  type CommandContext,
  type CommandHandler,
  type CommandHandlerOptions,
  type CommandMetadata,
  type CommandOutcome,
} from './commandHandler.js';
export type { Decider } from './decider.js';
export type { DomainEvent } from './domainEvent.js';
export { CommandIdReusedError, CommandRetriesExhaustedError, isCommandIdReused, isCommandRetriesExhausted } from './errors.js';
export {
  decodeEvent,
  encodeEvent,
  upcastFrom,
  type EncodeEventOptions,
  type EventSchema,
  type EventSchemas,
} from './eventSchemas.js';
export { foldState } from './foldState.js';
export { defaultRetryPolicy, type RetryPolicy } from './retryPolicy.js';
