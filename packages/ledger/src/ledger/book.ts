/**
 * `Book`: the single writer of one ledger book. It keeps the book state in memory, decides each
 * command against it, appends the resulting event with the stream's expected revision, then
 * evolves its state. Commands are serialized through one queue, so a book instance never races
 * with itself; another process writing the same stream is caught by optimistic concurrency: the
 * book catches up with the stream and decides again (bounded retries).
 *
 * Loading never replays all history: the book reads its latest snapshot and the events after it.
 */
import * as E from 'fp-ts/lib/Either.js';
import { v4 as uuidv4, v5 as uuidv5 } from 'uuid';
import { CommandRetriesExhaustedError } from '../commandHandling/errors.js';
import { decodeEvent, encodeEvent } from '../commandHandling/eventSchemas.js';
import { defaultRetryPolicy, retryDelayMs, sleepMs, type RetryPolicy } from '../commandHandling/retryPolicy.js';
import type { Channel, EventMetadata, RecordedEvent } from '../eventStore/envelope.js';
import { isWrongExpectedVersion } from '../eventStore/errors.js';
import type { EventStore } from '../eventStore/eventStore.js';
import { accountBalanceOf, type AccountBalance } from './accountView.js';
import { applyCommitted, evolveBook, initialBookState, type BookState, type CommittedBatch } from './bookState.js';
import { batchOf, decideBook, withDetails, type BookCommand } from './bookDecider.js';
import { decideTransferGroup, MAX_BATCH_SIZE } from './decideTransfers.js';
import { itemCodecOf } from './inputCodecs.js';
import { ledgerEventSchemas, type LedgerEvent, type PostingRecord } from './events.js';
import { LedgerError, type ItemResult } from './ledgerError.js';
import { GENESIS_HASH, sealBatch } from './hashChain.js';
import { bookSnapshotSchemas, restoreSnapshot, snapshotOf } from './snapshot.js';
import { SnapshotSchedule, type SnapshotStatus } from './snapshotSchedule.js';
import { BookPeriods } from './periods/bookPeriods.js';
import { createInMemoryClosedPostingIndex, type ClosedPostingIndex } from './periods/closedPostingIndex.js';
import { openHoldCount } from './periods/startPeriod.js';

/** Namespace of the uuid v5 ids the book derives for its events. */
export const BOOK_EVENT_NAMESPACE = '6f1c4c8e-2f43-5b0e-9a52-8d1c0e2b7a41';

/** Who is asking, through which channel, and the idempotency key of the request. */
export interface RequestContext {
  /** Idempotency key of the request; event ids are derived from it. Default: a fresh uuid. */
  readonly commandId?: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly tenant?: string;
  readonly actor?: string;
  readonly channel?: Channel;
}

/** How to open a book. */
export interface OpenBookOptions {
  readonly store: EventStore;
  /** Book id; the stream is `ledger-book-<id>`. Default `main`. */
  readonly bookId?: string;
  /** Injected clock. Default `() => new Date()`. */
  readonly clock?: () => Date;
  /** Write a snapshot after this many events (default 1,000; 0 disables automatic snapshots). */
  readonly snapshotEvery?: number;
  /** Backoff with injected jitter after a concurrency conflict (default: 5 attempts from 10 ms). */
  readonly retry?: RetryPolicy;
  /** Id generator for command ids (default uuid v4). */
  readonly newId?: () => string;
  /** Defaults for the metadata of every event. */
  readonly defaults?: { readonly tenant?: string; readonly actor?: string; readonly channel?: Channel };
  /**
   * Called when an automatic snapshot write fails. The command that triggered it still succeeds
   * (snapshots are derived data); the snapshot is tried again `snapshotEvery` events later. See
   * also {@link Book.snapshotStatus}. Default: none (the failure is only kept in the status).
   */
  readonly onSnapshotError?: (error: Error) => void;
  /**
   * Where the ids of closed periods are kept (see {@link Book.closePeriod}). Default: in memory,
   * which a book with closed periods rebuilds from its whole log on open; pass
   * `createSqlClosedPostingIndex(db)` to keep it durable.
   */
  readonly closedPostings?: ClosedPostingIndex;
}

/** What {@link Book.closePeriod} did. */
export interface PeriodCloseResult {
  /** Number of the period closed. */
  readonly period: number;
  /** Ids moved to the closed-posting index (postings and failed ids). */
  readonly closedIds: number;
  /** Open holds carried into the new period. */
  readonly carriedHolds: number;
  /**
   * Whether the index recorded the period as complete. `false` when that last write failed: the
   * close is stored and lookups find its ids, and the next `Book.open` rebuilds the period from the log.
   */
  readonly completed: boolean;
}

