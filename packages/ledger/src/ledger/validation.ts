/** Small shape checks shared by the batch deciders. Each returns a result code or `undefined` when fine. */
import type { LedgerErrorCode } from '../errors.js';
import {
  AMOUNT_PATTERN as AMOUNT,
  ID_PATTERN as ID,
  IMPORTED_TIMESTAMP_PATTERN as TIMESTAMP,
  MAX_CODE,
  MAX_IMPORTED_TIMESTAMP as TIMESTAMP_MAX,
  MAX_TIMEOUT_SECONDS,
  MAX_USER_DATA_LENGTH,
} from '../limits.js';

/** A plain object (not null, not an array). */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks an id-like field. */
export const checkId = (value: unknown, empty: LedgerErrorCode): LedgerErrorCode | undefined => {
  if (value === undefined || value === '') return empty;
  return typeof value === 'string' && ID.test(value) ? undefined : 'id_malformed';
};

/** A valid id string. */
export const isId = (value: unknown): value is string => typeof value === 'string' && ID.test(value);

/** A syntactically valid non-negative decimal amount string (the scale is checked on parse). */
export const isAmountString = (value: unknown): value is string => typeof value === 'string' && AMOUNT.test(value);

/** A chart-of-accounts or reason code. */
export const isCode = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_CODE;

/** Optional caller reference. */
export const isUserData = (value: unknown): boolean =>
  value === undefined || (typeof value === 'string' && value.length <= MAX_USER_DATA_LENGTH);

/**
 * Reads a flags object: every key must be known and every value boolean.
 * Returns the bit mask, or `undefined` when a flag is unknown or not a boolean.
 */
export const readFlags = (value: unknown, known: Readonly<Record<string, number>>): number | undefined => {
  if (value === undefined) return 0;
  if (!isRecord(value)) return undefined;
  let mask = 0;
  for (const [key, set] of Object.entries(value)) {
    // Own properties only: `__proto__`, `constructor` or `toString` are unknown flags, not
    // Object.prototype members.
    if (!Object.hasOwn(known, key) || typeof set !== 'boolean') return undefined;
    const bit = known[key]!;
    if (set) mask |= bit;
  }
  return mask;
};

/** Whether an item asks to be linked to the next one (read leniently: malformed items still chain). */
export const isLinked = (item: unknown): boolean =>
  isRecord(item) && isRecord(item['flags']) && item['flags']['linked'] === true;

/** Largest value of a balance field, as in TigerBeetle's u128. */
export { AMOUNT_MAX } from './amounts.js';

/** An optional id field: absent, empty (TigerBeetle's zero) or a valid id. */
export const isOptionalId = (value: unknown): boolean => value === undefined || value === '' || isId(value);

/** An optional id field with `''` (TigerBeetle's zero) read as absent. */
export const presentId = (value: unknown): string | undefined => (value === '' ? undefined : (value as string | undefined));

/** A timeout in whole seconds, 0..2^31-1. */
export const isTimeout = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_TIMEOUT_SECONDS;

/** Whether an item is flagged imported (read leniently, as the batch-level import check needs). */
export const isImported = (item: unknown): boolean =>
  isRecord(item) && isRecord(item['flags']) && item['flags']['imported'] === true;

/** A user-given timestamp of an imported item: nanoseconds as a decimal string, 1..2^63-1 (TigerBeetle's range). */
export const importedTimestampOf = (value: unknown): bigint | undefined => {
  if (typeof value !== 'string' || !TIMESTAMP.test(value)) return undefined;
  const timestamp = BigInt(value);
  return timestamp <= TIMESTAMP_MAX ? timestamp : undefined;
};

