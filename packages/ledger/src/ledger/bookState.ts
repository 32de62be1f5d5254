/**
 * The state of a ledger book and `evolve`, which applies an event to it.
 * The book is owned by a single writer, so `evolve` updates the state in place; replaying the
 * same events into `initialBookState()` always rebuilds an equal state.
 */
import type { LedgerErrorCode } from '../errors.js';
import { minorToDecimal } from '../money/decimalString.js';
import { storedAmount } from './amounts.js';
import type { AccountRecord, JournalRecord, LedgerEvent, LedgerRecord, TransferRecord } from './events.js';
import { ExpiryHeap } from './expiryHeap.js';
import { applyExpiry, applyPosting } from './effects/postingEffects.js';
import { accountFlagsFromNames, accountFlagsToNames, TransferFlag, transferFlagsFromNames } from './flags.js';
import type { AccountType } from './inputs.js';
import { LedgerInvariantError } from './invariants/invariantError.js';
import { assertBatchBalanced, StateTarget } from './invariants/stateTarget.js';
import { startPeriod } from './periods/startPeriod.js';

const NO_METADATA: Readonly<Record<string, string>> = Object.freeze({});
const ZERO = 0n;
const ACCOUNT_TYPES: Readonly<Record<AccountType, AccountType>> = { asset: 'asset', liability: 'liability', equity: 'equity', income: 'income', expense: 'expense' };

/**
 * Live state of an account: what its record says, parsed, plus the four TigerBeetle balance
 * fields. A book holds one per account, possibly millions, so it is a compact class: shared values
 * (ledger ids, types, empty metadata, zero) are shared, and the JSON record is rebuilt on demand.
 */
export class AccountState {
  debitsPending: bigint = ZERO;
  debitsPosted: bigint = ZERO;
  creditsPending: bigint = ZERO;
  creditsPosted: bigint = ZERO;
  closed = false;

  constructor(
    readonly id: string,
    /** The ledger's own id string (shared by every account of the ledger). */
    readonly ledger: string,
    readonly code: number,
    readonly type: AccountType,
    readonly tenant: string,
    readonly metadata: Readonly<Record<string, string>>,
    /** {@link AccountFlag} bits. */
    readonly flags: number,
    readonly overdraftLimit: bigint,
    /** Scale of the ledger's asset. */
    readonly scale: number,
    /** When the account was opened (nanoseconds). */
    readonly openedAt: bigint,
  ) {}

  /** The account as stored in `AccountsOpened` (rebuilt; the book keeps the parsed fields only). */
  get record(): AccountRecord {
    return {
      id: this.id,
      ledger: this.ledger,
      code: this.code,
      type: this.type,
      tenant: this.tenant,
      metadata: this.metadata,
      flags: accountFlagsToNames(this.flags),
      overdraftLimit: minorToDecimal(this.overdraftLimit, this.scale),
      timestamp: this.openedAt.toString(),
    };
  }
}

/** A stored two-leg transfer with its amount parsed. */
export interface StoredTransfer {
  readonly kind: 'transfer';
  readonly record: TransferRecord;
  readonly amount: bigint;
  readonly flags: number;
  /** Nanosecond instant the hold expires at, or `0n` for never / not a hold. */
  readonly expiresAt: bigint;
}

/** A stored leg with its amount parsed. */
export interface StoredLeg {
  readonly accountId: string;
  readonly side: 'debit' | 'credit';
  readonly amount: bigint;
}

/** A stored journal entry with its legs parsed. */
export interface StoredJournal {
  readonly kind: 'journal';
  readonly record: JournalRecord;
  readonly legs: readonly StoredLeg[];
}

/** Anything stored by id in the book's transfer index. */
export type StoredPosting = StoredTransfer | StoredJournal;

/** Where a hold stands. */
export type PendingStatus = 'pending' | 'posted' | 'voided' | 'expired';

