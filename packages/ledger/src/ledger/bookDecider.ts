/**
 * The ledger book as a decider. `decideBook` gives the full outcome (the event and one result per
 * item, TigerBeetle-style); `bookDecider` fits it to the generic `Decider` shape: `Left` when the
 * command changed nothing and something failed, `Right` with the events to append otherwise.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Decider } from '../commandHandling/decider.js';
import { evolveBook, initialBookState, type BookState, type CommittedBatch } from './bookState.js';
import { decideAccounts, decideAccountStatus, decideLedgers } from './decideAccounts.js';
import { decideTransferBatch, MAX_BATCH_SIZE } from './decideTransfers.js';
import type { LedgerEvent } from './events.js';
import type { LedgerResultCode } from '../errors.js';
import { AccountInputCodec, itemCodecOf, LedgerInputCodec, shapeDetail } from './inputCodecs.js';
import { isSuccess, LedgerError, type ItemResult } from './ledgerError.js';
import type * as t from 'io-ts';
import type { ClosedViews } from './periods/closedLookup.js';
import { decidePeriodClose } from './periods/decidePeriodClose.js';
import { withFieldAndReason } from './resultDetails.js';

/** Commands a book accepts. Items are `unknown`: the book validates every field. `now` is nanoseconds. */
export type BookCommand =
  | { readonly type: 'DefineLedgers'; readonly data: { readonly ledgers: unknown } }
  | { readonly type: 'OpenAccounts'; readonly data: { readonly accounts: unknown; readonly now: bigint } }
  | { readonly type: 'CloseAccounts'; readonly data: { readonly ids: unknown; readonly now: bigint } }
  | { readonly type: 'ReopenAccounts'; readonly data: { readonly ids: unknown; readonly now: bigint } }
  | {
      readonly type: 'CreateTransfers';
      /** `closed`: what the closed-posting index holds for the ids the batch names (needed once a period was closed). */
      readonly data: { readonly transfers: unknown; readonly now: bigint; readonly closed?: ClosedViews };
    }
  | { readonly type: 'ExpirePendingTransfers'; readonly data: { readonly now: bigint } }
  | { readonly type: 'ClosePeriod'; readonly data: { readonly now: bigint } };

/** A book command's full outcome. */
export interface BookDecision {
  readonly events: LedgerEvent[];
  readonly results: ItemResult[];
  /** For transfer batches: the effects already parsed, which the live writer applies directly. */
  readonly committed?: CommittedBatch;
}

/** Codes that reject an item for its shape rather than for the book's state: these get a `detail`. */
const SHAPE_CODES: ReadonlySet<LedgerResultCode> = new Set<LedgerResultCode>([
  'item_malformed',
  'unknown_field',
  'reserved_flag',
  'id_must_not_be_empty',
  'id_malformed',
  'ledger_must_not_be_empty',
  'code_must_not_be_zero',
  'account_type_invalid',
  'tenant_malformed',
  'metadata_malformed',
  'overdraft_limit_invalid',
  'asset_invalid',
  'debit_account_id_must_not_be_empty',
  'credit_account_id_must_not_be_empty',
  'timeout_invalid',
  'amount_invalid',
  'user_data_malformed',
  'journal_entry_leg_malformed',
]);

/**
 * Adds the codec's path-and-reason text to results that rejected an item's shape, and the field
 * (and money reason) a result is about (see `resultDetails.ts`). `state` gives the scales of
 * amounts; a transfer batch never changes ledgers or accounts, so the state before it will do.
 */
export const withDetails = (
  results: ItemResult[],
  items: readonly unknown[],
  root: string,
  codecOf: (item: unknown) => t.Decoder<unknown, unknown>,
  state?: BookState,
): ItemResult[] =>
  results.map((r) => {
    if (!SHAPE_CODES.has(r.result)) return r;
    const item = items[r.index];
    const path = `$.${root}[${r.index}]`;
    const detail = shapeDetail(codecOf(item), item, path);
    const described = detail === undefined ? r : { ...r, detail };
    return root === 'ledgers' || root === 'accounts' || root === 'transfers' ? withFieldAndReason(described, item, root, path, state) : described;
  });

/** Checks that a batch is a non-empty array within the size limit. */
export const batchOf = (items: unknown): E.Either<LedgerError, readonly unknown[]> => {
  if (!Array.isArray(items)) return E.left(new LedgerError('item_malformed', [], 'the batch must be an array'));
  if (items.length === 0) return E.left(new LedgerError('batch_empty'));
  if (items.length > MAX_BATCH_SIZE) return E.left(new LedgerError('batch_too_large', [], `${items.length} > ${MAX_BATCH_SIZE}`));
  return E.right(items);
};

/** Decides a command: the events to append (possibly none) and each item's result. */
export const decideBook = (command: BookCommand, state: BookState): E.Either<LedgerError, BookDecision> => {
  const outcome = <Ev extends LedgerEvent>(
    decision: { event: Ev | undefined; results: ItemResult[]; committed?: CommittedBatch | undefined },
    items: readonly unknown[] = [],
    root = '',
    codecOf: (item: unknown) => t.Decoder<unknown, unknown> = itemCodecOf,
  ): BookDecision => {
    const events = decision.event === undefined ? [] : [decision.event];
    const results = withDetails(decision.results, items, root, codecOf, state);
    return decision.committed === undefined ? { events, results } : { events, results, committed: decision.committed };
  };
  switch (command.type) {
    case 'DefineLedgers':
      return E.map((items: readonly unknown[]) => outcome(decideLedgers(state, items), items, 'ledgers', () => LedgerInputCodec))(batchOf(command.data.ledgers));
    case 'OpenAccounts':
      return E.map((items: readonly unknown[]) => outcome(decideAccounts(state, items, command.data.now), items, 'accounts', () => AccountInputCodec))(batchOf(command.data.accounts));
    case 'CloseAccounts':
    case 'ReopenAccounts': {
      const close = command.type === 'CloseAccounts';
      return E.map((items: readonly unknown[]) => outcome(decideAccountStatus(state, items, close, command.data.now)))(batchOf(command.data.ids));
    }
    case 'CreateTransfers':
      // Once a period is closed, deciding without what the index holds would answer old ids as
      // new: a caller bug, not a request error (the Book always passes it).
      if (state.period > 0 && command.data.closed === undefined) {
        throw new Error('CreateTransfers after a closed period needs data.closed (see periods/closedLookup.ts)');
      }
      return E.map((items: readonly unknown[]) => outcome(decideTransferBatch(state, items, command.data.now, command.data.closed), items, 'transfers'))(batchOf(command.data.transfers));
    case 'ExpirePendingTransfers':
      return E.right(outcome(decideTransferBatch(state, [], command.data.now)));
    case 'ClosePeriod':
      return E.right({ events: [decidePeriodClose(state, command.data.now)], results: [] });
  }
};

/** The book as a generic decider; see the module comment. */
export const bookDecider: Decider<BookCommand, LedgerEvent, BookState, LedgerError> = {
  initialState: initialBookState,
  evolve: evolveBook,
  decide: (command, state) => {
    const decision = decideBook(command, state);
    if (E.isLeft(decision)) return decision;
    const { events, results } = decision.right;
    const failure = results.find((r) => !isSuccess(r.result) && r.result !== 'linked_event_failed') ?? results.find((r) => !isSuccess(r.result));
    if (events.length === 0 && failure !== undefined) {
      return E.left(new LedgerError(failure.result as Exclude<typeof failure.result, 'ok' | 'exists'>, results, `item ${failure.index} (${failure.id})`));
    }
    return E.right(events);
  },
};
