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
