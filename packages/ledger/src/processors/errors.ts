/**
 * Typed errors of processors. Each carries a `code`; guards test the code rather than
 * `instanceof`, so they also work across duplicated copies of the package (ESM + CJS).
 */
import { processorErrorMessages, type ProcessorErrorCode } from '../errors.js';

/** Base class of the processors' errors. */
export class ProcessorError extends Error {
  readonly code: ProcessorErrorCode;
  /** Name of the processor concerned. */
  readonly processor: string;

  constructor(code: ProcessorErrorCode, processor: string, detail: string, options?: ErrorOptions) {
    super(`${processorErrorMessages[code]}: ${detail}`, options);
    this.name = 'ProcessorError';
    this.code = code;
    this.processor = processor;
  }
}

const reasonOf = (cause: unknown): string => (cause instanceof Error ? cause.message : String(cause));

/**
 * A page failed: the handler threw (on every attempt allowed) or its checkpoint could not be saved.
 * `cause` is the last attempt's error; the checkpoint did not move past the page.
 */
export class ProcessorHandlerError extends ProcessorError {
  declare readonly code: 'processor_handler_failed';
  /** Global positions of the first and last event of the failed page. */
  readonly fromPosition: bigint;
  readonly toPosition: bigint;
  /** Attempts made at the page before giving up. */
  readonly attempts: number;

  constructor(processor: string, fromPosition: bigint, toPosition: bigint, attempts: number, cause: unknown) {
    super('processor_handler_failed', processor, `"${processor}" at positions ${fromPosition}..${toPosition} after ${attempts} attempt(s): ${reasonOf(cause)}`, { cause });
    this.name = 'ProcessorHandlerError';
    this.fromPosition = fromPosition;
    this.toPosition = toPosition;
    this.attempts = attempts;
  }
}

/** Bad options given to `startProcessor` / `runProcessorOnce` / `commandReactor`; nothing was started. */
export class ProcessorOptionsError extends ProcessorError {
  declare readonly code: 'processor_options_invalid';
  /** JSON path of the bad option, e.g. `$.options.batchSize`. */
  readonly path: string;

  constructor(processor: string, path: string, reason: string) {
    super('processor_options_invalid', processor, `${path}: ${reason}`);
    this.name = 'ProcessorOptionsError';
    this.path = path;
  }
}

/**
 * A command reactor's command came back as a Left (the decider refused it, or the store failed),
 * or the reactor asked for too many commands. `failure` is the Left (or a description).
 */
export class ProcessorCommandFailedError extends ProcessorError {
  declare readonly code: 'processor_command_failed';
  /** Id of the event the command reacted to. */
  readonly eventId: string;
  /** Target stream and derived command id, when a command was sent. */
  readonly stream: string | undefined;
  readonly commandId: string | undefined;
  readonly failure: unknown;

  constructor(processor: string, eventId: string, command: { stream: string; commandId: string } | undefined, failure: unknown) {
    const target = command === undefined ? '' : ` command ${command.commandId} on "${command.stream}"`;
    const reason = typeof failure === 'object' && failure !== null && 'code' in failure ? String(failure.code) : reasonOf(failure);
    super('processor_command_failed', processor, `"${processor}" reacting to event ${eventId}:${target}: ${reason}`, { cause: failure });
    this.name = 'ProcessorCommandFailedError';
    this.eventId = eventId;
    this.stream = command?.stream;
    this.commandId = command?.commandId;
    this.failure = failure;
  }
}

/** True for any processor error with the given code (or any code when omitted). */
export const isProcessorError = (error: unknown, code?: ProcessorErrorCode): error is ProcessorError => {
  if (!(error instanceof Error)) return false;
  const actual: unknown = (error as { code?: unknown }).code;
  return typeof actual === 'string' && Object.hasOwn(processorErrorMessages, actual) && (code === undefined || actual === code);
};
