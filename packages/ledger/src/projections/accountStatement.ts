/**
 * Account statements: per account, one line per movement in book order. Posted movements change
 * the running balance; holds, voids and expiries are listed but only change the running pending.
 */
import type { Side } from '../ledger/inputs.js';
import { minorToDecimal } from '../money/decimalString.js';
import { countAtOrBefore, type Instant } from './instant.js';
import { checkedAccountId, checkedNanosOf, QueryArgumentError } from './queryError.js';
import { checkedPageRequest, type PageRequest } from '../ledger/page.js';
import { LedgerIndex, type IndexedProjectionOptions, type Movement, type MovementKind } from './ledgerIndex.js';
import { Projection, type ProjectedEvent } from './projection.js';

/** One statement line. Amounts are decimal strings at the account's scale. */
export interface StatementLine {
  readonly transferId: string;
  /** Book timestamp, nanoseconds as a decimal string. */
  readonly timestamp: string;
  /** ISO instant of the event that carried the movement (`metadata.occurredAt`). */
  readonly occurredAt: string;
  readonly kind: MovementKind;
  /** The side of this account that moved. */
  readonly side: Side;
  /** Posted amount; for holds, voids and expiries the hold's amount. */
  readonly amount: string;
  /** Accounts on the other side of the transfer or journal entry. */
  readonly counterparties: readonly string[];
  readonly code: number;
  readonly userData?: string;
  readonly reversalOf?: string;
  /** The hold a post or void settles. */
  readonly pendingId?: string;
  /** Amount taken out of pending by a post, void or expiry (the hold's full amount). */
  readonly released?: string;
  /** Posted balance on the normal side after this line. */
  readonly runningBalance: string;
  /**
   * Pending on the normal side after this line: pending credits minus pending debits for
   * credit-normal accounts, the reverse for debit-normal ones. `runningBalance + runningPending`
   * is the balance once every open hold is posted in full.
   */
  readonly runningPending: string;
}

/** A statement: the lines in a range and the balances around them. */
export interface AccountStatement {
  readonly accountId: string;
  readonly ledger: string;
  readonly assetCode: string;
  readonly scale: number;
  readonly normalSide: Side;
  /** Running balance and pending just before the first line of the range. */
  readonly openingBalance: string;
  readonly openingPending: string;
  /** Running balance and pending after the last line of the range. */
  readonly closingBalance: string;
  readonly closingPending: string;
  readonly lines: readonly StatementLine[];
}

/** Which lines a statement holds: both bounds inclusive, on the book timestamp. */
export interface StatementRange {
  readonly from?: Instant;
  readonly to?: Instant;
}

/** A stored line: the shared movement plus its running totals, formatted only when read. */
interface StoredLine {
  readonly movement: Movement;
  readonly occurredAt: string;
  readonly balance: bigint;
  readonly pending: bigint;
}

/** Per-account statement lines. */
export class AccountStatementProjection extends Projection {
  /** Projection name. */
  readonly name = 'ledger.accountStatement';
  private readonly index: LedgerIndex;
  private readonly linesOf = new Map<string, StoredLine[]>();

  /** A projection with a private index, or the shared `options.index`. */
  constructor(options: IndexedProjectionOptions = {}) {
    super();
    this.index = options.index ?? new LedgerIndex();
  }

  protected evolve(event: ProjectedEvent): void {
    const movements = this.index.movementsOf(event);
    if (event.type === 'AccountsOpened') for (const { id } of event.data.accounts) this.linesOf.set(id, []);
    for (const movement of movements) {
      const lines = this.linesOf.get(movement.accountId);
      const account = this.index.account(movement.accountId);
      if (lines === undefined || account === undefined) continue;
      const last = lines[lines.length - 1];
      // A movement on the normal side raises the balance, one on the other side lowers it.
      const sign = movement.side === account.normalSide ? 1n : -1n;
      lines.push({
        movement,
        occurredAt: event.metadata.occurredAt,
        balance: (last?.balance ?? 0n) + sign * movement.postedDelta,
        pending: (last?.pending ?? 0n) + sign * movement.pendingDelta,
      });
    }
  }

