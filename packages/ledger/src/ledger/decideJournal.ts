/**
 * Deciding one multi-leg journal entry (an ecoledger extension: TigerBeetle has two-leg transfers
 * only). The order follows the two-leg transfer's: flags, id, shape, `exists`, then the book.
 */
import type { LedgerErrorCode } from '../errors.js';
import { formatAmount, parseAmount } from './amounts.js';
import { checkMoves } from './balanceChecks.js';
import type { AccountState, StoredJournal, StoredLeg } from './bookState.js';
import type { JournalRecord } from './events.js';
import type { Scratch } from './scratch.js';
import { MAX_LEGS } from '../limits.js';
import { JOURNAL_INPUT_FLAGS, TRANSFER_INPUT_FLAGS, type ItemContext, type ItemOutcome, type Mutable } from './transferItem.js';
import { checkId, isAmountString, isCode, isId, isRecord, isUserData, readFlags } from './validation.js';

/** Most legs a journal entry may have. */
export { MAX_LEGS };

/** Two valid amount strings denote the same number ("1.5" = "1.50"), at any number of decimals. */
export const sameDecimal = (a: string, b: string): boolean => canonicalAmount(a) === canonicalAmount(b);

const canonicalAmount = (amount: string): string => (amount.includes('.') ? amount.replace(/\.?0+$/, '') : amount);

/** Decides a journal entry. */
export const decideJournal = (ctx: ItemContext, item: Record<string, unknown>): ItemOutcome<StoredJournal> => {
  if (readFlags(item['flags'], JOURNAL_INPUT_FLAGS) === undefined) {
    return readFlags(item['flags'], TRANSFER_INPUT_FLAGS) === undefined ? 'reserved_flag' : 'journal_entry_flags_not_allowed';
  }
  const idError = checkId(item['id'], 'id_must_not_be_empty');
  if (idError !== undefined) return idError;
  const id = item['id'] as string;
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

  const { scratch } = ctx;
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
    // A zero leg moves nothing and only obscures the entry (TigerBeetle has no legs to compare).
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
    legs: stored.map((leg, i) => ({ accountId: leg.accountId, amount: formatAmount(leg.amount, accountsOfLegs[i]!.scale), side: leg.side })),
    timestamp: ctx.timestamp.toString(),
  } as Mutable<JournalRecord>;
  if (userData !== undefined) record.userData = userData as string;
  return { kind: 'journal', record, legs: stored };
};

/** Balanced per asset, accounts open, balances within their fields and guards. */
export const checkLegs = (scratch: Scratch, legs: readonly StoredLeg[], accounts: readonly AccountState[]): LedgerErrorCode | undefined => {
  const net = new Map<string, bigint>();
  for (let i = 0; i < legs.length; i++) {
    const leg = legs[i]!;
    const asset = scratch.state.ledgers.get(accounts[i]!.ledger)!.asset.code;
    net.set(asset, (net.get(asset) ?? 0n) + (leg.side === 'debit' ? leg.amount : -leg.amount));
  }
  for (const value of net.values()) if (value !== 0n) return 'journal_entry_unbalanced';
  for (const account of accounts) if (scratch.isClosed(account)) return 'leg_account_already_closed';
  return checkMoves(
    scratch,
    legs.map((leg, i) => ({ account: accounts[i]!, side: leg.side, amount: leg.amount })),
    false,
  );
};
