/**
 * Deciding a batch of transfers, journal entries and reversals against a book, TigerBeetle-style.
 * Pure: reads the state through a {@link Scratch} and returns the event to append plus one result
 * per item. Checks run in a fixed precedence (shape, then `exists`, then the book's state) so that
 * a given item always gets the same, most specific code.
 */
import { transientResultCodes, type LedgerErrorCode } from '../errors.js';
import { MoneyError } from '../money/moneyError.js';
import { decimalToMinor, minorToDecimal } from '../money/decimalString.js';
import type { AccountState, BookState, CommittedBatch, StoredJournal, StoredLeg, StoredPosting, StoredTransfer } from './bookState.js';
import type { JournalRecord, PostingRecord, TransferRecord } from './events.js';
import { AccountFlag, TransferFlag, transferFlagsToNames } from './flags.js';
import type { ItemResult } from './ledgerError.js';
import { runLinkedBatch } from './linkedBatch.js';
import { Scratch } from './scratch.js';
import type { ClosedViews } from './periods/closedLookup.js';
import { AMOUNT_MAX, checkId, isAmountString, isCode, isId, isRecord, isUserData, readFlags } from './validation.js';

/** Largest batch a book accepts at once. */
export const MAX_BATCH_SIZE = 10_000;

/** The event a transfer batch appends (absent when nothing changed) and each item's result. */
export interface TransferBatchDecision {
  readonly event: { readonly type: 'TransfersCommitted'; readonly data: TransfersCommittedJson } | undefined;
  readonly results: ItemResult[];
  /** The event's effects already parsed, for the live writer (replay parses the event instead). */
  readonly committed: CommittedBatch | undefined;
}

interface TransfersCommittedJson {
  expired: { id: string; timestamp: string }[];
  transfers: PostingRecord[];
  failed: { code: string; id: string }[];
}

const JOURNAL_FLAGS = { linked: TransferFlag.linked } as const;
const INPUT_FLAGS = {
  linked: TransferFlag.linked,
  pending: TransferFlag.pending,
  postPendingTransfer: TransferFlag.post_pending_transfer,
  voidPendingTransfer: TransferFlag.void_pending_transfer,
  balancingDebit: TransferFlag.balancing_debit,
  balancingCredit: TransferFlag.balancing_credit,
} as const;
const POST_OR_VOID = TransferFlag.post_pending_transfer | TransferFlag.void_pending_transfer;
const BALANCING = TransferFlag.balancing_debit | TransferFlag.balancing_credit;
const STORED_MASK = ~TransferFlag.linked;
const MAX_LEGS = 64;
const NANOS_PER_SECOND = 1_000_000_000n;

/** Parses an amount at a scale; `undefined` when it has more decimals than the scale or is out of range. */
const parseAmount = (amount: string, scale: number): bigint | undefined => {
  try {
    const minor = decimalToMinor(amount, scale);
    return minor >= 0n && minor <= AMOUNT_MAX ? minor : undefined;
  } catch (error) {
    if (error instanceof MoneyError) return undefined;
    throw error;
  }
};

/**
 * Decides a batch. `now` is the injected clock in nanoseconds; timestamps are unique and strictly
 * increasing: the batch starts at `max(now, last + 1)`, expiries take that instant, item `i` the next ones.
 */
export const decideTransferBatch = (state: BookState, items: readonly unknown[], now: bigint, closed?: ClosedViews): TransferBatchDecision =>
  decideTransferGroup(state, [items], now, closed)[0]!;

/**
 * Decides several batches one after the other, each seeing the effects of those before it, as if
 * they had been submitted in sequence: one decision (and event) per batch. The writer uses it to
 * commit the batches of concurrent callers in one append (group commit). Holds that timed out are
 * released by the first batch; each later batch starts strictly after the one before.
 */
export const decideTransferGroup = (
  state: BookState,
  batches: readonly (readonly unknown[])[],
  now: bigint,
  /** What the closed-posting index holds for the ids the batches name (see periods/closedLookup.ts). */
  closed?: ClosedViews,
): TransferBatchDecision[] => {
  const scratch = new Scratch(state, closed);
  let base = now > state.lastTimestamp ? now : state.lastTimestamp + 1n;
  const decisions: TransferBatchDecision[] = [];
  for (let i = 0; i < batches.length; i++) {
    const items = batches[i]!;
    decisions.push(decideInScratch(scratch, items, base, i === 0));
    base += 1n + BigInt(items.length);
  }
  return decisions;
};