  /**
   * The account's statement over `range` (default: everything), or `undefined` if never opened.
   * For small books and tests only: it copies every line of the range on each call; read a
   * statement with {@link statementPage}.
   * @throws QueryArgumentError for an argument its type does not accept.
   */
  statementOf(accountId: string, range: StatementRange = {}): AccountStatement | undefined {
    return this.statementLines(accountId, range, undefined);
  }

  /**
   * One page of the account's statement over `range`: up to `limit` lines, the opening balance
   * just before the page's first line and the closing balance after its last, and `nextCursor`
   * when more lines follow. Walking every page yields each line of the range exactly once.
   * @throws QueryArgumentError for an argument its type does not accept.
   */
  statementPage(accountId: string, range: StatementRange = {}, page?: PageRequest): (AccountStatement & { readonly nextCursor?: string }) | undefined {
    return this.statementLines(accountId, range, page ?? {});
  }

  private statementLines(accountId: string, range: StatementRange, page: PageRequest | undefined): (AccountStatement & { readonly nextCursor?: string }) | undefined {
    if (typeof range !== 'object' || range === null) throw new QueryArgumentError('range', 'must be an object { from?, to? }');
    const from = range.from === undefined ? undefined : checkedNanosOf(range.from, 'range.from');
    const to = range.to === undefined ? undefined : checkedNanosOf(range.to, 'range.to');
    const account = this.index.account(checkedAccountId(accountId));
    const lines = this.linesOf.get(accountId);
    if (account === undefined || lines === undefined) return undefined;
    // Lines are in timestamp order, so both bounds are binary searches.
    const start = from === undefined ? 0 : countAtOrBefore(lines, from - 1n, timestampOf);
    const end = to === undefined ? lines.length : countAtOrBefore(lines, to, timestampOf);
    let selected = lines.slice(start, Math.max(start, end));
    let first = start;
    let nextCursor: string | undefined;
    if (page !== undefined) {
      // The cursor counts lines from the range's start, which a later line never moves.
      const { limit, start: offset } = checkedPageRequest(page);
      first = start + Math.min(offset, selected.length);
      const rest = selected.slice(first - start);
      selected = rest.slice(0, limit);
      if (rest.length > limit) nextCursor = String(first - start + limit);
    }
    const before = lines[first - 1];
    const opening = { balance: before?.balance ?? 0n, pending: before?.pending ?? 0n };
    const closing = selected[selected.length - 1] ?? opening;
    const show = (minor: bigint): string => minorToDecimal(minor, account.scale);
    return {
      accountId,
      ledger: account.ledger.id,
      assetCode: account.assetCode,
      scale: account.scale,
      normalSide: account.normalSide,
      openingBalance: show(opening.balance),
      openingPending: show(opening.pending),
      closingBalance: show(closing.balance),
      closingPending: show(closing.pending),
      lines: selected.map((line) => lineOf(line, show)),
      ...(nextCursor === undefined ? {} : { nextCursor }),
    };
  }
}

const timestampOf = (line: StoredLine): bigint => line.movement.timestamp;

const lineOf = ({ movement: m, occurredAt, balance, pending }: StoredLine, show: (minor: bigint) => string): StatementLine => ({
  transferId: m.transferId,
  timestamp: m.timestamp.toString(),
  occurredAt,
  kind: m.kind,
  side: m.side,
  amount: show(m.amount),
  counterparties: m.counterparties,
  code: m.code,
  ...(m.userData === undefined ? {} : { userData: m.userData }),
  ...(m.reversalOf === undefined ? {} : { reversalOf: m.reversalOf }),
  ...(m.pendingId === undefined ? {} : { pendingId: m.pendingId }),
  ...(m.released === undefined ? {} : { released: show(m.released) }),
  runningBalance: show(balance),
  runningPending: show(pending),
});
