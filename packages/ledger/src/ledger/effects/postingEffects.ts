/**
 * What a posting does to balances: the one place that says it. The decider's scratch view
 * (`scratch.ts`), the book state (`bookState.ts`, live and replay), the read models
 * (`projections/ledgerIndex.ts`) and therefore `verifyLedgerStore`, which replays through the book
 * state, all go through these functions, so they cannot disagree.
 *
 * The rules (TigerBeetle's, plus journal legs and reversals):
 * - a hold adds its amount to `debitsPending` of the debit account and `creditsPending` of the credit account;
 * - a post releases the hold's full amount from pending and adds its own amount to posted;
 * - a void or an expiry releases the hold's full amount from pending and posts nothing;
 * - any other transfer (plain, balancing, closing without a hold, reversal) adds its amount to posted;
 * - a journal leg adds its amount to posted on its own side;
 * - a closing hold closes the accounts its closing flags name; voiding it or its expiry reopens them.
 */
import type { PendingStatus, StoredPosting, StoredTransfer } from '../bookState.js';
import { TransferFlag } from '../flags.js';
import type { Side } from '../inputs.js';

/** The four TigerBeetle balance fields of one account, mutable: what effects are applied to. */
export interface Balances {
  debitsPending: bigint;
  debitsPosted: bigint;
  creditsPending: bigint;
  creditsPosted: bigint;
}

/** What a change to an account is, as a statement line names it. */
export type EffectKind =
  /** A posted transfer, journal leg or reversal: changes the posted balance. */
  | 'posted'
  /** A hold was placed: changes pending only. */
  | 'pending'
  /** A hold was posted: its full amount leaves pending, the post's amount is posted. */
  | 'pending_posted'
  /** A hold was voided: its amount leaves pending, nothing is posted. */
  | 'pending_voided'
  /** A hold timed out: its amount leaves pending. */
  | 'expired';

/** Accounts a closing hold closes (or, once voided or expired, reopens). */
export interface ClosingEffect {
  readonly debit: boolean;
  readonly credit: boolean;
  /** True: the accounts close; false: they reopen. */
  readonly closed: boolean;
}

/**
 * What one two-leg transfer (or an expiry) does. Both accounts change by the same deltas: the
 * debit account on its debit fields, the credit account on its credit fields.
 */
export interface TransferEffect {
  readonly kind: EffectKind;
  /** Change of the pending field of each side (negative when a hold is released). */
  readonly pendingDelta: bigint;
  /** Change of the posted field of each side. */
  readonly postedDelta: bigint;
  /** The hold's new status: the transfer's own id for a new hold, the named hold for a post, void or expiry. */
  readonly holdStatus: PendingStatus | undefined;
  /** Accounts closed or reopened, if any. */
  readonly closing: ClosingEffect | undefined;
}

/** What a hold needs to be settled: its amount and flags (its closing flags name the accounts to reopen). */
export interface HeldAmount {
  readonly amount: bigint;
  readonly flags: number;
}

const POST_OR_VOID = TransferFlag.post_pending_transfer | TransferFlag.void_pending_transfer;
const CLOSING = TransferFlag.closing_debit | TransferFlag.closing_credit;

const closingOf = (flags: number, closed: boolean): ClosingEffect | undefined =>
  (flags & CLOSING) === 0
    ? undefined
    : { debit: (flags & TransferFlag.closing_debit) !== 0, credit: (flags & TransferFlag.closing_credit) !== 0, closed };

/**
 * The effect of a two-leg transfer with these stored flags and amount. `hold` is the hold a post or
 * void settles (required for those, ignored otherwise).
 */
export const transferEffect = (flags: number, amount: bigint, hold: HeldAmount | undefined): TransferEffect => {
  if ((flags & TransferFlag.pending) !== 0) {
    return { kind: 'pending', pendingDelta: amount, postedDelta: 0n, holdStatus: 'pending', closing: closingOf(flags, true) };
  }
  if ((flags & POST_OR_VOID) === 0) return { kind: 'posted', pendingDelta: 0n, postedDelta: amount, holdStatus: undefined, closing: undefined };
  if (hold === undefined) throw new TypeError('transferEffect: a post or void needs the hold it settles');
  if ((flags & TransferFlag.post_pending_transfer) !== 0) {
    return { kind: 'pending_posted', pendingDelta: -hold.amount, postedDelta: amount, holdStatus: 'posted', closing: undefined };
  }
  return { kind: 'pending_voided', pendingDelta: -hold.amount, postedDelta: 0n, holdStatus: 'voided', closing: closingOf(hold.flags, false) };
};