const decideInScratch = (scratch: Scratch, items: readonly unknown[], base: bigint, expireDue: boolean): TransferBatchDecision => {
  const { state } = scratch;
  // Holds that timed out are released before anything else sees the balances.
  const expired: { id: string; timestamp: string }[] = [];
  if (expireDue) {
    for (const { id } of state.expiries.dueAt(base)) {
      const hold = state.postings.get(id);
      if (hold?.kind !== 'transfer' || scratch.statusOf(id) !== 'pending') continue;
      releaseHold(scratch, hold);
      scratch.setStatus(id, 'expired');
      expired.push({ id, timestamp: base.toString() });
    }
  }

  const failures: [string, LedgerErrorCode][] = [];
  const decideItem = (item: unknown, index: number): LedgerErrorCode | 'exists' | StoredPosting => {
    const timestamp = base + 1n + BigInt(index);
    const outcome = !isRecord(item)
      ? 'item_malformed'
      : 'legs' in item
        ? decideJournal(scratch, item, timestamp)
        : 'reverses' in item
          ? decideReversal(scratch, item, timestamp)
          : decideTransfer(scratch, item, timestamp);
    // A transient failure is remembered at once, so the id cannot succeed later in the batch either.
    if (typeof outcome === 'string' && transientResultCodes.has(outcome) && isRecord(item) && isId(item['id'])) {
      scratch.failed.set(item['id'], outcome as LedgerErrorCode);
      failures.push([item['id'], outcome as LedgerErrorCode]);
    }
    return outcome;
  };

  const { results, accepted } = runLinkedBatch(items, {
    decide: decideItem,
    apply: (posting) => applyPosting(scratch, posting),
    beginChain: () => scratch.beginChain(),
    endChain: () => scratch.endChain(),
    rollbackChain: () => scratch.rollbackChain(),
  });

  if (accepted.length === 0 && expired.length === 0 && failures.length === 0) return { event: undefined, results, committed: undefined };
  const last = accepted[accepted.length - 1];
  const lastTimestamp = last !== undefined ? BigInt(last.record.timestamp) : expired.length > 0 ? base : 0n;
  return {
    event: {
      type: 'TransfersCommitted',
      data: { expired, failed: failures.map(([id, code]) => ({ code, id })), transfers: accepted.map((p) => p.record) },
    },
    results,
    committed: { expired: expired.map(({ id }) => id), expiredAt: base, postings: accepted, failed: failures, lastTimestamp },
  };
};

const releaseHold = (scratch: Scratch, hold: StoredTransfer): void => {
  const debit = scratch.state.accounts.get(hold.record.debitAccountId)!;
  const credit = scratch.state.accounts.get(hold.record.creditAccountId)!;
  scratch.adjust(debit, 'debitsPending', -hold.amount);
  scratch.adjust(credit, 'creditsPending', -hold.amount);
};

const applyPosting = (scratch: Scratch, posting: StoredPosting): void => {
  scratch.addPosting(posting);
  const { accounts } = scratch.state;
  if (posting.kind === 'journal') {
    for (const leg of posting.legs) {
      scratch.adjust(accounts.get(leg.accountId)!, leg.side === 'debit' ? 'debitsPosted' : 'creditsPosted', leg.amount);
    }
  } else {
    const { record, amount, flags } = posting;
    const debit = accounts.get(record.debitAccountId)!;
    const credit = accounts.get(record.creditAccountId)!;
    if ((flags & TransferFlag.pending) !== 0) {
      scratch.adjust(debit, 'debitsPending', amount);
      scratch.adjust(credit, 'creditsPending', amount);
      scratch.setStatus(record.id, 'pending');
    } else {
      if ((flags & POST_OR_VOID) !== 0) {
        releaseHold(scratch, scratch.posting(record.pendingId!) as StoredTransfer);
        scratch.setStatus(record.pendingId!, (flags & TransferFlag.post_pending_transfer) !== 0 ? 'posted' : 'voided');
      }
      if ((flags & TransferFlag.void_pending_transfer) === 0) {
        scratch.adjust(debit, 'debitsPosted', amount);
        scratch.adjust(credit, 'creditsPosted', amount);
      }
    }
  }
  if (posting.record.reversalOf !== undefined) scratch.setReversed(posting.record.reversalOf, posting.record.id);
};

