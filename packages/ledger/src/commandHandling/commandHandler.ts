/**
 * The command handler: load a stream, fold it through the decider, decide, append with optimistic
 * concurrency, retry on conflicts. Exactly-once comes from the command id: derived event ids make a
 * retried append deduplicate, and a command whose events are already in the stream is not re-decided.
 * Every event carries the fingerprint of its command (`metadata.requestHash`), so the same command id
 * sent with a different command is refused (`command_id_reused`) instead of being answered with the
 * first command's events.
 */
import * as E from 'fp-ts/lib/Either.js';
import { isNonEmptyString } from '../codecs/nonEmptyString.js';
import type { Channel, EventEnvelope, EventMetadata, RecordedEvent } from '../eventStore/envelope.js';
import type { ActualRevision, EventStore } from '../eventStore/eventStore.js';
import {
  InvalidArgumentError,
  isEventStoreError,
  isWrongExpectedVersion,
  type EventStoreError,
  type WrongExpectedVersionError,
} from '../eventStore/errors.js';
import { revisionFromCount } from '../eventStore/expectedRevision.js';
import type { Decider } from './decider.js';
import type { DomainEvent } from './domainEvent.js';
import { CommandIdReusedError, CommandRetriesExhaustedError } from './errors.js';
import { bodyFingerprint } from '../codecs/bodyFingerprint.js';
import { deriveEventId } from './eventIds.js';
import { decodeEvent, encodeEvent, type EventSchemas } from './eventSchemas.js';
import { foldState } from './foldState.js';
import { defaultRetryPolicy, retryDelayMs, sleepMs, type RetryPolicy } from './retryPolicy.js';

/** Dependencies of a command handler; clock and jitter are injected so handling is reproducible. */
export interface CommandHandlerOptions<Command, Event extends DomainEvent, State, DecideError> {
  readonly store: EventStore;
  readonly decider: Decider<Command, Event, State, DecideError>;
  readonly schemas: EventSchemas<Event>;
  /** Source of `occurredAt`. */
  readonly clock: () => Date;
  /** Conflict retries (default {@link defaultRetryPolicy}). */
  readonly retry?: RetryPolicy;
}

/** Who sent the command and why; becomes the events' metadata. */
export interface CommandMetadata {
  readonly correlationId: string;
  /** Defaults to the command id. */
  readonly causationId?: string;
  readonly tenant: string;
  readonly actor: string;
  readonly channel: Channel;
}

/** Per-command inputs besides the command itself. */
export interface CommandContext {
  /** Client-chosen idempotency key: repeating a command id never produces its events twice. */
  readonly commandId: string;
  readonly metadata: CommandMetadata;
}

/** What a handled command produced. */
export interface CommandOutcome<Event> {
  /** Events the command produced (on replay: those stored the first time). */
  readonly events: readonly Event[];
  /** Stream revision after the command's events (or the current one when it produced none). */
  readonly nextExpectedRevision: ActualRevision;
  /** Global position of the command's last event, when it produced any. */
  readonly position?: bigint;
  /** True when the command id had already been handled and its stored events were returned. */
  readonly replayed: boolean;
}

/** Handles one command against one stream. */
export type CommandHandler<Command, Event, DecideError> = (
  streamName: string,
  command: Command,
  context: CommandContext,
) => Promise<E.Either<DecideError | EventStoreError, CommandOutcome<Event>>>;

type Attempt<Event, DecideError> =
  | { readonly kind: 'done'; readonly result: E.Either<DecideError | EventStoreError, CommandOutcome<Event>> }
  | { readonly kind: 'conflict'; readonly error: WrongExpectedVersionError };

const done = <Event, DecideError>(
  result: E.Either<DecideError | EventStoreError, CommandOutcome<Event>>,
): Attempt<Event, DecideError> => ({ kind: 'done', result });

const validateRetryPolicy = (policy: RetryPolicy): void => {
  if (!Number.isSafeInteger(policy.maxAttempts) || policy.maxAttempts < 1) {
    throw new InvalidArgumentError('$.retry.maxAttempts', 'expected an integer >= 1');
  }
  if (!Number.isFinite(policy.baseDelayMs) || policy.baseDelayMs < 0) {
    throw new InvalidArgumentError('$.retry.baseDelayMs', 'expected a finite number >= 0');
  }
};

