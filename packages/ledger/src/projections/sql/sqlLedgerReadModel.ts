/**
 * `SqlLedgerReadModel`: the ledger read models of `LedgerReadModel` (balances, statements, trial
 * balance, balances as of an instant), kept in SQL tables by the projection runner and queried
 * with the same result shapes, built by the same functions. Works on SQLite and PostgreSQL; the
 * database may be the event store's own or another one.
 *
 * ```ts
 * const model = new SqlLedgerReadModel(database, { streams: (name) => name === book.streamName });
 * const runner = await startProjection({ source: store, database, projection: model.projection });
 * await runner.caughtUp;
 * await model.balance('alice'); await model.statement('alice', { from }); await model.trialBalanceAsOf(instant);
 * ```
 *
 * Queries read committed pages only: they see the model as of some checkpoint, never half a page.
 * Lists that grow with the business have keyset-paginated forms ({@link SqlLedgerReadModel.balancesPage},
 * `statementPage`, `balancesAsOfPage`) with the cursors of the in-memory model; the unbounded
 * `balances()`, `statement()` and `balancesAsOf()` read everything at once, for small books and tests.
 * The tables exist once a runner (or `rebuildProjection`) has started the projection.
 */
import { toBigInt, type SqlDatabase, type SqlExecutor, type SqlValue } from '../../sql/sqlDatabase.js';
import type { BalanceFields } from '../../ledger/accountView.js';
import type { Side } from '../../ledger/inputs.js';
import { checkedPageRequest, type Page, type PageRequest } from '../../ledger/page.js';
import { minorToDecimal } from '../../money/decimalString.js';
import { projectedBalanceOf, type ProjectedAccountBalance } from '../accountBalances.js';
import type { AccountStatement, StatementLine, StatementRange } from '../accountStatement.js';
import type { Instant } from '../instant.js';
import { checkedAccountId, checkedNanosOf, QueryArgumentError } from '../queryError.js';
import type { IndexedAccount, MovementKind } from '../ledgerIndex.js';
import { trialBalanceOf, type AccountFields, type TrialBalance } from '../trialBalance.js';
import { booleanOf, fieldsOfColumns, indexedAccountOf, numberOf, type AccountRow, type FieldColumns } from './ledgerRows.js';
import { ledgerTablesOf, type LedgerTables } from './ledgerTables.js';
import { readSnapshot } from './readSnapshot.js';
import { SqlLedgerProjection } from './sqlLedgerProjection.js';
import { boundKey, TIMESTAMP_LIMIT, timestampOfKey } from './timestampKey.js';

/** Options of a {@link SqlLedgerReadModel}. */
export interface SqlLedgerReadModelOptions {
  /** Prefix of the table names (default `ledger_`): one prefix per book sharing a database. */
  readonly tablePrefix?: string;
  /** Checkpoint name of the projection (default `<tablePrefix>read_model`). */
  readonly name?: string;
  /** Which streams carry this model's book (default: every stream); see `LedgerReadModelOptions.streams`. */
  readonly streams?: (streamName: string) => boolean;
}

/** A statement line row. */
interface LineRow extends FieldColumns {
  readonly [column: string]: unknown;
  readonly seq: unknown;
  readonly at: string;
  readonly transfer_id: string;
  readonly occurred_at: string;
  readonly kind: MovementKind;
  readonly side: Side;
  readonly amount: string;
  readonly counterparties: string;
  readonly code: unknown;
  readonly user_data: string | null;
  readonly reversal_of: string | null;
  readonly pending_id: string | null;
  readonly released: string | null;
  readonly running_balance: string;
  readonly running_pending: string;
}

/** An account row joined with its latest line and status at some instant. */
interface AsOfRow extends AccountRow {
  readonly at_debits_pending: string | null;
  readonly at_debits_posted: string | null;
  readonly at_credits_pending: string | null;
  readonly at_credits_posted: string | null;
  readonly at_closed: unknown;
}

/** An account (with its opening number) and its fields and status at some instant. */
interface AsOfView {
  readonly seq: bigint;
  readonly account: IndexedAccount;
  readonly fields: BalanceFields;
  readonly closed: boolean;
}

