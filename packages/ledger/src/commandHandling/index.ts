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
export { defaultRetryPolicy, retryDelayMs, type RetryPolicy } from './retryPolicy.js';
/** The SHA-256 fingerprint a command handler stores with a command's events (key order does not matter). */
export { bodyFingerprint as commandFingerprint } from '../codecs/bodyFingerprint.js';
