/**
 * `Book`: the single writer of one ledger book. It keeps the book state in memory, decides each
 * command against it, appends the resulting event with the stream's expected revision, then
 * evolves its state. Commands are serialized through one queue, so a book instance never races
 * with itself; another process writing the same stream is caught by optimistic concurrency: the
 * book catches up with the stream and decides again (bounded retries).
 *
 * Loading never replays all history: the book reads its latest snapshot and the events after it.
 *
 * Exactly once: a request is checked at call time (`bookRequest.ts`: context, items read once,
 * fingerprint); a command id reused with a different body is rejected (`requestFingerprint.ts`);
 * an append of unknown outcome is settled by re-reading the stream (`unknownOutcome.ts`), and
 * until that succeeds the book is stale and catches up before deciding anything.
 */
import * as E from 'fp-ts/lib/Either.js';
import { v4 as uuidv4, v5 as uuidv5 } from 'uuid';
import { CommandRetriesExhaustedError } from '../commandHandling/errors.js';
import { decodeEvent, encodeEvent } from '../commandHandling/eventSchemas.js';
import { defaultRetryPolicy, retryDelayMs, sleepMs, type RetryPolicy } from '../commandHandling/retryPolicy.js';
import type { Channel, EventEnvelope, EventMetadata, RecordedEvent } from '../eventStore/envelope.js';
import { isWrongExpectedVersion } from '../eventStore/errors.js';
import type { EventStore } from '../eventStore/eventStore.js';
import { accountBalanceOf, type AccountBalance } from './accountView.js';
import { applyCommitted, evolveBook, type AccountState, type BookState, type CommittedBatch, type PendingStatus } from './bookState.js';
import { pageOf, type Page, type PageRequest } from './page.js';
import { batchOf, decideBook, withDetails, type BookCommand, type BookDecision } from './bookDecider.js';
import { expiredHoldsOf, type ExpiryResult } from './expiredHolds.js';
import { prepareRequest, type PreparedRequest } from './bookRequest.js';
import { decideTransferGroup } from './decideTransfers.js';
import { CATCH_UP_PAGE_SIZE, DEFAULT_SNAPSHOT_EVERY, MAX_BATCH_SIZE } from '../limits.js';
import { DEFAULT_MAX_WAITING_ITEMS, DEFAULT_MAX_WAITING_REQUESTS, takeGroup } from './groupCommit.js';
import { itemCodecOf } from './inputCodecs.js';
import type { AccountInput, LedgerInput, TransferBatchItem } from './inputs.js';
import { ledgerEventSchemas, type LedgerEvent, type PostingRecord } from './events.js';
import { LedgerError, type ItemResult } from './ledgerError.js';
import { GENESIS_HASH, sealBatch, sealSnapshot } from './hashChain.js';
import { resolveRequestContext, type RequestContext } from './requestContext.js';
import { commandIdReuse, evolveRecorded, rememberCommand } from './requestFingerprint.js';
import { bookSnapshotSchemas, snapshotOf } from './snapshot.js';
import { withStoredRecords } from './storedRecords.js';
import { isExactlyAppended } from './unknownOutcome.js';
import { SnapshotSchedule, type SnapshotStatus } from './snapshotSchedule.js';
import { BookPeriods } from './periods/bookPeriods.js';
import type { ClosedPostingIndex } from './periods/closedPostingIndex.js';
import { defaultClosedPostingIndex } from './periods/defaultClosedPostingIndex.js';
import { openHoldCount } from './periods/startPeriod.js';
import { headOf, integrityOptionsOf, openVerified, type BookIntegrity, type SealOptions } from './integrity/bookIntegrity.js';
import type { HeadSigningKey, SignedBookHead } from './integrity/bookHead.js';

export type { RequestContext } from './requestContext.js';

