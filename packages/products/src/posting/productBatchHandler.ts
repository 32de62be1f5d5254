/**
 * The product command handler for many contracts at once: the same guarantees as
 * `createProductCommandHandler`, command by command, in three ledger and store round trips for the
 * whole batch instead of three per command (close of business debits every loan due on a date;
 * a payroll credits thousands of accounts).
 *
 * One pass: load and decide every command (each on its own stream; a stream appears once), **hold**
 * every command's postings, each command one linked chain, in one book request (a chain refused by
 * a guard refuses only its command: `insufficient_funds`, nothing recorded), **append** the events
 * of every held command in one atomic `appendMany` (the commit point for all of them), then
 * **post** every chain in one request. Ids are derived exactly as one at a time, so a crash at any
 * point leaves what the single handler leaves, and `repairHolds` and the posting processor settle
 * it the same way.
 *
 * What the batch does not do itself goes to the single handler, one command at a time, with the
 * same answer it would have given: a command already recorded (a retry), a command that opens
 * accounts, a contract another writer moved between the read and the append (its holds are voided
 * first, since it is decided again at a new revision), and everything on a store without an atomic
 * multi-stream append.
 */
import { createHash } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { MAX_BATCH_SIZE, isEventStoreError, sameDecimal, isWrongExpectedVersion, streamRevisionsOf, type CommandContext, type DomainEvent, type TransferBatchItem } from '@ecoledger/ledger';
import { v5 } from 'uuid';
import { ProductsError } from '../errors.js';
import { MAX_PRODUCT_BATCH_COMMANDS } from '../limits.js';
import { asChain, holdItems, journalItems, postItems, type PlacedPosting } from './eventPostings.js';
import { failureOf, holdRefusal } from './ledgerAnswers.js';
import { holdReference } from './postingIds.js';
import type { PostingPort } from './postingPort.js';
import {
  checkStream,
  createProductCommandHandler,
  envelopesOf,
  loadAndDecide,
  postingIdsOf,
  releaseHolds,
  wasAppended,
  type DecidedCommand,
  type ProductCommandHandlerOptions,
  type ProductCommandResult,
} from './productCommandHandler.js';

/** One command of a batch: a contract stream (each stream once per batch), the command and its context. */
export interface ProductBatchItem<Command> {
  readonly stream: string;
  readonly command: Command;
  readonly context: CommandContext;
}

/** Handles a batch of commands on distinct product streams; one result per item, in order. */
export type ProductBatchHandler<Command, Event, DecideError> = (items: readonly ProductBatchItem<Command>[]) => Promise<ProductCommandResult<Event, DecideError>[]>;

const BATCH_REQUESTS_NAMESPACE = '5f0c3ad1-7d0e-5b8e-9d0f-1c7e3b2a9e41';

/** A command of the batch in flight: where it is in the input and what was decided. */
interface InFlight<Event> {
  readonly index: number;
  readonly item: ProductBatchItem<unknown>;
  readonly decided: DecidedCommand<Event>;
}

/**
 * Submits chains of ledger items in as few requests as the book's batch limit allows; answers the
 * first failure of each chain (undefined: done). A request's id follows from its items, so a
 * resubmitted batch repeats it.
 */
const submitChains = async (port: PostingPort, kind: string, chains: readonly (readonly TransferBatchItem[])[]): Promise<(string | undefined)[]> => {
  const failures: (string | undefined)[] = new Array(chains.length).fill(undefined);
  let request: { chain: number; items: readonly TransferBatchItem[] }[] = [];
  let size = 0;
  const flush = async (): Promise<void> => {
    if (request.length === 0) return;
    const items = request.flatMap((entry) => entry.items);
    const digest = createHash('sha256').update(`${kind}\n${items.map((item) => item.id).join('\n')}`).digest('hex');
    const answer = await port.createTransfers(items, { commandId: v5(digest, BATCH_REQUESTS_NAMESPACE) });
    const byId = new Map(answer.results.map((result) => [result.id, result]));
    for (const { chain, items: chainItems } of request) {
      failures[chain] =
        answer.requestError ?? failureOf({ results: chainItems.flatMap((item) => (byId.has(item.id) ? [byId.get(item.id)!] : [])) });
    }
    request = [];
    size = 0;
  };
  for (const [chain, items] of chains.entries()) {
    if (items.length === 0) continue;
    if (size + items.length > MAX_BATCH_SIZE) await flush();
    request.push({ chain, items });
    size += items.length;
  }
  await flush();
  return failures;
};

/**
 * Whether a command's holds are on the book: `none`, `same` (every one, pending, with the amount,
 * accounts, ledger and code the command would hold now), or `different` (an earlier attempt held
 * something else at this revision, e.g. a smaller amount decided on a balance that has moved).
 */
const holdsOnBook = async (port: PostingPort, postings: readonly PlacedPosting[]): Promise<'none' | 'same' | 'different'> => {
  for (const [index, { holdId, intent }] of postings.entries()) {
    const record = await port.findTransfer(holdId);
    // A command's holds are one linked chain: all of them exist or none does.
    if (record === undefined && index === 0) return 'none';
    const same =
      record?.kind === 'transfer' &&
      sameDecimal(record.amount, intent.amount) &&
      record.debitAccountId === intent.debitAccountId &&
      record.creditAccountId === intent.creditAccountId &&
      record.ledger === intent.ledger &&
      record.code === intent.code &&
      (await port.isHoldPending(holdId));
    if (!same) return 'different';
  }
  return 'same';
};

