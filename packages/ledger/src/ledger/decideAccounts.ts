/**
 * Deciding ledger definitions, account openings, closings and reopenings. Pure, like the transfer
 * decider: each function returns the event to append (absent when nothing changed) and one
 * result per item.
 */
import type { LedgerErrorCode } from '../errors.js';
import { formatAmount, parseAmount } from './amounts.js';
import type { BookState } from './bookState.js';
import type { AccountRecord, LedgerEvent, LedgerRecord } from './events.js';
import { AccountFlag, accountFlagsToNames, TransferFlag } from './flags.js';
import type { ItemResult } from './ledgerError.js';
import { runLinkedBatch } from './linkedBatch.js';
import { isoScaleOf } from '../money/iso4217.js';
import { ASSET_CODE_PATTERN, MAX_METADATA_KEY_LENGTH, MAX_METADATA_KEYS, MAX_METADATA_VALUE_LENGTH, MAX_SCALE, MAX_TENANT_LENGTH } from '../limits.js';
import {
  checkId,
  importedTimestampOf,
  isAmountString,
  isCode,
  isId,
  isImported,
  isOptionalId,
  isRecord,
  readFlags,
  unknownAccountFieldOf,
  unknownLedgerFieldOf,
} from './validation.js';

/** The event a batch appends (absent when nothing changed) and each item's result. */
export interface BatchDecision<E extends LedgerEvent> {
  readonly event: E | undefined;
  readonly results: ItemResult[];
}

const ACCOUNT_TYPES = new Set(['asset', 'liability', 'equity', 'income', 'expense']);
/** Input flags of an account, by input name. */
export const ACCOUNT_INPUT_FLAGS = {
  linked: AccountFlag.linked,
  debitsMustNotExceedCredits: AccountFlag.debits_must_not_exceed_credits,
  creditsMustNotExceedDebits: AccountFlag.credits_must_not_exceed_debits,
  imported: AccountFlag.imported,
} as const;
const GUARDS = AccountFlag.debits_must_not_exceed_credits | AccountFlag.credits_must_not_exceed_debits;
const noChain = { beginChain: () => {}, endChain: () => {}, rollbackChain: () => {} };

/** Batch steps that record accepted items in `added` and take them out again when a chain fails. */
const undoableAdditions = <R extends { id: string }>(added: Map<string, R>) => {
  let undo: string[] | undefined;
  return {
    apply: (record: R) => {
      added.set(record.id, record);
      undo?.push(record.id);
    },
    beginChain: () => (undo = []),
    endChain: () => (undo = undefined),
    rollbackChain: () => {
      for (const id of undo ?? []) added.delete(id);
      undo = [];
    },
  };
};

/**
 * Defines ledgers (one asset each). A ledger's asset never changes once defined. Order: unknown
 * fields, id, asset shape, `exists`, one scale per asset code in the book, then the ISO-4217 scale.
 */
export const decideLedgers = (state: BookState, items: readonly unknown[]): BatchDecision<Extract<LedgerEvent, { type: 'LedgersDefined' }>> => {
  const added = new Map<string, LedgerRecord>();
  const { results, accepted } = runLinkedBatch<LedgerRecord>(items, {
    ...undoableAdditions(added),
    decide: (item) => {
      if (!isRecord(item)) return 'item_malformed';
      if (unknownLedgerFieldOf(item) !== undefined) return 'unknown_field';
      const idError = checkId(item['id'], 'id_must_not_be_empty');
      if (idError !== undefined) return idError;
      const asset = item['asset'];
      if (
        !isRecord(asset) ||
        typeof asset['code'] !== 'string' ||
        !ASSET_CODE_PATTERN.test(asset['code']) ||
        typeof asset['scale'] !== 'number' ||
        !Number.isInteger(asset['scale']) ||
        asset['scale'] < 0 ||
        asset['scale'] > MAX_SCALE
      ) {
        return 'asset_invalid';
      }
      const record: LedgerRecord = { id: item['id'] as string, asset: { code: asset['code'], scale: asset['scale'] } };
      const existing = added.get(record.id) ?? state.ledgers.get(record.id);
      if (existing !== undefined) {
        return existing.asset.code === record.asset.code && existing.asset.scale === record.asset.scale ? 'exists' : 'exists_with_different_asset';
      }
      // Journal entries balance per asset code, so one code must mean one scale in a book.
      for (const other of [...state.ledgers.values(), ...added.values()]) {
        if (other.asset.code === record.asset.code && other.asset.scale !== record.asset.scale) return 'asset_invalid';
      }
      // An ISO-4217 code means that currency, at its standard scale (JPY 0, KWD 3): another scale
      // would make "1" mean a different amount than every other system does.
      const isoScale = isoScaleOf(record.asset.code);
      if (isoScale !== undefined && isoScale !== record.asset.scale) return 'currency_scale_invalid';
      return record;
    },
  });
  return { event: accepted.length === 0 ? undefined : { type: 'LedgersDefined', data: { ledgers: accepted } }, results };
};