// ---------------------------------------------------------------------------------------------
// Balance checks shared by every kind of item.

/** Checks that debiting `amount` keeps the account within its fields and its guard. */
const checkDebit = (scratch: Scratch, account: AccountState, amount: bigint, pending: boolean): LedgerErrorCode | undefined => {
  const b = scratch.balancesOf(account);
  if (pending && b.debitsPending + amount > AMOUNT_MAX) return 'overflows_debits_pending';
  if (!pending && b.debitsPosted + amount > AMOUNT_MAX) return 'overflows_debits_posted';
  if (b.debitsPending + b.debitsPosted + amount > AMOUNT_MAX) return 'overflows_debits';
  if (
    (account.flags & AccountFlag.debits_must_not_exceed_credits) !== 0 &&
    b.debitsPending + b.debitsPosted + amount > b.creditsPosted + account.overdraftLimit
  ) {
    return 'exceeds_credits';
  }
  return undefined;
};

/** Checks that crediting `amount` keeps the account within its fields and its guard. */
const checkCredit = (scratch: Scratch, account: AccountState, amount: bigint, pending: boolean): LedgerErrorCode | undefined => {
  const b = scratch.balancesOf(account);
  if (pending && b.creditsPending + amount > AMOUNT_MAX) return 'overflows_credits_pending';
  if (!pending && b.creditsPosted + amount > AMOUNT_MAX) return 'overflows_credits_posted';
  if (b.creditsPending + b.creditsPosted + amount > AMOUNT_MAX) return 'overflows_credits';
  if (
    (account.flags & AccountFlag.credits_must_not_exceed_debits) !== 0 &&
    b.creditsPending + b.creditsPosted + amount > b.debitsPosted + account.overdraftLimit
  ) {
    return 'exceeds_debits';
  }
  return undefined;
};

const positive = (value: bigint): bigint => (value > 0n ? value : 0n);

// ---------------------------------------------------------------------------------------------
// Two-leg transfers, holds, posts and voids.