/** The effect of a hold timing out. */
export const expiryEffect = (hold: HeldAmount): TransferEffect => ({
  kind: 'expired',
  pendingDelta: -hold.amount,
  postedDelta: 0n,
  holdStatus: 'expired',
  closing: closingOf(hold.flags, false),
});

/** Adds a change to one side of an account's balances, in place: the only writer of the four fields. */
export const applyToSide = (balances: Balances, side: Side, pendingDelta: bigint, postedDelta: bigint): void => {
  if (side === 'debit') {
    balances.debitsPending += pendingDelta;
    balances.debitsPosted += postedDelta;
  } else {
    balances.creditsPending += pendingDelta;
    balances.creditsPosted += postedDelta;
  }
};

/**
 * Where effects are applied: the decider's scratch view, or the book state itself. Accounts of type
 * `A` carry their balances (the state's accounts) or stand for them (the scratch's copy-on-write).
 */
export interface EffectTarget<A> {
  /** The account named by a posting (it exists: the decider checked, the state asserts). */
  account(id: string): A;
  /** Adds a change to one side of an account. */
  adjust(account: A, side: Side, pendingDelta: bigint, postedDelta: bigint): void;
  /** The hold a post or void (`settling`), or an expiry (no `settling`), names. */
  hold(id: string, settling?: StoredTransfer): StoredTransfer;
  /** Records an accepted posting by id. */
  addPosting(posting: StoredPosting): void;
  /** Moves a hold to a new status. */
  setStatus(id: string, status: PendingStatus): void;
  /** Closes or reopens an account. */
  setClosed(account: A, closed: boolean): void;
  /** Records that `reversalId` reversed `originalId`. */
  setReversed(originalId: string, reversalId: string): void;
}

const applyClosing = <A>(target: EffectTarget<A>, closing: ClosingEffect, debit: A, credit: A): void => {
  if (closing.debit) target.setClosed(debit, closing.closed);
  if (closing.credit) target.setClosed(credit, closing.closed);
};

const applyTransferEffect = <A>(target: EffectTarget<A>, effect: TransferEffect, debitId: string, creditId: string): void => {
  const debit = target.account(debitId);
  const credit = target.account(creditId);
  target.adjust(debit, 'debit', effect.pendingDelta, effect.postedDelta);
  target.adjust(credit, 'credit', effect.pendingDelta, effect.postedDelta);
  if (effect.closing !== undefined) applyClosing(target, effect.closing, debit, credit);
};

/** Applies an accepted transfer or journal entry to a target. */
export const applyPosting = <A>(target: EffectTarget<A>, posting: StoredPosting): void => {
  target.addPosting(posting);
  if (posting.kind === 'journal') {
    for (const leg of posting.legs) target.adjust(target.account(leg.accountId), leg.side, 0n, leg.amount);
  } else {
    const { record, amount, flags } = posting;
    // A post or void names its hold's accounts (the decider copies them), so one pair takes both
    // the release and the posted amount.
    const hold = (flags & POST_OR_VOID) !== 0 ? target.hold(record.pendingId!, posting) : undefined;
    const effect = transferEffect(flags, amount, hold);
    applyTransferEffect(target, effect, record.debitAccountId, record.creditAccountId);
    if (effect.holdStatus !== undefined) target.setStatus(hold === undefined ? record.id : hold.record.id, effect.holdStatus);
  }
  if (posting.record.reversalOf !== undefined) target.setReversed(posting.record.reversalOf, posting.record.id);
};

/** Releases a hold that timed out. */
export const applyExpiry = <A>(target: EffectTarget<A>, hold: StoredTransfer): void => {
  applyTransferEffect(target, expiryEffect(hold), hold.record.debitAccountId, hold.record.creditAccountId);
  target.setStatus(hold.record.id, 'expired');
};
