/**
 * Which streams hold which product's events, and how to read their ledger effects: what the
 * posting processor and the repair run need to turn any recorded product event into its postings.
 */
import * as E from 'fp-ts/lib/Either.js';
import { decodeEvent, type DomainEvent, type EventSchemas, type RecordedEvent } from '@ecoledger/ledger';
import { POSTING_ATTEMPT_ABANDONED } from './abandonedAttempt.js';
import type { LedgerEffects } from './ledgerEffects.js';

/** One product's streams and posting rules. */
export interface PostingSource<Event extends DomainEvent = DomainEvent> {
  /** Streams of the product's contracts start with this (`deposit-demand-`). */
  readonly streamPrefix: string;
  readonly schemas: EventSchemas<Event>;
  readonly effects: (event: Event) => LedgerEffects;
}

/** Binds a product's rules into a source (keeps the event type across the list). */
export const postingSource = <Event extends DomainEvent>(source: PostingSource<Event>): PostingSource =>
  source as unknown as PostingSource;

/**
 * The ledger effects of a recorded event, or `undefined` for an event of no listed product or a
 * repair marker.
 * @throws the decoding error of an event the product's schemas refuse (a corrupt stream must stop the processor, not be skipped).
 */
export const recordedEffects = (sources: readonly PostingSource[], recorded: RecordedEvent): LedgerEffects | undefined => {
  if (recorded.type === POSTING_ATTEMPT_ABANDONED) return undefined;
  const source = sources.find((candidate) => recorded.streamName.startsWith(candidate.streamPrefix));
  if (source === undefined) return undefined;
  const decoded = decodeEvent(source.schemas, recorded);
  if (E.isLeft(decoded)) throw decoded.left;
  return source.effects(decoded.right);
};