/** One load-decide-append round. Store errors other than conflicts end the command as a Left. */
const attemptOnce = async <Command, Event extends DomainEvent, State, DecideError>(
  options: CommandHandlerOptions<Command, Event, State, DecideError>,
  streamName: string,
  command: Command,
  { commandId, metadata }: CommandContext,
): Promise<Attempt<Event, DecideError>> => {
  const { store, decider, schemas } = options;
  let recorded: RecordedEvent[];
  try {
    recorded = await store.readStream(streamName);
  } catch (error) {
    if (isEventStoreError(error)) return done(E.left(error));
    throw error;
  }

  const history: Event[] = [];
  const previous: { event: Event; recorded: RecordedEvent }[] = [];
  for (const event of recorded) {
    const decoded = decodeEvent(schemas, event);
    if (E.isLeft(decoded)) return done(E.left(decoded.left));
    history.push(decoded.right);
    if (event.metadata.commandId === commandId) previous.push({ event: decoded.right, recorded: event });
  }

  const requestHash = bodyFingerprint(command);
  const last = previous[previous.length - 1];
  // Events written before fingerprints carry none: they are taken as the same command.
  if (last !== undefined && previous.some((entry) => entry.recorded.metadata.requestHash !== undefined && entry.recorded.metadata.requestHash !== requestHash)) {
    return done(E.left(new CommandIdReusedError(streamName, commandId)));
  }
  if (last !== undefined) {
    return done(
      E.right({
        events: previous.map((entry) => entry.event),
        nextExpectedRevision: last.recorded.revision,
        position: last.recorded.position,
        replayed: true,
      }),
    );
  }

  const decision = decider.decide(command, foldState(decider, history));
  if (E.isLeft(decision)) return done(E.left(decision.left));
  const events = decision.right;
  const expectedRevision = revisionFromCount(recorded.length);
  if (events.length === 0) return done(E.right({ events: [], nextExpectedRevision: expectedRevision, replayed: false }));

  const eventMetadata: EventMetadata = {
    correlationId: metadata.correlationId,
    causationId: metadata.causationId ?? commandId,
    tenant: metadata.tenant,
    actor: metadata.actor,
    channel: metadata.channel,
    occurredAt: options.clock().toISOString(),
    commandId,
    requestHash,
  };
  let envelopes: EventEnvelope[];
  try {
    envelopes = events.map((event, index) =>
      encodeEvent(schemas, event, { id: deriveEventId(commandId, index), metadata: eventMetadata }),
    );
  } catch (error) {
    if (isEventStoreError(error)) return done(E.left(error));
    throw error;
  }

  try {
    const appended = await store.append(streamName, envelopes, expectedRevision);
    return done(
      E.right({ events, nextExpectedRevision: appended.nextExpectedRevision, position: appended.position, replayed: false }),
    );
  } catch (error) {
    if (isWrongExpectedVersion(error)) return { kind: 'conflict', error };
    if (isEventStoreError(error)) return done(E.left(error));
    throw error;
  }
};

/**
 * Handles `command` on `streamName`: replays the command's stored outcome if its id was seen,
 * otherwise decides and appends, retrying from a fresh load on conflicts with bounded backoff.
 * Returns the decider's Left as is, store and schema failures as `EventStoreError`s, and
 * `command_retries_exhausted` when every attempt conflicted. Nothing is appended on any Left.
 */
export const handleCommand = async <Command, Event extends DomainEvent, State, DecideError>(
  options: CommandHandlerOptions<Command, Event, State, DecideError>,
  streamName: string,
  command: Command,
  context: CommandContext,
): Promise<E.Either<DecideError | EventStoreError, CommandOutcome<Event>>> => {
  const policy = options.retry ?? defaultRetryPolicy;
  validateRetryPolicy(policy);
  if (!isNonEmptyString(context.commandId)) {
    return E.left(new InvalidArgumentError('$.context.commandId', 'expected a non-empty string'));
  }
  const sleep = policy.sleep ?? sleepMs;
  let lastConflict: WrongExpectedVersionError | undefined;
  for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
    const outcome = await attemptOnce(options, streamName, command, context);
    if (outcome.kind === 'done') return outcome.result;
    lastConflict = outcome.error;
    if (attempt < policy.maxAttempts) await sleep(retryDelayMs(policy, attempt));
  }
  return E.left(new CommandRetriesExhaustedError(streamName, policy.maxAttempts, lastConflict));
};

/** Binds {@link handleCommand} to its dependencies; a malformed retry policy throws here, not per command. */
export const createCommandHandler = <Command, Event extends DomainEvent, State, DecideError>(
  options: CommandHandlerOptions<Command, Event, State, DecideError>,
): CommandHandler<Command, Event, DecideError> => {
  validateRetryPolicy(options.retry ?? defaultRetryPolicy);
  return (streamName, command, context) => handleCommand(options, streamName, command, context);
};