/** Opens accounts. Linked accounts open together or not at all. */
export const decideAccounts = (
  state: BookState,
  items: readonly unknown[],
  now: bigint,
): BatchDecision<Extract<LedgerEvent, { type: 'AccountsOpened' }>> => {
  const base = now > state.lastTimestamp ? now : state.lastTimestamp + 1n;
  const added = new Map<string, AccountRecord>();
  // As in TigerBeetle, the first item decides whether the batch imports history; imported
  // timestamps lie before the batch's own instant (its last timestamp) and after the book's last.
  const batchImported = isImported(items[0]);
  const batchTimestamp = base + BigInt(items.length) - 1n;
  const lastOf = () => {
    let last = state.lastTimestamp;
    for (const record of added.values()) if (BigInt(record.timestamp) > last) last = BigInt(record.timestamp);
    return last;
  };
  const { results, accepted } = runLinkedBatch<AccountRecord>(items, {
    ...undoableAdditions(added),
    decide: (item, index) => {
      if (!isRecord(item)) return 'item_malformed';
      if (unknownAccountFieldOf(item) !== undefined) return 'unknown_field';
      const imported = isImported(item);
      if (batchImported !== imported) return imported ? 'imported_event_not_expected' : 'imported_event_expected';
      if (!imported) return item['timestamp'] === undefined ? decideAccount(state, added, item, base + BigInt(index), undefined) : 'timestamp_must_be_zero';
      const given = importedTimestampOf(item['timestamp']);
      if (given === undefined) return 'imported_event_timestamp_out_of_range';
      if (given >= batchTimestamp) return 'imported_event_timestamp_must_not_advance';
      return decideAccount(state, added, item, given, lastOf());
    },
  });
  return { event: accepted.length === 0 ? undefined : { type: 'AccountsOpened', data: { accounts: accepted } }, results };
};

/**
 * One account, in the precedence of TigerBeetle's `create_account`: reserved flags, the id,
 * `exists`, exclusive flags, ledger, code, then what TigerBeetle lacks (type, tenant, metadata,
 * overdraft limit) and the imported timestamp. Field types (ecoledger's JSON shape) are checked
 * right after the id, since the idempotency check needs well-formed fields. `importedAfter` is the
 * last timestamp an imported account must come after (`undefined` when not imported).
 */
const decideAccount = (
  state: BookState,
  added: ReadonlyMap<string, AccountRecord>,
  item: Record<string, unknown>,
  timestamp: bigint,
  importedAfter: bigint | undefined,
): LedgerErrorCode | 'exists' | AccountRecord => {
  const mask = readFlags(item['flags'], ACCOUNT_INPUT_FLAGS);
  if (mask === undefined) return 'reserved_flag';
  const idError = checkId(item['id'], 'id_must_not_be_empty');
  if (idError !== undefined) return idError;
  const { id, ledger, code, type, tenant, metadata, overdraftLimit } = item;
  if (!isOptionalId(ledger)) return 'id_malformed';
  if (code !== undefined && code !== 0 && !isCode(code)) return 'code_must_not_be_zero';
  if (typeof type !== 'string' || !ACCOUNT_TYPES.has(type)) return 'account_type_invalid';
  if (tenant !== undefined && (typeof tenant !== 'string' || tenant.length === 0 || tenant.length > MAX_TENANT_LENGTH)) return 'tenant_malformed';
  if (metadata !== undefined && !isMetadata(metadata)) return 'metadata_malformed';
  if (overdraftLimit !== undefined && !isAmountString(overdraftLimit)) return 'overdraft_limit_invalid';

  const flags = accountFlagsToNames(mask & ~AccountFlag.linked);
  const existing = added.get(id as string) ?? state.accounts.get(id as string)?.record;
  if (existing !== undefined) return compareAccount(state, existing, item, flags);
  if ((mask & GUARDS) === GUARDS) return 'flags_are_mutually_exclusive';
  if (ledger === undefined || ledger === '') return 'ledger_must_not_be_empty';
  if (code === undefined || code === 0) return 'code_must_not_be_zero';
  const ledgerRecord = state.ledgers.get(ledger as string);
  if (ledgerRecord === undefined) return 'ledger_not_found';
  const limit = overdraftLimit === undefined ? 0n : parseAmount(overdraftLimit as string, ledgerRecord.asset.scale);
  if (limit === undefined) return 'overdraft_limit_invalid';
  if (limit > 0n && (mask & GUARDS) === 0) return 'overdraft_limit_requires_balance_flag';
  if (importedAfter !== undefined && timestamp <= importedAfter) return 'imported_event_timestamp_must_not_regress';

  return {
    id: id as string,
    ledger: ledger as string,
    code: code as number,
    type: type as AccountRecord['type'],
    tenant: (tenant as string | undefined) ?? '',
    metadata: { ...((metadata as Record<string, string> | undefined) ?? {}) },
    flags,
    overdraftLimit: formatAmount(limit, ledgerRecord.asset.scale),
    timestamp: timestamp.toString(),
  };
};

