/**
 * The product command handler: a synchronous answer for an online bank's app, and postings that
 * reach the book exactly once whatever crashes in between.
 *
 * One attempt: load the contract's stream, decide, open the accounts the events need, **hold**
 * every posting in one linked batch (the ledger's guards, not the product, decide whether the
 * money is there: a refused hold is `insufficient_funds` and nothing is recorded), **append** the
 * events (the commit point), then **post** the holds. A conflict on append voids the holds and
 * decides again. Every id is derived (see `postingIds.ts`), so a retry of the same command id
 * repeats the same holds and posts, and a command already recorded only completes its postings.
 *
 * A command's holds are checked together, and a guard counts posted credits only: a debit can
 * never spend money the same command credits. A product pays such money straight to where it goes
 * (a demand close pays its interest to the payout destination, not through the account).
 *
 * A crash leaves one of three states, each settled without the client: holds without an event
 * (`repairHolds` releases them after marking the revision abandoned), an event with unposted holds
 * (the posting processor, or the retry, posts them), or everything done.
 */
import * as E from 'fp-ts/lib/Either.js';
import {
  CommandIdReusedError,
  CommandRetriesExhaustedError,
  commandFingerprint,
  decodeEvent,
  defaultRetryPolicy,
  encodeEvent,
  foldState,
  isEventStoreError,
  isWrongExpectedVersion,
  retryDelayMs,
  type CommandContext,
  type Decider,
  type DomainEvent,
  type EventEnvelope,
  type EventSchemas,
  type EventStore,
  type EventStoreError,
  type RecordedEvent,
  type RetryPolicy,
} from '@ecoledger/ledger';
import { ProductsError } from '../errors.js';
import { MAX_POSTINGS_PER_COMMAND, MAX_PRODUCT_STREAM_LENGTH } from '../limits.js';
import { POSTING_ATTEMPT_ABANDONED } from './abandonedAttempt.js';
import { asChain, holdItems, placePostings, voidItems, type EventPlace, type PlacedPosting } from './eventPostings.js';
import { finishPostings, placeOf } from './finishPostings.js';
import { failureOf, holdRefusal } from './ledgerAnswers.js';
import type { LedgerEffects } from './ledgerEffects.js';
import { holdReference, ledgerRequestIdOf, productEventId } from './postingIds.js';
import type { PostingPort } from './postingPort.js';

/** What a product command handler is built from. */
export interface ProductCommandHandlerOptions<Command, Event extends DomainEvent, State, DecideError> {
  readonly store: EventStore;
  readonly port: PostingPort;
  readonly decider: Decider<Command, Event, State, DecideError>;
  readonly schemas: EventSchemas<Event>;
  /** The product's posting rules: what each event asks of the ledger. */
  readonly effects: (event: Event) => LedgerEffects;
  readonly clock: () => Date;
  readonly retry?: RetryPolicy;
}

/** What a handled product command produced. */
export interface ProductCommandOutcome<Event> {
  readonly events: readonly Event[];
  /** Ids of the postings that moved the money (the posts of the holds), in event and key order. */
  readonly postingIds: readonly string[];
  /** True when the command id was already recorded: its events are returned and its postings completed. */
  readonly replayed: boolean;
}

/** Why a product command was refused; nothing was recorded and no money moved. */
export type ProductCommandError<DecideError> = DecideError | ProductsError | EventStoreError | CommandIdReusedError | CommandRetriesExhaustedError;

/** What one command gave. @internal */
export type ProductCommandResult<Event, DecideError> = E.Either<ProductCommandError<DecideError>, ProductCommandOutcome<Event>>;
type Attempt<Event, DecideError> = { readonly done: ProductCommandResult<Event, DecideError> } | { readonly conflict: unknown };

/** Handles commands on product streams; see the module comment. */
export type ProductCommandHandler<Command, Event, DecideError> = (stream: string, command: Command, context: CommandContext) => Promise<ProductCommandResult<Event, DecideError>>;

/** Throws `product_stream_invalid` unless `stream` is a usable product stream name. @internal */
export const checkStream = (stream: string): void => {
  // eslint-disable-next-line no-control-regex
  if (typeof stream !== 'string' || stream.length === 0 || stream.length > MAX_PRODUCT_STREAM_LENGTH || /[\u0000-\u001f\u007f]/.test(stream)) {
    throw new ProductsError('product_stream_invalid', String(stream).slice(0, 40));
  }
};

