/**
 * Untimed bench setup: product commands on many streams written the way the product command
 * handler writes them (events from the real decider with the handler's ids and metadata; the
 * handler's accounts, holds with their derived ids and reference, then posts with the event's
 * journals, each command's holds and each event's posts one linked chain), but thousands of
 * commands to a book call and one `appendMany` per round instead of one command at a time.
 * Only the book's request ids and the order of the calls differ; the suites prove the equality
 * against the real service on a sample before measuring.
 */
import * as E from 'fp-ts/lib/Either.js';
import {
  commandFingerprint,
  encodeEvent,
  type Book,
  type CommandContext,
  type Decider,
  type DomainEvent,
  type EventEnvelope,
  type EventSchemas,
  type EventStore,
  type TransferBatchItem,
} from '@ecoledger/ledger';
import { asChain, holdItems, holdReference, journalItems, placePostings, postItems, productEventId, type LedgerEffects, type PostingPort } from '@ecoledger/products';

/** One product as the handler sees it. */
export interface Wiring<Command, Event extends DomainEvent, State> {
  readonly decider: Decider<Command, Event, State, unknown>;
  readonly schemas: EventSchemas<Event>;
  readonly effects: (event: Event) => LedgerEffects;
}

/** One command for one stream. */
export interface BatchedCommand {
  readonly wiring: Wiring<unknown, DomainEvent, unknown>;
  readonly stream: string;
  readonly command: unknown;
  readonly context: CommandContext;
}

/** Where each stream stands between rounds: its state and next revision. */
export type StreamPositions = Map<string, { state: unknown; next: bigint }>;

const BATCH = 8_000;

const inBatches = async (items: readonly (readonly TransferBatchItem[])[], send: (batch: TransferBatchItem[], index: number) => Promise<void>): Promise<void> => {
  let batch: TransferBatchItem[] = [];
  let index = 0;
  for (const chain of items) {
    if (batch.length + chain.length > BATCH) {
      await send(batch, index++);
      batch = [];
    }
    batch.push(...chain);
  }
  if (batch.length > 0) await send(batch, index);
};

/**
 * Writes one round of commands (in order; several may name one stream) as the handler would.
 * Within a round the book's guards see only posted money from earlier rounds, as a handler's hold
 * would see every earlier command posted: put a debit that needs a credit of the round in a later one.
 * @throws on any refusal.
 */
export const writeRound = async (store: EventStore, book: Book, port: PostingPort, positions: StreamPositions, commands: readonly BatchedCommand[], at: string, label: string): Promise<void> => {
  const accounts: LedgerEffects['accounts'][number][] = [];
  const holds: TransferBatchItem[][] = [];
  const posts: TransferBatchItem[][] = [];
  const appends = new Map<string, { expected: bigint | 'no_stream'; events: EventEnvelope[] }>();
  for (const { wiring, stream, command, context } of commands) {
    const position = positions.get(stream) ?? { state: wiring.decider.initialState(), next: 0n };
    const decision = wiring.decider.decide(command, position.state);
    if (E.isLeft(decision)) throw new Error(`bench setup: ${stream} refused ${context.commandId}: ${String(decision.left)}`);
    const first = position.next;
    const commandHolds: TransferBatchItem[] = [];
    const envelopes: EventEnvelope[] = [];
    for (const [index, event] of decision.right.entries()) {
      const place = { stream, revision: first + BigInt(index), commandId: context.commandId, eventId: productEventId(stream, context.commandId, index) };
      const effects = wiring.effects(event);
      accounts.push(...effects.accounts);
      const placed = placePostings(place, effects.postings);
      commandHolds.push(...holdItems(placed, holdReference(stream, first)));
      const eventPosts = [...postItems(placed), ...journalItems(place, effects.journals)];
      if (eventPosts.length > 0) posts.push(asChain<TransferBatchItem>(eventPosts));
      const { metadata } = context;
      envelopes.push(
        encodeEvent(wiring.schemas, event, {
          id: place.eventId,
          metadata: { correlationId: metadata.correlationId, causationId: metadata.causationId ?? context.commandId, tenant: metadata.tenant, actor: metadata.actor, channel: metadata.channel, occurredAt: at, commandId: context.commandId, requestHash: commandFingerprint(command) },
        }),
      );
      position.state = wiring.decider.evolve(position.state, event);
    }
    if (commandHolds.length > 0) holds.push(asChain(commandHolds));
    const append = appends.get(stream) ?? { expected: first === 0n ? ('no_stream' as const) : first - 1n, events: [] };
    append.events.push(...envelopes);
    appends.set(stream, append);
    position.next = first + BigInt(envelopes.length);
    positions.set(stream, position);
  }
  const refused = (what: string, outcome: E.Either<unknown, readonly { result: string }[]>) => {
    const failed = E.isLeft(outcome) ? JSON.stringify(outcome.left) : outcome.right.find((r) => r.result !== 'ok')?.result;
    if (failed !== undefined) throw new Error(`bench setup: ${what} refused: ${failed}`);
  };
  // The handler opens a command's accounts each time (`exists` when open); one open per id here.
  const unique = [...new Map(accounts.map((a) => [a.id, a])).values()];
  for (let start = 0; start < unique.length; start += BATCH) {
    const opened = await port.openAccounts(unique.slice(start, start + BATCH), { commandId: `bench-${label}-accounts-${start}` });
    refused('accounts', opened.requestError === undefined ? E.right(opened.results.filter((r) => r.result !== 'exists')) : E.left(opened.requestError));
  }
  await inBatches(holds, async (batch, i) => refused('holds', await book.createTransfers(batch, { commandId: `bench-${label}-holds-${i}` })));
  const all = [...appends].map(([stream, { expected, events }]) => ({ stream, events, expectedRevision: expected }));
  for (let start = 0; start < all.length; start += 5_000) await store.appendMany(all.slice(start, start + 5_000));
  await inBatches(posts, async (batch, i) => refused('posts', await book.createTransfers(batch, { commandId: `bench-${label}-posts-${i}` })));
};