/** A `createTransfers` call waiting for the writer. */
interface TransferRequest {
  readonly transfers: unknown;
  readonly context: RequestContext;
  readonly resolve: (outcome: E.Either<LedgerError, readonly ItemResult[]>) => void;
  readonly reject: (error: unknown) => void;
}

/** What {@link Book.appendDecided} appends: the result to return, the events with who asked, and how to apply them. */
interface Decided<R> {
  readonly result: R;
  readonly events?: readonly { readonly event: LedgerEvent; readonly commandId: string; readonly context: RequestContext }[];
  readonly apply?: () => void;
}

/** Most batches committed in one group. */
const MAX_GROUP_REQUESTS = 1_024;

/** Stream names of a book. */
export const bookStreams = (bookId: string) => ({
  events: `ledger-book-${bookId}`,
  snapshots: `ledger-book-${bookId}.snapshots`,
});

const PAGE = 1_000;
const nanosOf = (date: Date): bigint => BigInt(date.getTime()) * 1_000_000n;

/** A ledger book with its single writer. Create with {@link Book.open}. */
export class Book {
  private queue: Promise<unknown> = Promise.resolve();
  /** Transfer batches waiting for the writer; committed together by {@link drainTransfers}. */
  private waiting: TransferRequest[] = [];
  private drainScheduled = false;
  private readonly snapshots: SnapshotSchedule;
  private readonly periods: BookPeriods;
  /** Hash of the event at `revision`: the next event chains to it. */
  private lastHash = GENESIS_HASH;

  private constructor(
    private readonly options: Required<Omit<OpenBookOptions, 'defaults' | 'onSnapshotError'>> & {
      readonly defaults: OpenBookOptions['defaults'] | undefined;
      readonly onSnapshotError: OpenBookOptions['onSnapshotError'] | undefined;
    },
    private readonly streams: ReturnType<typeof bookStreams>,
    private state: BookState,
    private revision: bigint | undefined,
  ) {
    this.snapshots = new SnapshotSchedule(options.snapshotEvery, revision);
    this.periods = new BookPeriods(options.closedPostings, options.bookId);
  }

  /** Opens a book: latest snapshot plus the events after it. */
  static async open(options: OpenBookOptions): Promise<Book> {
    const bookId = options.bookId ?? 'main';
    const streams = bookStreams(bookId);
    const full = {
      store: options.store,
      bookId,
      clock: options.clock ?? (() => new Date()),
      snapshotEvery: options.snapshotEvery ?? 1_000,
      retry: options.retry ?? defaultRetryPolicy,
      newId: options.newId ?? (() => uuidv4()),
      defaults: options.defaults,
      onSnapshotError: options.onSnapshotError,
      closedPostings: options.closedPostings ?? createInMemoryClosedPostingIndex(),
    };
    const [latest] = await options.store.readStream(streams.snapshots, { direction: 'backwards', maxCount: 1 });
    let state = initialBookState();
    let revision: bigint | undefined;
    if (latest !== undefined) {
      const snapshot = decodeEvent(bookSnapshotSchemas, latest);
      if (E.isLeft(snapshot)) throw snapshot.left;
      ({ state, revision } = restoreSnapshot(snapshot.right.data));
    }
    const book = new Book(full, streams, state, revision);
    if (revision !== undefined) {
      // Continue the hash chain from the event the snapshot covers.
      const [covered] = await options.store.readStream(streams.events, { fromRevision: revision, maxCount: 1 });
      book.lastHash = covered?.metadata.hash ?? GENESIS_HASH;
    }
    await book.periods.ensureComplete(state.period, options.store, streams.events);
    await book.catchUp();
    return book;
  }

  /** The book's event stream name. */
  get streamName(): string {
    return this.streams.events;
  }

  /** Revision of the last event applied, or `undefined` for an empty book. */
  get currentRevision(): bigint | undefined {
    return this.revision;
  }

  /** The live state. Treat it as read-only: only the book's writer may change it. */
  get bookState(): BookState {
    return this.state;
  }

  /** Defines ledgers: `{ id, asset: { code, scale } }`. */
  defineLedgers(ledgers: unknown, context?: RequestContext): Promise<E.Either<LedgerError, readonly ItemResult[]>> {
    return this.execute(() => ({ type: 'DefineLedgers', data: { ledgers } }), context);
  }

