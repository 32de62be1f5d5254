/**
 * What the deciders of the items of a transfer batch share: the context an item is decided in,
 * the flag tables, and the outcome type.
 */
import type { LedgerErrorCode } from '../errors.js';
import { TransferFlag } from './flags.js';
import type { Scratch } from './scratch.js';

/** The context one item of a transfer batch is decided in. */
export interface ItemContext {
  readonly scratch: Scratch;
  /** The item's timestamp: the batch's next one, or the user-given one of an imported item. */
  readonly timestamp: bigint;
  /** Whether the item is imported (its timestamp is user-given). */
  readonly imported: boolean;
}

/** A decider's answer for one item: an error code, `'exists'`, or what to apply. */
export type ItemOutcome<Accepted> = LedgerErrorCode | 'exists' | Accepted;

/** Input flags of a two-leg transfer, by input name. */
export const TRANSFER_INPUT_FLAGS = {
  linked: TransferFlag.linked,
  pending: TransferFlag.pending,
  postPendingTransfer: TransferFlag.post_pending_transfer,
  voidPendingTransfer: TransferFlag.void_pending_transfer,
  balancingDebit: TransferFlag.balancing_debit,
  balancingCredit: TransferFlag.balancing_credit,
  closingDebit: TransferFlag.closing_debit,
  closingCredit: TransferFlag.closing_credit,
  imported: TransferFlag.imported,
} as const;

/** Input flags of journal entries and reversals. */
export const JOURNAL_INPUT_FLAGS = { linked: TransferFlag.linked } as const;

/** Post or void of a pending transfer. */
export const POST_OR_VOID = TransferFlag.post_pending_transfer | TransferFlag.void_pending_transfer;
/** Either balancing flag. */
export const BALANCING = TransferFlag.balancing_debit | TransferFlag.balancing_credit;
/** Either closing flag. */
export const CLOSING = TransferFlag.closing_debit | TransferFlag.closing_credit;
/** Flags kept in the stored record (`linked` is a batch instruction, never stored). */
export const STORED_MASK = ~TransferFlag.linked;
/** One second in nanoseconds. */
export const NANOS_PER_SECOND = 1_000_000_000n;

/** A mutable copy of a record type, for building records field by field. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };
