import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPostgresDatabase } from '../../sql/postgresDatabase.js';
import type { SqlDatabase } from '../../sql/sqlDatabase.js';
import { openSqliteDatabase } from '../../sql/sqliteDatabase.js';
import { describePostgres, postgresTestSchema } from '../../testing/postgresTestDatabase.js';
import type { ClosedPostingIndex } from './closedPostingIndex.js';
import { openReadOnlyClosedIndex } from './readOnlyClosedIndex.js';
import { CLOSED_INDEX_TABLES, createSqlClosedPostingIndex } from './sqlClosedPostingIndex.js';

/** A database reachable by URL, and a writable connection to it. */
type Place = { readonly url: string; readonly open: () => Promise<SqlDatabase>; readonly drop: () => Promise<void> };

const places: readonly { readonly name: string; readonly describe: (name: string, fn: () => void) => void; readonly make: () => Promise<Place> }[] = [
  {
    name: 'SQLite',
    describe: (name, fn) => describe(name, fn),
    make: async () => {
      const dir = await mkdtemp(join(tmpdir(), 'ecoledger-readonly-index-'));
      const path = join(dir, 'ledger.db');
      return { url: `sqlite:${path}`, open: async () => openSqliteDatabase(path, { synchronous: 'NORMAL' }), drop: () => rm(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'PostgreSQL',
    describe: describePostgres,
    make: async () => {
      const { connectionString, schema, drop } = await postgresTestSchema();
      return { url: `${connectionString}?schema=${schema}`, open: () => openPostgresDatabase(connectionString, { schema, max: 2 }), drop };
    },
  },
];

for (const place of places) {
  place.describe(`openReadOnlyClosedIndex (${place.name})`, () => {
    it('gives nothing for a store without the index tables, reads the sealed rows of one with them, and cannot write', async () => {
      const at = await place.make();
      const writer = await at.open();
      try {
        expect(await openReadOnlyClosedIndex(at.url)).toBeUndefined();
        await createSqlClosedPostingIndex(writer).writePeriod('main', {
          period: 0,
          entries: [['f1', { kind: 'failed', code: 'exceeds_credits' }, { digest: 'e'.repeat(64), keyId: 'k1' }]],
          reversals: [],
        });
        const reader = await openReadOnlyClosedIndex(at.url);
        expect(reader).toBeDefined();
        try {
          expect((await reader!.index.lookup('main', ['f1'])).get('f1')).toEqual({ entry: { kind: 'failed', code: 'exceeds_credits' }, period: 0, seal: { digest: 'e'.repeat(64), keyId: 'k1' } });
          expect(await reader!.index.size('main')).toEqual({ entries: 1, reversals: 0 });
          await expect((reader!.index as ClosedPostingIndex).writePeriod('main', { period: 1, entries: [['f2', { kind: 'failed', code: 'exceeds_credits' }]], reversals: [] })).rejects.toThrow();
        } finally {
          await reader!.close();
        }
      } finally {
        await writer.close();
        await at.drop();
      }
    });

    it('reads a table made before seals as unsealed, without altering it', async () => {
      const at = await place.make();
      const writer = await at.open();
      try {
        const { postings, reversals } = CLOSED_INDEX_TABLES;
        await writer.query(`CREATE TABLE ${postings} (book_id TEXT NOT NULL, id TEXT NOT NULL, period INTEGER NOT NULL, entry TEXT NOT NULL, PRIMARY KEY (book_id, id))`);
        await writer.query(`CREATE TABLE ${reversals} (book_id TEXT NOT NULL, original_id TEXT NOT NULL, reversal_id TEXT NOT NULL, PRIMARY KEY (book_id, original_id))`);
        await writer.query(`INSERT INTO ${postings} VALUES ('main', 'f1', 0, '{"kind":"failed","code":"exceeds_credits"}')`);
        const reader = await openReadOnlyClosedIndex(at.url);
        try {
          expect((await reader!.index.lookup('main', ['f1'])).get('f1')).toEqual({ entry: { kind: 'failed', code: 'exceeds_credits' }, period: 0 });
        } finally {
          await reader!.close();
        }
        await expect(writer.query(`SELECT seal FROM ${postings}`)).rejects.toThrow();
      } finally {
        await writer.close();
        await at.drop();
      }
    });
  });
}
