/**
 * A database writer's hands on the closed-posting index: edit, insert or delete rows behind the
 * library's back, on the in-memory index (through a layer of patches over it) and on the SQL one
 * (plain SQL on its tables).
 */
import { describe } from 'vitest';
import { databaseKinds } from '../projections/testDatabases.test-support.js';
import type { SqlDatabase } from '../../src/sql/sqlDatabase.js';
import type { ClosedEntry, ClosedRecord } from '../../src/ledger/periods/closedEntry.js';
import { createInMemoryClosedPostingIndex, type ClosedPostingIndex } from '../../src/ledger/periods/closedPostingIndex.js';
import { CLOSED_INDEX_TABLES, createSqlClosedPostingIndex } from '../../src/ledger/periods/sqlClosedPostingIndex.js';

/** What a database writer does to the index of book `main`. */
export interface IndexTamper {
  /** Replaces `from` by `to` in the JSON text of `id`'s entry (its seal left as it was). */
  edit(id: string, from: string, to: string): Promise<void>;
  /** Inserts a row for `id`, with the seal of row `sealOf` copied, or none. */
  insert(id: string, period: number, entry: ClosedEntry, sealOf: string | undefined): Promise<void>;
  /** Deletes `id`'s row; the function returned puts it back as it was. */
  remove(id: string): Promise<() => Promise<void>>;
  /** Points the reversal row of `originalId` at another reversal id. */
  editReversal(originalId: string, reversalId: string): Promise<void>;
  /** Deletes the completion mark of `period`. */
  uncomplete(period: number): Promise<void>;
}

/** An index under test, the writer's hands on it, and how to end it. */
export interface TamperRig {
  readonly index: ClosedPostingIndex;
  readonly tamper: IndexTamper;
  /** The SQL database holding the index (undefined in memory). */
  readonly database?: SqlDatabase;
  readonly done: () => Promise<void>;
}

/** The in-memory index with a layer of patches a test writes to: what a writer would do to its rows. */
const tamperableMemoryIndex = (): TamperRig => {
  const inner = createInMemoryClosedPostingIndex();
  const patches = new Map<string, ClosedRecord | null>();
  const uncompleted = new Set<number>();
  const current = async (id: string): Promise<ClosedRecord | undefined> => {
    const patched = patches.get(id);
    if (patched !== undefined) return patched ?? undefined;
    return (await inner.lookup('main', [id])).get(id);
  };
  const index: ClosedPostingIndex = {
    writePeriod: async (bookId, closing) => {
      // An upsert overwrites what a writer changed, as it does in SQL.
      if (bookId === 'main') for (const [id] of closing.entries) patches.delete(id);
      await inner.writePeriod(bookId, closing);
    },
    completePeriod: async (bookId, period) => {
      if (bookId === 'main') uncompleted.delete(period);
      await inner.completePeriod(bookId, period);
    },
    completedPeriods: async (bookId) => {
      const completed = new Set(await inner.completedPeriods(bookId));
      if (bookId === 'main') for (const period of uncompleted) completed.delete(period);
      return completed;
    },
    lookup: async (bookId, ids) => {
      const found = new Map(await inner.lookup(bookId, ids));
      if (bookId !== 'main') return found;
      for (const id of ids) {
        const patched = patches.get(id);
        if (patched === null) found.delete(id);
        else if (patched !== undefined) found.set(id, patched);
      }
      return found;
    },
    lookupCommands: (bookId, commandIds) => inner.lookupCommands(bookId, commandIds),
    size: async (bookId, period) => {
      const size = await inner.size(bookId, period);
      if (bookId !== 'main') return size;
      let entries = size.entries;
      for (const [id, patched] of patches) {
        const original = (await inner.lookup(bookId, [id])).get(id);
        const counted = (record: ClosedRecord | undefined | null) => (record != null && (period === undefined || record.period === period) ? 1 : 0);
        entries += counted(patched) - counted(original);
      }
      return { entries, reversals: size.reversals };
    },
  };
  const tamper: IndexTamper = {
    edit: async (id, from, to) => {
      const record = (await current(id))!;
      patches.set(id, { ...record, entry: JSON.parse(JSON.stringify(record.entry).replaceAll(from, to)) as ClosedEntry });
    },
    insert: async (id, period, entry, sealOf) => {
      const seal = sealOf === undefined ? undefined : (await current(sealOf))?.seal;
      patches.set(id, seal === undefined ? { entry, period } : { entry, period, seal });
    },
    remove: async (id) => {
      const before = patches.get(id);
      patches.set(id, null);
      return async () => {
        if (before === undefined) patches.delete(id);
        else patches.set(id, before);
      };
    },
    editReversal: async (originalId, reversalId) => {
      patches.set(originalId, { ...(await current(originalId))!, reversedBy: reversalId });
    },
    uncomplete: async (period) => {
      uncompleted.add(period);
    },
  };
  return { index, tamper, done: async () => {} };
};