const decideTransfer = (
  scratch: Scratch,
  item: Record<string, unknown>,
  timestamp: bigint,
): LedgerErrorCode | 'exists' | StoredTransfer => {
  const idError = checkId(item['id'], 'id_must_not_be_empty');
  if (idError !== undefined) return idError;
  const id = item['id'] as string;
  const inputFlags = readFlags(item['flags'], INPUT_FLAGS);
  if (inputFlags === undefined) return 'reserved_flag';
  const flags = inputFlags & STORED_MASK;
  const phase = flags & (TransferFlag.pending | POST_OR_VOID);
  if ((phase & (phase - 1)) !== 0 || ((flags & BALANCING) !== 0 && (flags & POST_OR_VOID) !== 0)) {
    return 'flags_are_mutually_exclusive';
  }
  const postOrVoid = (flags & POST_OR_VOID) !== 0;
  const { debitAccountId, creditAccountId, pendingId, amount, ledger, code, timeout, userData } = item;

  if (postOrVoid) {
    if (debitAccountId !== undefined && !isId(debitAccountId)) return 'id_malformed';
    if (creditAccountId !== undefined && !isId(creditAccountId)) return 'id_malformed';
    const pendingError = checkId(pendingId, 'pending_id_must_not_be_empty');
    if (pendingError !== undefined) return pendingError;
    if (pendingId === id) return 'pending_id_must_be_different';
  } else {
    const debitError = checkId(debitAccountId, 'debit_account_id_must_not_be_empty');
    if (debitError !== undefined) return debitError;
    const creditError = checkId(creditAccountId, 'credit_account_id_must_not_be_empty');
    if (creditError !== undefined) return creditError;
    if (debitAccountId === creditAccountId) return 'accounts_must_be_different';
    if (pendingId !== undefined) return 'pending_id_must_be_empty';
  }
  if (timeout !== undefined) {
    if ((flags & TransferFlag.pending) === 0) return 'timeout_reserved_for_pending_transfer';
    if (typeof timeout !== 'number' || !Number.isInteger(timeout) || timeout < 0 || timeout > 2 ** 31 - 1) {
      return 'timeout_invalid';
    }
  }
  if (ledger !== undefined) {
    const ledgerError = checkId(ledger, 'ledger_must_not_be_empty');
    if (ledgerError !== undefined) return ledgerError;
  }
  if (!isCode(code)) return 'code_must_not_be_zero';
  if (!isUserData(userData)) return 'user_data_malformed';
  if (amount !== undefined ? !isAmountString(amount) : !postOrVoid) return 'amount_invalid';

  const existing = scratch.posting(id);
  if (existing !== undefined) return compareTransfer(existing, item, flags);
  if (scratch.failureOf(id) !== undefined) return 'id_already_failed';

  const flagNames = transferFlagsToNames(flags);
  const timestampText = timestamp.toString();
  if (postOrVoid) return decidePostOrVoid(scratch, item, id, code, flagNames, flags, timestampText, userData as string | undefined);

  const { accounts, ledgers } = scratch.state;
  const debit = accounts.get(debitAccountId as string);
  if (debit === undefined) return 'debit_account_not_found';
  const credit = accounts.get(creditAccountId as string);
  if (credit === undefined) return 'credit_account_not_found';
  if (debit.ledger !== credit.ledger) return 'accounts_must_have_the_same_ledger';
  if (ledger !== undefined && ledger !== debit.ledger) return 'transfer_must_have_the_same_ledger_as_accounts';
  const scale = ledgers.get(debit.ledger)!.asset.scale;
  const requested = parseAmount(amount as string, scale);
  if (requested === undefined) return 'amount_invalid';
  const balancing = (flags & BALANCING) !== 0;
  if (requested === 0n && !balancing) return 'amount_must_not_be_zero';
  if (debit.closed) return 'debit_account_already_closed';
  if (credit.closed) return 'credit_account_already_closed';

  let actual = requested;
  if ((flags & TransferFlag.balancing_debit) !== 0) {
    const b = scratch.balancesOf(debit);
    const room = positive(b.creditsPosted + guardRoom(debit, AccountFlag.debits_must_not_exceed_credits) - b.debitsPosted - b.debitsPending);
    if (room < actual) actual = room;
  }
  if ((flags & TransferFlag.balancing_credit) !== 0) {
    const b = scratch.balancesOf(credit);
    const room = positive(b.debitsPosted + guardRoom(credit, AccountFlag.credits_must_not_exceed_debits) - b.creditsPosted - b.creditsPending);
    if (room < actual) actual = room;
  }
  const pending = (flags & TransferFlag.pending) !== 0;
  const balanceError = checkDebit(scratch, debit, actual, pending) ?? checkCredit(scratch, credit, actual, pending);
  if (balanceError !== undefined) return balanceError;

  const seconds = (timeout as number | undefined) ?? 0;
  // Built field by field (no spreads: this runs for every transfer of every batch), with keys in
  // sorted order so that hashing it for the chain is a plain JSON.stringify (see hashChain.ts).
  const stored: { -readonly [K in keyof TransferRecord]: TransferRecord[K] } = {
    amount: minorToDecimal(actual, scale),
    code,
    creditAccountId: creditAccountId as string,
    debitAccountId: debitAccountId as string,
    flags: flagNames,
    id,
    kind: 'transfer',
    ledger: debit.ledger,
  } as { -readonly [K in keyof TransferRecord]: TransferRecord[K] };
  if (balancing) stored.requestedAmount = minorToDecimal(requested, scale);
  if (timeout !== undefined) stored.timeout = seconds;
  stored.timestamp = timestampText;
  if (userData !== undefined) stored.userData = userData as string;
  return {
    kind: 'transfer',
    record: stored,
    amount: actual,
    flags,
    expiresAt: pending && seconds > 0 ? timestamp + BigInt(seconds) * NANOS_PER_SECOND : 0n,
  };
};

/** Overdraft room that balancing may use: only where the account is guarded on that side. */
const guardRoom = (account: AccountState, flag: number): bigint => ((account.flags & flag) !== 0 ? account.overdraftLimit : 0n);