const ZERO: BalanceFields = { debitsPending: 0n, debitsPosted: 0n, creditsPending: 0n, creditsPosted: 0n };

/** A statement range's bounds in nanoseconds. @throws QueryArgumentError for a range its type does not accept. */
const checkedRange = (range: StatementRange): { readonly from: bigint | undefined; readonly to: bigint | undefined } => {
  if (typeof range !== 'object' || range === null) throw new QueryArgumentError('range', 'must be an object { from?, to? }');
  return {
    from: range.from === undefined ? undefined : checkedNanosOf(range.from, 'range.from'),
    to: range.to === undefined ? undefined : checkedNanosOf(range.to, 'range.to'),
  };
};

/** A statement of `lines`, opening at the line just before them (none: zero). */
const statementOf = (
  accountId: string,
  account: IndexedAccount,
  opening: Pick<LineRow, 'running_balance' | 'running_pending'> | undefined,
  lines: readonly LineRow[],
): AccountStatement => {
  const show = (minor: bigint): string => minorToDecimal(minor, account.scale);
  const openingBalance = BigInt(opening?.running_balance ?? '0');
  const openingPending = BigInt(opening?.running_pending ?? '0');
  const last = lines[lines.length - 1];
  return {
    accountId,
    ledger: account.ledger.id,
    assetCode: account.assetCode,
    scale: account.scale,
    normalSide: account.normalSide,
    openingBalance: show(openingBalance),
    openingPending: show(openingPending),
    closingBalance: show(last === undefined ? openingBalance : BigInt(last.running_balance)),
    closingPending: show(last === undefined ? openingPending : BigInt(last.running_pending)),
    lines: lines.map((line) => lineOf(line, show)),
  };
};

/** Balances, statements, trial balance and as-of balances of one ledger book, in SQL. */
export class SqlLedgerReadModel {
  /** The projection to run with `startProjection({ source, database, projection })`. */
  readonly projection: SqlLedgerProjection;
  /** The table names. */
  readonly tables: LedgerTables;

  /** A model over `database`. @throws RangeError for a bad table prefix. */
  constructor(
    private readonly database: SqlDatabase,
    options: SqlLedgerReadModelOptions = {},
  ) {
    const prefix = options.tablePrefix ?? 'ledger_';
    this.tables = ledgerTablesOf(prefix);
    this.projection = new SqlLedgerProjection(options.name ?? `${prefix}read_model`, this.tables, options.streams ?? (() => true));
  }

  /** One account's current balances, or `undefined` if never opened. */
  async balance(accountId: string): Promise<ProjectedAccountBalance | undefined> {
    const [row] = await this.database.query<AccountRow>(`SELECT * FROM ${this.tables.accounts} WHERE id = $1`, [accountId]);
    return row === undefined ? undefined : this.currentView(row);
  }

  /**
   * Every account's current balances, in opening order: for small books and tests only, since it
   * reads and copies every account; list them with {@link balancesPage}.
   */
  async balances(): Promise<ProjectedAccountBalance[]> {
    const rows = await this.database.query<AccountRow>(`SELECT * FROM ${this.tables.accounts} ORDER BY seq`);
    return rows.map((row) => this.currentView(row));
  }

  /**
   * One page of the accounts' current balances, in opening order: `{ limit, after }` (default 100,
   * at most 1,000) -> `{ items, nextCursor }`, the same pages and cursors as the in-memory
   * `LedgerReadModel.balancesPage`. Keyset read on the opening number: `WHERE seq >= cursor ORDER BY seq LIMIT`.
   * @throws QueryArgumentError for an invalid page request.
   */
  async balancesPage(page?: PageRequest): Promise<Page<ProjectedAccountBalance>> {
    const { limit, start } = checkedPageRequest(page);
    // The opening number of an account is its position in opening order (accounts are never
    // deleted), so the cursor, the position of the next item, is the next row's `seq`.
    const rows = await this.database.query<AccountRow>(`SELECT * FROM ${this.tables.accounts} WHERE seq >= $1 ORDER BY seq LIMIT $2`, [
      BigInt(start),
      limit + 1,
    ]);
    const items = rows.slice(0, limit).map((row) => this.currentView(row));
    return rows.length > limit ? { items, nextCursor: String(start + limit) } : { items };
  }