/** Everything a book knows. */
export interface BookState {
  readonly ledgers: Map<string, LedgerRecord>;
  readonly accounts: Map<string, AccountState>;
  readonly postings: Map<string, StoredPosting>;
  readonly pendingStatus: Map<string, PendingStatus>;
  readonly expiries: ExpiryHeap;
  /** Original id -> id of the reversal that undid it. */
  readonly reversedBy: Map<string, string>;
  /** Ids that failed with a transient code. */
  readonly failed: Map<string, LedgerErrorCode>;
  /**
   * Command id -> fingerprint of the request it was used for (see `requestFingerprint.ts`), for
   * the book's open period (closed periods' command ids are in the closed-posting index): a command
   * id reused with a different body is rejected. Filled from the events' metadata (the live writer
   * and replay alike), not by `evolveBook`, which sees data only.
   */
  readonly commands: Map<string, string>;
  /** Last timestamp handed out (nanoseconds); timestamps are unique and strictly increasing. */
  lastTimestamp: bigint;
  /**
   * Number of the open period (= how many periods were closed). `postings`, `pendingStatus`,
   * `reversedBy` and `failed` hold the open period only (plus the open holds carried forward);
   * see periods/startPeriod.ts.
   */
  period: number;
}

/** An empty book. */
export const initialBookState = (): BookState => ({
  ledgers: new Map(),
  accounts: new Map(),
  postings: new Map(),
  pendingStatus: new Map(),
  expiries: new ExpiryHeap(),
  reversedBy: new Map(),
  failed: new Map(),
  commands: new Map(),
  lastTimestamp: 0n,
  period: 0,
});

/**
 * Builds the live account state from its stored record (balances start at zero). `ledgerId`, when
 * given, is the ledger's own id string, shared instead of the record's copy.
 */
export const accountStateOf = (record: AccountRecord, scale: number, ledgerId: string = record.ledger): AccountState => {
  const limit = storedAmount(record.overdraftLimit, scale);
  return new AccountState(
    record.id,
    ledgerId,
    record.code,
    ACCOUNT_TYPES[record.type],
    record.tenant,
    Object.keys(record.metadata).length === 0 ? NO_METADATA : record.metadata,
    accountFlagsFromNames(record.flags),
    limit === 0n ? ZERO : limit,
    scale,
    BigInt(record.timestamp),
  );
};

/** Parses a stored transfer record against its ledger's scale. */
export const storedTransferOf = (record: TransferRecord, scale: number): StoredTransfer => {
  const flags = transferFlagsFromNames(record.flags);
  const timestamp = BigInt(record.timestamp);
  const timeout = record.timeout ?? 0;
  return {
    kind: 'transfer',
    record,
    amount: storedAmount(record.amount, scale),
    flags,
    expiresAt: (flags & TransferFlag.pending) !== 0 && timeout > 0 ? timestamp + BigInt(timeout) * 1_000_000_000n : 0n,
  };
};

/** Parses a stored journal record; each leg uses its account's scale. */
export const storedJournalOf = (record: JournalRecord, scaleOf: (accountId: string) => number): StoredJournal => ({
  kind: 'journal',
  record,
  legs: record.legs.map((leg) => ({
    accountId: leg.accountId,
    side: leg.side,
    amount: storedAmount(leg.amount, scaleOf(leg.accountId)),
  })),
});

/**
 * Applies one event to the book, in place. Events were validated on write and on read; what a
 * schema cannot see (an unknown account, a hold settled twice, a balance out of range...) is
 * asserted where it is applied and throws a {@link LedgerInvariantError}.
 */