const checkItems = (items: readonly ProductBatchItem<unknown>[]): void => {
  if (!Array.isArray(items) || items.length > MAX_PRODUCT_BATCH_COMMANDS) {
    throw new ProductsError('batch_invalid', `expected an array of at most ${MAX_PRODUCT_BATCH_COMMANDS} commands`);
  }
  const seen = new Set<string>();
  for (const item of items) {
    checkStream(item?.stream);
    if (seen.has(item.stream)) throw new ProductsError('batch_invalid', `${item.stream.slice(0, 40)} appears twice: a batch holds one command per contract`);
    seen.add(item.stream);
  }
};

/** Binds a batch handler to its store, port, decider and posting rules; see the module comment. */
export const createProductBatchHandler = <Command, Event extends DomainEvent, State, DecideError>(
  options: ProductCommandHandlerOptions<Command, Event, State, DecideError>,
): ProductBatchHandler<Command, Event, DecideError> => {
  const single = createProductCommandHandler(options);
  const { store, port, schemas } = options;
  return async (items) => {
    checkItems(items);
    const results: ProductCommandResult<Event, DecideError>[] = new Array(items.length);
    const alone: number[] = [];
    if (!store.atomicMultiStreamAppend) {
      for (const [index, { stream, command, context }] of items.entries()) results[index] = await single(stream, command, context);
      return results;
    }

    let ready: InFlight<Event>[] = [];
    for (const [index, item] of items.entries()) {
      const loaded = await loadAndDecide(options, item.stream, item.command, item.context.commandId);
      if ('done' in loaded) results[index] = loaded.done;
      else if (loaded.decided.effects.some((effect) => effect.accounts.length > 0)) alone.push(index);
      else ready.push({ index, item, decided: loaded.decided });
    }

    // Holds: an attempt that crashed after holding left them under its own request; asking the book
    // first keeps them (a chain resubmitted under another request would answer `exists` and fail).
    // Holds that exist but are not exactly these, still pending, go to the single handler, which
    // refuses them as the book does; they are never posted for events that say otherwise.
    const onBook = await Promise.all(ready.map(async (entry) => ({ entry, held: await holdsOnBook(port, entry.decided.placed.flat()) })));
    for (const { entry, held } of onBook) if (held === 'different') alone.push(entry.index);
    const toHold = onBook.filter(({ held }) => held !== 'different');
    ready = toHold.map(({ entry }) => entry);
    const holdChains = toHold.map(({ entry: { decided }, held }) =>
      held === 'none' ? asChain(holdItems(decided.placed.flat(), holdReference(decided.stream, decided.first))) : [],
    );
    const holdFailures = await submitChains(port, 'holds', holdChains);
    ready = ready.filter((entry, position) => {
      const failure = holdFailures[position];
      if (failure !== undefined) results[entry.index] = E.left(holdRefusal(failure));
      return failure === undefined;
    });

    // The commit point: every held command's events in one atomic append.
    const occurredAt = options.clock().toISOString();
    const envelopes = new Map(ready.map((entry) => [entry.index, envelopesOf(schemas, entry.decided, entry.item.context, occurredAt)]));
    let appended: InFlight<Event>[] = [];
    while (ready.length > 0) {
      try {
        await store.appendMany(ready.map(({ index, decided }) => ({ stream: decided.stream, events: envelopes.get(index)!, expectedRevision: decided.expectedRevision })));
        appended = ready;
        break;
      } catch (error) {
        if (isWrongExpectedVersion(error)) {
          // Nothing was written; the contracts another writer moved are decided again one at a time.
          const heads = await streamRevisionsOf(store, ready.map(({ decided }) => decided.stream));
          const changed = ready.filter((entry, position) => heads[position] !== entry.decided.expectedRevision);
          // A conflict whose stream cannot be told (it moved back? a store's own reason): all go one at a time.
          const moved = changed.length > 0 ? changed : ready;
          for (const { index, decided } of moved) {
            await releaseHolds(port, decided.stream, decided.first, decided.commandId, decided.placed.flat());
            alone.push(index);
          }
          ready = ready.filter((entry) => !moved.includes(entry));
          continue;
        }
        if (!isEventStoreError(error)) throw error;
        // Outcome unknown: what was stored is posted; the holds of the rest wait for `repairHolds`.
        for (const entry of ready) {
          if (await wasAppended(store, entry.decided.stream, entry.decided.first, envelopes.get(entry.index)!).catch(() => false)) appended.push(entry);
          else results[entry.index] = E.left(error);
        }
        break;
      }
    }

    // Posts: each event's holds and journal entries as one chain, as `finishPostings` makes them.
    const owners: number[] = [];
    const postChains: TransferBatchItem[][] = [];
    for (const [position, { decided }] of appended.entries()) {
      for (const [event, place] of decided.places.entries()) {
        owners.push(position);
        postChains.push(asChain<TransferBatchItem>([...postItems(decided.placed[event]!), ...journalItems(place, decided.effects[event]!.journals)]));
      }
    }
    const postFailures = await submitChains(port, 'posts', postChains);
    const firstFailure = new Map<number, string>();
    for (const [chain, failure] of postFailures.entries()) {
      if (failure !== undefined && !firstFailure.has(owners[chain]!)) firstFailure.set(owners[chain]!, failure);
    }
    for (const [position, entry] of appended.entries()) {
      const failure = firstFailure.get(position);
      results[entry.index] =
        failure === undefined
          ? E.right({ events: entry.decided.events, postingIds: postingIdsOf(entry.decided.placed), replayed: false })
          : E.left(new ProductsError('posting_incomplete', `${entry.decided.stream}@${entry.decided.first}: the ledger answered ${failure}`));
    }

    for (const index of alone.sort((a, b) => a - b)) {
      const { stream, command, context } = items[index]!;
      results[index] = await single(stream, command, context);
    }
    return results;
  };
};
