/**
 * Book snapshots: loading a book reads its latest snapshot and only the events after it, never
 * the whole history. A snapshot is the whole book state as JSON (balances as decimal strings),
 * stored as one event in the book's snapshot stream together with the revision it covers. The
 * state holds the open period only (see periods/), so a snapshot's size does not grow with the
 * closed history.
 */
import * as t from 'io-ts';
import type { EventSchemas } from '../commandHandling/eventSchemas.js';
import { Sha256Hex } from '../codecs/sha256Hex.js';
import { minorToDecimal } from '../money/decimalString.js';
import { storedAmount } from './amounts.js';
import { accountStateOf, initialBookState, storedJournalOf, storedTransferOf, type BookState } from './bookState.js';
import { AccountRecord, AmountString, IdString, LedgerRecord, PostingRecord, TimestampString } from './events.js';

const Balances = t.type({
  debitsPending: AmountString,
  debitsPosted: AmountString,
  creditsPending: AmountString,
  creditsPosted: AmountString,
});

/** `BookSnapshot` v1 data (`commands` and `period` are optional: older snapshots lack them). */
export const BookSnapshotData = t.intersection([
  t.type({
  /** Revision of the last book event the snapshot includes. */
  revision: TimestampString,
  lastTimestamp: TimestampString,
  ledgers: t.array(LedgerRecord),
  accounts: t.array(t.type({ record: AccountRecord, balances: Balances, closed: t.boolean })),
  postings: t.array(PostingRecord),
  pending: t.array(t.type({ id: IdString, status: t.keyof({ pending: null, posted: null, voided: null, expired: null }) })),
  reversed: t.array(t.type({ id: IdString, by: IdString })),
  failed: t.array(t.type({ id: IdString, code: t.string })),
  }),
  t.partial({
    /** The period the snapshot is in (absent in snapshots taken before periods existed: 0). */
    period: t.refinement(t.number, (n) => Number.isSafeInteger(n) && n >= 0, 'Period'),
    /** Command id -> request fingerprint (`BookState.commands`). */
    commands: t.array(t.type({ id: t.string, requestHash: Sha256Hex })),
  }),
]);
/** JSON form of a snapshot. */
export type BookSnapshotData = t.TypeOf<typeof BookSnapshotData>;

/** The snapshot event. */
export type BookSnapshotEvent = { readonly type: 'BookSnapshot'; readonly data: BookSnapshotData };

/** Schema of the snapshot event. */
export const bookSnapshotSchemas: EventSchemas<BookSnapshotEvent> = { BookSnapshot: { version: 1, codec: BookSnapshotData } };

/** Serializes a book state covering events up to `revision`. */
export const snapshotOf = (state: BookState, revision: bigint): BookSnapshotData => ({
  revision: revision.toString(),
  lastTimestamp: state.lastTimestamp.toString(),
  ledgers: [...state.ledgers.values()],
  accounts: [...state.accounts.values()].map((account) => ({
    record: account.record,
    closed: account.closed,
    balances: {
      debitsPending: minorToDecimal(account.debitsPending, account.scale),
      debitsPosted: minorToDecimal(account.debitsPosted, account.scale),
      creditsPending: minorToDecimal(account.creditsPending, account.scale),
      creditsPosted: minorToDecimal(account.creditsPosted, account.scale),
    },
  })),
  postings: [...state.postings.values()].map((posting) => posting.record),
  pending: [...state.pendingStatus].map(([id, status]) => ({ id, status })),
  reversed: [...state.reversedBy].map(([id, by]) => ({ id, by })),
  failed: [...state.failed].map(([id, code]) => ({ id, code })),
  commands: [...state.commands].map(([id, requestHash]) => ({ id, requestHash })),
  period: state.period,
});

/** Rebuilds a book state from a snapshot; the revision it covers comes back with it. */
export const restoreSnapshot = (snapshot: BookSnapshotData): { state: BookState; revision: bigint } => {
  const state = initialBookState();
  state.lastTimestamp = BigInt(snapshot.lastTimestamp);
  state.period = snapshot.period ?? 0;
  for (const ledger of snapshot.ledgers) state.ledgers.set(ledger.id, ledger);
  for (const { record, balances, closed } of snapshot.accounts) {
    const account = accountStateOf(record, state.ledgers.get(record.ledger)?.asset.scale ?? 0, state.ledgers.get(record.ledger)?.id);
    account.debitsPending = storedAmount(balances.debitsPending, account.scale);
    account.debitsPosted = storedAmount(balances.debitsPosted, account.scale);
    account.creditsPending = storedAmount(balances.creditsPending, account.scale);
    account.creditsPosted = storedAmount(balances.creditsPosted, account.scale);
    account.closed = closed;
    state.accounts.set(record.id, account);
  }
  for (const record of snapshot.postings) {
    state.postings.set(
      record.id,
      record.kind === 'transfer'
        ? storedTransferOf(record, state.ledgers.get(record.ledger)?.asset.scale ?? 0)
        : storedJournalOf(record, (id) => state.accounts.get(id)?.scale ?? 0),
    );
  }
  for (const { id, status } of snapshot.pending) {
    state.pendingStatus.set(id, status);
    const hold = state.postings.get(id);
    if (status === 'pending' && hold?.kind === 'transfer' && hold.expiresAt > 0n) state.expiries.push({ at: hold.expiresAt, id });
  }
  for (const { id, by } of snapshot.reversed) state.reversedBy.set(id, by);
  for (const { id, code } of snapshot.failed) state.failed.set(id, code as never);
  for (const { id, requestHash } of snapshot.commands ?? []) state.commands.set(id, requestHash);
  return { state, revision: BigInt(snapshot.revision) };
};
