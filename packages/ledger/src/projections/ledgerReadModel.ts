/**
 * `LedgerReadModel`: the ledger projections behind one facade, fed raw `RecordedEvent`s (from a
 * stream read, `readAll` or a catch-up subscription). It decodes ledger events with the schemas of
 * `ledger/events.ts`, ignores every other type, and shares one {@link LedgerIndex} between its
 * projections so each event is parsed once.
 *
 * ```ts
 * const model = new LedgerReadModel();
 * model.applyAll(await store.readAll());
 * model.balance('alice'); model.statement('alice'); model.trialBalance(); model.balancesAsOf(instant);
 * ```
 */
import * as E from 'fp-ts/lib/Either.js';
import { decodeEvent } from '../commandHandling/eventSchemas.js';
import type { RecordedEvent } from '../eventStore/envelope.js';
import { ledgerEventSchemas, type LedgerEvent } from '../ledger/events.js';
import { AccountBalancesProjection, type ProjectedAccountBalance } from './accountBalances.js';
import { AccountStatementProjection, type AccountStatement, type StatementRange } from './accountStatement.js';
import { BalancesAsOfProjection } from './balancesAsOf.js';
import type { Page, PageRequest } from '../ledger/page.js';
import type { Instant } from './instant.js';
import { LedgerIndex } from './ledgerIndex.js';
import { isLedgerEventType, type ProjectedEvent } from './projection.js';
import { TrialBalanceProjection, type TrialBalance } from './trialBalance.js';

/**
 * Decodes a recorded ledger event with its io-ts schema.
 * @throws EventDecodeError naming the stream and revision: `event_decode_failed` when the data
 *   does not match, `event_type_unknown` for a type or version without a schema.
 */
export const decodeLedgerEvent = (recorded: RecordedEvent): ProjectedEvent => {
  // decodeEvent is the book's own read path (codec.decode of ledgerEventSchemas[type]), so the
  // model accepts and rejects exactly what the book does.
  const decoded = decodeEvent<LedgerEvent>(ledgerEventSchemas, recorded);
  if (E.isLeft(decoded)) throw decoded.left;
  const { streamName, revision, position, metadata } = recorded;
  return { ...decoded.right, streamName, revision, position, metadata };
};

/** Options of a {@link LedgerReadModel}. */
export interface LedgerReadModelOptions {
  /**
   * Which streams carry this model's book (default: every stream). Account ids are unique within a
   * book only, so on a global log shared by several books, follow one, e.g.
   * `(name) => name === 'ledger-book-main'`.
   */
  readonly streams?: (streamName: string) => boolean;
}

/** Balances, statements, trial balance and as-of balances of one ledger book. */
export class LedgerReadModel {
  private readonly index = new LedgerIndex();
  // The projections below share the index: query them freely, but feed events only through the model.
  /** Current balances. */
  readonly accountBalances = new AccountBalancesProjection({ index: this.index });
  /** Statement lines. */
  readonly accountStatements = new AccountStatementProjection({ index: this.index });
  /** Current trial balance. */
  readonly trialBalances = new TrialBalanceProjection({ index: this.index });
  /** Balance history. */
  readonly balanceHistory = new BalancesAsOfProjection({ index: this.index });
  private readonly projections = [this.accountBalances, this.accountStatements, this.trialBalances, this.balanceHistory];
  private readonly streams: (streamName: string) => boolean;
  #position: bigint | undefined = undefined;

  /** An empty model. */
  constructor(options: LedgerReadModelOptions = {}) {
    this.streams = options.streams ?? (() => true);
  }

  /** Global position of the last event seen (applied or ignored); `undefined` before the first. */
  get position(): bigint | undefined {
    return this.#position;
  }

  /**
   * Applies one recorded event. Returns `true` when it changed the model; `false` when it was
   * re-delivered (position at or below {@link position}), of another type or of another stream.
   * @throws EventDecodeError when a ledger event does not decode (the position does not advance).
   * @throws ProjectionConsistencyError when the event refers to accounts or holds never seen.
   */
  apply(recorded: RecordedEvent): boolean {
    if (this.#position !== undefined && recorded.position <= this.#position) return false;
    const relevant = isLedgerEventType(recorded.type) && this.streams(recorded.streamName);
    if (relevant) {
      // Decode before touching any projection, so a bad event leaves the model unchanged.
      const event = decodeLedgerEvent(recorded);
      for (const projection of this.projections) projection.apply(event);
    }
    this.#position = recorded.position;
    return relevant;
  }

  /** Applies events in order; returns how many changed the model. */
  applyAll(recorded: Iterable<RecordedEvent>): number {
    let applied = 0;
    for (const event of recorded) if (this.apply(event)) applied++;
    return applied;
  }

  /** One account's current balances, or `undefined` if never opened. */
  balance(accountId: string): ProjectedAccountBalance | undefined {
    return this.accountBalances.balanceOf(accountId);
  }

  /**
   * Every account's current balances, in opening order: for small books and tests only, since it
   * copies every account on each call; list them with {@link balancesPage}.
   */
  balances(): ProjectedAccountBalance[] {
    return this.accountBalances.balances();
  }

  /**
   * One page of the accounts' current balances, in opening order: `{ limit, after }` (default 100,
   * at most 1,000) -> `{ items, nextCursor }`. Walking every page yields each account exactly once.
   * @throws QueryArgumentError for an invalid page request.
   */
  balancesPage(page?: PageRequest): Page<ProjectedAccountBalance> {
    return this.accountBalances.balancesPage(page);
  }

  /**
   * One account's statement (both bounds inclusive), or `undefined` if never opened: every line of
   * the range at once, for small books and tests; prefer {@link statementPage}.
   */
  statement(accountId: string, range: StatementRange = {}): AccountStatement | undefined {
    return this.accountStatements.statementOf(accountId, range);
  }

  /**
   * One page of an account's statement over `range` (both bounds inclusive): up to `limit` lines,
   * opening and closing balances around them, and `nextCursor` when more lines follow.
   * @throws QueryArgumentError for an argument its type does not accept.
   */
  statementPage(accountId: string, range: StatementRange = {}, page?: PageRequest): (AccountStatement & { readonly nextCursor?: string }) | undefined {
    return this.accountStatements.statementPage(accountId, range, page);
  }

  /** The trial balance now. */
  trialBalance(): TrialBalance {
    return this.trialBalances.trialBalance();
  }

  /** One account's balances as of `instant`; `undefined` before it was opened. */
  balanceAsOf(accountId: string, instant: Instant): ProjectedAccountBalance | undefined {
    return this.balanceHistory.balanceAsOf(accountId, instant);
  }

  /**
   * Balances of every account opened by `instant`, as of `instant`: for small books and tests only,
   * since it copies every account; list them with {@link balancesAsOfPage}.
   */
  balancesAsOf(instant: Instant): ProjectedAccountBalance[] {
    return this.balanceHistory.balancesAsOf(instant);
  }

  /**
   * One page of the balances of the accounts open at `instant`, in opening order: `{ limit, after }`
   * -> `{ items, nextCursor }`, skipping accounts opened later.
   * @throws QueryArgumentError for an invalid instant or page request.
   */
  balancesAsOfPage(instant: Instant, page?: PageRequest): Page<ProjectedAccountBalance> {
    return this.balanceHistory.balancesAsOfPage(instant, page);
  }

  /** The trial balance as of `instant`. */
  trialBalanceAsOf(instant: Instant): TrialBalance {
    return this.balanceHistory.trialBalanceAsOf(instant);
  }
}
