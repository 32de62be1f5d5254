/**
 * A batch's scratch view of the book: the decider reads the book through it and writes only to
 * it, so `decide` never mutates the state it was given. Writes made inside a linked chain are
 * recorded in an undo log so that a failing chain leaves no trace.
 */
import type { LedgerErrorCode } from '../errors.js';
import type { AccountState, BookState, PendingStatus, StoredPosting, StoredTransfer } from './bookState.js';
import { applyToSide, type Balances, type EffectTarget } from './effects/postingEffects.js';
import type { Side } from './inputs.js';
import { NO_CLOSED, type ClosedViews } from './periods/closedLookup.js';

/**
 * Overlay over a {@link BookState}; see the module comment. Accepted items reach it through the
 * effects module (`effects/postingEffects.ts`), the same rules the book state applies.
 */
export class Scratch implements EffectTarget<AccountState> {
  private readonly balances = new Map<string, Balances>();
  private readonly postings = new Map<string, StoredPosting>();
  private readonly pendingStatus = new Map<string, PendingStatus>();
  private readonly reversedBy = new Map<string, string>();
  private readonly closed = new Map<string, boolean>();
  /** Last timestamp used so far (imported items must come strictly after it). */
  private last: bigint;
  /** Transient failures of this batch (never rolled back: a failed id stays failed). */
  readonly failed = new Map<string, LedgerErrorCode>();
  private undo: (() => void)[] | undefined;

  /** `closedPeriods`: what the closed-posting index holds for the ids of the batch (see periods/closedLookup.ts). */
  constructor(
    readonly state: BookState,
    private readonly closedPeriods: ClosedViews = NO_CLOSED,
  ) {
    this.last = state.lastTimestamp;
  }

  /** Whether an account is closed, as seen by the batch (closing transfers close and reopen accounts). */
  isClosed(account: AccountState): boolean {
    return this.closed.get(account.id) ?? account.closed;
  }

  /** Closes or reopens an account in the batch's view. */
  setClosed(account: AccountState, closed: boolean): void {
    const id = account.id;
    const previous = this.closed.get(id);
    this.closed.set(id, closed);
    this.undo?.push(() => (previous === undefined ? this.closed.delete(id) : this.closed.set(id, previous)));
  }

  /** The last timestamp used by the book and this batch so far. */
  get lastTimestamp(): bigint {
    return this.last;
  }

  /** Records a timestamp used by an accepted item (only ever moves forward). */
  useTimestamp(timestamp: bigint): void {
    if (timestamp <= this.last) return;
    const previous = this.last;
    this.last = timestamp;
    this.undo?.push(() => {
      this.last = previous;
    });
  }

  /** The batch's view of an account's balances. */
  balancesOf(account: AccountState): Balances {
    return this.balances.get(account.id) ?? account;
  }

  /** An account of the book (the decider has checked that it exists). */
  account(id: string): AccountState {
    return this.state.accounts.get(id)!;
  }

  /** The hold a post or void names (the decider has checked that it is one). */
  hold(id: string): StoredTransfer {
    return this.posting(id) as StoredTransfer;
  }

  /** Adds a change to one side of an account's balances, copying them on first write. */
  adjust(account: AccountState, side: Side, pendingDelta: bigint, postedDelta: bigint): void {
    const id = account.id;
    let balances = this.balances.get(id);
    if (balances === undefined) {
      balances = {
        debitsPending: account.debitsPending,
        debitsPosted: account.debitsPosted,
        creditsPending: account.creditsPending,
        creditsPosted: account.creditsPosted,
      };
      this.balances.set(id, balances);
    }
    const target = balances;
    applyToSide(target, side, pendingDelta, postedDelta);
    this.undo?.push(() => applyToSide(target, side, -pendingDelta, -postedDelta));
  }

  /** A transfer or journal entry by id: created in this batch, or stored before. */
  posting(id: string): StoredPosting | undefined {
    return this.postings.get(id) ?? this.state.postings.get(id) ?? this.closedPeriods.get(id)?.posting;
  }

  /** Records an item accepted in this batch. */
  addPosting(posting: StoredPosting): void {
    const id = posting.record.id;
    this.postings.set(id, posting);
    this.undo?.push(() => this.postings.delete(id));
  }

  /** Where a hold stands, as seen by the batch. */
  statusOf(id: string): PendingStatus | undefined {
    return this.pendingStatus.get(id) ?? this.state.pendingStatus.get(id) ?? this.closedPeriods.get(id)?.status;
  }

  /** Moves a hold to a new status. */
  setStatus(id: string, status: PendingStatus): void {
    const previous = this.pendingStatus.get(id);
    this.pendingStatus.set(id, status);
    this.undo?.push(() => (previous === undefined ? this.pendingStatus.delete(id) : this.pendingStatus.set(id, previous)));
  }

  /** The reversal of a posting, if any. */
  reversalOf(id: string): string | undefined {
    return this.reversedBy.get(id) ?? this.state.reversedBy.get(id) ?? this.closedPeriods.get(id)?.reversedBy;
  }

  /** Records a reversal. */
  setReversed(originalId: string, reversalId: string): void {
    this.reversedBy.set(originalId, reversalId);
    this.undo?.push(() => this.reversedBy.delete(originalId));
  }

  /** The transient failure remembered for an id, if any. */
  failureOf(id: string): LedgerErrorCode | undefined {
    return this.failed.get(id) ?? this.state.failed.get(id) ?? this.closedPeriods.get(id)?.failed;
  }

  /** Starts recording undo information. */
  beginChain(): void {
    this.undo = [];
  }

  /** Stops recording undo information. */
  endChain(): void {
    this.undo = undefined;
  }

  /** Undoes everything recorded since {@link beginChain}. */
  rollbackChain(): void {
    const undo = this.undo ?? [];
    for (let i = undo.length - 1; i >= 0; i--) undo[i]!();
    this.undo = [];
  }
}