/** TigerBeetle's field order (flags, user data, ledger, code), then the fields it lacks. */
const compareAccount = (
  state: BookState,
  existing: AccountRecord,
  item: Record<string, unknown>,
  flags: readonly string[],
): LedgerErrorCode | 'exists' => {
  if (existing.flags.join() !== flags.join()) return 'exists_with_different_flags';
  if (existing.tenant !== ((item['tenant'] as string | undefined) ?? '')) return 'exists_with_different_tenant';
  const metadata = (item['metadata'] as Record<string, string> | undefined) ?? {};
  if (JSON.stringify(sorted(existing.metadata)) !== JSON.stringify(sorted(metadata))) return 'exists_with_different_metadata';
  if (existing.ledger !== item['ledger']) return 'exists_with_different_ledger';
  if (existing.code !== item['code']) return 'exists_with_different_code';
  if (existing.type !== item['type']) return 'exists_with_different_type';
  const scale = state.ledgers.get(existing.ledger)?.asset.scale ?? 0;
  const limit = item['overdraftLimit'] === undefined ? 0n : parseAmount(item['overdraftLimit'] as string, scale);
  if (limit !== parseAmount(existing.overdraftLimit, scale)) return 'exists_with_different_overdraft_limit';
  return 'exists';
};

const sorted = (metadata: Readonly<Record<string, string>>) => Object.entries(metadata).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

const isMetadata = (value: unknown): boolean => {
  if (!isRecord(value)) return false;
  const entries = Object.entries(value);
  return (
    entries.length <= MAX_METADATA_KEYS &&
    entries.every(([key, v]) => key.length > 0 && key.length <= MAX_METADATA_KEY_LENGTH && typeof v === 'string' && v.length <= MAX_METADATA_VALUE_LENGTH)
  );
};

/**
 * Whether a pending hold touches the account (`closingOnly`: a closing hold that keeps it closed).
 * Holds of zero leave no pending balance, so the balance check alone misses them. Closing and
 * reopening are rare: a scan over the pending holds is fine.
 */
const hasPendingHold = (state: BookState, accountId: string, closingOnly: boolean): boolean => {
  for (const [id, status] of state.pendingStatus) {
    if (status !== 'pending') continue;
    const hold = state.postings.get(id);
    if (hold?.kind !== 'transfer') continue;
    const { debitAccountId, creditAccountId } = hold.record;
    if (!closingOnly && (debitAccountId === accountId || creditAccountId === accountId)) return true;
    if ((hold.flags & TransferFlag.closing_debit) !== 0 && debitAccountId === accountId) return true;
    if ((hold.flags & TransferFlag.closing_credit) !== 0 && creditAccountId === accountId) return true;
  }
  return false;
};

/**
 * Closes or reopens accounts. A closed account takes no new transfers on either side, and the
 * only movement it allows is voiding a hold (TigerBeetle). An account with holds (of any amount,
 * zero included) cannot be closed (`account_has_pending_transfers`), nor one whose posted balance
 * is not zero (`account_balance_not_zero`, checked after the holds); one that a closing hold
 * closed reopens only when that hold is voided or expires.
 */
export const decideAccountStatus = (
  state: BookState,
  ids: readonly unknown[],
  close: boolean,
  now: bigint,
): BatchDecision<Extract<LedgerEvent, { type: 'AccountsClosed' | 'AccountsReopened' }>> => {
  const base = now > state.lastTimestamp ? now : state.lastTimestamp + 1n;
  const changed = new Set<string>();
  const { results, accepted } = runLinkedBatch<{ id: string; timestamp: string }>(
    ids.map((id) => ({ id })),
    {
      ...noChain,
      decide: (item, index) => {
        const id = (item as { id: unknown }).id;
        if (!isId(id)) return checkId(id, 'id_must_not_be_empty') ?? 'id_malformed';
        const account = state.accounts.get(id);
        if (account === undefined) return 'account_not_found';
        const closed = changed.has(id) ? close : account.closed;
        if (close && closed) return 'account_already_closed';
        if (!close && !closed) return 'account_not_closed';
        // Closing needs no holds; reopening an account that a closing hold closed needs the hold
        // voided (as in TigerBeetle), so that posting it cannot find the account open.
        if (account.debitsPending !== 0n || account.creditsPending !== 0n || hasPendingHold(state, id, !close)) {
          return 'account_has_pending_transfers';
        }
        // Closing by decision must not strand money: a balance is swept first (or the account is
        // closed by a closing transfer, which can sweep it in the same step).
        if (close && account.debitsPosted !== account.creditsPosted) return 'account_balance_not_zero';
        return { id, timestamp: (base + BigInt(index)).toString() };
      },
      apply: ({ id }) => changed.add(id),
    },
  );
  if (accepted.length === 0) return { event: undefined, results };
  return { event: { type: close ? 'AccountsClosed' : 'AccountsReopened', data: { accounts: accepted } }, results };
};
