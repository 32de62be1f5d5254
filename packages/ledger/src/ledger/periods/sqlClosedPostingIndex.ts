/**
 * {@link ClosedPostingIndex} in SQL (SQLite or PostgreSQL, through {@link SqlDatabase}). Three
 * tables, created on first use, keyed by book and id:
 * - `ecoledger_closed_postings(book_id, id, period, entry)`: the entry as JSON;
 * - `ecoledger_closed_reversals(book_id, original_id, reversal_id)`: reversals of closed postings;
 * - `ecoledger_closed_periods(book_id, period)`: the periods whose write completed;
 * - `ecoledger_closed_commands(book_id, command_id, period, fingerprint)`: command ids of closed
 *   periods with their request fingerprints (a key space of their own; see closedCommands.ts).
 * A period's entries are written in one transaction of upserts, so writing it again converges to
 * the same rows; its completion row is written after its `PeriodClosed` event is stored.
 */
import { decodeOrThrow } from '../../codecs/decode.js';
import { toBigInt, type SqlDatabase, type SqlExecutor, type SqlValue } from '../../sql/sqlDatabase.js';
import { ClosedEntryCodec, type ClosedRecord } from './closedEntry.js';
import type { ClosedCommands } from './closedCommands.js';
import { assertLookupSize, type ClosedPostingIndex } from './closedPostingIndex.js';

/** Table names of the SQL closed-posting index. */
export const CLOSED_INDEX_TABLES = {
  postings: 'ecoledger_closed_postings',
  reversals: 'ecoledger_closed_reversals',
  periods: 'ecoledger_closed_periods',
  commands: 'ecoledger_closed_commands',
} as const;

/** Rows per INSERT and ids per SELECT (well under SQLite's and PostgreSQL's parameter limits). */
const CHUNK = 500;

const ensureTables = async (db: SqlDatabase): Promise<void> => {
  const rowid = db.dialect === 'sqlite' ? ' WITHOUT ROWID' : '';
  const { postings, reversals, periods } = CLOSED_INDEX_TABLES;
  await db.query(`CREATE TABLE IF NOT EXISTS ${postings} (book_id TEXT NOT NULL, id TEXT NOT NULL, period INTEGER NOT NULL, entry TEXT NOT NULL, PRIMARY KEY (book_id, id))${rowid}`);
  await db.query(`CREATE TABLE IF NOT EXISTS ${reversals} (book_id TEXT NOT NULL, original_id TEXT NOT NULL, reversal_id TEXT NOT NULL, PRIMARY KEY (book_id, original_id))${rowid}`);
  await db.query(`CREATE TABLE IF NOT EXISTS ${periods} (book_id TEXT NOT NULL, period INTEGER NOT NULL, PRIMARY KEY (book_id, period))${rowid}`);
  // Added after the first three: IF NOT EXISTS creates it in a database that has only those.
  await db.query(`CREATE TABLE IF NOT EXISTS ${CLOSED_INDEX_TABLES.commands} (book_id TEXT NOT NULL, command_id TEXT NOT NULL, period INTEGER NOT NULL, fingerprint TEXT NOT NULL, PRIMARY KEY (book_id, command_id))${rowid}`);
};

