/**
 * Book timestamps (nanosecond bigints) as fixed-width TEXT keys: equal-length digit strings sort
 * like the numbers in every collation, so SQL range conditions on them are time ranges.
 */
import { TIMESTAMP_WIDTH } from './ledgerTables.js';

/** Stored timestamps are below this (39 digits: beyond 2^128). */
export const TIMESTAMP_LIMIT = 10n ** BigInt(TIMESTAMP_WIDTH - 1);

/** The key of a stored timestamp, or `undefined` when it is negative or not below {@link TIMESTAMP_LIMIT}. */
export const timestampKey = (nanos: bigint): string | undefined =>
  nanos < 0n || nanos >= TIMESTAMP_LIMIT ? undefined : nanos.toString().padStart(TIMESTAMP_WIDTH, '0');

/** The key of a query bound, clamped to `[0, TIMESTAMP_LIMIT]` (which keeps every comparison with stored keys exact). */
export const boundKey = (nanos: bigint): string =>
  (nanos < 0n ? 0n : nanos > TIMESTAMP_LIMIT ? TIMESTAMP_LIMIT : nanos).toString().padStart(TIMESTAMP_WIDTH, '0');

/** The timestamp a key stands for. */
export const timestampOfKey = (key: string): bigint => BigInt(key);
