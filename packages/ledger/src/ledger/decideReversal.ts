/**
 * Deciding one reversal (an ecoledger extension): a new item that swaps the sides of a posted
 * transfer or journal entry. The order follows the two-leg transfer's: flags, id, shape, `exists`,
 * then the book.
 */
import { formatAmount } from './amounts.js';
import { checkTransferBalances } from './balanceChecks.js';
import type { StoredPosting } from './bookState.js';
import { checkLegs } from './decideJournal.js';
import type { JournalRecord, TransferRecord } from './events.js';
import { TransferFlag, transferFlagsToNames } from './flags.js';
import { JOURNAL_INPUT_FLAGS, type ItemContext, type ItemOutcome, type Mutable } from './transferItem.js';
import { checkId, isCode, isUserData, readFlags } from './validation.js';

/** Decides a reversal. */
export const decideReversal = (ctx: ItemContext, item: Record<string, unknown>): ItemOutcome<StoredPosting> => {
  if (readFlags(item['flags'], JOURNAL_INPUT_FLAGS) === undefined) return 'reserved_flag';
  const idError = checkId(item['id'], 'id_must_not_be_empty');
  if (idError !== undefined) return idError;
  const id = item['id'] as string;
  const { reverses, code, userData } = item;
  const targetError = checkId(reverses, 'id_must_not_be_empty');
  if (targetError !== undefined) return targetError;
  if (code !== undefined && !isCode(code)) return 'code_must_not_be_zero';
  if (!isUserData(userData)) return 'user_data_malformed';

  const { scratch } = ctx;
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
  const timestamp = ctx.timestamp.toString();
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
      legs: legs.map((leg, i) => ({ accountId: leg.accountId, amount: formatAmount(leg.amount, legAccounts[i]!.scale), side: leg.side })),
      reversalOf,
      timestamp,
    } as Mutable<JournalRecord>;
    if (userData !== undefined) record.userData = userData as string;
    return { kind: 'journal', record, legs };
  }

  const debit = accounts.get(target.record.creditAccountId)!;
  const credit = accounts.get(target.record.debitAccountId)!;
  if (scratch.isClosed(debit)) return 'debit_account_already_closed';
  if (scratch.isClosed(credit)) return 'credit_account_already_closed';
  const error = checkTransferBalances(scratch, debit, credit, target.amount, false);
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
    timestamp,
  } as Mutable<TransferRecord>;
  if (userData !== undefined) record.userData = userData as string;
  return { kind: 'transfer', record, amount: target.amount, flags: 0, expiresAt: 0n };
};
