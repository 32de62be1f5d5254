import { EventStoreError, isEventStoreError, type WrongExpectedVersionError } from '../eventStore/errors.js';

/** A command lost every optimistic-concurrency race it was allowed; nothing was written. */
export class CommandRetriesExhaustedError extends EventStoreError {
  declare readonly code: 'command_retries_exhausted';
  readonly stream: string;
  readonly attempts: number;
  /** The conflict of the final attempt. */
  readonly lastConflict: WrongExpectedVersionError | undefined;

  constructor(stream: string, attempts: number, lastConflict: WrongExpectedVersionError | undefined) {
    super('command_retries_exhausted', `stream "${stream}" after ${attempts} attempt(s)`, { cause: lastConflict });
    this.name = 'CommandRetriesExhaustedError';
    this.stream = stream;
    this.attempts = attempts;
    this.lastConflict = lastConflict;
  }
}

/** True when a command gave up after repeated conflicts. */
export const isCommandRetriesExhausted = (error: unknown): error is CommandRetriesExhaustedError =>
  isEventStoreError(error, 'command_retries_exhausted');

/**
 * A command id that already produced events in the stream was sent again with a different command:
 * an idempotency key names one request, so the second one is refused rather than answered with the
 * first one's events. Nothing was written.
 */
export class CommandIdReusedError extends EventStoreError {
  declare readonly code: 'command_id_reused';
  readonly stream: string;
  readonly commandId: string;

  constructor(stream: string, commandId: string) {
    super('command_id_reused', `command id "${commandId}" was used for another command on stream "${stream}"`);
    this.name = 'CommandIdReusedError';
    this.stream = stream;
    this.commandId = commandId;
  }
}

/** True when a command id was reused for a different command. */
export const isCommandIdReused = (error: unknown): error is CommandIdReusedError => isEventStoreError(error, 'command_id_reused');