/** Namespace of the uuid v5 ids the book derives for its events. */
export const BOOK_EVENT_NAMESPACE = '6f1c4c8e-2f43-5b0e-9a52-8d1c0e2b7a41';

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
   * Bound of the writer's queues: `createTransfers` calls waiting for the group commit beyond this
   * many, and other commands waiting for the writer beyond this many, are answered
   * `book_overloaded` at once, before their input is even copied (default
   * {@link DEFAULT_MAX_WAITING_REQUESTS}).
   */
  readonly maxWaitingRequests?: number;
  /**
   * Bound of the items the group-commit queue holds (the sum of the waiting batches' sizes); a
   * batch that would pass it is answered `book_overloaded` at once. At least `MAX_BATCH_SIZE`
   * (default {@link DEFAULT_MAX_WAITING_ITEMS}).
   */
  readonly maxWaitingItems?: number;
  /**
   * Seal key (kept outside the database): the chain becomes HMAC-SHA256 under it, which a database
   * writer without the key cannot recompute. `previousKeys` check events sealed before a rotation;
   * an unkeyed history is refused unless `adoptUnkeyedHistory` names its head (a migration).
   * Without it the chain is plain SHA-256: it catches accidental corruption, not a database writer.
   */
  readonly seal?: SealOptions;
  /** Ed25519 key that signs {@link Book.head}; needed only to export heads. */
  readonly headKey?: HeadSigningKey;
  /**
   * Called when an automatic snapshot write fails. The command that triggered it still succeeds
   * (snapshots are derived data); the snapshot is tried again `snapshotEvery` events later. See
   * also {@link Book.snapshotStatus}. Default: none (the failure is only kept in the status).
   */
  readonly onSnapshotError?: (error: Error) => void;
  /**
   * Where the ids of closed periods are kept (see {@link Book.closePeriod}). Default: tables in the
   * store's own database for the SQLite and PostgreSQL stores; in memory otherwise (rebuilt from
   * the whole log on open of a book with closed periods).
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

/** A `createTransfers` call waiting for the writer: checked, its items a plain array within the batch limits. */
interface TransferRequest {
  readonly request: PreparedRequest;
  readonly items: readonly unknown[];
  readonly commandId: string;
  readonly itemCount: number;
  readonly resolve: (outcome: E.Either<LedgerError, readonly ItemResult[]>) => void;
  readonly reject: (error: unknown) => void;
}

/** What {@link Book.appendDecided} appends: the result to return, the events with the request each answers, and how to apply them. */
interface Decided<R> {
  readonly result: R;
  readonly events?: readonly { readonly event: LedgerEvent; readonly request: PreparedRequest }[];
  /** Applies the events once stored; `stored` are their encoded envelopes, in order (what the store keeps). */
  readonly apply?: (stored: readonly EventEnvelope[]) => void;
}

type Outcome = E.Either<LedgerError, readonly ItemResult[]>;

/** Stream names of a book. */
export const bookStreams = (bookId: string) => ({
  events: `ledger-book-${bookId}`,
  snapshots: `ledger-book-${bookId}.snapshots`,
});

const nanosOf = (date: Date): bigint => BigInt(date.getTime()) * 1_000_000n;

/** A ledger book with its single writer. Create with {@link Book.open}. */
export class Book {
  private queue: Promise<unknown> = Promise.resolve();
  /** Transfer batches waiting for the writer; committed together by {@link drainTransfers}. */
  private waiting: TransferRequest[] = [];
  /** Items held by {@link waiting}: bounded by `maxWaitingItems`. */
  private waitingItems = 0;
  /** Commands other than `createTransfers` queued for the writer: bounded by `maxWaitingRequests`. */
  private queuedCommands = 0;
  private drainScheduled = false;
  private readonly snapshots: SnapshotSchedule;
  private readonly periods: BookPeriods;
  /** Hash of the event at `revision`: the next event chains to it. */
  private lastHash = GENESIS_HASH;
  /** True after an append of unknown outcome that could not be settled: catch up before deciding anything. */
  private stale = false;
  /** The accounts in opening order, for {@link accountsPage}. */
  private accountOrder: readonly AccountState[] = [];