/** Plain SQL on the index tables of `database`. */
export const sqlTamper = (database: SqlDatabase): IndexTamper => {
  const { postings, reversals, periods } = CLOSED_INDEX_TABLES;
  return {
    edit: async (id, from, to) => {
      await database.query(`UPDATE ${postings} SET entry = replace(entry, $1, $2) WHERE book_id = 'main' AND id = $3`, [from, to, id]);
    },
    insert: async (id, period, entry, sealOf) => {
      if (sealOf === undefined) {
        await database.query(`INSERT INTO ${postings} (book_id, id, period, entry) VALUES ('main', $1, $2, $3)`, [id, period, JSON.stringify(entry)]);
        return;
      }
      await database.query(
        `INSERT INTO ${postings} (book_id, id, period, entry, seal, seal_key_id) SELECT 'main', $1, $2, $3, seal, seal_key_id FROM ${postings} WHERE book_id = 'main' AND id = $4`,
        [id, period, JSON.stringify(entry), sealOf],
      );
    },
    remove: async (id) => {
      const rows = await database.query<{ period: unknown; entry: string; seal: string | null; seal_key_id: string | null }>(
        `SELECT period, entry, seal, seal_key_id FROM ${postings} WHERE book_id = 'main' AND id = $1`,
        [id],
      );
      await database.query(`DELETE FROM ${postings} WHERE book_id = 'main' AND id = $1`, [id]);
      return async () => {
        for (const row of rows) {
          await database.query(`INSERT INTO ${postings} (book_id, id, period, entry, seal, seal_key_id) VALUES ('main', $1, $2, $3, $4, $5)`, [
            id,
            Number(row.period),
            row.entry,
            row.seal,
            row.seal_key_id,
          ]);
        }
      };
    },
    editReversal: async (originalId, reversalId) => {
      await database.query(`UPDATE ${reversals} SET reversal_id = $1 WHERE book_id = 'main' AND original_id = $2`, [reversalId, originalId]);
    },
    uncomplete: async (period) => {
      await database.query(`DELETE FROM ${periods} WHERE book_id = 'main' AND period = $1`, [period]);
    },
  };
};

/** Every kind of index, each with its `describe` (PostgreSQL's skips cleanly when unreachable, unless CI=true). */
export const tamperKinds: readonly { readonly name: string; readonly describe: (name: string, fn: () => void) => void; readonly open: () => Promise<TamperRig> }[] = [
  { name: 'in memory', describe: (name, fn) => describe(name, fn), open: async () => tamperableMemoryIndex() },
  ...databaseKinds.map((kind) => ({
    name: kind.name,
    describe: kind.describe,
    open: async (): Promise<TamperRig> => {
      const db = await kind.open();
      return { index: createSqlClosedPostingIndex(db.database), tamper: sqlTamper(db.database), database: db.database, done: () => db.teardown() };
    },
  })),
];
