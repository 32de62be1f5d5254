/**
 * A reactor that turns events into commands for a command handler: for each event it can handle,
 * `commandsOf` names the commands to send, and each is sent with an id derived from the reactor's
 * name, the event's id and the command's index (uuid v5). A re-delivered event therefore sends the
 * same command ids, and the command handler's idempotency (a command id already in the stream is
 * not decided again) makes each reaction happen exactly once.
 */
import * as E from 'fp-ts/lib/Either.js';
import { v5 } from 'uuid';
import type { CommandHandler } from '../commandHandling/commandHandler.js';
import type { RecordedEvent } from '../eventStore/envelope.js';
import { MAX_COMMANDS_PER_EVENT, MAX_CONTEXT_STRING_LENGTH, MAX_PROCESSOR_NAME_LENGTH } from '../limits.js';
import { ProcessorCommandFailedError, ProcessorOptionsError } from './errors.js';
import { eachEvent, type Processor } from './processor.js';

/**
 * UUID v5 namespace of the command ids reactors derive. Fixed forever: changing it would give a
 * re-delivered event new command ids, and the command handler could no longer deduplicate them.
 */
export const reactorCommandIdNamespace = 'a7d3f0c2-5b8e-4d19-9c41-6e2f8b0d3a57';

/** Id of the `index`-th command reactor `reactor` sends for event `eventId`: uuid v5 of `${reactor}/${eventId}/${index}`. */
export const deriveReactorCommandId = (reactor: string, eventId: string, index: number): string =>
  v5(`${reactor}/${eventId}/${index}`, reactorCommandIdNamespace);

/** One command to send: which stream it is for, and the command. */
export interface ReactorCommand<Command> {
  readonly stream: string;
  readonly command: Command;
}

/** Options of {@link commandReactor}. */
export interface CommandReactorOptions<Command, Event, DecideError> {
  /** The processor's name: its checkpoint key, and part of every derived command id. */
  readonly name: string;
  /** Which events to react to (default: all). */
  readonly canHandle?: (event: RecordedEvent) => boolean;
  /**
   * The commands an event calls for, in the order to send them (none: `undefined` or `[]`). Must be
   * a pure function of the event, so that a re-delivery asks for the same commands.
   */
  readonly commandsOf: (event: RecordedEvent) => readonly ReactorCommand<Command>[] | undefined;
  /** Where the commands go, e.g. `createCommandHandler({ store, decider, schemas, clock })`. */
  readonly handler: CommandHandler<Command, Event, DecideError>;
  /** `actor` of the commands' metadata (default: the reactor's name). */
  readonly actor?: string;
}

/**
 * A {@link Processor} sending commands for events. The commands' metadata carries the event's
 * correlation id and tenant, the event id as causation id, the channel `'system'`. A command that
 * comes back as a Left (refused by the decider, or a store failure) throws a
 * `processor_command_failed` error: the page is not checkpointed and the processor stops (or
 * retries, per its policy); commands already sent for the page are replayed, not repeated.
 * @throws ProcessorOptionsError for bad options.
 */
export const commandReactor = <Command, Event, DecideError>(options: CommandReactorOptions<Command, Event, DecideError>): Processor => {
  const { name, commandsOf, handler } = options;
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_PROCESSOR_NAME_LENGTH) {
    throw new ProcessorOptionsError(String(name), '$.options.name', `expected a non-empty string of at most ${MAX_PROCESSOR_NAME_LENGTH} characters`);
  }
  if (typeof commandsOf !== 'function') throw new ProcessorOptionsError(name, '$.options.commandsOf', 'expected a function');
  if (typeof handler !== 'function') throw new ProcessorOptionsError(name, '$.options.handler', 'expected a command handler');
  const actor = options.actor ?? name.slice(0, MAX_CONTEXT_STRING_LENGTH);
  if (typeof actor !== 'string' || actor.length === 0 || actor.length > MAX_CONTEXT_STRING_LENGTH) {
    throw new ProcessorOptionsError(name, '$.options.actor', `expected a non-empty string of at most ${MAX_CONTEXT_STRING_LENGTH} characters`);
  }

  const react = async (event: RecordedEvent): Promise<void> => {
    const commands = commandsOf(event) ?? [];
    if (commands.length > MAX_COMMANDS_PER_EVENT) {
      throw new ProcessorCommandFailedError(name, event.id, undefined, new Error(`${commands.length} commands for one event, at most ${MAX_COMMANDS_PER_EVENT}`));
    }
    for (const [index, { stream, command }] of commands.entries()) {
      const commandId = deriveReactorCommandId(name, event.id, index);
      const metadata = { correlationId: event.metadata.correlationId, causationId: event.id, tenant: event.metadata.tenant, actor, channel: 'system' as const };
      const result = await handler(stream, command, { commandId, metadata });
      if (E.isLeft(result)) throw new ProcessorCommandFailedError(name, event.id, { stream, commandId }, result.left);
    }
  };

  return {
    name,
    ...(options.canHandle === undefined ? {} : { canHandle: options.canHandle }),
    handle: eachEvent(react),
  };
};
