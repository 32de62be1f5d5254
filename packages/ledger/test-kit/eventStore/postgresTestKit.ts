/**
 * Test helpers of the PostgreSQL adapter tests: fresh schemas and stores that are closed and
 * dropped after each test, and raw SQL on a schema for corrupting or inspecting rows.
 */
import pg from 'pg';
import { afterEach } from 'vitest';
import { postgresTestSchema, type PostgresTestSchema } from '../../src/testing/postgresTestDatabase.js';
import { openPostgresDatabase } from '../../src/sql/postgresDatabase.js';
import { createPostgresEventStore, type PostgresDatabase, type PostgresEventStore, type PostgresEventStoreCommonOptions } from '../../src/eventStore/postgres/postgresEventStore.js';

/** What one test opened, closed in reverse order after it. */
export interface PostgresTestKit {
  /** A fresh schema, dropped after the test. */
  readonly schema: () => Promise<PostgresTestSchema>;
  /** A store on `schema` (a fresh one by default), closed after the test. */
  readonly store: (schema?: PostgresTestSchema, options?: PostgresEventStoreCommonOptions & { readonly max?: number }) => Promise<PostgresEventStore>;
  /** An open database on `schema`, closed after the test. */
  readonly database: (schema: PostgresTestSchema, max?: number) => Promise<PostgresDatabase>;
  /** A plain connected client, ended after the test. */
  readonly client: (schema: PostgresTestSchema) => Promise<pg.Client>;
}

/** Registers the cleanup hook and returns the kit; call once at the top of a `describe`. */
export const usePostgresTestKit = (): PostgresTestKit => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const schema = async (): Promise<PostgresTestSchema> => {
    const created = await postgresTestSchema();
    cleanups.push(created.drop);
    return created;
  };
  return {
    schema,
    store: async (on, options = {}) => {
      const { connectionString, schema: name } = on ?? (await schema());
      const store = await createPostgresEventStore({ connectionString, schema: name, ...options });
      cleanups.push(() => store.close());
      return store;
    },
    database: async ({ connectionString, schema: name }, max) => {
      const database = await openPostgresDatabase(connectionString, max === undefined ? { schema: name } : { schema: name, max });
      cleanups.push(() => database.close());
      return database;
    },
    client: async ({ connectionString, schema: name }) => {
      const client = new pg.Client({ connectionString, options: `-c search_path=${name}` });
      client.on('error', () => undefined);
      await client.connect();
      cleanups.push(() => client.end().catch(() => undefined));
      return client;
    },
  };
};

/** Polls `probe` until it returns a value, or fails after `timeoutMs`. */
export const waitFor = async <T>(probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};
