import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Book, createSqlClosedPostingIndex, openEventStore } from '@ecoledger/ledger';
import { openSqliteDatabase } from '@ecoledger/ledger/sqlite';
import { describePostgres, postgresTestSchema } from '@ecoledger/ledger/testing';
import { main } from './main.js';
import { capture } from '../test-kit/cliTestSupport.js';


const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'ecoledger-verify-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const digestOf = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** A SQLite file with a keyed book, a key file and a heads file next to it. */
const keyedStore = async () => {
  const dir = tempDir();
  const file = join(dir, 'ledger.db');
  const sealKey = randomBytes(32);
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const store = await openEventStore(`sqlite:${file}`);
  const book = await Book.open({ store, bookId: 'retail', snapshotEvery: 0, seal: { keyId: 'k2026', key: sealKey }, headKey: { keyId: 'h1', privateKey } });
  await book.defineLedgers([{ id: 'cny', asset: { code: 'CNY', scale: 2 } }]);
  await book.openAccounts([
    { id: 'cash', ledger: 'cny', code: 1001, type: 'asset' },
    { id: 'alice', ledger: 'cny', code: 2011, type: 'liability' },
  ]);
  await book.createTransfers([{ id: 'd1', debitAccountId: 'cash', creditAccountId: 'alice', amount: '100.00', code: 1 }]);
  await book.createTransfers([{ id: 'd2', debitAccountId: 'cash', creditAccountId: 'alice', amount: '5.00', code: 1 }]);
  const heads = join(dir, 'heads.jsonl');
  writeFileSync(heads, `${JSON.stringify(book.head())}\n`);
  await store.close();
  const keys = join(dir, 'keys.json');
  writeFileSync(
    keys,
    JSON.stringify({ sealKeys: [{ keyId: 'k2026', key: sealKey.toString('base64') }], headKeys: [{ keyId: 'h1', publicKey: publicKey.export({ type: 'spki', format: 'pem' }) }] }),
  );
  return { dir, file, keys, heads };
};

describe('ecoledger verify: keys and heads', () => {
  it('passes a keyed book against its key file and signed head, and says so', async () => {
    const { file, keys, heads } = await keyedStore();
    const run = capture();
    expect(await main(['verify', '--store', `sqlite:${file}`, '--key-file', keys, '--head-file', heads], run.io)).toBe(0);
    const text = run.out.join('\n');
    expect(text).toContain('ledger-book-retail: 4 events, 0 snapshots, 2 accounts, 2 transfers, keyed seal');
    expect(text).toContain('(keyed seals)');
    expect(text).toContain('1 signed head(s) matched');
    expect(text).not.toContain('NOT TAMPER-EVIDENT');
  });

  it('exits 1 when the newest event was deleted behind the library, caught by the head', async () => {
    const { file, keys, heads } = await keyedStore();
    const db = new Database(file);
    expect(db.prepare("DELETE FROM ecoledger_events WHERE stream = 'ledger-book-retail' AND revision = 3").run().changes).toBe(1);
    db.close();
    const without = capture();
    expect(await main(['verify', '--store', `sqlite:${file}`, '--key-file', keys], without.io)).toBe(0);
    const run = capture();
    expect(await main(['verify', '--store', `sqlite:${file}`, '--key-file', keys, '--head-file', heads], run.io)).toBe(1);
    expect(run.err.join('\n')).toMatch(/verify FAILED at ledger-book-retail revision 3: .*ends at 2 \(newest events deleted\?\)/);
  });

  it('without a key file says plainly that the check is not tamper-evident against a database writer', async () => {
    const dir = tempDir();
    const url = `sqlite:${join(dir, 'demo.db')}`;
    expect(await main(['demo', '--store', url], capture().io)).toBe(0);
    const run = capture();
    expect(await main(['verify', '--store', url], run.io)).toBe(0);
    expect(run.out.join('\n')).toContain('NOT TAMPER-EVIDENT against a database writer');
    expect(run.out.join('\n')).toContain('No --head-file');
  });

  it('exits 1 on a keyed book when the key is not given: its seals cannot be checked', async () => {
    const { file } = await keyedStore();
    const run = capture();
    expect(await main(['verify', '--store', `sqlite:${file}`], run.io)).toBe(1);
    expect(run.err.join('\n')).toMatch(/sealed with key k2026, which was not given/);
  });

  it('exits 2 for a key file or heads file it cannot use', async () => {
    const { dir, file, keys } = await keyedStore();
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ sealKeys: [{ keyId: 'k', key: 'c2hvcnQ=' }] }));
    for (const argv of [
      ['--key-file', join(dir, 'missing.json')],
      ['--key-file', bad],
      ['--key-file', keys, '--head-file', bad],
    ]) {
      const run = capture();
      expect(await main(['verify', '--store', `sqlite:${file}`, ...argv], run.io)).toBe(2);
      expect(run.err.join('\n')).toMatch(/ecoledger verify: /);
    }
  });
});