const decidePostOrVoid = (
  scratch: Scratch,
  item: Record<string, unknown>,
  id: string,
  code: number,
  flagNames: TransferRecord['flags'],
  flags: number,
  timestampText: string,
  userData: string | undefined,
): LedgerErrorCode | StoredTransfer => {
  const pendingId = item['pendingId'] as string;
  const hold = scratch.posting(pendingId);
  if (hold === undefined) return 'pending_transfer_not_found';
  if (hold.kind !== 'transfer' || (hold.flags & TransferFlag.pending) === 0) return 'pending_transfer_not_pending';
  const { record } = hold;
  if (item['debitAccountId'] !== undefined && item['debitAccountId'] !== record.debitAccountId) {
    return 'pending_transfer_has_different_debit_account_id';
  }
  if (item['creditAccountId'] !== undefined && item['creditAccountId'] !== record.creditAccountId) {
    return 'pending_transfer_has_different_credit_account_id';
  }
  if (item['ledger'] !== undefined && item['ledger'] !== record.ledger) return 'pending_transfer_has_different_ledger';
  if (item['code'] !== record.code) return 'pending_transfer_has_different_code';
  const scale = scratch.state.ledgers.get(record.ledger)!.asset.scale;
  const posting = (flags & TransferFlag.post_pending_transfer) !== 0;
  let amount = hold.amount;
  if (item['amount'] !== undefined) {
    const requested = parseAmount(item['amount'] as string, scale);
    if (requested === undefined) return 'amount_invalid';
    if (posting) {
      if (requested > hold.amount) return 'exceeds_pending_transfer_amount';
      if (requested === 0n) return 'amount_must_not_be_zero';
      amount = requested;
    } else if (requested !== hold.amount) {
      return 'pending_transfer_has_different_amount';
    }
  }
  const status = scratch.statusOf(pendingId);
  if (status === 'posted') return 'pending_transfer_already_posted';
  if (status === 'voided') return 'pending_transfer_already_voided';
  if (status === 'expired' || (hold.expiresAt > 0n && hold.expiresAt <= BigInt(timestampText))) return 'pending_transfer_expired';
  // No balance checks: the hold reserved the amount, and every debit or credit is checked against
  // pending + posted, so moving (part of) a hold from pending to posted can neither overflow nor
  // break a guard.
  const stored = {
    amount: minorToDecimal(amount, scale),
    code,
    creditAccountId: record.creditAccountId,
    debitAccountId: record.debitAccountId,
    flags: flagNames,
    id,
    kind: 'transfer',
    ledger: record.ledger,
    pendingId,
    requestedAmount: item['amount'] === undefined ? null : minorToDecimal(amount, scale),
    timestamp: timestampText,
  } as { -readonly [K in keyof TransferRecord]: TransferRecord[K] };
  if (userData !== undefined) stored.userData = userData;
  return { kind: 'transfer', record: stored, amount, flags, expiresAt: 0n };
};

/** Same id seen before: `exists` when the bodies agree, else the first field that differs. */
const compareTransfer = (existing: StoredPosting, item: Record<string, unknown>, flags: number): LedgerErrorCode | 'exists' => {
  if (existing.kind !== 'transfer' || existing.record.reversalOf !== undefined) return 'exists_with_different_kind';
  const { record } = existing;
  if ((existing.flags & STORED_MASK) !== flags) return 'exists_with_different_flags';
  const postOrVoid = (flags & POST_OR_VOID) !== 0;
  if (!(postOrVoid && item['debitAccountId'] === undefined) && item['debitAccountId'] !== record.debitAccountId) {
    return 'exists_with_different_debit_account_id';
  }
  if (!(postOrVoid && item['creditAccountId'] === undefined) && item['creditAccountId'] !== record.creditAccountId) {
    return 'exists_with_different_credit_account_id';
  }
  if (!sameAmount(existing, item['amount'])) return 'exists_with_different_amount';
  if ((item['pendingId'] ?? undefined) !== record.pendingId) return 'exists_with_different_pending_id';
  if (((item['timeout'] as number | undefined) ?? 0) !== (record.timeout ?? 0)) return 'exists_with_different_timeout';
  if (item['ledger'] !== undefined && item['ledger'] !== record.ledger) return 'exists_with_different_ledger';
  if (item['code'] !== record.code) return 'exists_with_different_code';
  if (item['userData'] !== record.userData) return 'exists_with_different_user_data';
  return 'exists';
};

/** Compares a stored amount with a submitted one by value. */
const sameAmount = (existing: StoredTransfer, amount: unknown): boolean => {
  const { record } = existing;
  const stored = record.requestedAmount === undefined ? record.amount : record.requestedAmount;
  if (stored === null || amount === undefined) return stored === null && amount === undefined;
  return sameDecimal(stored, amount as string);
};

