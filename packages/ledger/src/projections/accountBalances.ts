/**
 * Current balances per account: the four TigerBeetle fields (bigint inside), exposed as decimal
 * strings with the normal-side `balance` and `available` computed by `ledger/accountView.ts`, so
 * they read exactly like `Book.account(id)`.
 */
import { accountBalanceOf, type AccountBalance, type BalanceFields } from '../ledger/accountView.js';
import {
  applyMovement,
  LedgerIndex,
  zeroCounters,
  type BalanceCounters,
  type IndexedAccount,
  type IndexedProjectionOptions,
} from './ledgerIndex.js';
import { Projection, type ProjectedEvent } from './projection.js';
import { pageOf, type Page, type PageRequest } from '../ledger/page.js';

/** An account's balances, plus its ledger's asset code and scale. */
export interface ProjectedAccountBalance extends AccountBalance {
  readonly assetCode: string;
  readonly scale: number;
}

/** Builds the public view of an account from balance fields and a closed flag. */
export const projectedBalanceOf = (account: IndexedAccount, fields: BalanceFields, closed: boolean): ProjectedAccountBalance => ({
  // accountBalanceOf is the book's own view: reusing it keeps the formats identical.
  ...accountBalanceOf({
    ...account.opening,
    debitsPending: fields.debitsPending,
    debitsPosted: fields.debitsPosted,
    creditsPending: fields.creditsPending,
    creditsPosted: fields.creditsPosted,
    closed,
  }),
  assetCode: account.assetCode,
  scale: account.scale,
});

/** Balances per account. */
export class AccountBalancesProjection extends Projection {
  /** Projection name. */
  readonly name: string = 'ledger.accountBalances';
  protected readonly index: LedgerIndex;
  protected readonly counters = new Map<string, BalanceCounters>();
  /** Account ids in opening order, for {@link balancesPage}. */
  private readonly order: string[] = [];

  /** A projection with a private index, or the shared `options.index`. */
  constructor(options: IndexedProjectionOptions = {}) {
    super();
    this.index = options.index ?? new LedgerIndex();
  }

  protected evolve(event: ProjectedEvent): void {
    // Always consult the index first: it must learn ledgers and accounts from every event.
    const movements = this.index.movementsOf(event);
    if (event.type === 'AccountsOpened') {
      for (const { id } of event.data.accounts) {
        if (!this.counters.has(id)) this.order.push(id);
        this.counters.set(id, zeroCounters());
      }
    }
    for (const movement of movements) {
      const counters = this.counters.get(movement.accountId);
      if (counters !== undefined) applyMovement(counters, movement);
    }
  }

  /** The account's current balances, or `undefined` if it was never opened. */
  balanceOf(accountId: string): ProjectedAccountBalance | undefined {
    const account = this.index.account(accountId);
    const counters = this.counters.get(accountId);
    return account === undefined || counters === undefined ? undefined : projectedBalanceOf(account, counters, account.closed);
  }

  /**
   * One page of the accounts' current balances, in opening order (`{ limit, after }` ->
   * `{ items, nextCursor }`, see {@link PageRequest}).
   * @throws QueryArgumentError for an invalid page request.
   */
  balancesPage(page?: PageRequest): Page<ProjectedAccountBalance> {
    return pageOf(this.order, page, (id) => this.balanceOf(id));
  }

  /**
   * Every account's current balances, in opening order: for small books and tests only, since it
   * copies every account on each call; list them with {@link balancesPage}.
   */
  balances(): ProjectedAccountBalance[] {
    const views: ProjectedAccountBalance[] = [];
    for (const account of this.index.accounts()) {
      const counters = this.counters.get(account.id);
      if (counters !== undefined) views.push(projectedBalanceOf(account, counters, account.closed));
    }
    return views;
  }

  /** Raw counters in minor units (for the trial balance and tests), or `undefined`. */
  fieldsOf(accountId: string): BalanceFields | undefined {
    const counters = this.counters.get(accountId);
    return counters === undefined ? undefined : { ...counters };
  }
}
