/**
 * The tables of the SQL ledger read model, named with a prefix (default `ledger_`) so that several
 * books can share a database. Portable SQL for SQLite and PostgreSQL.
 *
 * Amounts are TEXT holding integer minor units at the account's (or hold's ledger's) scale: they go
 * up to 2^128, beyond any SQL integer, and never touch a float; arithmetic happens in JS bigints.
 * Book timestamps are TEXT too, zero-padded to {@link TIMESTAMP_WIDTH} digits so that string order
 * is time order in range queries (see `timestampKey.ts`).
 *
 * - `ledgers`: id, asset code and scale of every defined ledger.
 * - `accounts`: one row per account: opening order (`seq`), ledger, asset and scale at opening,
 *   the record as JSON (flags, overdraft limit, metadata), `closed`, the four balance fields, and
 *   how many statement lines and status changes it has (the next `seq` of each).
 * - `holds`: open holds (pending transfers not yet posted, voided or expired) with their accounts,
 *   amount and record, so posts, voids and expiries can be projected after a restart.
 * - `statement_lines`: per account, one row per movement in book order, with the running
 *   normal-side balance and pending and the four fields after it (the balance history for as-of queries).
 * - `account_status`: per account, each close / reopen with its timestamp.
 */

/** Width of padded timestamp keys. */
export const TIMESTAMP_WIDTH = 40;

/** Table names of one read model. */
export interface LedgerTables {
  readonly ledgers: string;
  readonly accounts: string;
  readonly holds: string;
  readonly lines: string;
  readonly statuses: string;
}

const PREFIX = /^[a-z_][a-z0-9_]{0,30}$/;

/** Table names for `prefix`. @throws RangeError for a prefix that is not a safe SQL identifier start. */
export const ledgerTablesOf = (prefix: string): LedgerTables => {
  if (!PREFIX.test(prefix)) throw new RangeError(`table prefix "${prefix}" must match ${PREFIX}`);
  return {
    ledgers: `${prefix}ledgers`,
    accounts: `${prefix}accounts`,
    holds: `${prefix}holds`,
    lines: `${prefix}statement_lines`,
    statuses: `${prefix}account_status`,
  };
};

const FIELDS = 'debits_pending TEXT NOT NULL, debits_posted TEXT NOT NULL, credits_pending TEXT NOT NULL, credits_posted TEXT NOT NULL';

/** `CREATE ... IF NOT EXISTS` statements, in order. */
export const createTableStatements = (t: LedgerTables): readonly string[] => [
  `CREATE TABLE IF NOT EXISTS ${t.ledgers} (id TEXT PRIMARY KEY, asset_code TEXT NOT NULL, scale INTEGER NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS ${t.accounts} (
    id TEXT PRIMARY KEY, seq BIGINT NOT NULL, ledger_id TEXT NOT NULL, asset_code TEXT NOT NULL, scale INTEGER NOT NULL,
    code INTEGER NOT NULL, type TEXT NOT NULL, normal_side TEXT NOT NULL, opened_at TEXT NOT NULL, closed INTEGER NOT NULL,
    ${FIELDS}, line_count BIGINT NOT NULL, status_count BIGINT NOT NULL, record TEXT NOT NULL)`,
  `CREATE UNIQUE INDEX IF NOT EXISTS ${t.accounts}_seq ON ${t.accounts} (seq)`,
  `CREATE TABLE IF NOT EXISTS ${t.holds} (
    id TEXT PRIMARY KEY, ledger_id TEXT NOT NULL, debit_account_id TEXT NOT NULL, credit_account_id TEXT NOT NULL,
    amount TEXT NOT NULL, record TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS ${t.lines} (
    account_id TEXT NOT NULL, seq BIGINT NOT NULL, at TEXT NOT NULL, transfer_id TEXT NOT NULL, occurred_at TEXT NOT NULL,
    kind TEXT NOT NULL, side TEXT NOT NULL, amount TEXT NOT NULL, counterparties TEXT NOT NULL, code INTEGER NOT NULL,
    user_data TEXT, reversal_of TEXT, pending_id TEXT, released TEXT, running_balance TEXT NOT NULL, running_pending TEXT NOT NULL,
    ${FIELDS}, PRIMARY KEY (account_id, seq))`,
  `CREATE INDEX IF NOT EXISTS ${t.lines}_at ON ${t.lines} (account_id, at)`,
  `CREATE TABLE IF NOT EXISTS ${t.statuses} (
    account_id TEXT NOT NULL, seq BIGINT NOT NULL, at TEXT NOT NULL, closed INTEGER NOT NULL, PRIMARY KEY (account_id, seq))`,
];

/** `DROP TABLE IF EXISTS` statements (indexes go with their tables). */
export const dropTableStatements = (t: LedgerTables): readonly string[] =>
  [t.statuses, t.lines, t.holds, t.accounts, t.ledgers].map((table) => `DROP TABLE IF EXISTS ${table}`);
