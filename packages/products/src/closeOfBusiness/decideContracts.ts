/**
 * Deciding a chunk of contracts for one business date: load each contract, run the date's
 * commands on it one after the other (accrue, then post interest, ...), and collect the events to
 * append. A contract that already holds a command of this date (by its derived command id) is done:
 * that is what makes a date run twice equal to once, even when the decider itself would decide
 * again.
 */
import * as E from 'fp-ts/lib/Either.js';
import { encodeEvent, type ActualRevision, type Decider, type DomainEvent, type EventEnvelope, type EventMetadata, type EventSchemas, type EventStore, type StreamAppend } from '@ecoledger/ledger';
import type { EventPlace } from '../posting/eventPostings.js';
import { productEventId } from '../posting/postingIds.js';
import { cobCommandId } from './cobProgress.js';
import type { CachedContract, ContractStateCache } from './contractStateCache.js';
import { loadContract, usableEntry } from './loadContract.js';
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
  /** Contract states kept between runs (see contractStateCache.ts); absent: every contract is read whole. */
  readonly cache?: ContractStateCache<State>;
}

/** A contract the date's commands refused: reported, never fatal to the run. */
export interface RefusedContract<DecideError> {
  readonly stream: string;
  readonly error: DecideError;
}

/** A decided chunk. */
export interface DecidedChunk<Event, State, DecideError> {
  readonly appends: StreamAppend[];
  /** Each new event with where it will sit, for its postings. */
  readonly events: { readonly event: Event; readonly place: EventPlace }[];
  readonly refused: RefusedContract<DecideError>[];
  /** Contracts already holding this date's commands (a run resumed after a crash, or run twice). */
  readonly alreadyDone: number;
  /** Each loaded contract's state once the chunk's append succeeds (for the cache; empty without one). */
  readonly states: { readonly stream: string; readonly entry: CachedContract<State> }[];
}

/**
 * With a cache and a store that reads many heads at once: the chunk's heads in one call, so that
 * a contract with nothing after its cached revision is not read at all (on SQLite that read was
 * most of a contract's cost). Undefined otherwise: each contract is read as before.
 */
const cachedHeads = async <Command, Event extends DomainEvent, State, DecideError>(
  input: DecideContractsInput<Command, Event, State, DecideError>,
  streams: readonly string[],
): Promise<readonly ActualRevision[] | undefined> => {
  const { store, cache } = input;
  if (cache === undefined || store.streamRevisions === undefined) return undefined;
  if (!streams.some((stream) => usableEntry(cache, stream, input.date) !== undefined)) return undefined;
  return store.streamRevisions(streams);
};

/** Decides the date's commands for each contract of a chunk. */
export const decideContracts = async <Command, Event extends DomainEvent, State, DecideError>(
  input: DecideContractsInput<Command, Event, State, DecideError>,
  streams: readonly string[],
): Promise<DecidedChunk<Event, State, DecideError>> => {
  const chunk: DecidedChunk<Event, State, DecideError> = { appends: [], events: [], refused: [], alreadyDone: 0, states: [] };
  let alreadyDone = 0;
  const heads = await cachedHeads(input, streams);
  for (const [position, stream] of streams.entries()) {
    const loaded = await loadContract(input, stream, heads?.[position]);
    if (loaded.done) {
      alreadyDone++;
      continue;
    }
    let state = loaded.state;
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
        placed.push({ event, place: { stream, revision: loaded.nextRevision + BigInt(placed.length), commandId, eventId } });
        state = input.decider.evolve(state, event);
      }
    }
    if (refused || envelopes.length === 0) {
      if (input.cache !== undefined && loaded.nextRevision > 0n) {
        chunk.states.push({ stream, entry: { revision: loaded.nextRevision - 1n, state: loaded.state, latestCobDate: loaded.latestCobDate } });
      }
      continue;
    }
    chunk.appends.push({ stream, events: envelopes, expectedRevision: loaded.nextRevision === 0n ? 'no_stream' : loaded.nextRevision - 1n });
    chunk.events.push(...placed);
    if (input.cache !== undefined) {
      // The appended events carry this run's correlation id: the date is now the latest run to reach the contract.
      const latestCobDate = loaded.latestCobDate === undefined || input.date > loaded.latestCobDate ? input.date : loaded.latestCobDate;
      chunk.states.push({ stream, entry: { revision: loaded.nextRevision + BigInt(envelopes.length) - 1n, state, latestCobDate } });
    }
  }
  return { ...chunk, alreadyDone };
};