export const evolveBook = (state: BookState, event: LedgerEvent): BookState => {
  switch (event.type) {
    case 'LedgersDefined':
      for (const ledger of event.data.ledgers) state.ledgers.set(ledger.id, ledger);
      return state;
    case 'AccountsOpened':
      for (const record of event.data.accounts) {
        const ledger = state.ledgers.get(record.ledger);
        if (ledger === undefined) throw new LedgerInvariantError('ledger_exists', `account ${record.id}`, { ledger: record.ledger });
        if (state.accounts.has(record.id)) throw new LedgerInvariantError('account_unique', `account ${record.id}`);
        state.accounts.set(record.id, accountStateOf(record, ledger.asset.scale, ledger.id));
        bumpTimestamp(state, record.timestamp);
      }
      return state;
    case 'AccountsClosed':
    case 'AccountsReopened':
      for (const { id, timestamp } of event.data.accounts) {
        const account = state.accounts.get(id);
        if (account === undefined) throw new LedgerInvariantError('account_exists', `account ${id}`);
        account.closed = event.type === 'AccountsClosed';
        bumpTimestamp(state, timestamp);
      }
      return state;
    case 'TransfersCommitted': {
      const { expired, transfers, failed } = event.data;
      let expiredAt = 0n;
      for (const { timestamp } of expired) expiredAt = maxOf(expiredAt, BigInt(timestamp));
      let lastTimestamp = expiredAt;
      const postings = transfers.map((record): StoredPosting => {
        lastTimestamp = maxOf(lastTimestamp, BigInt(record.timestamp));
        return record.kind === 'transfer'
          ? storedTransferOf(record, scaleOfLedger(state, record.ledger))
          : storedJournalOf(record, (id) => state.accounts.get(id)?.scale ?? 0);
      });
      applyCommitted(state, {
        expired: expired.map(({ id }) => id),
        expiredAt,
        postings,
        failed: failed.map(({ id, code }) => [id, code as LedgerErrorCode] as const),
        lastTimestamp,
      });
      return state;
    }
    case 'PeriodClosed':
      if (event.data.period !== state.period) {
        throw new LedgerInvariantError('period_sequence', `period ${event.data.period}`, { open: String(state.period) });
      }
      bumpTimestamp(state, event.data.timestamp);
      startPeriod(state);
      return state;
  }
};

/** The effects of one `TransfersCommitted` event, parsed. */
export interface CommittedBatch {
  /** Holds released by timeout, first. */
  readonly expired: readonly string[];
  /** The instant they expired at (the batch's first timestamp). */
  readonly expiredAt: bigint;
  /** Accepted items, in order. */
  readonly postings: readonly StoredPosting[];
  readonly failed: readonly (readonly [string, LedgerErrorCode])[];
  /** Largest timestamp the batch used. */
  readonly lastTimestamp: bigint;
}

/**
 * Applies a committed batch in place. Replay reaches it through {@link evolveBook}, which parses
 * the event; the live writer hands it the batch its decider already parsed. One code path for
 * both, so live state and replayed state cannot drift apart; the effects are the decider's own
 * (effects/postingEffects.ts), applied with assertions (invariants/stateTarget.ts).
 */
export const applyCommitted = (state: BookState, batch: CommittedBatch): void => {
  const target = new StateTarget(state);
  for (const id of batch.expired) applyExpiry(target, target.hold(id));
  // Only expiries due at the expiry instant go: a hold that times out during the batch's own
  // timestamps is expired by the next batch, as the decider saw it.
  if (batch.expired.length > 0) dropDueExpiries(state, batch.expiredAt);
  if (batch.lastTimestamp > state.lastTimestamp) state.lastTimestamp = batch.lastTimestamp;
  assertBatchBalanced(state, batch.postings);
  for (const posting of batch.postings) applyPosting(target, posting);
  for (const [id, code] of batch.failed) state.failed.set(id, code);
};

const maxOf = (a: bigint, b: bigint): bigint => (a > b ? a : b);

const scaleOfLedger = (state: BookState, ledger: string): number => state.ledgers.get(ledger)?.asset.scale ?? 0;

const bumpTimestamp = (state: BookState, timestamp: string): void => {
  const value = BigInt(timestamp);
  if (value > state.lastTimestamp) state.lastTimestamp = value;
};

/** Pops expiries that are due; stale ones (already posted or voided) go with them. */
const dropDueExpiries = (state: BookState, instant: bigint): void => {
  while ((state.expiries.peek()?.at ?? instant + 1n) <= instant) state.expiries.pop();
};
