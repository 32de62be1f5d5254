/**
 * What a rejected item's result says beyond its code: the field it is about (`field`) and, for an
 * amount, the money module's specific reason (`reason`). Computed only for rejected items, after
 * deciding, from the item and the book's ledgers and accounts (which a batch of transfers never
 * changes), so the deciders' hot path stays a string code.
 */
import { moneyErrorMessages, type LedgerResultCode, type MoneyErrorCode } from '../errors.js';
import { amountProblemOf } from './amounts.js';
import type { BookState } from './bookState.js';
import { ACCOUNT_INPUT_FLAGS } from './decideAccounts.js';
import type { ItemResult } from './ledgerError.js';
import { TRANSFER_INPUT_FLAGS } from './transferItem.js';
import { isRecord, transferItemKindOf, unknownAccountFieldOf, unknownFlagOf, unknownLedgerFieldOf, unknownTransferFieldOf } from './validation.js';

/** Which command the item belongs to: the field names differ. */
export type ItemFamily = 'ledgers' | 'accounts' | 'transfers';

interface AmountIssue {
  readonly field: string;
  readonly reason: MoneyErrorCode | undefined;
}

const ledgerScale = (state: BookState | undefined, ledger: unknown): number | undefined =>
  typeof ledger === 'string' ? state?.ledgers.get(ledger)?.asset.scale : undefined;

/** The scale a transfer's amount is read at: the hold's ledger for a post or void, else the debit account's. */
const transferScale = (state: BookState | undefined, item: Record<string, unknown>): number | undefined => {
  const pendingId = item['pendingId'];
  const hold = typeof pendingId === 'string' && pendingId !== '' ? state?.postings.get(pendingId) : undefined;
  if (hold?.kind === 'transfer') return ledgerScale(state, hold.record.ledger);
  const debit = typeof item['debitAccountId'] === 'string' ? state?.accounts.get(item['debitAccountId']) : undefined;
  return debit?.scale ?? ledgerScale(state, item['ledger']);
};

/** The journal leg whose amount failed: the first malformed one, else the first that does not fit its account's scale. */
const legIssue = (state: BookState | undefined, legs: unknown): AmountIssue | undefined => {
  if (!Array.isArray(legs)) return undefined;
  const amounts = legs.map((leg) => (isRecord(leg) ? leg['amount'] : undefined));
  const malformed = amounts.findIndex((amount) => amountProblemOf(amount, undefined) !== undefined);
  if (malformed >= 0) return { field: `legs[${malformed}].amount`, reason: amountProblemOf(amounts[malformed], undefined) };
  for (let i = 0; i < legs.length; i++) {
    const leg = legs[i] as Record<string, unknown>;
    const account = typeof leg['accountId'] === 'string' ? state?.accounts.get(leg['accountId']) : undefined;
    const reason = account === undefined ? undefined : amountProblemOf(amounts[i], account.scale);
    if (reason !== undefined) return { field: `legs[${i}].amount`, reason };
  }
  return undefined;
};

const amountIssue = (family: ItemFamily, item: Record<string, unknown>, state: BookState | undefined): AmountIssue | undefined => {
  if (family === 'accounts') return { field: 'overdraftLimit', reason: amountProblemOf(item['overdraftLimit'], ledgerScale(state, item['ledger'])) };
  if (family !== 'transfers') return undefined;
  const kind = transferItemKindOf(item);
  if (kind === 'journal') return legIssue(state, item['legs']);
  if (kind === 'reversal') return undefined;
  return { field: 'amount', reason: amountProblemOf(item['amount'], transferScale(state, item)) };
};

const flagsOf = (family: ItemFamily) => (family === 'accounts' ? ACCOUNT_INPUT_FLAGS : TRANSFER_INPUT_FLAGS);

/**
 * `result` with `field` (and `reason`) added when its code is about one field; `detail` is the
 * codec's path-and-reason text, or, for an amount the codec accepts (too many decimals for the
 * ledger, out of range), the reason's message at the field's path.
 */
export const withFieldAndReason = (
  result: ItemResult,
  item: unknown,
  family: ItemFamily,
  path: string,
  state: BookState | undefined,
): ItemResult => {
  if (!isRecord(item)) return result;
  const code: LedgerResultCode = result.result;
  if (code === 'unknown_field') {
    const field = family === 'ledgers' ? unknownLedgerFieldOf(item) : family === 'accounts' ? unknownAccountFieldOf(item) : unknownTransferFieldOf(item);
    return field === undefined ? result : { ...result, field };
  }
  if (code === 'reserved_flag') {
    const field = unknownFlagOf(item, flagsOf(family));
    return field === undefined ? result : { ...result, field };
  }
  if (code !== 'amount_invalid' && code !== 'overdraft_limit_invalid') return result;
  const issue = amountIssue(family, item, state);
  if (issue === undefined) return result;
  const { field, reason } = issue;
  const detail = result.detail ?? (reason === undefined ? undefined : `${path}.${field}: ${moneyErrorMessages[reason]}`);
  return { ...result, field, ...(reason === undefined ? {} : { reason }), ...(detail === undefined ? {} : { detail }) };
};
