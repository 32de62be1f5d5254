/**
 * The events a committed chunk recorded for the date, read back from its contracts: what a run
 * resumed after a crash between a chunk's append and its postings must still post.
 */
import * as E from 'fp-ts/lib/Either.js';
import { decodeEvent, type DomainEvent } from '@ecoledger/ledger';
import type { EventPlace } from '../posting/eventPostings.js';
import { isCobEventOf } from './cobProgress.js';
import type { DecideContractsInput } from './decideContracts.js';

/** Each of the date's events in the chunk's contracts, with where it sits. */
export const recommittedEvents = async <Command, Event extends DomainEvent, State, DecideError>(
  input: DecideContractsInput<Command, Event, State, DecideError>,
  streams: readonly string[],
): Promise<{ readonly event: Event; readonly place: EventPlace }[]> => {
  const found: { event: Event; place: EventPlace }[] = [];
  for (const stream of streams) {
    for (const recorded of await input.store.readStream(stream)) {
      const commandId = recorded.metadata.commandId;
      if (commandId === undefined || !isCobEventOf(input.product, input.date, stream, recorded)) continue;
      const decoded = decodeEvent(input.schemas, recorded);
      if (E.isLeft(decoded)) throw decoded.left;
      found.push({ event: decoded.right, place: { stream, revision: recorded.revision, commandId, eventId: recorded.id } });
    }
  }
  return found;
};