/** Two valid amount strings denote the same number ("1.5" = "1.50"), at any number of decimals. */
const sameDecimal = (a: string, b: string): boolean => canonicalAmount(a) === canonicalAmount(b);

const canonicalAmount = (amount: string): string => (amount.includes('.') ? amount.replace(/\.?0+$/, '') : amount);

// ---------------------------------------------------------------------------------------------
// Journal entries.

const decideJournal = (
  scratch: Scratch,
  item: Record<string, unknown>,
  timestamp: bigint,
): LedgerErrorCode | 'exists' | StoredJournal => {
  const idError = checkId(item['id'], 'id_must_not_be_empty');
  if (idError !== undefined) return idError;
  const id = item['id'] as string;
  if (readFlags(item['flags'], JOURNAL_FLAGS) === undefined) {
    return readFlags(item['flags'], INPUT_FLAGS) === undefined ? 'reserved_flag' : 'journal_entry_flags_not_allowed';
  }
  const { legs, code, userData } = item;
  if (!isCode(code)) return 'code_must_not_be_zero';
  if (!isUserData(userData)) return 'user_data_malformed';
  if (!Array.isArray(legs) || legs.length < 2) return 'journal_entry_too_few_legs';
  if (legs.length > MAX_LEGS) return 'journal_entry_too_many_legs';
  const seen = new Set<string>();
  for (const leg of legs as unknown[]) {
    if (!isRecord(leg) || !isId(leg['accountId']) || (leg['side'] !== 'debit' && leg['side'] !== 'credit')) {
      return 'journal_entry_leg_malformed';
    }
    if (!isAmountString(leg['amount'])) return 'amount_invalid';
    if (seen.has(leg['accountId'])) return 'journal_entry_accounts_must_be_different';
    seen.add(leg['accountId']);
  }
  const inputLegs = legs as { accountId: string; side: 'debit' | 'credit'; amount: string }[];

  const existing = scratch.posting(id);
  if (existing !== undefined) {
    if (existing.kind !== 'journal' || existing.record.reversalOf !== undefined) return 'exists_with_different_kind';
    const sameLegs =
      existing.legs.length === inputLegs.length &&
      existing.record.legs.every((leg, i) => {
        const other = inputLegs[i]!;
        return leg.accountId === other.accountId && leg.side === other.side && sameDecimal(leg.amount, other.amount);
      });
    if (!sameLegs) return 'exists_with_different_legs';
    if (code !== existing.record.code) return 'exists_with_different_code';
    if (userData !== existing.record.userData) return 'exists_with_different_user_data';
    return 'exists';
  }
  if (scratch.failureOf(id) !== undefined) return 'id_already_failed';

  const stored: StoredLeg[] = [];
  const accountsOfLegs: AccountState[] = [];
  for (const leg of inputLegs) {
    const account = scratch.state.accounts.get(leg.accountId);
    if (account === undefined) return 'leg_account_not_found';
    const amount = parseAmount(leg.amount, account.scale);
    if (amount === undefined) return 'amount_invalid';
    if (amount === 0n) return 'amount_must_not_be_zero';
    stored.push({ accountId: leg.accountId, side: leg.side, amount });
    accountsOfLegs.push(account);
  }
  const error = checkLegs(scratch, stored, accountsOfLegs);
  if (error !== undefined) return error;
  const record = {
    code,
    id,
    kind: 'journal',
    legs: stored.map((leg, i) => ({ accountId: leg.accountId, amount: minorToDecimal(leg.amount, accountsOfLegs[i]!.scale), side: leg.side })),
    timestamp: timestamp.toString(),
  } as { -readonly [K in keyof JournalRecord]: JournalRecord[K] };
  if (userData !== undefined) record.userData = userData as string;
  return { kind: 'journal', record, legs: stored };
};