  private constructor(
    private readonly options: Required<Omit<OpenBookOptions, 'defaults' | 'seal' | 'headKey' | 'onSnapshotError'>> & {
      readonly defaults: OpenBookOptions['defaults'] | undefined;
      readonly onSnapshotError: OpenBookOptions['onSnapshotError'] | undefined;
    },
    private readonly streams: ReturnType<typeof bookStreams>,
    private state: BookState,
    private revision: bigint | undefined,
    /** Seal keys, head key, and where keyed sealing starts. */
    private readonly integrity: BookIntegrity,
  ) {
    this.snapshots = new SnapshotSchedule(options.snapshotEvery, revision);
    this.periods = new BookPeriods(options.closedPostings, options.bookId, {
      key: integrity.seal,
      check: { keys: integrity.keys, keyed: integrity.seal !== undefined },
    });
  }

  /**
   * Opens a book: latest snapshot plus the events after it, verified: the snapshot must be bound to
   * (and sealed like) the event it covers, and every event read must be the next revision with a
   * sound hash chain.
   * @throws LedgerIntegrityError naming the stream and revision of a broken or tampered history.
   * @throws InvalidArgumentError for an invalid book id.
   */
  static async open(options: OpenBookOptions): Promise<Book> {
    const bookId = options.bookId ?? 'main';
    const integrity = integrityOptionsOf(bookId, options);
    const streams = bookStreams(bookId);
    const full = {
      store: options.store,
      bookId,
      clock: options.clock ?? (() => new Date()),
      snapshotEvery: options.snapshotEvery ?? DEFAULT_SNAPSHOT_EVERY,
      retry: options.retry ?? defaultRetryPolicy,
      newId: options.newId ?? (() => uuidv4()),
      defaults: options.defaults,
      maxWaitingRequests: options.maxWaitingRequests ?? DEFAULT_MAX_WAITING_REQUESTS,
      maxWaitingItems: options.maxWaitingItems ?? DEFAULT_MAX_WAITING_ITEMS,
      onSnapshotError: options.onSnapshotError,
      closedPostings: options.closedPostings ?? defaultClosedPostingIndex(options.store),
    };
    if (!Number.isSafeInteger(full.maxWaitingRequests) || full.maxWaitingRequests < 1) {
      throw new RangeError(`maxWaitingRequests must be an integer >= 1, got ${String(full.maxWaitingRequests)}`);
    }
    if (!Number.isSafeInteger(full.maxWaitingItems) || full.maxWaitingItems < MAX_BATCH_SIZE) {
      throw new RangeError(`maxWaitingItems must be an integer >= ${MAX_BATCH_SIZE}, got ${String(full.maxWaitingItems)}`);
    }
    // Bad defaults would make every request's metadata invalid: refuse them here, once.
    const defaults = resolveRequestContext({}, options.defaults, () => 'defaults');
    if (E.isLeft(defaults)) throw defaults.left;
    return openVerified(options.store, streams, integrity, async (state, position) => {
      const book = new Book(full, streams, state, position.revision, integrity);
      // Continue the hash chain from the event the snapshot covers.
      book.lastHash = position.hash;
      // Migrating an unkeyed history to a key: its closed periods are written again, sealed.
      book.periods.resealing = integrity.seal !== undefined && integrity.adoptedHead !== undefined && integrity.sealedFrom === undefined;
      await book.periods.ensureComplete(state.period, options.store, streams.events);
      await book.catchUp();
      book.periods.resealing = false;
      return book;
    });
  }

  /**
   * The book's head, signed with the `headKey` it was opened with: keep it outside the database
   * and pass it to verify, which then catches the newest events (or the whole book) deleted.
   * @throws TypeError when the book has no head key or no events yet.
   */
  head(): SignedBookHead {
    return headOf(this.integrity, this.options.bookId, this.streams.events, this.revision, this.lastHash, this.options.clock());
  }

