/**
 * The events of a ledger book and their io-ts codecs. Event data is plain JSON: amounts are
 * decimal strings in the ledger's major unit, timestamps are nanosecond counts as decimal strings.
 * Codecs validate on write and on read; `version` is the schema version of each event type.
 */
import * as t from 'io-ts';
import type { EventSchemas } from '../commandHandling/eventSchemas.js';
import { isTransfersCommittedData, withFastPath } from './fastValidation.js';
import { AMOUNT_PATTERN, ASSET_CODE_PATTERN, ID_PATTERN, MAX_CODE, MAX_PERIOD, MAX_SCALE, MAX_TIMEOUT_SECONDS } from '../limits.js';

const pattern = (name: string, regex: RegExp) =>
  new t.Type<string, string, unknown>(
    name,
    (u): u is string => typeof u === 'string' && regex.test(u),
    (u, c) => (typeof u === 'string' && regex.test(u) ? t.success(u) : t.failure(u, c, `expected ${name}`)),
    t.identity,
  );

/** Item ids, account ids, ledger ids. */
export const IdString = pattern('Id', ID_PATTERN);
/** Non-negative decimal string, no exponent. */
export const AmountString = pattern('AmountString', AMOUNT_PATTERN);
/** Nanosecond timestamp. */
export const TimestampString = pattern('Timestamp', /^(0|[1-9][0-9]*)$/);

const integer = (name: string, min: number, max: number) =>
  t.refinement(t.number, (n) => Number.isInteger(n) && n >= min && n <= max, name);
const Code = integer('Code', 1, MAX_CODE);
const Scale = integer('Scale', 0, MAX_SCALE);
const Seconds = integer('Seconds', 0, MAX_TIMEOUT_SECONDS);
const optional = <P extends t.Props>(props: P) => t.partial(props);

/** A stored ledger definition. */
export const LedgerRecord = t.type({
  id: IdString,
  asset: t.type({ code: pattern('AssetCode', ASSET_CODE_PATTERN), scale: Scale }),
});
/** JSON form of a ledger definition. */
export type LedgerRecord = t.TypeOf<typeof LedgerRecord>;

/** A stored account (its opening state; balances are derived from transfers). */
export const AccountRecord = t.type({
  id: IdString,
  ledger: IdString,
  code: Code,
  type: t.keyof({ asset: null, liability: null, equity: null, income: null, expense: null }),
  tenant: t.string,
  metadata: t.record(t.string, t.string),
  /** `imported` (added without a version bump: v1 records never carry it, so their meaning is unchanged). */
  flags: t.array(t.keyof({ debits_must_not_exceed_credits: null, credits_must_not_exceed_debits: null, imported: null })),
  overdraftLimit: AmountString,
  timestamp: TimestampString,
});
/** JSON form of an account. */
export type AccountRecord = t.TypeOf<typeof AccountRecord>;

/** A stored two-leg transfer (plain, pending, post, void, balancing, or a reversal). */
export const TransferRecord = t.intersection([
  t.type({
    kind: t.literal('transfer'),
    id: IdString,
    debitAccountId: IdString,
    creditAccountId: IdString,
    amount: AmountString,
    ledger: IdString,
    code: Code,
    flags: t.array(
      t.keyof({
        pending: null,
        post_pending_transfer: null,
        void_pending_transfer: null,
        balancing_debit: null,
        balancing_credit: null,
        // Added without a version bump: v1 records never carry them, so their meaning is unchanged.
        closing_debit: null,
        closing_credit: null,
        imported: null,
      }),
    ),
    timestamp: TimestampString,
  }),
  optional({
    /** The cap or partial amount the caller asked for, where it can differ from `amount`; null when omitted. */
    requestedAmount: t.union([AmountString, t.null]),
    pendingId: IdString,
    timeout: Seconds,
    userData: t.string,
    reversalOf: IdString,
  }),
]);
/** JSON form of a two-leg transfer. */
export type TransferRecord = t.TypeOf<typeof TransferRecord>;

