/**
 * Balances as of a past instant. Each account keeps its history: one entry per change, holding the
 * four fields after it, in timestamp order; a query is a binary search. An instant before the
 * account's first movement gives zeros, one before the account was opened gives `undefined`.
 */
import type { BalanceFields } from '../ledger/accountView.js';
import { projectedBalanceOf, type ProjectedAccountBalance } from './accountBalances.js';
import { countAtOrBefore, type Instant } from './instant.js';
import { checkedAccountId, checkedNanosOf } from './queryError.js';
import { pageOf, type Page, type PageRequest } from '../ledger/page.js';
import {
  applyMovement,
  LedgerIndex,
  snapshotCounters,
  zeroCounters,
  type BalanceCounters,
  type IndexedAccount,
  type IndexedProjectionOptions,
} from './ledgerIndex.js';
import { Projection, type ProjectedEvent } from './projection.js';
import { trialBalanceOf, type AccountFields, type TrialBalance } from './trialBalance.js';

/** A point of an account's history: its fields (or status) from `timestamp` on. */
interface Entry<T> {
  readonly timestamp: bigint;
  readonly value: T;
}

interface AccountHistory {
  readonly account: IndexedAccount;
  readonly current: BalanceCounters;
  readonly fields: Entry<BalanceFields>[];
  readonly closed: Entry<boolean>[];
}

const ZERO: BalanceFields = snapshotCounters(zeroCounters());

/** Appends to a history, replacing the last entry when it has the same timestamp. */
const record = <T>(entries: Entry<T>[], timestamp: bigint, value: T): void => {
  // Several legs of one journal entry (or expiries of one batch) share a timestamp: keep the last.
  const last = entries[entries.length - 1];
  if (last !== undefined && last.timestamp === timestamp) entries[entries.length - 1] = { timestamp, value };
  else entries.push({ timestamp, value });
};

/** The value in effect at `instant`, or `fallback` before the first entry. */
const valueAt = <T>(entries: readonly Entry<T>[], instant: bigint, fallback: T): T =>
  entries[countAtOrBefore(entries, instant, (entry) => entry.timestamp) - 1]?.value ?? fallback;

/** Balances (and trial balances) at any past instant. */
export class BalancesAsOfProjection extends Projection {
  /** Projection name. */
  readonly name = 'ledger.balancesAsOf';
  private readonly index: LedgerIndex;
  private readonly histories = new Map<string, AccountHistory>();
  /** Histories in opening order, for {@link balancesAsOfPage}. */
  private readonly order: AccountHistory[] = [];

  /** A projection with a private index, or the shared `options.index`. */
  constructor(options: IndexedProjectionOptions = {}) {
    super();
    this.index = options.index ?? new LedgerIndex();
  }

  protected evolve(event: ProjectedEvent): void {
    const movements = this.index.movementsOf(event);
    switch (event.type) {
      case 'AccountsOpened':
        for (const { id } of event.data.accounts) {
          const account = this.index.account(id);
          if (account === undefined || this.histories.has(id)) continue;
          const history: AccountHistory = { account, current: zeroCounters(), fields: [], closed: [] };
          this.histories.set(id, history);
          this.order.push(history);
        }
        return;
      case 'AccountsClosed':
      case 'AccountsReopened':
        for (const { id, timestamp } of event.data.accounts) {
          const history = this.histories.get(id);
          if (history !== undefined) record(history.closed, BigInt(timestamp), event.type === 'AccountsClosed');
        }
        return;
      case 'TransfersCommitted':
        for (const movement of movements) {
          const history = this.histories.get(movement.accountId);
          if (history === undefined) continue;
          applyMovement(history.current, movement);
          record(history.fields, movement.timestamp, snapshotCounters(history.current));
        }
        return;
      case 'LedgersDefined':
        return;
    }
  }

  /**
   * The account's fields in minor units as of `instant`; `undefined` before it was opened.
   * @throws QueryArgumentError for an argument its type does not accept.
   */
  fieldsAsOf(accountId: string, instant: Instant): BalanceFields | undefined {
    const at = checkedNanosOf(instant);
    const history = this.histories.get(checkedAccountId(accountId));
    return history === undefined ? undefined : fieldsOf(history, at);
  }

  /**
   * The account's balances as of `instant` (inclusive); `undefined` before it was opened.
   * @throws QueryArgumentError for an argument its type does not accept (a number, an invalid
   *   Date, a non-string id ...).
   */
  balanceAsOf(accountId: string, instant: Instant): ProjectedAccountBalance | undefined {
    const at = checkedNanosOf(instant);
    const history = this.histories.get(checkedAccountId(accountId));
    return history === undefined ? undefined : viewOf(history, at);
  }

  /**
   * Balances of every account open at `instant`, in opening order: for small books and tests only,
   * since it copies every account on each call; list them with {@link balancesAsOfPage}.
   * @throws QueryArgumentError for an instant its type does not accept.
   */
  balancesAsOf(instant: Instant): ProjectedAccountBalance[] {
    const at = checkedNanosOf(instant);
    const views: ProjectedAccountBalance[] = [];
    for (const history of this.histories.values()) {
      const view = viewOf(history, at);
      if (view !== undefined) views.push(view);
    }
    return views;
  }

  /**
   * One page of the balances of the accounts open at `instant`, in opening order (`{ limit, after }`
   * -> `{ items, nextCursor }`; accounts opened later are skipped, and the cursor is given only when
   * another account open at `instant` follows).
   * @throws QueryArgumentError for an invalid instant or page request.
   */
  balancesAsOfPage(instant: Instant, page?: PageRequest): Page<ProjectedAccountBalance> {
    const at = checkedNanosOf(instant);
    return pageOf(this.order, page, (history) => viewOf(history, at));
  }

  /**
   * The trial balance as of `instant`, over the accounts opened by then.
   * @throws QueryArgumentError for an instant its type does not accept.
   */
  trialBalanceAsOf(instant: Instant): TrialBalance {
    const at = checkedNanosOf(instant);
    const entries: AccountFields[] = [];
    for (const history of this.histories.values()) {
      const fields = fieldsOf(history, at);
      if (fields !== undefined) entries.push({ account: history.account, fields });
    }
    return trialBalanceOf(entries);
  }
}

const fieldsOf = (history: AccountHistory, at: bigint): BalanceFields | undefined =>
  at < history.account.openedAt ? undefined : valueAt(history.fields, at, ZERO);

const viewOf = (history: AccountHistory, at: bigint): ProjectedAccountBalance | undefined => {
  const fields = fieldsOf(history, at);
  return fields === undefined ? undefined : projectedBalanceOf(history.account, fields, valueAt(history.closed, at, false));
};