  /** The trial balance now, from the balances table. */
  async trialBalance(): Promise<TrialBalance> {
    const rows = await this.database.query<AccountRow>(`SELECT * FROM ${this.tables.accounts} ORDER BY seq`);
    return trialBalanceOf(rows.map((row): AccountFields => ({ account: indexedAccountOf(row, this.tables.accounts), fields: fieldsOfColumns(row) })));
  }

  /**
   * One account's statement (both bounds inclusive, on the book timestamp), or `undefined` if never
   * opened: every line of the range at once, for small books and tests; prefer {@link statementPage}.
   */
  async statement(accountId: string, range: StatementRange = {}): Promise<AccountStatement | undefined> {
    checkedAccountId(accountId);
    const { from, to } = checkedRange(range);
    return readSnapshot(this.database, async (tx) => {
      const [row] = await tx.query<AccountRow>(`SELECT * FROM ${this.tables.accounts} WHERE id = $1`, [accountId]);
      if (row === undefined) return undefined;
      const account = indexedAccountOf(row, this.tables.accounts);
      const opening = from === undefined ? undefined : await this.lastLineBefore(tx, accountId, from);
      const lines = await this.linesBetween(tx, accountId, from, to);
      return statementOf(accountId, account, opening, lines);
    });
  }

  /**
   * One page of an account's statement over `range`: up to `limit` lines, the opening balance just
   * before the page's first line and the closing balance after its last, and `nextCursor` when more
   * lines follow; the same pages and cursors as the in-memory `LedgerReadModel.statementPage`.
   * Keyset read on the account's line number: `WHERE account_id = ? AND seq >= ? AND at <= ? ORDER BY seq LIMIT ?`.
   * @throws QueryArgumentError for an argument its type does not accept.
   */
  async statementPage(
    accountId: string,
    range: StatementRange = {},
    page?: PageRequest,
  ): Promise<(AccountStatement & { readonly nextCursor?: string }) | undefined> {
    const { from, to } = checkedRange(range);
    checkedAccountId(accountId);
    const { limit, start: offset } = checkedPageRequest(page ?? {});
    return readSnapshot(this.database, async (tx) => {
      const [row] = await tx.query<AccountRow>(`SELECT * FROM ${this.tables.accounts} WHERE id = $1`, [accountId]);
      if (row === undefined) return undefined;
      const account = indexedAccountOf(row, this.tables.accounts);
      // Lines are numbered 0, 1, ... per account in book order, so the range starts at the number
      // after the last line before `from`, and the cursor (lines from the range's start, as in
      // memory) is an offset from it.
      const before = from === undefined ? undefined : await this.lastLineBefore(tx, accountId, from);
      const rangeStart = before === undefined ? 0n : toBigInt(before.seq) + 1n;
      const first = rangeStart + BigInt(offset);
      // Clamping `to` to zero would not be exact: nothing is at or before a negative instant.
      const rows =
        to !== undefined && to < 0n
          ? []
          : await tx.query<LineRow>(
              `SELECT * FROM ${this.tables.lines} WHERE account_id = $1 AND seq >= $2 AND at <= $3 ORDER BY seq LIMIT $4`,
              [accountId, first, boundKey(to ?? TIMESTAMP_LIMIT), limit + 1],
            );
      const lines = rows.slice(0, limit);
      const head = lines[0];
      // The line just before the page: before its first line, or, for an empty page, before the
      // range's end (the last line at or before `to`), never before the range's start.
      const opening =
        head !== undefined
          ? await this.lineAt(tx, accountId, toBigInt(head.seq) - 1n)
          : to === undefined
            ? await this.lastLineBefore(tx, accountId, TIMESTAMP_LIMIT)
            : await this.lastLineUpTo(tx, accountId, to, before);
      const statement = statementOf(accountId, account, opening, lines);
      return rows.length > limit ? { ...statement, nextCursor: String(offset + limit) } : statement;
    });
  }