/** The posting ids of a command's postings, in event and key order. @internal */
export const postingIdsOf = (placed: readonly (readonly PlacedPosting[])[]): string[] => placed.flatMap((postings) => postings.map((p) => p.postingId));

/** Binds a product command handler to its store, port, decider and posting rules. */
export const createProductCommandHandler = <Command, Event extends DomainEvent, State, DecideError>(
  options: ProductCommandHandlerOptions<Command, Event, State, DecideError>,
): ProductCommandHandler<Command, Event, DecideError> => {
  const policy = options.retry ?? defaultRetryPolicy;
  const sleep = policy.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  return async (stream, command, context) => {
    checkStream(stream);
    let lastConflict: unknown;
    for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
      const outcome = await attemptOnce(options, stream, command, context);
      if ('done' in outcome) return outcome.done;
      lastConflict = outcome.conflict;
      if (attempt < policy.maxAttempts) await sleep(retryDelayMs(policy, attempt));
    }
    return E.left(new CommandRetriesExhaustedError(stream, policy.maxAttempts, isWrongExpectedVersion(lastConflict) ? lastConflict : undefined));
  };
};

/**
 * A command decided on its stream and ready to hold, record and post (what one attempt of the
 * handler, or of the batch handler, works from). @internal
 */
export interface DecidedCommand<Event> {
  readonly stream: string;
  readonly commandId: string;
  /** Revision the command's first event takes. */
  readonly first: bigint;
  readonly expectedRevision: bigint | 'no_stream';
  readonly events: readonly Event[];
  readonly effects: readonly LedgerEffects[];
  readonly places: readonly EventPlace[];
  readonly placed: readonly (readonly PlacedPosting[])[];
  readonly requestHash: string;
}

/**
 * Loads a contract and decides a command on it: `done` when there is nothing to hold (a refusal,
 * no events, an unreadable stream) or the command id is already recorded (its postings are then
 * completed and its events returned, as a retry expects). @internal
 */
export const loadAndDecide = async <Command, Event extends DomainEvent, State, DecideError>(
  options: ProductCommandHandlerOptions<Command, Event, State, DecideError>,
  stream: string,
  command: Command,
  commandId: string,
): Promise<{ readonly done: ProductCommandResult<Event, DecideError> } | { readonly decided: DecidedCommand<Event> }> => {
  const { store, port, decider, schemas } = options;
  let recorded: RecordedEvent[];
  try {
    recorded = await store.readStream(stream);
  } catch (error) {
    if (isEventStoreError(error)) return { done: E.left(error) };
    throw error;
  }
  const history: Event[] = [];
  const previous: { readonly event: Event; readonly recorded: RecordedEvent }[] = [];
  for (const event of recorded) {
    if (event.type === POSTING_ATTEMPT_ABANDONED) continue;
    const decoded = decodeEvent(schemas, event);
    if (E.isLeft(decoded)) return { done: E.left(decoded.left) };
    history.push(decoded.right);
    if (event.metadata.commandId === commandId) previous.push({ event: decoded.right, recorded: event });
  }

  const requestHash = commandFingerprint(command);
  if (previous.length > 0) {
    if (previous.some((entry) => entry.recorded.metadata.requestHash !== requestHash)) return { done: E.left(new CommandIdReusedError(stream, commandId)) };
    const placed = [];
    for (const entry of previous) placed.push(await finishPostings(port, placeOf(entry.recorded), options.effects(entry.event)));
    return { done: E.right({ events: previous.map((entry) => entry.event), postingIds: postingIdsOf(placed), replayed: true }) };
  }

  const decision = decider.decide(command, foldState(decider, history));
  if (E.isLeft(decision)) return { done: E.left(decision.left) };
  const events = decision.right;
  if (events.length === 0) return { done: E.right({ events, postingIds: [], replayed: false }) };

  const first = BigInt(recorded.length);
  const effects = events.map((event) => options.effects(event));
  const places = events.map((_, index) => ({ stream, revision: first + BigInt(index), commandId, eventId: productEventId(stream, commandId, index) }));
  const placed = places.map((place, index) => placePostings(place, effects[index]!.postings));
  if (placed.flat().length > MAX_POSTINGS_PER_COMMAND) {
    return { done: E.left(new ProductsError('ledger_rejected', `${placed.flat().length} postings exceed ${MAX_POSTINGS_PER_COMMAND} per command`)) };
  }
  return { decided: { stream, commandId, first, expectedRevision: recorded.length === 0 ? 'no_stream' : first - 1n, events, effects, places, placed, requestHash } };
};

