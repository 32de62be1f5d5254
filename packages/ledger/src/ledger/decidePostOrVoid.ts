/**
 * Posting or voiding a hold, in the precedence of TigerBeetle's `post_or_void_pending_transfer`:
 * exclusive flags, pending id, timeout, the hold, the fields that must match it, the amount, the
 * hold's status and expiry, imported timestamps, and closed accounts (only a void may move a closed
 * account). A post of AMOUNT_MAX or of no amount posts the full pending amount; a void of zero or of
 * no amount voids it; a void must otherwise name exactly the pending amount.
 */
import { AMOUNT_MAX, formatAmount, parseAmount } from './amounts.js';
import type { StoredTransfer } from './bookState.js';
import type { TransferRecord } from './events.js';
import { TransferFlag, transferFlagsToNames } from './flags.js';
import { BALANCING, CLOSING, POST_OR_VOID, type ItemContext, type ItemOutcome, type Mutable } from './transferItem.js';
import { presentId } from './validation.js';

/** Decides a post or void (`flags` has at least one of the two set). */
export const decidePostOrVoid = (ctx: ItemContext, item: Record<string, unknown>, id: string, flags: number): ItemOutcome<StoredTransfer> => {
  if ((flags & POST_OR_VOID) === POST_OR_VOID || (flags & (TransferFlag.pending | BALANCING | CLOSING)) !== 0) {
    return 'flags_are_mutually_exclusive';
  }
  const pendingId = presentId(item['pendingId']);
  if (pendingId === undefined) return 'pending_id_must_not_be_empty';
  if (pendingId === id) return 'pending_id_must_be_different';
  if (((item['timeout'] as number | undefined) ?? 0) !== 0) return 'timeout_reserved_for_pending_transfer';

  const { scratch, timestamp } = ctx;
  const hold = scratch.posting(pendingId);
  if (hold === undefined) return 'pending_transfer_not_found';
  if (hold.kind !== 'transfer' || (hold.flags & TransferFlag.pending) === 0) return 'pending_transfer_not_pending';
  const { record } = hold;
  const debitAccountId = presentId(item['debitAccountId']);
  if (debitAccountId !== undefined && debitAccountId !== record.debitAccountId) return 'pending_transfer_has_different_debit_account_id';
  const creditAccountId = presentId(item['creditAccountId']);
  if (creditAccountId !== undefined && creditAccountId !== record.creditAccountId) return 'pending_transfer_has_different_credit_account_id';
  const ledger = presentId(item['ledger']);
  if (ledger !== undefined && ledger !== record.ledger) return 'pending_transfer_has_different_ledger';
  const code = item['code'];
  if (code !== undefined && code !== 0 && code !== record.code) return 'pending_transfer_has_different_code';

  const scale = scratch.state.ledgers.get(record.ledger)!.asset.scale;
  const voiding = (flags & TransferFlag.void_pending_transfer) !== 0;
  const requested = item['amount'] === undefined ? undefined : parseAmount(item['amount'] as string, scale);
  if (item['amount'] !== undefined && requested === undefined) return 'amount_invalid';
  const full = voiding ? 0n : AMOUNT_MAX;
  const amount = requested === undefined || requested === full ? hold.amount : requested;
  if (amount > hold.amount) return 'exceeds_pending_transfer_amount';
  if (voiding && amount < hold.amount) return 'pending_transfer_has_different_amount';

  const status = scratch.statusOf(pendingId);
  if (status === 'posted') return 'pending_transfer_already_posted';
  if (status === 'voided') return 'pending_transfer_already_voided';
  if (status === 'expired' || (hold.expiresAt > 0n && hold.expiresAt <= timestamp)) return 'pending_transfer_expired';
  if (ctx.imported && timestamp <= scratch.lastTimestamp) return 'imported_event_timestamp_must_not_regress';
  const { accounts } = scratch.state;
  if (!voiding && scratch.isClosed(accounts.get(record.debitAccountId)!)) return 'debit_account_already_closed';
  if (!voiding && scratch.isClosed(accounts.get(record.creditAccountId)!)) return 'credit_account_already_closed';

  // No balance checks: the hold reserved the amount, and every debit or credit is checked against
  // pending + posted, so moving (part of) a hold from pending to posted can neither overflow nor
  // break a guard.
  const stored = {
    amount: formatAmount(amount, scale),
    code: record.code,
    creditAccountId: record.creditAccountId,
    debitAccountId: record.debitAccountId,
    flags: transferFlagsToNames(flags),
    id,
    kind: 'transfer',
    ledger: record.ledger,
    pendingId,
    requestedAmount: requested === undefined ? null : formatAmount(requested, scale),
    timestamp: timestamp.toString(),
  } as Mutable<TransferRecord>;
  // As in TigerBeetle, omitted user data is inherited from the hold.
  const userData = (item['userData'] as string | undefined) ?? record.userData;
  if (userData !== undefined) stored.userData = userData;
  return { kind: 'transfer', record: stored, amount, flags, expiresAt: 0n };
};