  /** One account's balances as of `instant` (inclusive); `undefined` before it was opened. */
  async balanceAsOf(accountId: string, instant: Instant): Promise<ProjectedAccountBalance | undefined> {
    const [view] = await this.viewsAsOf(checkedNanosOf(instant), checkedAccountId(accountId));
    return view;
  }

  /**
   * Balances of every account opened by `instant`, as of `instant`, in opening order: for small
   * books and tests only, since it reads every account; list them with {@link balancesAsOfPage}.
   */
  async balancesAsOf(instant: Instant): Promise<ProjectedAccountBalance[]> {
    return this.viewsAsOf(checkedNanosOf(instant));
  }

  /**
   * One page of the balances of the accounts open at `instant`, in opening order: the same pages
   * and cursors as the in-memory `LedgerReadModel.balancesAsOfPage`. Keyset read on the opening
   * number: `WHERE opened_at <= ? AND seq >= cursor ORDER BY seq LIMIT limit + 1`.
   * @throws QueryArgumentError for an invalid instant or page request.
   */
  async balancesAsOfPage(instant: Instant, page?: PageRequest): Promise<Page<ProjectedAccountBalance>> {
    const at = checkedNanosOf(instant);
    const { limit, start } = checkedPageRequest(page);
    const rows = await this.rowsAsOf(at, undefined, { start, limit: limit + 1 });
    const items = rows.slice(0, limit).map(({ account, fields, closed }) => projectedBalanceOf(account, fields, closed));
    const next = rows[limit];
    return next === undefined ? { items } : { items, nextCursor: String(next.seq) };
  }

  /** The trial balance as of `instant`, over the accounts opened by then. */
  async trialBalanceAsOf(instant: Instant): Promise<TrialBalance> {
    const rows = await this.rowsAsOf(checkedNanosOf(instant));
    return trialBalanceOf(rows.map(({ account, fields }): AccountFields => ({ account, fields })));
  }

  private currentView(row: AccountRow): ProjectedAccountBalance {
    const account = indexedAccountOf(row, this.tables.accounts);
    return projectedBalanceOf(account, fieldsOfColumns(row), account.closed);
  }

  private async viewsAsOf(at: bigint, accountId?: string): Promise<ProjectedAccountBalance[]> {
    const rows = await this.rowsAsOf(at, accountId);
    return rows.map(({ account, fields, closed }) => projectedBalanceOf(account, fields, closed));
  }

  /**
   * Accounts opened by `at` with their fields and status as of `at`: for each, the latest
   * statement line and status change at or before `at` (zeros and open before any), in one
   * statement. `window` reads a keyset page: opening numbers from `start`, at most `limit` rows.
   */
  private async rowsAsOf(at: bigint, accountId?: string, window?: { readonly start: number; readonly limit: number }): Promise<AsOfView[]> {
    // Timestamps are never negative: nothing was open before zero.
    if (at < 0n) return [];
    const { accounts, lines, statuses } = this.tables;
    const where = accountId !== undefined ? 'AND a.id = $2' : window !== undefined ? 'AND a.seq >= $2' : '';
    const parameters: SqlValue[] = [boundKey(at)];
    if (accountId !== undefined) parameters.push(accountId);
    if (window !== undefined) parameters.push(BigInt(window.start), window.limit);
    const rows = await this.database.query<AsOfRow>(
      `SELECT a.*, l.debits_pending AS at_debits_pending, l.debits_posted AS at_debits_posted,
         l.credits_pending AS at_credits_pending, l.credits_posted AS at_credits_posted, s.closed AS at_closed
       FROM ${accounts} a
       LEFT JOIN ${lines} l ON l.account_id = a.id
         AND l.seq = (SELECT MAX(x.seq) FROM ${lines} x WHERE x.account_id = a.id AND x.at <= $1)
       LEFT JOIN ${statuses} s ON s.account_id = a.id
         AND s.seq = (SELECT MAX(y.seq) FROM ${statuses} y WHERE y.account_id = a.id AND y.at <= $1)
       WHERE a.opened_at <= $1 ${where}
       ORDER BY a.seq${window === undefined ? '' : ' LIMIT $3'}`,
      parameters,
    );
    return rows.map((row) => ({
      seq: toBigInt(row.seq),
      account: indexedAccountOf(row, accounts),
      fields:
        row.at_debits_pending === null || row.at_debits_posted === null || row.at_credits_pending === null || row.at_credits_posted === null
          ? ZERO
          : fieldsOfColumns({
              debits_pending: row.at_debits_pending,
              debits_posted: row.at_debits_posted,
              credits_pending: row.at_credits_pending,
              credits_posted: row.at_credits_posted,
            }),
      closed: row.at_closed === null || row.at_closed === undefined ? false : booleanOf(row.at_closed),
    }));
  }

