import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultPostgresUrl } from '@ecoledger/ledger/postgres';
import { describePostgres } from '@ecoledger/ledger/testing';
import { main } from './main.js';
import { capture, closedPort } from '../test-kit/cliTestSupport.js';
import { showStoreUrl, userErrorOf } from './userErrors.js';

const dir = mkdtempSync(join(tmpdir(), 'ecoledger-user-errors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Both commands answer `url` with exit 2 and one line matching `pattern`, without a stack trace. */
const expectBothRefuse = async (url: string, pattern: RegExp) => {
  for (const command of ['demo', 'verify']) {
    const run = capture();
    expect(await main([command, '--store', url], run.io), `${command} ${url}: ${run.err.join('\n')}`).toBe(2);
    expect(run.err, `${command} ${url}`).toHaveLength(1);
    expect(run.err[0]).toMatch(new RegExp(`^ecoledger ${command}: ${pattern.source}`));
    expect(run.err[0]).not.toMatch(/\n|\bat .*:\d+:\d+/);
  }
};

describe('user mistakes about the store: one line, exit 2', () => {
  it('a SQLite file in a directory that does not exist', async () => {
    const missing = join(dir, 'no-such-dir', 'ledger.db');
    await expectBothRefuse(`sqlite:${missing}`, /(cannot create SQLite file .*: directory .*no-such-dir does not exist|the store does not exist.*no SQLite file)/);
    expect(existsSync(join(dir, 'no-such-dir'))).toBe(false);
  });

  it.runIf(existsSync('/proc/self'))('a SQLite file in a directory nobody may write (even root: /proc)', async () => {
    const run = capture();
    expect(await main(['demo', '--store', 'sqlite:/proc/ecoledger-test.db'], run.io)).toBe(2);
    expect(run.err).toEqual(['ecoledger demo: SQLite file /proc/ecoledger-test.db cannot be opened: its directory is not writable, or the path is a directory (SQLITE_CANTOPEN)']);
  });

  it('a text file given as a SQLite database', async () => {
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'this is not a database, just some notes that happen to be long enough\n'.repeat(20));
    await expectBothRefuse(`sqlite:${text}`, /SQLite file .*notes\.txt is not a SQLite database \(SQLITE_NOTADB\)/);
  });

  it('an EventStoreDB server that is not there', async () => {
    const port = await closedPort();
    await expectBothRefuse(`esdb://127.0.0.1:${port}?tls=false`, new RegExp(`cannot reach the EventStoreDB server at 127\\.0\\.0\\.1:${port}: connection refused`));
  });

  it('a PostgreSQL server that is not there', async () => {
    const port = await closedPort();
    await expectBothRefuse(`postgres://postgres@127.0.0.1:${port}/test`, new RegExp(`cannot reach the PostgreSQL server at 127\\.0\\.0\\.1:${port}: connection refused`));
  });
});

describePostgres('user mistakes about PostgreSQL: one line, exit 2', () => {
  const withUrl = (change: (url: URL) => void): string => {
    const url = new URL(defaultPostgresUrl());
    change(url);
    return url.toString();
  };

  it('an unknown role', async () => {
    await expectBothRefuse(
      withUrl((url) => {
        url.username = 'ecoledger_no_such_role';
        url.password = 'secret';
      }),
      /PostgreSQL refused the login at .*: role "ecoledger_no_such_role" does not exist \(SQLSTATE 28000\)/,
    );
  });

  it('an unknown database', async () => {
    await expectBothRefuse(
      withUrl((url) => {
        url.pathname = '/ecoledger_no_such_db';
      }),
      /no such PostgreSQL database at .*: database "ecoledger_no_such_db" does not exist \(SQLSTATE 3D000\)/,
    );
  });
});

describe('userErrorOf', () => {
  it('leaves a bug alone: an error it does not know stays undefined (bin.ts prints its stack)', () => {
    expect(userErrorOf(new Error('boom'), 'memory:')).toBeUndefined();
    expect(userErrorOf(Object.assign(new Error('syntax error'), { code: '42601', severity: 'ERROR' }), 'postgres://u@h/db')).toBeUndefined();
    expect(userErrorOf(Object.assign(new Error('constraint'), { code: 'SQLITE_CONSTRAINT' }), 'sqlite:x.db')).toBeUndefined();
  });

  it('names a host with several addresses that all refused (AggregateError)', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' });
    expect(userErrorOf(new AggregateError([refused, refused]), 'postgres://u@localhost:5432/db')).toBe('cannot reach the PostgreSQL server at localhost:5432: connection refused');
  });

  it('never shows a password', () => {
    expect(showStoreUrl('postgres://alice:s3cret@db:5432/x')).toBe('postgres://alice:***@db:5432/x');
    const line = userErrorOf(Object.assign(new TypeError('Invalid URL'), { code: 'ERR_INVALID_URL' }), 'postgres://alice:s3cret@[db');
    expect(line).toBe('--store postgres://alice:***@[db is not a valid URL');
  });
});

describe('a store whose optional driver is not installed', () => {
  it('is one line naming the package to install, not a stack trace', async () => {
    const { DriverNotInstalledError } = await import('@ecoledger/ledger');
    const error = new DriverNotInstalledError('@eventstore/db-client', { cause: new Error("Cannot find module '@eventstore/db-client'") });
    const line = userErrorOf(error, 'esdb://127.0.0.1:2113?tls=false');
    expect(line).toBeDefined();
    expect(line).toContain('npm install @eventstore/db-client');
    expect(line).not.toMatch(/\n/);
  });
});
