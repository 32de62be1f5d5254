/**
 * {@link ClosedPostingIndex} in SQL (SQLite or PostgreSQL, through {@link SqlDatabase}). Three
 * tables, created on first use, keyed by book and id:
 * - `ecoledger_closed_postings(book_id, id, period, entry, seal, seal_key_id)`: the entry as JSON;
 * - `ecoledger_closed_reversals(book_id, original_id, reversal_id, seal, seal_key_id)`: reversals of closed postings;
 * - `ecoledger_closed_periods(book_id, period)`: the periods whose write completed;
 * - `ecoledger_closed_commands(book_id, command_id, period, fingerprint)`: command ids of closed
 *   periods with their request fingerprints (a key space of their own; see closedCommands.ts).
 * A period's entries are written in one transaction of upserts, so writing it again converges to
 * the same rows; its completion row is written after its `PeriodClosed` event is stored.
 * `seal`/`seal_key_id` hold each row's seal (indexSeal.ts); tables made before seals existed get
 * the two columns added on first use (their old rows stay unsealed: see the rule in indexSeal.ts).
 * Opened `readOnly` (verify), nothing is created or altered.
 */
import { decodeOrThrow } from '../../eventStore/decode.js';
import { toBigInt, type SqlDatabase, type SqlExecutor, type SqlValue } from '../../sql/sqlDatabase.js';
import { ClosedEntryCodec, type ClosedRecord } from './closedEntry.js';
import type { ClosedCommands } from './closedCommands.js';
import { assertLookupSize, type ClosedPostingIndex } from './closedPostingIndex.js';
import type { IndexSeal } from './indexSeal.js';

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
  await db.query(`CREATE TABLE IF NOT EXISTS ${postings} (book_id TEXT NOT NULL, id TEXT NOT NULL, period INTEGER NOT NULL, entry TEXT NOT NULL, seal TEXT, seal_key_id TEXT, PRIMARY KEY (book_id, id))${rowid}`);
  await db.query(`CREATE TABLE IF NOT EXISTS ${reversals} (book_id TEXT NOT NULL, original_id TEXT NOT NULL, reversal_id TEXT NOT NULL, seal TEXT, seal_key_id TEXT, PRIMARY KEY (book_id, original_id))${rowid}`);
  await db.query(`CREATE TABLE IF NOT EXISTS ${periods} (book_id TEXT NOT NULL, period INTEGER NOT NULL, PRIMARY KEY (book_id, period))${rowid}`);
  // Added after the first three: IF NOT EXISTS creates it in a database that has only those.
  await db.query(`CREATE TABLE IF NOT EXISTS ${CLOSED_INDEX_TABLES.commands} (book_id TEXT NOT NULL, command_id TEXT NOT NULL, period INTEGER NOT NULL, fingerprint TEXT NOT NULL, PRIMARY KEY (book_id, command_id))${rowid}`);
  for (const table of [postings, reversals]) await addSealColumns(db, table);
};

/** Whether `table` has the seal columns (a table made before seals existed has not). */
const hasSealColumns = async (db: SqlDatabase, table: string): Promise<boolean> => {
  try {
    await db.query(`SELECT seal, seal_key_id FROM ${table} WHERE 1 = 0`);
    return true;
  } catch {
    return false;
  }
};

/** Adds the seal columns to a table made before seals existed. */
const addSealColumns = async (db: SqlDatabase, table: string): Promise<void> => {
  if (await hasSealColumns(db, table)) return;
  await db.query(`ALTER TABLE ${table} ADD COLUMN seal TEXT`);
  await db.query(`ALTER TABLE ${table} ADD COLUMN seal_key_id TEXT`);
};

