/**
 * Rows of the SQL ledger read model and their conversions to the in-memory model's types, so that
 * the views are built by the very same functions (`projectedBalanceOf`, `trialBalanceOf`).
 * Stored JSON is validated with the event codecs when read back: a corrupt row is a
 * {@link ReadModelCorruptError} naming the table and id, never a silently wrong balance.
 */
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { formatValidationErrors } from '../../codecs/formatValidationErrors.js';
import type { BalanceFields } from '../../ledger/accountView.js';
import { accountStateOf } from '../../ledger/bookState.js';
import { AccountRecord } from '../../ledger/events.js';
import { normalSideOf } from '../../ledger/inputs.js';
import { toBigInt } from '../../sql/sqlDatabase.js';
import type { IndexedAccount } from '../ledgerIndex.js';
import { ReadModelCorruptError } from './errors.js';

/** A row of `accounts`. Integer columns come back as bigint (SQLite), number or string (PostgreSQL). */
export interface AccountRow {
  readonly [column: string]: unknown;
  readonly id: string;
  readonly seq: unknown;
  readonly ledger_id: string;
  readonly asset_code: string;
  readonly scale: unknown;
  readonly closed: unknown;
  readonly debits_pending: string;
  readonly debits_posted: string;
  readonly credits_pending: string;
  readonly credits_posted: string;
  readonly line_count: unknown;
  readonly status_count: unknown;
  readonly record: string;
}

/** The four balance field columns, as stored on accounts and statement lines. */
export interface FieldColumns {
  readonly debits_pending: string;
  readonly debits_posted: string;
  readonly credits_pending: string;
  readonly credits_posted: string;
}

/** Reads an INTEGER column as a JS number (codes, scales, flags: never money). */
export const numberOf = (value: unknown): number => Number(toBigInt(value));

/** Reads a 0/1 column. */
export const booleanOf = (value: unknown): boolean => toBigInt(value) !== 0n;

/** Parses stored JSON with a codec. @throws ReadModelCorruptError naming the table and id when it does not decode. */
export const parseStored = <A>(codec: t.Decoder<unknown, A>, text: string, table: string, id: string): A => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ReadModelCorruptError(table, id, 'record is not JSON');
  }
  const decoded = codec.decode(json);
  if (E.isLeft(decoded)) {
    throw new ReadModelCorruptError(table, id, formatValidationErrors(decoded.left));
  }
  return decoded.right;
};

/** The balance fields of a row (minor units). */
export const fieldsOfColumns = (row: FieldColumns): BalanceFields => ({
  debitsPending: BigInt(row.debits_pending),
  debitsPosted: BigInt(row.debits_posted),
  creditsPending: BigInt(row.credits_pending),
  creditsPosted: BigInt(row.credits_posted),
});

/** Column values of balance fields, in the order of {@link FieldColumns}. */
export const columnsOfFields = (fields: BalanceFields): [string, string, string, string] => [
  fields.debitsPending.toString(),
  fields.debitsPosted.toString(),
  fields.creditsPending.toString(),
  fields.creditsPosted.toString(),
];

/** The account as the in-memory projections index it. */
export const indexedAccountOf = (row: AccountRow, table: string): IndexedAccount => {
  const record = parseStored(AccountRecord, row.record, table, row.id);
  const scale = numberOf(row.scale);
  return {
    id: row.id,
    record,
    ledger: { id: row.ledger_id, asset: { code: row.asset_code, scale } },
    assetCode: row.asset_code,
    scale,
    normalSide: normalSideOf[record.type],
    openedAt: BigInt(record.timestamp),
    opening: accountStateOf(record, scale),
    closed: booleanOf(row.closed),
  };
};