/** Top-level fields of each kind of item. `metadata` is free-form by design and never walked. */
const LEDGER_FIELDS: ReadonlySet<string> = new Set(['id', 'asset', 'flags']);
const LINKED_ONLY: ReadonlySet<string> = new Set(['linked']);
const ASSET_FIELDS: ReadonlySet<string> = new Set(['code', 'scale']);
const ACCOUNT_FIELDS: ReadonlySet<string> = new Set(['id', 'ledger', 'code', 'type', 'tenant', 'metadata', 'flags', 'overdraftLimit', 'timestamp']);
const TRANSFER_FIELDS: ReadonlySet<string> = new Set([
  'id',
  'debitAccountId',
  'creditAccountId',
  'amount',
  'ledger',
  'code',
  'pendingId',
  'timeout',
  'userData',
  'flags',
  'timestamp',
]);
// `timestamp` stays known on journal entries and reversals: the batch-level import check answers
// it (`timestamp_must_be_zero`), in TigerBeetle's position.
const JOURNAL_FIELDS: ReadonlySet<string> = new Set(['id', 'legs', 'code', 'userData', 'flags', 'timestamp']);
const LEG_FIELDS: ReadonlySet<string> = new Set(['accountId', 'side', 'amount']);
const REVERSAL_FIELDS: ReadonlySet<string> = new Set(['id', 'reverses', 'code', 'userData', 'flags', 'timestamp']);

/** The first own key of `value` that `known` lacks, or `undefined`. */
const unknownKeyOf = (value: Record<string, unknown>, known: ReadonlySet<string>): string | undefined => {
  for (const key of Object.keys(value)) if (!known.has(key)) return key;
  return undefined;
};

/** The kind of item a transfer batch holds, chosen as the batch decider chooses. */
export const transferItemKindOf = (item: Record<string, unknown>): 'journal' | 'reversal' | 'transfer' =>
  'legs' in item ? 'journal' : 'reverses' in item ? 'reversal' : 'transfer';

/**
 * The path of the first field of a transfer-batch item (transfer, journal entry with its legs, or
 * reversal) that the book does not know (`flag`, `legs[1].amout`), or `undefined`. Unknown flags
 * are `reserved_flag` (TigerBeetle's code), see {@link unknownFlagOf}.
 */
export const unknownTransferFieldOf = (item: Record<string, unknown>): string | undefined => {
  const kind = transferItemKindOf(item);
  const top = unknownKeyOf(item, kind === 'journal' ? JOURNAL_FIELDS : kind === 'reversal' ? REVERSAL_FIELDS : TRANSFER_FIELDS);
  if (top !== undefined || kind !== 'journal' || !Array.isArray(item['legs'])) return top;
  const legs = item['legs'] as unknown[];
  for (let i = 0; i < legs.length; i++) {
    const leg = legs[i];
    const key = isRecord(leg) ? unknownKeyOf(leg, LEG_FIELDS) : undefined;
    if (key !== undefined) return `legs[${i}].${key}`;
  }
  return undefined;
};

/** The path of the first unknown field of a ledger definition (`asset.scal`), or `undefined`. */
export const unknownLedgerFieldOf = (item: Record<string, unknown>): string | undefined => {
  const top = unknownKeyOf(item, LEDGER_FIELDS);
  if (top !== undefined) return top;
  const asset = item['asset'];
  const key = isRecord(asset) ? unknownKeyOf(asset, ASSET_FIELDS) : undefined;
  if (key !== undefined) return `asset.${key}`;
  // Ledger definitions chain like any batch item (`flags.linked`), and have no other flag.
  const flags = item['flags'];
  const flag = isRecord(flags) ? unknownKeyOf(flags, LINKED_ONLY) : undefined;
  return flag === undefined ? undefined : `flags.${flag}`;
};

/** The first unknown field of an account to open, or `undefined` (`metadata` is free-form). */
export const unknownAccountFieldOf = (item: Record<string, unknown>): string | undefined => unknownKeyOf(item, ACCOUNT_FIELDS);

/** The path of the first flag that {@link readFlags} refuses (unknown, or not a boolean), or `undefined`. */
export const unknownFlagOf = (item: unknown, known: Readonly<Record<string, number>>): string | undefined => {
  if (!isRecord(item)) return undefined;
  const flags = item['flags'];
  if (flags === undefined) return undefined;
  if (!isRecord(flags)) return 'flags';
  for (const [key, set] of Object.entries(flags)) if (!Object.hasOwn(known, key) || typeof set !== 'boolean') return `flags.${key}`;
  return undefined;
};