  /** Opens accounts (see `AccountInput`). */
  openAccounts(accounts: unknown, context?: RequestContext): Promise<E.Either<LedgerError, readonly ItemResult[]>> {
    return this.execute((now) => ({ type: 'OpenAccounts', data: { accounts, now } }), context);
  }

  /** Closes accounts by id, after releasing any holds on them that have already timed out. */
  async closeAccounts(ids: unknown, context?: RequestContext): Promise<E.Either<LedgerError, readonly ItemResult[]>> {
    const expired = await this.expirePendingTransfers(context);
    if (E.isLeft(expired)) return expired;
    return this.execute((now) => ({ type: 'CloseAccounts', data: { ids, now } }), context);
  }

  /** Reopens closed accounts by id. */
  reopenAccounts(ids: unknown, context?: RequestContext): Promise<E.Either<LedgerError, readonly ItemResult[]>> {
    return this.execute((now) => ({ type: 'ReopenAccounts', data: { ids, now } }), context);
  }

  /**
   * Applies a batch of transfers, journal entries and reversals atomically; one result per item.
   * Batches submitted while the writer is busy are committed together in one append (group commit):
   * each stays its own atomic event with its own metadata, as if submitted one after the other.
   */
  createTransfers(transfers: unknown, context: RequestContext = {}): Promise<E.Either<LedgerError, readonly ItemResult[]>> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ transfers, context, resolve, reject });
      if (!this.drainScheduled) {
        this.drainScheduled = true;
        void this.enqueue(() => this.drainTransfers());
      }
    });
  }

  /**
   * Closes the open period (appends `PeriodClosed`), after releasing holds that have timed out.
   * Balances and open holds carry forward; the period's postings and failed ids move to the
   * closed-posting index, which keeps their idempotency check exact (`exists`,
   * `exists_with_different_*`, `id_already_failed`, reversals and `pending_transfer_already_*`
   * answer as before), and leave the book's heap and snapshots. A snapshot is written right after
   * (unless `snapshotEvery` is 0); its failure is reported like any automatic snapshot's.
   */
  async closePeriod(context?: RequestContext): Promise<E.Either<LedgerError, PeriodCloseResult>> {
    const expired = await this.expirePendingTransfers(context);
    if (E.isLeft(expired)) return expired;
    const closed = await this.enqueue(() => {
      const commandId = context?.commandId ?? this.options.newId();
      return this.appendDecided<Omit<PeriodCloseResult, 'completed'>>(async (now) => {
        const decision = decideBook({ type: 'ClosePeriod', data: { now: nanosOf(now) } }, this.state);
        if (E.isLeft(decision)) throw decision.left;
        // The entries go to the index before the event is appended: once `PeriodClosed` is
        // stored, no reader of the book may miss them. They are marked complete after it.
        const closing = await this.periods.writeClosing(this.state);
        const { events } = decision.right;
        return {
          result: { period: closing.period, closedIds: closing.entries.length, carriedHolds: openHoldCount(this.state) },
          events: events.map((event) => ({ event, commandId, context: context ?? {} })),
          apply: () => {
            for (const event of events) evolveBook(this.state, event);
          },
        };
      });
    });
    const completed = await this.periods.complete(closed.period).then(
      () => true,
      () => false,
    );
    if (this.options.snapshotEvery > 0) await this.enqueue(() => this.writeSnapshotReportingFailure());
    return E.right({ ...closed, completed });
  }

  /** Releases holds whose timeout has passed by the injected clock (batches also do it first). */
  async expirePendingTransfers(context?: RequestContext): Promise<E.Either<LedgerError, readonly ItemResult[]>> {
    return this.execute((now) => ({ type: 'ExpirePendingTransfers', data: { now } }), context);
  }

  /** An account's balances, or `undefined`. */
  account(id: string): AccountBalance | undefined {
    const account = this.state.accounts.get(id);
    return account === undefined ? undefined : accountBalanceOf(account);
  }

  /** Every account's balances. */
  accounts(): AccountBalance[] {
    return [...this.state.accounts.values()].map(accountBalanceOf);
  }

  /** A stored transfer or journal entry of the open period (or an open hold), as recorded; see {@link findTransfer}. */
  transfer(id: string): PostingRecord | undefined {
    return this.state.postings.get(id)?.record;
  }

  /** A stored transfer or journal entry of any period: the open one, else the closed-posting index. */
  async findTransfer(id: string): Promise<PostingRecord | undefined> {
    const open = this.transfer(id);
    if (open !== undefined) return open;
    const entry = (await this.options.closedPostings.lookup(this.options.bookId, [id])).get(id)?.entry;
    return entry?.kind === 'posting' ? entry.record : undefined;
  }

  /** Writes a snapshot of the current state now; rejects if the write fails (and records it in {@link snapshotStatus}). */
  snapshot(): Promise<void> {
    return this.enqueue(async () => {
      try {
        await this.writeSnapshot();
      } catch (error) {
        throw this.snapshots.failed(error);
      }
    });
  }

  /** How this book's snapshots stand: the last revision covered, and failed attempts since. */
  snapshotStatus(): SnapshotStatus {
    return this.snapshots.status;
  }

  /** Applies events other writers appended since this book last looked. */
  refresh(): Promise<void> {
    return this.enqueue(() => this.catchUp());
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private execute(
    command: (now: bigint) => BookCommand,
    context: RequestContext = {},
  ): Promise<E.Either<LedgerError, readonly ItemResult[]>> {
    return this.enqueue(() => {
      const commandId = context.commandId ?? this.options.newId();
      return this.appendDecided<E.Either<LedgerError, readonly ItemResult[]>>((now) => {
        const decision = decideBook(command(nanosOf(now)), this.state);
        if (E.isLeft(decision)) return { result: decision };
        const { events, results, committed } = decision.right;
        return {
          result: E.right(results),
          events: events.map((event) => ({ event, commandId, context })),
          // The decider already parsed what it decided: apply that rather than parse the event again.
          apply: () => {
            if (committed !== undefined) applyCommitted(this.state, committed);
            else for (const event of events) evolveBook(this.state, event);
          },
        };
      });
    });
  }

  /**
   * Decides (with the injected clock), appends the decided events sealed into the hash chain with
   * the stream's expected revision, then applies them. On a conflict with another writer nothing of
   * ours was written: it catches up and decides again, with backoff, up to the retry budget.
   */
  private async appendDecided<R>(decide: (now: Date) => Decided<R> | Promise<Decided<R>>): Promise<R> {
    const { retry } = this.options;
    for (let attempt = 1; ; attempt++) {
      const now = this.options.clock();
      const decided = await decide(now);
      if (decided.events === undefined || decided.events.length === 0) return decided.result;
      const expected = this.revision ?? 'no_stream';
      const envelopes = decided.events.map(({ event, commandId, context }, i) =>
        encodeEvent(ledgerEventSchemas, event, {
          id: uuidv5(`${commandId}/${expected}/${i}`, BOOK_EVENT_NAMESPACE),
          metadata: this.metadataOf(commandId, context, now),
        }),
      );
      const sealed = sealBatch(this.streams.events, this.revision === undefined ? 0n : this.revision + 1n, this.lastHash, envelopes);
      try {
        const appended = await this.options.store.append(this.streams.events, sealed.events, expected);
        decided.apply?.();
        this.revision = appended.nextExpectedRevision;
        this.lastHash = sealed.lastHash;
        this.snapshots.applied(envelopes.length);
      } catch (error) {
        if (!isWrongExpectedVersion(error)) throw error;
        if (attempt >= retry.maxAttempts) throw new CommandRetriesExhaustedError(this.streams.events, attempt, error);
        await (retry.sleep ?? sleepMs)(retryDelayMs(retry, attempt));
        await this.catchUp();
        continue;
      }
      if (this.snapshots.due) await this.writeSnapshotReportingFailure();
      return decided.result;
    }
  }

  /** Takes the waiting transfer batches (up to the group limits) and commits them in one append. */
  private async drainTransfers(): Promise<void> {
    this.drainScheduled = false;
    const group: TransferRequest[] = [];
    let items = 0;
    while (this.waiting.length > 0 && group.length < MAX_GROUP_REQUESTS) {
      const next = this.waiting[0]!;
      const size = Array.isArray(next.transfers) ? next.transfers.length : 0;
      if (group.length > 0 && items + size > MAX_BATCH_SIZE) break;
      group.push(this.waiting.shift()!);
      items += size;
    }
    if (this.waiting.length > 0) {
      this.drainScheduled = true;
      void this.enqueue(() => this.drainTransfers());
    }
    const ready: { request: TransferRequest; items: readonly unknown[]; commandId: string }[] = [];
    for (const request of group) {
      const batch = batchOf(request.transfers);
      if (E.isLeft(batch)) request.resolve(batch);
      else ready.push({ request, items: batch.right, commandId: request.context.commandId ?? this.options.newId() });
    }
    if (ready.length === 0) return;
    try {
      const outcomes = await this.commitTransferGroup(ready);
      ready.forEach(({ request }, i) => request.resolve(E.right(outcomes[i]!)));
    } catch (error) {
      for (const { request } of ready) request.reject(error);
    }
  }

  private commitTransferGroup(ready: readonly { request: TransferRequest; items: readonly unknown[]; commandId: string }[]): Promise<ItemResult[][]> {
    return this.appendDecided(async (now) => {
      // Ids of closed periods are looked up once for the whole group (nothing changes the state
      // meanwhile: the writer's queue runs one piece of work at a time).
      const closed = await this.periods.lookup(this.state, ready.map((r) => r.items));
      const decisions = decideTransferGroup(this.state, ready.map((r) => r.items), nanosOf(now), closed);
      const events: { event: LedgerEvent; commandId: string; context: RequestContext }[] = [];
      const committed: CommittedBatch[] = [];
      decisions.forEach((decision, i) => {
        if (decision.event === undefined || decision.committed === undefined) return;
        events.push({ event: decision.event, commandId: ready[i]!.commandId, context: ready[i]!.request.context });
        committed.push(decision.committed);
      });
      return {
        result: decisions.map((d, i) => withDetails(d.results, ready[i]!.items, 'transfers', itemCodecOf)),
        events,
        apply: () => {
          for (const batch of committed) applyCommitted(this.state, batch);
        },
      };
    });
  }

  private metadataOf(commandId: string, context: RequestContext, now: Date): EventMetadata {
    const defaults = this.options.defaults ?? {};
    return {
      commandId,
      correlationId: context.correlationId ?? commandId,
      causationId: context.causationId ?? commandId,
      tenant: context.tenant ?? defaults.tenant ?? 'default',
      actor: context.actor ?? defaults.actor ?? 'system',
      channel: context.channel ?? defaults.channel ?? 'system',
      occurredAt: now.toISOString(),
    };
  }

  /** Reads and applies every stored event after the current revision. */
  private async catchUp(): Promise<void> {
    for (;;) {
      const from = this.revision === undefined ? 0n : this.revision + 1n;
      const page = await this.options.store.readStream(this.streams.events, { fromRevision: from, maxCount: PAGE });
      for (const recorded of page) {
        if (recorded.type !== 'PeriodClosed') {
          this.applyRecorded(recorded);
          continue;
        }
        // Another writer (or this one, before a restart) closed the period. Unless the index has
        // it complete already (a shared index), write it from the state it closed, which this
        // book now holds exactly, then apply and mark it.
        const period = this.state.period;
        const complete = await this.periods.isComplete(period);
        if (!complete) await this.periods.writeClosing(this.state);
        this.applyRecorded(recorded);
        if (!complete) await this.periods.complete(period);
      }
      if (page.length < PAGE) return;
    }
  }

  private applyRecorded(recorded: RecordedEvent): void {
    const decoded = decodeEvent(ledgerEventSchemas, recorded);
    if (E.isLeft(decoded)) throw decoded.left;
    evolveBook(this.state, decoded.right);
    this.revision = recorded.revision;
    this.lastHash = recorded.metadata.hash ?? GENESIS_HASH;
    this.snapshots.applied(1);
  }

  /** An automatic snapshot: its failure is recorded and reported, never thrown (the events are stored). */
  private async writeSnapshotReportingFailure(): Promise<void> {
    try {
      await this.writeSnapshot();
    } catch (error) {
      const failure = this.snapshots.failed(error);
      try {
        this.options.onSnapshotError?.(failure);
      } catch {
        // A throwing reporter must not turn a stored, decided command into a failure either.
      }
    }
  }

  private async writeSnapshot(): Promise<void> {
    if (this.revision === undefined) return;
    const now = this.options.clock();
    const id = uuidv5(`${this.streams.events}/snapshot/${this.revision}`, BOOK_EVENT_NAMESPACE);
    const event = encodeEvent(bookSnapshotSchemas, { type: 'BookSnapshot', data: snapshotOf(this.state, this.revision) }, {
      id,
      metadata: this.metadataOf(id, {}, now),
    });
    await this.options.store.append(this.streams.snapshots, [event], 'any');
    this.snapshots.succeeded(this.revision);
  }
}