describe('ecoledger verify never writes', () => {
  it('a missing SQLite file is an error (exit 2), and no file is created', async () => {
    const file = join(tempDir(), 'nothing-here.db');
    const run = capture();
    expect(await main(['verify', '--store', `sqlite:${file}`], run.io)).toBe(2);
    expect(run.err.join('\n')).toMatch(/no SQLite file/);
    expect(existsSync(file)).toBe(false);
  });

  it('a SQLite file that holds no event store is an error (exit 2), and is left as it was', async () => {
    const dir = tempDir();
    const file = join(dir, 'other.db');
    const db = new Database(file);
    db.exec('CREATE TABLE unrelated (x INTEGER)');
    db.close();
    const before = digestOf(file);
    const run = capture();
    expect(await main(['verify', '--store', `sqlite:${file}`], run.io)).toBe(2);
    expect(run.err.join('\n')).toMatch(/holds no event store/);
    expect(digestOf(file)).toBe(before);
    expect(readdirSync(dir)).toEqual(['other.db']);
  });

  it('opens SQLite read-only: the file is unchanged and a read-only store refuses to append', async () => {
    const { dir, file, keys, heads } = await keyedStore();
    const before = digestOf(file);
    const names = readdirSync(dir).sort();
    expect(await main(['verify', '--store', `sqlite:${file}`, '--key-file', keys, '--head-file', heads], capture().io)).toBe(0);
    expect(digestOf(file)).toBe(before);
    // A reader of a WAL-mode file may create SQLite's companion files; they hold no data (the WAL stays empty).
    const added = readdirSync(dir).filter((name) => !names.includes(name));
    expect(added.every((name) => name === 'ledger.db-wal' || name === 'ledger.db-shm')).toBe(true);
    if (added.includes('ledger.db-wal')) expect(readFileSync(`${file}-wal`).length).toBe(0);
    const store = await openEventStore(`sqlite:${file}`, { readOnly: true });
    try {
      const [first] = await store.readStream('ledger-book-retail', { maxCount: 1 });
      const { id: _id, type, version, data, metadata } = first!;
      await expect(store.append('other-1', [{ id: 'b6c9e0a4-3c55-4a0e-8f1e-2b7d9c4a1e53', type, version, data, metadata }], 'any')).rejects.toMatchObject({ code: 'store_read_only' });
      expect((store as unknown as { database: { raw: { readonly: boolean } } }).database.raw.readonly).toBe(true);
    } finally {
      await store.close();
    }
  });
});

describePostgres('ecoledger verify on PostgreSQL', () => {
  it('says INCOMPLETE (exit 3), never OK, while a transaction in progress holds part of the log back', async () => {
    const schema = await postgresTestSchema();
    const pg = (await import('pg')).default;
    const holder = new pg.Client({ connectionString: schema.connectionString });
    await holder.connect();
    try {
      const url = `${schema.connectionString}${schema.connectionString.includes('?') ? '&' : '?'}schema=${schema.schema}`;
      const store = await openEventStore(url);
      try {
        const book = await Book.open({ store, bookId: 'main', snapshotEvery: 0 });
        await book.defineLedgers([{ id: 'cny', asset: { code: 'CNY', scale: 2 } }]);
        // An older transaction with an id: events committed after it may sit behind positions it could still take.
        await holder.query('BEGIN');
        await holder.query('SELECT pg_current_xact_id()');
        await book.openAccounts([{ id: 'cash', ledger: 'cny', code: 1001, type: 'asset' }]);
        const run = capture();
        expect(await main(['verify', '--store', `${url}&visibilityWaitMs=0`], run.io)).toBe(3);
        expect(run.err.join('\n')).toMatch(/verify INCOMPLETE after [01] events: .*held back/);
        expect(run.out.join('\n')).not.toContain('verify OK');
        await holder.query('ROLLBACK');
        const after = capture();
        expect(await main(['verify', '--store', url], after.io)).toBe(0);
        expect(after.out.join('\n')).toContain('verify OK: 2 events read');
      } finally {
        await store.close();
      }
    } finally {
      await holder.end();
      await schema.drop();
    }
  });

  it('a schema without an event store is an error (exit 2), and verify creates nothing in it', async () => {
    const schema = await postgresTestSchema();
    try {
      const pg = (await import('pg')).default;
      const client = new pg.Client({ connectionString: schema.connectionString });
      await client.connect();
      try {
        const missing = `${schema.schema}_absent`;
        const run = capture();
        const url = `${schema.connectionString}${schema.connectionString.includes('?') ? '&' : '?'}schema=${missing}`;
        expect(await main(['verify', '--store', url], run.io)).toBe(2);
        expect(run.err.join('\n')).toMatch(/holds no event store/);
        const created = await client.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [missing]);
        expect(created.rowCount).toBe(0);
      } finally {
        await client.end();
      }
    } finally {
      await schema.drop();
    }
  });
});

