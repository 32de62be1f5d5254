/**
 * io-ts codecs of everything a book accepts: ledger definitions, accounts, transfers, journal
 * entries, reversals, and the commands that carry them. The book itself validates item by item so
 * that each item gets its specific result code; these codecs are the declarative form of the same
 * shapes, for gateways that validate requests before they reach a book, and they supply the
 * `detail` (JSON path and reason) of a result that rejects an item's shape.
 */
import * as t from 'io-ts';
import { BigIntFromString } from '../codecs/bigIntFromString.js';
import { closedStruct } from '../codecs/closedStruct.js';
import { formatValidationErrors } from '../codecs/formatValidationErrors.js';
import { isRecord } from './validation.js';
import {
  AMOUNT_PATTERN,
  ASSET_CODE_PATTERN,
  ID_PATTERN,
  IMPORTED_TIMESTAMP_PATTERN,
  MAX_CODE,
  MAX_SCALE,
  MAX_TENANT_LENGTH,
  MAX_TIMEOUT_SECONDS,
  MAX_USER_DATA_LENGTH,
} from '../limits.js';

const pattern = (name: string, regex: RegExp) =>
  new t.Type<string, string, unknown>(
    name,
    (u): u is string => typeof u === 'string' && regex.test(u),
    (u, c) => (typeof u === 'string' && regex.test(u) ? t.success(u) : t.failure(u, c)),
    t.identity,
  );
const integer = (name: string, min: number, max: number) =>
  new t.Type<number, number, unknown>(
    name,
    (u): u is number => typeof u === 'number' && Number.isInteger(u) && u >= min && u <= max,
    (u, c) => (typeof u === 'number' && Number.isInteger(u) && u >= min && u <= max ? t.success(u) : t.failure(u, c)),
    t.identity,
  );

const Id = pattern('id (1-128 chars of A-Z a-z 0-9 . _ : -)', ID_PATTERN);
const Amount = pattern('non-negative decimal string', AMOUNT_PATTERN);
const Code = integer(`code (integer 1..${MAX_CODE})`, 1, MAX_CODE);
const UserData = new t.Type<string, string, unknown>(
  `string of at most ${MAX_USER_DATA_LENGTH} characters`,
  (u): u is string => typeof u === 'string' && u.length <= MAX_USER_DATA_LENGTH,
  (u, c) => (typeof u === 'string' && u.length <= MAX_USER_DATA_LENGTH ? t.success(u) : t.failure(u, c)),
  t.identity,
);
const Linked = closedStruct('flags', {}, { linked: t.boolean });
const Timestamp = pattern('timestamp (nanoseconds 1..2^63-1 as a decimal string)', IMPORTED_TIMESTAMP_PATTERN);

/** A ledger definition. */
export const LedgerInputCodec = closedStruct(
  'LedgerInput',
  {
    id: Id,
    asset: closedStruct('asset', { code: pattern('asset code (1-12 chars A-Z 0-9 _)', ASSET_CODE_PATTERN), scale: integer(`scale (integer 0..${MAX_SCALE})`, 0, MAX_SCALE) }),
  },
  { flags: Linked },
);

/** An account to open. */
export const AccountInputCodec = closedStruct(
  'AccountInput',
  { id: Id, ledger: Id, code: Code, type: t.keyof({ asset: null, liability: null, equity: null, income: null, expense: null }, 'account type') },
  {
    tenant: new t.Type<string, string, unknown>(
      `tenant (1-${MAX_TENANT_LENGTH} characters)`,
      (u): u is string => typeof u === 'string' && u.length >= 1 && u.length <= MAX_TENANT_LENGTH,
      (u, c) => (typeof u === 'string' && u.length >= 1 && u.length <= MAX_TENANT_LENGTH ? t.success(u) : t.failure(u, c)),
      t.identity,
    ),
    metadata: t.record(t.string, t.string),
    flags: closedStruct('flags', {}, { linked: t.boolean, debitsMustNotExceedCredits: t.boolean, creditsMustNotExceedDebits: t.boolean, imported: t.boolean }),
    overdraftLimit: Amount,
    timestamp: Timestamp,
  },
);

/** A two-leg transfer, hold, post or void. */
export const TransferInputCodec = closedStruct(
  'TransferInput',
  { id: Id },
  {
    code: Code,
    timestamp: Timestamp,
    debitAccountId: Id,
    creditAccountId: Id,
    amount: Amount,
    ledger: Id,
    pendingId: Id,
    timeout: integer('timeout (integer seconds 0..2^31-1)', 0, MAX_TIMEOUT_SECONDS),
    userData: UserData,
    flags: closedStruct(
      'flags',
      {},
      {
        linked: t.boolean,
        pending: t.boolean,
        postPendingTransfer: t.boolean,
        voidPendingTransfer: t.boolean,
        balancingDebit: t.boolean,
        balancingCredit: t.boolean,
        closingDebit: t.boolean,
        closingCredit: t.boolean,
        imported: t.boolean,
      },
    ),
  },
);

/** A multi-leg journal entry. */
export const JournalEntryInputCodec = closedStruct(
  'JournalEntryInput',
  {
    id: Id,
    code: Code,
    legs: t.array(closedStruct('leg', { accountId: Id, side: t.keyof({ debit: null, credit: null }, 'side'), amount: Amount })),
  },
  { userData: UserData, flags: Linked },
);

/** A reversal of a posted transfer or journal entry. */
export const ReversalInputCodec = closedStruct('ReversalInput', { id: Id, reverses: Id }, { code: Code, userData: UserData, flags: Linked });

/** The codec an item is checked against, chosen the same way the book chooses its decider. */
export const itemCodecOf = (item: unknown): t.Decoder<unknown, unknown> =>
  isRecord(item) && 'legs' in item ? JournalEntryInputCodec : isRecord(item) && 'reverses' in item ? ReversalInputCodec : TransferInputCodec;

/** Commands as they travel (JSON): `now` is a nanosecond instant as a decimal string. */
export const BookCommandCodec = t.union([
  closedStruct('DefineLedgers', { type: t.literal('DefineLedgers'), data: closedStruct('data', { ledgers: t.array(LedgerInputCodec) }) }),
  closedStruct('OpenAccounts', {
    type: t.literal('OpenAccounts'),
    data: closedStruct('data', { accounts: t.array(AccountInputCodec), now: BigIntFromString }),
  }),
  closedStruct('CloseAccounts', { type: t.literal('CloseAccounts'), data: closedStruct('data', { ids: t.array(Id), now: BigIntFromString }) }),
  closedStruct('ReopenAccounts', { type: t.literal('ReopenAccounts'), data: closedStruct('data', { ids: t.array(Id), now: BigIntFromString }) }),
  closedStruct('CreateTransfers', {
    type: t.literal('CreateTransfers'),
    data: closedStruct('data', {
      transfers: t.array(t.union([JournalEntryInputCodec, ReversalInputCodec, TransferInputCodec])),
      now: BigIntFromString,
    }),
  }),
  closedStruct('ExpirePendingTransfers', { type: t.literal('ExpirePendingTransfers'), data: closedStruct('data', { now: BigIntFromString }) }),
  closedStruct('ClosePeriod', { type: t.literal('ClosePeriod'), data: closedStruct('data', { now: BigIntFromString }) }),
]);

/** Path-and-reason text for an item that fails its codec, or `undefined` when the shape is fine. */
export const shapeDetail = (codec: t.Decoder<unknown, unknown>, item: unknown, root: string): string | undefined => {
  const decoded = codec.decode(item);
  return decoded._tag === 'Left' ? formatValidationErrors(decoded.left, root) : undefined;
};
