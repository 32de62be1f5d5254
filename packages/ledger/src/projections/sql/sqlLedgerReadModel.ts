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
 * The tables exist once a runner (or `rebuildProjection`) has started the projection.
 */
import type { SqlDatabase, SqlExecutor } from '../../sql/sqlDatabase.js';
import type { BalanceFields } from '../../ledger/accountView.js';
import type { Side } from '../../ledger/inputs.js';
import { minorToDecimal } from '../../money/decimalString.js';
import { projectedBalanceOf, type ProjectedAccountBalance } from '../accountBalances.js';
import type { AccountStatement, StatementLine, StatementRange } from '../accountStatement.js';
import { nanosOf, type Instant } from '../instant.js';
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

const ZERO: BalanceFields = { debitsPending: 0n, debitsPosted: 0n, creditsPending: 0n, creditsPosted: 0n };

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

  /** Every account's current balances, in opening order. */
  async balances(): Promise<ProjectedAccountBalance[]> {
    const rows = await this.database.query<AccountRow>(`SELECT * FROM ${this.tables.accounts} ORDER BY seq`);
    return rows.map((row) => this.currentView(row));
  }

  /** The trial balance now, from the balances table. */
  async trialBalance(): Promise<TrialBalance> {
    const rows = await this.database.query<AccountRow>(`SELECT * FROM ${this.tables.accounts} ORDER BY seq`);
    return trialBalanceOf(rows.map((row): AccountFields => ({ account: indexedAccountOf(row, this.tables.accounts), fields: fieldsOfColumns(row) })));
  }

  /** One account's statement (both bounds inclusive, on the book timestamp), or `undefined` if never opened. */
  async statement(accountId: string, range: StatementRange = {}): Promise<AccountStatement | undefined> {
    const from = range.from === undefined ? undefined : nanosOf(range.from);
    const to = range.to === undefined ? undefined : nanosOf(range.to);
    return readSnapshot(this.database, async (tx) => {
      const [row] = await tx.query<AccountRow>(`SELECT * FROM ${this.tables.accounts} WHERE id = $1`, [accountId]);
      if (row === undefined) return undefined;
      const account = indexedAccountOf(row, this.tables.accounts);
      const opening = from === undefined ? undefined : await this.lastLineBefore(tx, accountId, from);
      const lines = await this.linesBetween(tx, accountId, from, to);
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
    });
  }

  /** One account's balances as of `instant` (inclusive); `undefined` before it was opened. */
  async balanceAsOf(accountId: string, instant: Instant): Promise<ProjectedAccountBalance | undefined> {
    const [view] = await this.viewsAsOf(nanosOf(instant), accountId);
    return view;
  }

  /** Balances of every account opened by `instant`, as of `instant`, in opening order. */
  async balancesAsOf(instant: Instant): Promise<ProjectedAccountBalance[]> {
    return this.viewsAsOf(nanosOf(instant));
  }

  /** The trial balance as of `instant`, over the accounts opened by then. */
  async trialBalanceAsOf(instant: Instant): Promise<TrialBalance> {
    const rows = await this.rowsAsOf(nanosOf(instant));
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
   * statement line and status change at or before `at` (zeros and open before any), in one statement.
   */
  private async rowsAsOf(at: bigint, accountId?: string): Promise<{ account: IndexedAccount; fields: BalanceFields; closed: boolean }[]> {
    // Timestamps are never negative: nothing was open before zero.
    if (at < 0n) return [];
    const { accounts, lines, statuses } = this.tables;
    const rows = await this.database.query<AsOfRow>(
      `SELECT a.*, l.debits_pending AS at_debits_pending, l.debits_posted AS at_debits_posted,
         l.credits_pending AS at_credits_pending, l.credits_posted AS at_credits_posted, s.closed AS at_closed
       FROM ${accounts} a
       LEFT JOIN ${lines} l ON l.account_id = a.id
         AND l.seq = (SELECT MAX(x.seq) FROM ${lines} x WHERE x.account_id = a.id AND x.at <= $1)
       LEFT JOIN ${statuses} s ON s.account_id = a.id
         AND s.seq = (SELECT MAX(y.seq) FROM ${statuses} y WHERE y.account_id = a.id AND y.at <= $1)
       WHERE a.opened_at <= $1 ${accountId === undefined ? '' : 'AND a.id = $2'}
       ORDER BY a.seq`,
      accountId === undefined ? [boundKey(at)] : [boundKey(at), accountId],
    );
    return rows.map((row) => ({
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
      `SELECT running_balance, running_pending FROM ${this.tables.lines} WHERE account_id = $1 AND at < $2 ORDER BY seq DESC LIMIT 1`,
      [accountId, boundKey(from)],
    );
    return row;
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
