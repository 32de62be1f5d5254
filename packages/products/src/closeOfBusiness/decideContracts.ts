/**
 * Deciding a chunk of contracts for one business date: load each contract, run the date's
 * commands on it one after the other (accrue, then post interest, ...), and collect the events to
 * append. A contract that already holds a command of this date (by its derived command id) is done:
 * that is what makes a date run twice equal to once, even when the decider itself would decide
 * again.
 */
import * as E from 'fp-ts/lib/Either.js';
import { decodeEvent, encodeEvent, foldState, type Decider, type DomainEvent, type EventEnvelope, type EventMetadata, type EventSchemas, type EventStore, type StreamAppend } from '@ecoledger/ledger';
import { POSTING_ATTEMPT_ABANDONED } from '../posting/abandonedAttempt.js';
import type { EventPlace } from '../posting/eventPostings.js';
import { productEventId } from '../posting/postingIds.js';
import { cobCommandId, isCobEventOf } from './cobProgress.js';
import { ProductsError } from '../errors.js';
import { MAX_COB_COMMANDS_PER_CONTRACT } from '../limits.js';

/** What deciding needs. */
export interface DecideContractsInput<Command, Event extends DomainEvent, State, DecideError> {
  readonly store: EventStore;
  readonly decider: Decider<Command, Event, State, DecideError>;
  readonly schemas: EventSchemas<Event>;
  readonly product: string;
  readonly date: string;
  readonly commandsFor: (state: State) => readonly Command[];
  readonly metadata: Omit<EventMetadata, 'commandId' | 'causationId'>;
}

/** A contract the date's commands refused: reported, never fatal to the run. */
export interface RefusedContract<DecideError> {
  readonly stream: string;
  readonly error: DecideError;
}

/** A decided chunk. */
export interface DecidedChunk<Event, DecideError> {
  readonly appends: StreamAppend[];
  /** Each new event with where it will sit, for its postings. */
  readonly events: { readonly event: Event; readonly place: EventPlace }[];
  readonly refused: RefusedContract<DecideError>[];
  /** Contracts already holding this date's commands (a run resumed after a crash, or run twice). */
  readonly alreadyDone: number;
}

/** Decides the date's commands for each contract of a chunk. */
export const decideContracts = async <Command, Event extends DomainEvent, State, DecideError>(
  input: DecideContractsInput<Command, Event, State, DecideError>,
  streams: readonly string[],
): Promise<DecidedChunk<Event, DecideError>> => {
  const chunk: DecidedChunk<Event, DecideError> = { appends: [], events: [], refused: [], alreadyDone: 0 };
  let alreadyDone = 0;
  for (const stream of streams) {
    const recorded = await input.store.readStream(stream);
    if (recorded.some((event) => isCobEventOf(input.product, input.date, stream, event))) {
      alreadyDone++;
      continue;
    }
    const history: Event[] = [];
    for (const event of recorded) {
      if (event.type === POSTING_ATTEMPT_ABANDONED) continue;
      const decoded = decodeEvent(input.schemas, event);
      if (E.isLeft(decoded)) throw decoded.left;
      history.push(decoded.right);
    }
    let state = foldState(input.decider, history);
    const envelopes: EventEnvelope[] = [];
    const placed: { event: Event; place: EventPlace }[] = [];
    let refused = false;
    const commands = input.commandsFor(state);
    if (commands.length > MAX_COB_COMMANDS_PER_CONTRACT) throw new ProductsError('cob_invalid', `${commands.length} commands for ${stream} exceed ${MAX_COB_COMMANDS_PER_CONTRACT}`);
    for (const [index, command] of commands.entries()) {
      const decision = input.decider.decide(command, state);
      if (E.isLeft(decision)) {
        chunk.refused.push({ stream, error: decision.left });
        refused = true;
        break;
      }
      const commandId = cobCommandId(input.product, input.date, stream, index);
      for (const [eventIndex, event] of decision.right.entries()) {
        const eventId = productEventId(stream, commandId, eventIndex);
        envelopes.push(
          encodeEvent(input.schemas, event, {
            id: eventId,
            metadata: { ...input.metadata, commandId, causationId: commandId },
          }),
        );
        placed.push({ event, place: { stream, revision: BigInt(recorded.length + placed.length), commandId, eventId } });
        state = input.decider.evolve(state, event);
      }
    }
    if (refused || envelopes.length === 0) continue;
    chunk.appends.push({ stream, events: envelopes, expectedRevision: recorded.length === 0 ? 'no_stream' : BigInt(recorded.length - 1) });
    chunk.events.push(...placed);
  }
  return { ...chunk, alreadyDone };
};