describe('ecoledger verify: the closed-posting index', () => {
  /** A SQLite file with a keyed book whose first period is closed into the index in the same file. */
  const closedStore = async () => {
    const dir = tempDir();
    const file = join(dir, 'ledger.db');
    const sealKey = randomBytes(32);
    const store = await openEventStore(`sqlite:${file}`);
    const database = openSqliteDatabase(file);
    const book = await Book.open({ store, bookId: 'retail', snapshotEvery: 0, seal: { keyId: 'k2026', key: sealKey }, closedPostings: createSqlClosedPostingIndex(database) });
    await book.defineLedgers([{ id: 'cny', asset: { code: 'CNY', scale: 2 } }]);
    await book.openAccounts([
      { id: 'cash', ledger: 'cny', code: 1001, type: 'asset' },
      { id: 'alice', ledger: 'cny', code: 2011, type: 'liability' },
    ]);
    await book.createTransfers([
      { id: 'd1', debitAccountId: 'cash', creditAccountId: 'alice', amount: '100.00', code: 1 },
      { id: 'd2', debitAccountId: 'cash', creditAccountId: 'alice', amount: '5.00', code: 1 },
    ]);
    await book.closePeriod();
    await database.close();
    await store.close();
    const keys = join(dir, 'keys.json');
    writeFileSync(keys, JSON.stringify({ sealKeys: [{ keyId: 'k2026', key: sealKey.toString('base64') }], headKeys: [] }));
    return { file, keys };
  };

  it('checks the index tables read-only, and exits 1 on a deleted, an edited or an inserted row', async () => {
    const tampers = [
      ["DELETE FROM ecoledger_closed_postings WHERE id = 'd2'", /period 0, id d2: .*does not hold it/],
      ["UPDATE ecoledger_closed_postings SET entry = replace(entry, '\"100.00\"', '\"900.00\"') WHERE id = 'd1'", /period 0, id d1: .*differs from the log/],
      ["INSERT INTO ecoledger_closed_postings SELECT book_id, 'x1', period, entry, seal, seal_key_id FROM ecoledger_closed_postings WHERE id = 'd1'", /holds 3 entries .* the log closed 2/],
    ] as const;
    for (const [sql, reason] of tampers) {
      const { file, keys } = await closedStore();
      const before = digestOf(file);
      const clean = capture();
      expect(await main(['verify', '--store', `sqlite:${file}`, '--key-file', keys], clean.io), clean.err.join('\n')).toBe(0);
      expect(clean.out.join('\n')).toContain('closed-posting index matches the log');
      expect(digestOf(file)).toBe(before);
      const db = new Database(file);
      expect(db.prepare(sql).run().changes).toBe(1);
      db.close();
      const run = capture();
      expect(await main(['verify', '--store', `sqlite:${file}`, '--key-file', keys], run.io), sql).toBe(1);
      expect(run.err.join('\n'), sql).toMatch(reason);
    }
  });
});

describe('ecoledger verify: a legacy book migrated to a seal key', () => {
  it('prints the head to adopt before keying, then the unkeyed prefix as adopted at that head', async () => {
    const dir = tempDir();
    const file = join(dir, 'ledger.db');
    const sealKey = randomBytes(32);
    const store = await openEventStore(`sqlite:${file}`);
    const legacy = await Book.open({ store, bookId: 'retail', snapshotEvery: 0 });
    await legacy.defineLedgers([{ id: 'cny', asset: { code: 'CNY', scale: 2 } }]);
    await legacy.openAccounts([{ id: 'cash', ledger: 'cny', code: 1001, type: 'asset' }, { id: 'alice', ledger: 'cny', code: 2011, type: 'liability' }]);
    const before = capture();
    expect(await main(['verify', '--store', `sqlite:${file}`], before.io)).toBe(0);
    const head = /head revision (\d+) hash ([0-9a-f]{64})/.exec(before.out.join('\n'));
    expect(head?.[1]).toBe('1');
    const keyed = await Book.open({ store, bookId: 'retail', snapshotEvery: 0, seal: { keyId: 'k1', key: sealKey, adoptUnkeyedHistory: { revision: head![1]!, hash: head![2]! } } });
    await keyed.createTransfers([{ id: 'd1', debitAccountId: 'cash', creditAccountId: 'alice', amount: '100.00', code: 1 }]);
    await store.close();
    const keys = join(dir, 'keys.json');
    writeFileSync(keys, JSON.stringify({ sealKeys: [{ keyId: 'k1', key: sealKey.toString('base64') }] }));
    const after = capture();
    expect(await main(['verify', '--store', `sqlite:${file}`, '--key-file', keys], after.io)).toBe(0);
    const text = after.out.join('\n');
    expect(text).toContain('keyed seal from revision 2; unkeyed prefix 0..1 adopted at its head');
    expect(text).not.toContain('NOT TAMPER-EVIDENT');
  });
});