/** Balanced per asset, accounts open, balances within their guards. */
const checkLegs = (scratch: Scratch, legs: readonly StoredLeg[], accounts: readonly AccountState[]): LedgerErrorCode | undefined => {
  const net = new Map<string, bigint>();
  for (let i = 0; i < legs.length; i++) {
    const leg = legs[i]!;
    const asset = scratch.state.ledgers.get(accounts[i]!.ledger)!.asset.code;
    net.set(asset, (net.get(asset) ?? 0n) + (leg.side === 'debit' ? leg.amount : -leg.amount));
  }
  for (const value of net.values()) if (value !== 0n) return 'journal_entry_unbalanced';
  for (const account of accounts) if (account.closed) return 'leg_account_already_closed';
  for (let i = 0; i < legs.length; i++) {
    const leg = legs[i]!;
    const error = leg.side === 'debit' ? checkDebit(scratch, accounts[i]!, leg.amount, false) : checkCredit(scratch, accounts[i]!, leg.amount, false);
    if (error !== undefined) return error;
  }
  return undefined;
};

// ---------------------------------------------------------------------------------------------
// Reversals.

const decideReversal = (
  scratch: Scratch,
  item: Record<string, unknown>,
  timestamp: bigint,
): LedgerErrorCode | 'exists' | StoredPosting => {
  const idError = checkId(item['id'], 'id_must_not_be_empty');
  if (idError !== undefined) return idError;
  const id = item['id'] as string;
  if (readFlags(item['flags'], JOURNAL_FLAGS) === undefined) return 'reserved_flag';
  const { reverses, code, userData } = item;
  const targetError = checkId(reverses, 'id_must_not_be_empty');
  if (targetError !== undefined) return targetError;
  if (code !== undefined && !isCode(code)) return 'code_must_not_be_zero';
  if (!isUserData(userData)) return 'user_data_malformed';

  const existing = scratch.posting(id);
  if (existing !== undefined) {
    if (existing.record.reversalOf === undefined) return 'exists_with_different_kind';
    if (existing.record.reversalOf !== reverses) return 'exists_with_different_reversal_target';
    if (code !== undefined && code !== existing.record.code) return 'exists_with_different_code';
    if (userData !== existing.record.userData) return 'exists_with_different_user_data';
    return 'exists';
  }
  if (scratch.failureOf(id) !== undefined) return 'id_already_failed';

  const target = scratch.posting(reverses as string);
  if (target === undefined) return 'transfer_to_reverse_not_found';
  if (target.kind === 'transfer' && (target.flags & (TransferFlag.pending | TransferFlag.void_pending_transfer)) !== 0) {
    return 'transfer_to_reverse_is_pending';
  }
  if (target.record.reversalOf !== undefined) return 'transfer_to_reverse_is_a_reversal';
  if (scratch.reversalOf(target.record.id) !== undefined) return 'transfer_already_reversed';
  const reversalCode = (code as number | undefined) ?? target.record.code;
  const reversalOf = target.record.id;
  const timestampText = timestamp.toString();
  const { accounts } = scratch.state;

  if (target.kind === 'journal') {
    const legs = target.legs.map((leg) => ({ ...leg, side: leg.side === 'debit' ? ('credit' as const) : ('debit' as const) }));
    const legAccounts = legs.map((leg) => accounts.get(leg.accountId)!);
    const error = checkLegs(scratch, legs, legAccounts);
    if (error !== undefined) return error;
    const record = {
      code: reversalCode,
      id,
      kind: 'journal',
      legs: legs.map((leg, i) => ({ accountId: leg.accountId, amount: minorToDecimal(leg.amount, legAccounts[i]!.scale), side: leg.side })),
      reversalOf,
      timestamp: timestampText,
    } as { -readonly [K in keyof JournalRecord]: JournalRecord[K] };
    if (userData !== undefined) record.userData = userData as string;
    return { kind: 'journal', record, legs };
  }

  const debit = accounts.get(target.record.creditAccountId)!;
  const credit = accounts.get(target.record.debitAccountId)!;
  if (debit.closed) return 'debit_account_already_closed';
  if (credit.closed) return 'credit_account_already_closed';
  const error = checkDebit(scratch, debit, target.amount, false) ?? checkCredit(scratch, credit, target.amount, false);
  if (error !== undefined) return error;
  const record = {
    amount: target.record.amount,
    code: reversalCode,
    creditAccountId: credit.id,
    debitAccountId: debit.id,
    flags: transferFlagsToNames(0),
    id,
    kind: 'transfer',
    ledger: target.record.ledger,
    reversalOf,
    timestamp: timestampText,
  } as { -readonly [K in keyof TransferRecord]: TransferRecord[K] };
  if (userData !== undefined) record.userData = userData as string;
  return { kind: 'transfer', record, amount: target.amount, flags: 0, expiresAt: 0n };
};
