/**
 * PostgreSQL for tests: gating and isolation.
 *
 * - {@link describePostgres} registers a suite that needs the server. When the server is not
 *   reachable, a plain `npm test` skips it and prints one line saying so; under `CI=true` the
 *   suite runs anyway (and fails loudly), so a CI machine without PostgreSQL never passes green.
 * - {@link postgresTestSchema} creates a schema of its own for one test (`ecoledger_t_<pid>_<random>`)
 *   and drops it in teardown, so tests and parallel test files never see each other's rows.
 *
 * The server is the one named by `ECOLEDGER_PG_URL` (default `postgres://postgres@127.0.0.1:5432/test`).
 */
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import pg from 'pg';
import { describe, it } from 'vitest';
import { defaultPostgresUrl } from '../sql/postgresDatabase.js';

/** Milliseconds the one reachability check waits for a connection. */
const connectTimeoutMs = 3_000;

/** The connection string the PostgreSQL tests use. */
export const postgresTestUrl = (): string => defaultPostgresUrl();

/** True when tests must not skip PostgreSQL (`CI=true`). */
export const postgresRequired = (): boolean => process.env['CI'] === 'true' || process.env['CI'] === '1';

/** Runs one statement on a short-lived connection. */
const runStatement = async (sql: string): Promise<void> => {
  const client = new pg.Client({ connectionString: postgresTestUrl(), connectionTimeoutMillis: connectTimeoutMs });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
};

let reachability: Promise<string | undefined> | undefined;

/** Checks once per process whether the server answers; resolves to the failure reason, or `undefined` when reachable. */
const unreachableReason = (): Promise<string | undefined> => {
  reachability ??= runStatement('SELECT 1').then(
    () => undefined,
    (error: unknown) => (error instanceof Error ? error.message || error.name : String(error)),
  );
  return reachability;
};

/** True when the test server accepts connections (checked once per process, with a short timeout). */
export const postgresAvailable = async (): Promise<boolean> => (await unreachableReason()) === undefined;

/** The URL without its password, for messages. */
const redactedUrl = (): string => postgresTestUrl().replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

/**
 * Prints the skip notice once per test run: test files run in separate workers, so a marker file
 * named after the run's main process tells the later ones it was already printed.
 */
const printSkipNoticeOnce = async (reason: string): Promise<void> => {
  const runner = isMainThread ? process.ppid : process.pid;
  try {
    await writeFile(join(tmpdir(), `ecoledger-postgres-skip-notice-${runner}`), reason, { flag: 'wx' });
  } catch {
    return; // another worker of this run printed it
  }
  console.warn(`PostgreSQL not reachable at ${redactedUrl()} (${reason}): skipping PostgreSQL tests (set CI=true to require them)`);
};

/**
 * `describe` for suites that need PostgreSQL: skipped with a one-line notice when the server is
 * unreachable, except under `CI=true`, where an unreachable server fails the run.
 */
export const describePostgres = (name: string, fn: () => void): void => {
  describe(name, async () => {
    const reason = await unreachableReason();
    if (reason === undefined) {
      fn();
      return;
    }
    if (postgresRequired()) {
      it(`reaches PostgreSQL at ${redactedUrl()}`, () => {
        throw new Error(`PostgreSQL not reachable at ${redactedUrl()} (${reason}), and CI=true requires the PostgreSQL tests`);
      });
      fn();
      return;
    }
    await printSkipNoticeOnce(reason);
    describe.skip(name, fn);
  });
};

/** A schema of one's own on the test server. */
export interface PostgresTestSchema {
  readonly connectionString: string;
  /** `ecoledger_t_<pid>_<random>`: valid for `openPostgresDatabase`. */
  readonly schema: string;
  /** Drops the schema and everything in it; safe to call twice. */
  readonly drop: () => Promise<void>;
}

/** Creates a fresh, empty schema; drop it in teardown. */
export const postgresTestSchema = async (): Promise<PostgresTestSchema> => {
  const schema = `ecoledger_t_${process.pid}_${randomBytes(5).toString('hex')}`;
  await runStatement(`CREATE SCHEMA ${schema}`);
  return {
    connectionString: postgresTestUrl(),
    schema,
    drop: () => runStatement(`DROP SCHEMA IF EXISTS ${schema} CASCADE`),
  };
};