/** `($1, $2, ...), ($5, ...)` for `rows` rows of `width` values. */
const valuesList = (rows: number, width: number): string =>
  Array.from({ length: rows }, (_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(', ')})`).join(', ');

const insertChunked = async (tx: SqlExecutor, rows: readonly (readonly SqlValue[])[], width: number, statement: (values: string) => string): Promise<void> => {
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    await tx.query(statement(valuesList(chunk.length, width)), chunk.flat());
  }
};

/** A closed-posting index in `database` (tables created on first use). */
export const createSqlClosedPostingIndex = (database: SqlDatabase): ClosedPostingIndex => {
  let ready: Promise<void> | undefined;
  const ensure = (): Promise<void> => {
    ready ??= ensureTables(database).catch((error: unknown) => {
      ready = undefined;
      throw error;
    });
    return ready;
  };
  const { postings, reversals, periods } = CLOSED_INDEX_TABLES;
  return {
    writePeriod: async (bookId, closing) => {
      await ensure();
      await database.transaction(async (tx) => {
        await insertChunked(
          tx,
          closing.entries.map(([id, entry]) => [bookId, id, closing.period, JSON.stringify(entry)]),
          4,
          (values) => `INSERT INTO ${postings} (book_id, id, period, entry) VALUES ${values} ON CONFLICT (book_id, id) DO UPDATE SET period = excluded.period, entry = excluded.entry`,
        );
        await insertChunked(
          tx,
          closing.reversals.map(([original, reversal]) => [bookId, original, reversal]),
          3,
          (values) => `INSERT INTO ${reversals} (book_id, original_id, reversal_id) VALUES ${values} ON CONFLICT (book_id, original_id) DO UPDATE SET reversal_id = excluded.reversal_id`,
        );
        await writeCommands(tx, bookId, closing.period, closing.commands ?? []);
      });
    },
    completePeriod: async (bookId, period) => {
      await ensure();
      await database.query(`INSERT INTO ${periods} (book_id, period) VALUES ($1, $2) ON CONFLICT (book_id, period) DO NOTHING`, [bookId, period]);
    },
    completedPeriods: async (bookId) => {
      await ensure();
      const rows = await database.query<{ period: unknown }>(`SELECT period FROM ${periods} WHERE book_id = $1`, [bookId]);
      return new Set(rows.map((row) => Number(toBigInt(row.period))));
    },
    lookup: async (bookId, ids) => {
      assertLookupSize(ids);
      const found = new Map<string, ClosedRecord>();
      if (ids.length === 0) return found;
      await ensure();
      const unique = [...new Set(ids)];
      for (let start = 0; start < unique.length; start += CHUNK) {
        const chunk = unique.slice(start, start + CHUNK);
        const marks = chunk.map((_, i) => `$${i + 2}`).join(', ');
        const rows = await database.query<{ id: string; period: unknown; entry: string; reversal_id: string | null }>(
          `SELECT p.id, p.period, p.entry, r.reversal_id FROM ${postings} p LEFT JOIN ${reversals} r ON r.book_id = p.book_id AND r.original_id = p.id WHERE p.book_id = $1 AND p.id IN (${marks})`,
          [bookId, ...chunk],
        );
        for (const row of rows) {
          const entry = decodeOrThrow(ClosedEntryCodec, JSON.parse(row.entry) as unknown, { eventType: 'ClosedEntry', stream: `${postings}/${bookId}/${row.id}` });
          const period = Number(toBigInt(row.period));
          found.set(row.id, row.reversal_id === null ? { entry, period } : { entry, period, reversedBy: row.reversal_id });
        }
      }
      return found;
    },
    lookupCommands: async (bookId, commandIds) => {
      assertLookupSize(commandIds);
      if (commandIds.length === 0) return new Map();
      await ensure();
      return lookupCommands(database, bookId, commandIds);
    },
  };
};

/** Upserts a period's command ids; a command id already bound by an earlier period keeps that binding. */
const writeCommands = (tx: SqlExecutor, bookId: string, period: number, commands: ClosedCommands): Promise<void> => {
  const table = CLOSED_INDEX_TABLES.commands;
  return insertChunked(
    tx,
    commands.map(([commandId, fingerprint]) => [bookId, commandId, period, fingerprint]),
    4,
    (values) =>
      `INSERT INTO ${table} (book_id, command_id, period, fingerprint) VALUES ${values} ON CONFLICT (book_id, command_id) DO UPDATE SET period = excluded.period, fingerprint = excluded.fingerprint WHERE excluded.period < ${table}.period`,
  );
};

const lookupCommands = async (database: SqlDatabase, bookId: string, commandIds: readonly string[]): Promise<ReadonlyMap<string, string>> => {
  const found = new Map<string, string>();
  const unique = [...new Set(commandIds)];
  for (let start = 0; start < unique.length; start += CHUNK) {
    const chunk = unique.slice(start, start + CHUNK);
    const marks = chunk.map((_, i) => `$${i + 2}`).join(', ');
    const rows = await database.query<{ command_id: string; fingerprint: string }>(
      `SELECT command_id, fingerprint FROM ${CLOSED_INDEX_TABLES.commands} WHERE book_id = $1 AND command_id IN (${marks})`,
      [bookId, ...chunk],
    );
    for (const row of rows) found.set(row.command_id, row.fingerprint);
  }
  return found;
};