const sealOf = (digest: unknown, keyId: unknown): IndexSeal | undefined =>
  typeof digest !== 'string' ? undefined : typeof keyId === 'string' ? { digest, keyId } : { digest };

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
export const createSqlClosedPostingIndex = (database: SqlDatabase, options: { readonly readOnly?: boolean } = {}): ClosedPostingIndex => {
  const { postings, reversals, periods } = CLOSED_INDEX_TABLES;
  // Read-only (verify) nothing is created or altered: a table made before seals is read as unsealed.
  const columns = { postings: 'p.seal, p.seal_key_id', reversals: 'r.seal AS reversal_seal, r.seal_key_id AS reversal_seal_key_id' };
  const probe = async (): Promise<void> => {
    if (!(await hasSealColumns(database, postings))) columns.postings = 'NULL AS seal, NULL AS seal_key_id';
    if (!(await hasSealColumns(database, reversals))) columns.reversals = 'NULL AS reversal_seal, NULL AS reversal_seal_key_id';
  };
  let ready: Promise<void> | undefined;
  const ensure = (): Promise<void> => {
    ready ??= (options.readOnly === true ? probe() : ensureTables(database)).catch((error: unknown) => {
      ready = undefined;
      throw error;
    });
    return ready;
  };
  return {
    writePeriod: async (bookId, closing) => {
      await ensure();
      await database.transaction(async (tx) => {
        await insertChunked(
          tx,
          closing.entries.map(([id, entry, seal]) => [bookId, id, closing.period, JSON.stringify(entry), seal?.digest ?? null, seal?.keyId ?? null]),
          6,
          (values) =>
            `INSERT INTO ${postings} (book_id, id, period, entry, seal, seal_key_id) VALUES ${values} ON CONFLICT (book_id, id) DO UPDATE SET period = excluded.period, entry = excluded.entry, seal = excluded.seal, seal_key_id = excluded.seal_key_id`,
        );
        await insertChunked(
          tx,
          closing.reversals.map(([original, reversal, seal]) => [bookId, original, reversal, seal?.digest ?? null, seal?.keyId ?? null]),
          5,
          (values) =>
            `INSERT INTO ${reversals} (book_id, original_id, reversal_id, seal, seal_key_id) VALUES ${values} ON CONFLICT (book_id, original_id) DO UPDATE SET reversal_id = excluded.reversal_id, seal = excluded.seal, seal_key_id = excluded.seal_key_id`,
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
        const rows = await database.query<{ id: string; period: unknown; entry: string; seal: unknown; seal_key_id: unknown; reversal_id: string | null; reversal_seal: unknown; reversal_seal_key_id: unknown }>(
          `SELECT p.id, p.period, p.entry, ${columns.postings}, r.reversal_id, ${columns.reversals} FROM ${postings} p LEFT JOIN ${reversals} r ON r.book_id = p.book_id AND r.original_id = p.id WHERE p.book_id = $1 AND p.id IN (${marks})`,
          [bookId, ...chunk],
        );
        for (const row of rows) {
          const entry = decodeOrThrow(ClosedEntryCodec, JSON.parse(row.entry) as unknown, { eventType: 'ClosedEntry', stream: `${postings}/${bookId}/${row.id}` });
          const period = Number(toBigInt(row.period));
          const seal = sealOf(row.seal, row.seal_key_id);
          const record: { -readonly [K in keyof ClosedRecord]: ClosedRecord[K] } = { entry, period };
          if (seal !== undefined) record.seal = seal;
          if (row.reversal_id !== null) {
            record.reversedBy = row.reversal_id;
            const reversalSeal = sealOf(row.reversal_seal, row.reversal_seal_key_id);
            if (reversalSeal !== undefined) record.reversalSeal = reversalSeal;
          }
          found.set(row.id, record);
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
    size: async (bookId, period) => {
      await ensure();
      const [entries] =
        period === undefined
          ? await database.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM ${postings} WHERE book_id = $1`, [bookId])
          : await database.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM ${postings} WHERE book_id = $1 AND period = $2`, [bookId, period]);
      const [reversed] = await database.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM ${reversals} WHERE book_id = $1`, [bookId]);
      return { entries: Number(toBigInt(entries?.n ?? 0)), reversals: Number(toBigInt(reversed?.n ?? 0)) };
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
