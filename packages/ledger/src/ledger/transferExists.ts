/**
 * The idempotency check of a two-leg transfer whose id is already stored, in TigerBeetle's field
 * order: flags, pending id, timeout, then accounts, amount, user data, ledger and code. As in
 * TigerBeetle, a retried balancing transfer is `exists` whenever its cap is at least what moved,
 * and a retried post or void that omits the amount (or gives AMOUNT_MAX for a post, zero for a void)
 * is the same as one that names the full pending amount.
 */
import type { LedgerErrorCode } from '../errors.js';
import { AMOUNT_MAX, parseAmount } from './amounts.js';
import type { StoredPosting, StoredTransfer } from './bookState.js';
import { TransferFlag } from './flags.js';
import type { Scratch } from './scratch.js';
import { BALANCING, POST_OR_VOID, STORED_MASK } from './transferItem.js';
import { presentId } from './validation.js';

/** Same id seen before: `exists` when the bodies agree, else the first field that differs. */
export const compareTransfer = (
  scratch: Scratch,
  existing: StoredPosting,
  item: Record<string, unknown>,
  flags: number,
): LedgerErrorCode | 'exists' => {
  if (existing.kind !== 'transfer' || existing.record.reversalOf !== undefined) return 'exists_with_different_kind';
  const { record } = existing;
  if ((existing.flags & STORED_MASK) !== flags) return 'exists_with_different_flags';
  if (presentId(item['pendingId']) !== record.pendingId) return 'exists_with_different_pending_id';
  if (((item['timeout'] as number | undefined) ?? 0) !== (record.timeout ?? 0)) return 'exists_with_different_timeout';
  const scale = scratch.state.ledgers.get(record.ledger)!.asset.scale;
  // An amount that does not parse at the ledger's scale can equal nothing stored: -1 never matches.
  const amount = item['amount'] === undefined ? undefined : (parseAmount(item['amount'] as string, scale) ?? -1n);
  if ((flags & POST_OR_VOID) !== 0) return comparePostOrVoid(scratch, existing, item, flags, amount);

  if (presentId(item['debitAccountId']) !== record.debitAccountId) return 'exists_with_different_debit_account_id';
  if (presentId(item['creditAccountId']) !== record.creditAccountId) return 'exists_with_different_credit_account_id';
  // A balancing amount is a cap: a retry is the same as long as the cap covers what moved.
  if (amount === undefined || ((flags & BALANCING) !== 0 ? amount < existing.amount : amount !== existing.amount)) {
    return 'exists_with_different_amount';
  }
  if (item['userData'] !== record.userData) return 'exists_with_different_user_data';
  const ledger = presentId(item['ledger']);
  if (ledger !== undefined && ledger !== record.ledger) return 'exists_with_different_ledger';
  if (item['code'] !== record.code) return 'exists_with_different_code';
  return 'exists';
};

const comparePostOrVoid = (
  scratch: Scratch,
  existing: StoredTransfer,
  item: Record<string, unknown>,
  flags: number,
  amount: bigint | undefined,
): LedgerErrorCode | 'exists' => {
  const { record } = existing;
  const hold = scratch.posting(record.pendingId!) as StoredTransfer;
  const debit = presentId(item['debitAccountId']);
  if (debit !== undefined && debit !== record.debitAccountId) return 'exists_with_different_debit_account_id';
  const credit = presentId(item['creditAccountId']);
  if (credit !== undefined && credit !== record.creditAccountId) return 'exists_with_different_credit_account_id';
  const full = (flags & TransferFlag.void_pending_transfer) !== 0 ? 0n : AMOUNT_MAX;
  if (amount === undefined || amount === full ? existing.amount !== hold.amount : amount !== existing.amount) {
    return 'exists_with_different_amount';
  }
  // Omitted user data is inherited from the hold (records written before inheritance have none).
  const userData = item['userData'];
  if (userData === undefined ? record.userData !== undefined && record.userData !== hold.record.userData : userData !== record.userData) {
    return 'exists_with_different_user_data';
  }
  const ledger = presentId(item['ledger']);
  if (ledger !== undefined && ledger !== record.ledger) return 'exists_with_different_ledger';
  const code = item['code'];
  if (code !== undefined && code !== 0 && code !== record.code) return 'exists_with_different_code';
  return 'exists';
};