/** The envelopes of a decided command, recorded at `occurredAt`. @internal */
export const envelopesOf = <Event extends DomainEvent>(schemas: EventSchemas<Event>, decided: DecidedCommand<Event>, { commandId, metadata }: CommandContext, occurredAt: string): EventEnvelope[] =>
  decided.events.map((event, index) =>
    encodeEvent(schemas, event, {
      id: decided.places[index]!.eventId,
      metadata: {
        correlationId: metadata.correlationId,
        causationId: metadata.causationId ?? commandId,
        tenant: metadata.tenant,
        actor: metadata.actor,
        channel: metadata.channel,
        occurredAt,
        commandId,
        requestHash: decided.requestHash,
      },
    }),
  );

const attemptOnce = async <Command, Event extends DomainEvent, State, DecideError>(
  options: ProductCommandHandlerOptions<Command, Event, State, DecideError>,
  stream: string,
  command: Command,
  context: CommandContext,
): Promise<Attempt<Event, DecideError>> => {
  const { store, port, schemas } = options;
  const { commandId } = context;
  const loaded = await loadAndDecide(options, stream, command, commandId);
  if ('done' in loaded) return loaded;
  const { decided } = loaded;
  const { first, events, effects, places, placed } = decided;

  const accounts = effects.flatMap((effect) => effect.accounts);
  if (accounts.length > 0) {
    const failure = failureOf(await port.openAccounts(accounts, { commandId: ledgerRequestIdOf('accounts', stream, first, commandId) }));
    if (failure !== undefined) return { done: E.left(new ProductsError('ledger_rejected', `opening the contract's accounts: ${failure}`)) };
  }

  const holds = asChain(placed.flatMap((postings) => holdItems(postings, holdReference(stream, first))));
  if (holds.length > 0) {
    const failure = failureOf(await port.createTransfers(holds, { commandId: ledgerRequestIdOf('holds', stream, first, commandId) }));
    if (failure !== undefined) return { done: E.left(holdRefusal(failure)) };
  }

  const envelopes = envelopesOf(schemas, decided, context, options.clock().toISOString());
  try {
    await store.append(stream, envelopes, decided.expectedRevision);
  } catch (error) {
    if (isWrongExpectedVersion(error)) {
      // Another command took the revision (or a repair marked it abandoned): release and decide again.
      await releaseHolds(port, stream, first, commandId, placed.flat());
      return { conflict: error };
    }
    if (!isEventStoreError(error)) throw error;
    // Not stored (or not known): the holds stay pending until `repairHolds` settles them by the stream.
    if (!(await wasAppended(store, stream, first, envelopes).catch(() => false))) return { done: E.left(error) };
  }

  try {
    for (const [index, place] of places.entries()) await finishPostings(port, place, effects[index]!, true);
  } catch (error) {
    if (error instanceof ProductsError) return { done: E.left(error) };
    throw error;
  }
  return { done: E.right({ events, postingIds: postingIdsOf(placed), replayed: false }) };
};

/** An append whose outcome is unknown (connection lost after the commit) is settled by reading. @internal */
export const wasAppended = async (store: EventStore, stream: string, first: bigint, envelopes: readonly EventEnvelope[]): Promise<boolean> => {
  const stored = await store.readStream(stream, { fromRevision: first, maxCount: envelopes.length });
  return stored.length === envelopes.length && stored.every((event, index) => event.id === envelopes[index]!.id);
};

/** Voids an attempt's holds after its revision was taken. @internal */
export const releaseHolds = async (port: PostingPort, stream: string, first: bigint, commandId: string, placed: readonly PlacedPosting[]): Promise<void> => {
  if (placed.length === 0) return;
  // A failed release is harmless: the holds stay pending until `repairHolds` finds the revision taken.
  await port.createTransfers(asChain(voidItems(placed)), { commandId: ledgerRequestIdOf('voids', stream, first, commandId) }).catch(() => undefined);
};