  /** The book's id (`main` unless opened with another `bookId`). */
  get bookId(): string {
    return this.options.bookId;
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

  /**
   * Defines ledgers: `{ id, asset: { code, scale } }` (an ISO-4217 code needs its standard scale).
   * Typed for TypeScript callers and still validated at run time: a field the book does not know
   * is `unknown_field`, never dropped.
   */
  defineLedgers(ledgers: readonly LedgerInput[], context?: RequestContext): Promise<Outcome> {
    return this.execute(this.prepare('DefineLedgers', ledgers, 'ledgers', context), (items) => ({ type: 'DefineLedgers', data: { ledgers: items } }));
  }

  /** Opens accounts (see `AccountInput`); validated at run time like every command (`unknown_field`, ...). */
  openAccounts(accounts: readonly AccountInput[], context?: RequestContext): Promise<Outcome> {
    return this.execute(this.prepare('OpenAccounts', accounts, 'accounts', context), (items, now) => ({ type: 'OpenAccounts', data: { accounts: items, now } }));
  }

  /**
   * Closes accounts by id, after releasing any holds on them that have already timed out. The
   * release is part of the same request: it carries the same command id and fingerprint. An
   * account with open holds is `account_has_pending_transfers`, one whose posted balance is not
   * zero `account_balance_not_zero` (sweep it first, or close it with a closing transfer).
   */
  async closeAccounts(ids: readonly string[], context?: RequestContext): Promise<Outcome> {
    const request = this.prepare('CloseAccounts', ids, 'ids', context);
    if (E.isLeft(request)) return request;
    const expired = await this.execute(request, (_items, now) => ({ type: 'ExpirePendingTransfers', data: { now } }));
    if (E.isLeft(expired)) return expired;
    return this.execute(request, (items, now) => ({ type: 'CloseAccounts', data: { ids: items, now } }));
  }

  /** Reopens closed accounts by id. */
  reopenAccounts(ids: readonly string[], context?: RequestContext): Promise<Outcome> {
    return this.execute(this.prepare('ReopenAccounts', ids, 'ids', context), (items, now) => ({ type: 'ReopenAccounts', data: { ids: items, now } }));
  }

  /**
   * Applies a batch of transfers, journal entries and reversals atomically; one result per item.
   * Batches submitted while the writer is busy are committed together in one append (group commit):
   * each stays its own atomic event with its own metadata, as if submitted one after the other.
   * A request whose context or batch is bad is answered at once and never joins a group; when
   * `maxWaitingRequests` calls, or `maxWaitingItems` items, are already waiting, the answer is
   * `book_overloaded`.
   */
  createTransfers(transfers: readonly TransferBatchItem[], context?: RequestContext): Promise<Outcome> {
    const request = this.prepare('CreateTransfers', transfers, 'transfers', context);
    if (E.isLeft(request)) return Promise.resolve(request);
    const batch = batchOf(request.right.items);
    if (E.isLeft(batch)) return Promise.resolve(batch);
    if (this.waitingItems + batch.right.length > this.options.maxWaitingItems) {
      return Promise.resolve(E.left(new LedgerError('book_overloaded', [], `${this.waitingItems} items are waiting`)));
    }
    const { commandId } = request.right.context;
    return new Promise((resolve, reject) => {
      this.waiting.push({ request: request.right, items: batch.right, commandId, itemCount: batch.right.length, resolve, reject });
      this.waitingItems += batch.right.length;
      if (!this.drainScheduled) {
        this.drainScheduled = true;
        void this.enqueue(() => this.drainTransfers());
      }
    });
  }

  /**
   * Releases holds whose timeout has passed by the injected clock (batches also do it first), and
   * reports each hold it released: id, accounts, ledger, amount and the expiry instant.
   */
  async expirePendingTransfers(context?: RequestContext): Promise<E.Either<LedgerError, ExpiryResult>> {
    return this.execute(
      this.prepare('ExpirePendingTransfers', [], 'items', context),
      (_items, now) => ({ type: 'ExpirePendingTransfers', data: { now } }),
      (decision) => ({ expired: expiredHoldsOf(this.state, decision.events) }),
    );
  }

  /**
   * Closes the open period (appends `PeriodClosed`), after releasing holds that have timed out.
   * Balances and open holds carry forward; the period's postings and failed ids move to the
   * closed-posting index, which keeps their idempotency check exact (`exists`,
   * `exists_with_different_*`, `id_already_failed`, reversals and `pending_transfer_already_*`
   * answer as before), and leave the book's heap and snapshots; so do the closed period's command
   * ids (`BookState.commands`), which the index keeps exact too (`command_id_reused`). A snapshot is written right after (unless
   * `snapshotEvery` is 0); its failure is reported like any automatic snapshot's.
   */
  async closePeriod(context?: RequestContext): Promise<E.Either<LedgerError, PeriodCloseResult>> {
    const request = this.prepare('ClosePeriod', [], 'items', context);
    if (E.isLeft(request)) return request;
    const prepared = request.right;
    const expired = await this.execute(request, (_items, now) => ({ type: 'ExpirePendingTransfers', data: { now } }));
    if (E.isLeft(expired)) return expired;
    const closed = await this.enqueue(() =>
      this.appendDecided<E.Either<LedgerError, Omit<PeriodCloseResult, 'completed'>>>(async (now) => {
        const reused = await this.commandIdReused(prepared);
        if (reused !== undefined) return { result: E.left(reused) };
        const decision = decideBook({ type: 'ClosePeriod', data: { now: nanosOf(now) } }, this.state);
        if (E.isLeft(decision)) return { result: decision };
        // The entries go to the index before the event is appended: once `PeriodClosed` is
        // stored, no reader of the book may miss them. They are marked complete after it.
        const closing = await this.periods.writeClosing(this.state);
        const { events } = decision.right;
        return {
          result: E.right({ period: closing.period, closedIds: closing.entries.length, carriedHolds: openHoldCount(this.state) }),
          events: events.map((event) => ({ event, request: prepared })),
          apply: () => {
            for (const event of events) evolveBook(this.state, event);
          },
        };
      }),
    );
    if (E.isLeft(closed)) return closed;
    const completed = await this.periods.complete(closed.right.period).then(
      () => true,
      () => false,
    );
    if (this.options.snapshotEvery > 0) await this.enqueue(() => this.writeSnapshotReportingFailure());
    return E.right({ ...closed.right, completed });
  }

  /** An account's balances, or `undefined`. */
  account(id: string): AccountBalance | undefined {
    const account = this.state.accounts.get(id);
    return account === undefined ? undefined : accountBalanceOf(account);
  }

  /**
   * Every account's balances, in opening order: for small books and tests only, since it copies
   * every account on each call; list accounts with {@link accountsPage}.
   */
  accounts(): AccountBalance[] {
    return [...this.state.accounts.values()].map(accountBalanceOf);
  }

  /**
   * One page of the accounts' balances, in opening order: `{ limit, after }` (default 100, at most
   * 1,000) -> `{ items, nextCursor }`. Walking every page yields each account exactly once.
   * @throws QueryArgumentError for an invalid page request.
   */
  accountsPage(page?: PageRequest): Page<AccountBalance> {
    // Accounts are never removed, so the opening order only grows: rebuilt when an account was added.
    if (this.accountOrder.length !== this.state.accounts.size) this.accountOrder = [...this.state.accounts.values()];
    return pageOf(this.accountOrder, page, accountBalanceOf);
  }

  /** Where a hold of the open period (or an open hold carried into it) stands, or `undefined` for any other id. */
  holdStatus(id: string): PendingStatus | undefined {
    return this.state.pendingStatus.get(id);
  }

  /**
   * One page of the holds still pending (not posted, voided or expired), in the order they were
   * made: what a repair process walks to settle holds whose purpose is gone. The cursor is a position
   * in the open period's list of holds; a period close renumbers it, so a walk across a close starts
   * again from the first page. Each page scans the period's holds up to its cursor (O(holds)).
   * @throws QueryArgumentError for an invalid page request.
   */
  openHoldsPage(page?: PageRequest): Page<PostingRecord> {
    const ids = [...this.state.pendingStatus.keys()];
    return pageOf(ids, page, (id) => (this.state.pendingStatus.get(id) === 'pending' ? this.state.postings.get(id)?.record : undefined));
  }

  /** A stored transfer or journal entry of the open period (or an open hold), as recorded; see {@link findTransfer}. */
  transfer(id: string): PostingRecord | undefined {
    return this.state.postings.get(id)?.record;
  }

  /**
   * A stored transfer or journal entry of any period: the open one, else the closed-posting index.
   * @throws LedgerIntegrityError when the index row's seal does not hold.
   */
  async findTransfer(id: string): Promise<PostingRecord | undefined> {
    const open = this.transfer(id);
    if (open !== undefined) return open;
    return this.periods.find(id);
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

  /** Checks and copies a request, after the queue bound: an overloaded writer refuses it before copying anything. */
  private prepare(type: BookCommand['type'], items: unknown, root: string, context: unknown): E.Either<LedgerError, PreparedRequest> {
    const queued = type === 'CreateTransfers' ? this.waiting.length : this.queuedCommands;
    if (queued >= this.options.maxWaitingRequests) {
      return E.left(new LedgerError('book_overloaded', [], `${queued} ${type === 'CreateTransfers' ? 'transfer batches' : 'commands'} are waiting`));
    }
    return prepareRequest(type, items, root, context, this.options.defaults, this.options.newId);
  }

  /** Decides, appends and applies one command; `resultOf` reads the decision (before it is applied) into the call's answer. */
  private execute<R = readonly ItemResult[]>(
    request: E.Either<LedgerError, PreparedRequest>,
    command: (items: unknown, now: bigint) => BookCommand,
    resultOf: (decision: BookDecision) => R = (decision) => decision.results as R,
  ): Promise<E.Either<LedgerError, R>> {
    if (E.isLeft(request)) return Promise.resolve(request);
    const prepared = request.right;
    this.queuedCommands++;
    const done = (): void => {
      this.queuedCommands--;
    };
    const run = this.enqueue(() =>
      this.appendDecided<E.Either<LedgerError, R>>(async (now) => {
        const reused = await this.commandIdReused(prepared);
        if (reused !== undefined) return { result: E.left(reused) };
        const decision = decideBook(command(prepared.items, nanosOf(now)), this.state);
        if (E.isLeft(decision)) return { result: decision };
        const { events, committed } = decision.right;
        return {
          result: E.right(resultOf(decision.right)),
          events: events.map((event) => ({ event, request: prepared })),
          // The decider already parsed what it decided: apply that rather than parse the event again.
          apply: (stored) => {
            if (committed !== undefined) applyCommitted(this.state, withStoredRecords(committed, stored[0]?.data));
            else for (const event of events) evolveBook(this.state, event);
          },
        };
      }),
    );
    run.then(done, done);
    return run;
  }

  /**
   * Decides (with the injected clock), appends the decided events sealed into the hash chain with
   * the stream's expected revision, then applies them. On a conflict with another writer nothing of
   * ours was written: it catches up and decides again, with backoff, up to the retry budget. Any
   * other append error leaves the outcome unknown: see {@link settleUnknownOutcome}.
   */
  private async appendDecided<R>(decide: (now: Date) => Decided<R> | Promise<Decided<R>>): Promise<R> {
    const { retry } = this.options;
    if (this.stale) await this.catchUp();
    for (let attempt = 1; ; attempt++) {
      const now = this.options.clock();
      const decided = await decide(now);
      if (decided.events === undefined || decided.events.length === 0) return decided.result;
      const expected = this.revision ?? 'no_stream';
      const envelopes = decided.events.map(({ event, request }, i) =>
        encodeEvent(ledgerEventSchemas, event, {
          // The stream is part of the name: stores keep event ids unique across streams, so one
          // command id used in two books must give two sets of ids.
          id: uuidv5(`${this.streams.events}/${request.context.commandId}/${expected}/${i}`, BOOK_EVENT_NAMESPACE),
          metadata: this.metadataOf(request, now),
        }),
      );
      const firstRevision = this.revision === undefined ? 0n : this.revision + 1n;
      const sealed = sealBatch(this.streams.events, firstRevision, this.lastHash, this.integrity.sealing(firstRevision, envelopes), this.integrity.seal);
      try {
        const appended = await this.options.store.append(this.streams.events, sealed.events, expected);
        // The store holds exactly these events (a replay counts only with identical content).
        decided.apply?.(envelopes);
        for (const event of sealed.events) rememberCommand(this.state, event.metadata);
        this.revision = appended.nextExpectedRevision;
        this.lastHash = sealed.lastHash;
        this.snapshots.applied(envelopes.length);
      } catch (error) {
        if (!isWrongExpectedVersion(error)) return this.settleUnknownOutcome(error, firstRevision, sealed.events, decided.result);
        if (attempt >= retry.maxAttempts) throw new CommandRetriesExhaustedError(this.streams.events, attempt, error);
        await (retry.sleep ?? sleepMs)(retryDelayMs(retry, attempt));
        await this.catchUp();
        continue;
      }
      if (this.snapshots.due) await this.writeSnapshotReportingFailure();
      return decided.result;
    }
  }

  /**
   * After an append error other than a conflict, the events may or may not be stored. The book
   * re-reads the stream from the revision it appended at and catches up with whatever is there:
   * the call succeeds only if those are exactly the events it sealed (same ids and hashes), and
   * otherwise rejects with the append's error, having applied only what the store holds. If the
   * re-read fails too, the book stays stale: the next command catches up first.
   */
  private async settleUnknownOutcome<R>(error: unknown, firstRevision: bigint, sealed: readonly EventEnvelope[], result: R): Promise<R> {
    this.stale = true;
    let stored: RecordedEvent[];
    try {
      stored = await this.options.store.readStream(this.streams.events, { fromRevision: firstRevision, maxCount: sealed.length });
      await this.catchUp();
    } catch {
      throw error;
    }
    if (isExactlyAppended(stored, sealed)) return result;
    throw error;
  }

  /** Takes the waiting transfer batches (up to the group limits) and commits them in one append. */
  private async drainTransfers(): Promise<void> {
    this.drainScheduled = false;
    const group = takeGroup(this.waiting);
    for (const request of group) this.waitingItems -= request.itemCount;
    if (this.waiting.length > 0) {
      this.drainScheduled = true;
      void this.enqueue(() => this.drainTransfers());
    }
    if (group.length === 0) return;
    try {
      const outcomes = await this.commitTransferGroup(group);
      group.forEach((request, i) => request.resolve(outcomes[i]!));
    } catch (error) {
      for (const request of group) request.reject(error);
    }
  }

  /** Decides a group over one scratch view; a request reusing a command id for another body is rejected alone. */
  private commitTransferGroup(group: readonly TransferRequest[]): Promise<Outcome[]> {
    return this.appendDecided(async (now) => {
      // Command ids of closed periods, like item ids, are looked up once for the whole group.
      const closedCommands = await this.periods.closedCommands(this.state, group.map(({ commandId }) => commandId));
      const outcomes: (Outcome | undefined)[] = group.map(({ request }) => {
        const reused = commandIdReuse(this.state, request.context.commandId, request.requestHash, closedCommands);
        return reused === undefined ? undefined : E.left(reused);
      });
      const deciding = group.flatMap((_, i) => (outcomes[i] === undefined ? [i] : []));
      const batches = deciding.map((i) => group[i]!.items);
      // Ids of closed periods are looked up once for the whole group (nothing changes the state
      // meanwhile: the writer's queue runs one piece of work at a time).
      const closed = await this.periods.lookup(this.state, batches);
      const decisions = decideTransferGroup(this.state, batches, nanosOf(now), closed);
      const events: { event: LedgerEvent; request: PreparedRequest }[] = [];
      const committed: CommittedBatch[] = [];
      decisions.forEach((decision, i) => {
        const { request, items } = group[deciding[i]!]!;
        outcomes[deciding[i]!] = E.right(withDetails(decision.results, items, 'transfers', itemCodecOf, this.state));
        if (decision.event === undefined || decision.committed === undefined) return;
        events.push({ event: decision.event, request });
        committed.push(decision.committed);
      });
      return {
        result: outcomes as Outcome[],
        events,
        apply: (stored) => {
          committed.forEach((batch, i) => applyCommitted(this.state, withStoredRecords(batch, stored[i]?.data)));
        },
      };
    });
  }

  /** `command_id_reused` when the request's command id is bound to another body, in the open period or a closed one. */
  private async commandIdReused(request: PreparedRequest): Promise<LedgerError | undefined> {
    const { commandId } = request.context;
    return commandIdReuse(this.state, commandId, request.requestHash, await this.periods.closedCommands(this.state, [commandId]));
  }

  /** The metadata of an event answering `request`: its resolved context, its fingerprint, the clock. */
  private metadataOf(request: Pick<PreparedRequest, 'context'> & { readonly requestHash?: string }, now: Date): EventMetadata {
    const { commandId, correlationId, causationId, tenant, actor, channel } = request.context;
    const metadata = { commandId, correlationId, causationId, tenant, actor, channel, occurredAt: now.toISOString() };
    return request.requestHash === undefined ? metadata : { ...metadata, requestHash: request.requestHash };
  }

  /** Reads and applies every stored event after the current revision; the book is no longer stale after it. */
  private async catchUp(): Promise<void> {
    for (;;) {
      const from = this.revision === undefined ? 0n : this.revision + 1n;
      const page = await this.options.store.readStream(this.streams.events, { fromRevision: from, maxCount: CATCH_UP_PAGE_SIZE });
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
      if (page.length < CATCH_UP_PAGE_SIZE) break;
    }
    this.stale = false;
  }

  private applyRecorded(recorded: RecordedEvent): void {
    this.integrity.admit(recorded, this.revision, this.lastHash);
    const decoded = decodeEvent(ledgerEventSchemas, recorded);
    if (E.isLeft(decoded)) throw decoded.left;
    evolveRecorded(this.state, decoded.right, recorded.metadata);
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
      metadata: this.metadataOf({ context: this.snapshotContext(id) }, now),
    });
    try {
      await this.options.store.append(this.streams.snapshots, [sealSnapshot(this.streams.snapshots, event, this.lastHash, this.integrity.seal)], 'any');
    } catch (error) {
      // The snapshot id is derived from the revision: a conflict means a snapshot of this revision
      // is already stored (by this writer before a restart, or by another), with another clock
      // reading. Snapshots are derived data: the stored one serves as well.
      if (!isWrongExpectedVersion(error)) throw error;
    }
    this.snapshots.succeeded(this.revision);
  }

  /** The context of a snapshot event: the book's defaults, under the snapshot's own id. */
  private snapshotContext(id: string) {
    const context = resolveRequestContext({ commandId: id }, this.options.defaults, () => id);
    // Book.open checked the defaults, so this cannot fail.
    if (E.isLeft(context)) throw context.left;
    return context.right;
  }
}
