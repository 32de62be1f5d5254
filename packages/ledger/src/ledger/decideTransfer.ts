/**
 * Deciding one two-leg transfer or hold, in the precedence of TigerBeetle's `create_transfer`:
 * reserved flags, the id, `exists` / `id_already_failed`, then (for posts and voids see
 * decidePostOrVoid.ts) accounts, pending id, timeout, closing, ledger, code, the accounts in the
 * book, imported timestamps, closed accounts, overflows, and the balance guards last. Shape checks
 * that TigerBeetle's fixed binary layout makes impossible (a malformed id string, an amount that is
 * not a decimal) come right after the id, since the idempotency check needs well-formed fields.
 */
import type { LedgerErrorCode } from '../errors.js';
import { formatAmount, parseAmount } from './amounts.js';
import { checkTransferBalances } from './balanceChecks.js';
import { balancedAmount } from './balancing.js';
import type { StoredTransfer } from './bookState.js';
import { decidePostOrVoid } from './decidePostOrVoid.js';
import type { TransferRecord } from './events.js';
import { TransferFlag, transferFlagsToNames } from './flags.js';
import { compareTransfer } from './transferExists.js';
import { BALANCING, CLOSING, NANOS_PER_SECOND, POST_OR_VOID, STORED_MASK, TRANSFER_INPUT_FLAGS, type ItemContext, type ItemOutcome, type Mutable } from './transferItem.js';
import { checkId, isAmountString, isCode, isOptionalId, isTimeout, isUserData, presentId, readFlags } from './validation.js';

const ID_FIELDS = ['debitAccountId', 'creditAccountId', 'pendingId', 'ledger'] as const;

/** Field types (ecoledger's JSON shape): each field is absent or of its documented form. */
const checkShape = (item: Record<string, unknown>, postOrVoid: boolean): LedgerErrorCode | undefined => {
  for (const key of ID_FIELDS) if (!isOptionalId(item[key])) return 'id_malformed';
  const { timeout, code, userData, amount } = item;
  if (timeout !== undefined && !isTimeout(timeout)) return 'timeout_invalid';
  // Zero (or no) code is TigerBeetle's `code_must_not_be_zero`, checked in its place below.
  if (code !== undefined && code !== 0 && !isCode(code)) return 'code_must_not_be_zero';
  if (!isUserData(userData)) return 'user_data_malformed';
  if (amount === undefined ? !postOrVoid : !isAmountString(amount)) return 'amount_invalid';
  return undefined;
};

/** Decides a two-leg transfer, hold, post or void. */
export const decideTransfer = (ctx: ItemContext, item: Record<string, unknown>): ItemOutcome<StoredTransfer> => {
  const inputFlags = readFlags(item['flags'], TRANSFER_INPUT_FLAGS);
  if (inputFlags === undefined) return 'reserved_flag';
  const idError = checkId(item['id'], 'id_must_not_be_empty');
  if (idError !== undefined) return idError;
  const id = item['id'] as string;
  const flags = inputFlags & STORED_MASK;
  const postOrVoid = (flags & POST_OR_VOID) !== 0;
  const shapeError = checkShape(item, postOrVoid);
  if (shapeError !== undefined) return shapeError;

  const { scratch } = ctx;
  const existing = scratch.posting(id);
  if (existing !== undefined) return compareTransfer(scratch, existing, item, flags);
  if (scratch.failureOf(id) !== undefined) return 'id_already_failed';
  if (postOrVoid) return decidePostOrVoid(ctx, item, id, flags);
  return decideTwoLeg(ctx, item, id, flags);
};

const decideTwoLeg = (ctx: ItemContext, item: Record<string, unknown>, id: string, flags: number): ItemOutcome<StoredTransfer> => {
  const debitAccountId = presentId(item['debitAccountId']);
  const creditAccountId = presentId(item['creditAccountId']);
  if (debitAccountId === undefined) return 'debit_account_id_must_not_be_empty';
  if (creditAccountId === undefined) return 'credit_account_id_must_not_be_empty';
  if (debitAccountId === creditAccountId) return 'accounts_must_be_different';
  if (presentId(item['pendingId']) !== undefined) return 'pending_id_must_be_empty';
  const pending = (flags & TransferFlag.pending) !== 0;
  const timeout = (item['timeout'] as number | undefined) ?? 0;
  if (!pending) {
    if (timeout !== 0) return 'timeout_reserved_for_pending_transfer';
    if ((flags & CLOSING) !== 0) return 'closing_transfer_must_be_pending';
  }
  const { ledger, code, userData } = item;
  if (ledger === '') return 'ledger_must_not_be_empty';
  if (code === undefined || code === 0) return 'code_must_not_be_zero';

  const { scratch, timestamp } = ctx;
  const { accounts, ledgers } = scratch.state;
  const debit = accounts.get(debitAccountId);
  if (debit === undefined) return 'debit_account_not_found';
  const credit = accounts.get(creditAccountId);
  if (credit === undefined) return 'credit_account_not_found';
  if (debit.ledger !== credit.ledger) return 'accounts_must_have_the_same_ledger';
  if (ledger !== undefined && ledger !== debit.ledger) return 'transfer_must_have_the_same_ledger_as_accounts';
  const scale = ledgers.get(debit.ledger)!.asset.scale;
  const requested = parseAmount(item['amount'] as string, scale);
  if (requested === undefined) return 'amount_invalid';
  if (ctx.imported) {
    if (timestamp <= scratch.lastTimestamp) return 'imported_event_timestamp_must_not_regress';
    if (timeout !== 0) return 'imported_event_timeout_must_be_zero';
  }
  if (scratch.isClosed(debit)) return 'debit_account_already_closed';
  if (scratch.isClosed(credit)) return 'credit_account_already_closed';

  const actual = balancedAmount(scratch, debit, credit, requested, flags);
  const balanceError = checkTransferBalances(scratch, debit, credit, actual, pending);
  if (balanceError !== undefined) return balanceError;

  // Built field by field (no spreads: this runs for every transfer of every batch), with keys in
  // sorted order so that hashing it for the chain is a plain JSON.stringify (see hashChain.ts).
  const stored = {
    amount: formatAmount(actual, scale),
    code,
    creditAccountId,
    debitAccountId,
    flags: transferFlagsToNames(flags),
    id,
    kind: 'transfer',
    ledger: debit.ledger,
  } as Mutable<TransferRecord>;
  if ((flags & BALANCING) !== 0) stored.requestedAmount = formatAmount(requested, scale);
  if (pending && item['timeout'] !== undefined) stored.timeout = timeout;
  stored.timestamp = timestamp.toString();
  if (userData !== undefined) stored.userData = userData as string;
  return {
    kind: 'transfer',
    record: stored,
    amount: actual,
    flags,
    expiresAt: pending && timeout > 0 ? timestamp + BigInt(timeout) * NANOS_PER_SECOND : 0n,
  };
};