  /** The last line strictly before `from`, for the opening balance. */
  private async lastLineBefore(tx: SqlExecutor, accountId: string, from: bigint): Promise<LineRow | undefined> {
    const [row] = await tx.query<LineRow>(
      `SELECT seq, running_balance, running_pending FROM ${this.tables.lines} WHERE account_id = $1 AND at < $2 ORDER BY seq DESC LIMIT 1`,
      [accountId, boundKey(from)],
    );
    return row;
  }

  /** The line numbered `seq`, or `undefined` (also for -1, before the first line). */
  private async lineAt(tx: SqlExecutor, accountId: string, seq: bigint): Promise<Pick<LineRow, 'seq' | 'running_balance' | 'running_pending'> | undefined> {
    if (seq < 0n) return undefined;
    const [row] = await tx.query<LineRow>(`SELECT seq, running_balance, running_pending FROM ${this.tables.lines} WHERE account_id = $1 AND seq = $2`, [accountId, seq]);
    return row;
  }

  /**
   * The last line at or before `to`, but not before the range's start: for `from > to` that is
   * `before` (the last line before `from`), like the in-memory statement.
   */
  private async lastLineUpTo(tx: SqlExecutor, accountId: string, to: bigint, before: LineRow | undefined): Promise<Pick<LineRow, 'seq' | 'running_balance' | 'running_pending'> | undefined> {
    const [row] =
      to < 0n
        ? []
        : await tx.query<LineRow>(
            `SELECT seq, running_balance, running_pending FROM ${this.tables.lines} WHERE account_id = $1 AND at <= $2 ORDER BY seq DESC LIMIT 1`,
            [accountId, boundKey(to)],
          );
    if (before === undefined) return row;
    return row === undefined || toBigInt(row.seq) < toBigInt(before.seq) ? before : row;
  }

  /** Lines with `from <= timestamp <= to` (either bound optional), in book order. */
  private async linesBetween(tx: SqlExecutor, accountId: string, from: bigint | undefined, to: bigint | undefined): Promise<LineRow[]> {
    // Clamping to zero is exact for `from` (no timestamp is negative) but not for `to`.
    if (to !== undefined && to < 0n) return [];
    return tx.query<LineRow>(
      `SELECT * FROM ${this.tables.lines} WHERE account_id = $1 AND at >= $2 AND at <= $3 ORDER BY seq`,
      [accountId, boundKey(from ?? 0n), boundKey(to ?? TIMESTAMP_LIMIT)],
    );
  }
}

const lineOf = (row: LineRow, show: (minor: bigint) => string): StatementLine => ({
  transferId: row.transfer_id,
  timestamp: timestampOfKey(row.at).toString(),
  occurredAt: row.occurred_at,
  kind: row.kind,
  side: row.side,
  amount: show(BigInt(row.amount)),
  counterparties: JSON.parse(row.counterparties) as string[],
  code: numberOf(row.code),
  ...(row.user_data === null ? {} : { userData: row.user_data }),
  ...(row.reversal_of === null ? {} : { reversalOf: row.reversal_of }),
  ...(row.pending_id === null ? {} : { pendingId: row.pending_id }),
  ...(row.released === null ? {} : { released: show(BigInt(row.released)) }),
  runningBalance: show(BigInt(row.running_balance)),
  runningPending: show(BigInt(row.running_pending)),
});
