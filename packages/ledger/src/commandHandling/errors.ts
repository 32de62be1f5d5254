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