/** A stored leg. */
export const LegRecord = t.type({
  accountId: IdString,
  side: t.keyof({ debit: null, credit: null }),
  amount: AmountString,
});
/** JSON form of a leg. */
export type LegRecord = t.TypeOf<typeof LegRecord>;

/** A stored multi-leg journal entry (or the reversal of one). */
export const JournalRecord = t.intersection([
  t.type({
    kind: t.literal('journal'),
    id: IdString,
    legs: t.array(LegRecord),
    code: Code,
    timestamp: TimestampString,
  }),
  optional({ userData: t.string, reversalOf: IdString }),
]);
/** JSON form of a journal entry. */
export type JournalRecord = t.TypeOf<typeof JournalRecord>;

/** Anything a `TransfersCommitted` event carries. */
export const PostingRecord = t.union([TransferRecord, JournalRecord]);
/** JSON form of a transfer or journal entry. */
export type PostingRecord = t.TypeOf<typeof PostingRecord>;

/** `LedgersDefined` v1. */
export const LedgersDefinedData = t.type({ ledgers: t.array(LedgerRecord) });
/** `AccountsOpened` v1. */
export const AccountsOpenedData = t.type({ accounts: t.array(AccountRecord) });
/** `AccountsClosed` / `AccountsReopened` v1. */
export const AccountsStatusData = t.type({
  accounts: t.array(t.type({ id: IdString, timestamp: TimestampString })),
});
/** `TransfersCommitted` v1: one atomically applied batch (the combinator form, which reports errors). */
export const TransfersCommittedSchema = t.type({
  /** Pending transfers that timed out before this batch, released first. */
  expired: t.array(t.type({ id: IdString, timestamp: TimestampString })),
  /** Accepted items, in application order. */
  transfers: t.array(PostingRecord),
  /** Ids that failed with a transient code: remembered so a retry cannot succeed later. */
  failed: t.array(t.type({ id: IdString, code: t.string })),
});

/**
 * `PeriodClosed` v1: the open period ends here. Balances and open holds carry forward; the
 * period's postings and failed ids leave the book's state for its closed-posting index (see
 * periods/). `period` is the number of the period closed (0 for the first).
 */
export const PeriodClosedData = t.type({
  period: integer('Period', 0, MAX_PERIOD),
  timestamp: TimestampString,
});

/** `TransfersCommitted` v1 with its hand-written fast path (see fastValidation.ts). */
export const TransfersCommittedData = withFastPath(TransfersCommittedSchema, isTransfersCommittedData);

/** Every event of a ledger book. */
export type LedgerEvent =
  | { readonly type: 'LedgersDefined'; readonly data: t.TypeOf<typeof LedgersDefinedData> }
  | { readonly type: 'AccountsOpened'; readonly data: t.TypeOf<typeof AccountsOpenedData> }
  | { readonly type: 'AccountsClosed'; readonly data: t.TypeOf<typeof AccountsStatusData> }
  | { readonly type: 'AccountsReopened'; readonly data: t.TypeOf<typeof AccountsStatusData> }
  | { readonly type: 'TransfersCommitted'; readonly data: t.TypeOf<typeof TransfersCommittedData> }
  | { readonly type: 'PeriodClosed'; readonly data: t.TypeOf<typeof PeriodClosedData> };

/** Type and schema version of each ledger event, with its data codec. */
export const ledgerEventSchemas: EventSchemas<LedgerEvent> = {
  LedgersDefined: { version: 1, codec: LedgersDefinedData },
  AccountsOpened: { version: 1, codec: AccountsOpenedData },
  AccountsClosed: { version: 1, codec: AccountsStatusData },
  AccountsReopened: { version: 1, codec: AccountsStatusData },
  TransfersCommitted: { version: 1, codec: TransfersCommittedData },
  PeriodClosed: { version: 1, codec: PeriodClosedData },
};
