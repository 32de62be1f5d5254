import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_APPEND_MANY_STREAMS } from '../limits.js';
import { describePostgres, postgresTestSchema } from '../testing/postgresTestDatabase.js';
import { testEvents } from '../testing/eventFixtures.js';
import type { EventStore } from './eventStore.js';
import { createInMemoryEventStore } from './inMemoryEventStore.js';
import { createPostgresEventStore } from './postgres/index.js';
import { createSqliteEventStore } from './sqlite/index.js';
import { streamRevisionsOf } from './streamRevisions.js';

/** The store without its batched method: what `streamRevisionsOf` does for EventStoreDB and wrappers. */
const withoutBatch = (store: EventStore): EventStore => {
  const { streamRevisions: _batched, ...rest } = store;
  return { ...rest, close: () => store.close() };
};

const contract = (name: string, open: () => Promise<{ store: EventStore; teardown: () => Promise<void> }>): void => {
  describe(`streamRevisions (${name})`, () => {
    it('gives each stream its last revision, no_stream for none, in input order, repeats included', async () => {
      const { store, teardown } = await open();
      try {
        await store.append('a', testEvents(3), 'no_stream');
        await store.appendMany([
          { stream: 'b', events: testEvents(1), expectedRevision: 'no_stream' },
          { stream: 'c', events: testEvents(2), expectedRevision: 'no_stream' },
        ]);
        const asked = ['c', 'missing', 'a', 'b', 'a'];
        const expected = [1n, 'no_stream', 2n, 0n, 2n];
        expect(await streamRevisionsOf(store, asked)).toEqual(expected);
        expect(await streamRevisionsOf(withoutBatch(store), asked)).toEqual(expected);
        expect(await Promise.all(asked.map((stream) => store.streamRevision(stream)))).toEqual(expected);
        expect(await streamRevisionsOf(store, [])).toEqual([]);
      } finally {
        await store.close();
        await teardown();
      }
    });

    it('refuses malformed names and too many streams with invalid_argument', async () => {
      const { store, teardown } = await open();
      try {
        for (const bad of [[''], ['ok', 7], 'a', Array.from({ length: MAX_APPEND_MANY_STREAMS + 1 }, (_, i) => `s${i}`)]) {
          await expect(streamRevisionsOf(store, bad as string[])).rejects.toMatchObject({ code: 'invalid_argument' });
          await expect(streamRevisionsOf(withoutBatch(store), bad as string[])).rejects.toMatchObject({ code: 'invalid_argument' });
        }
      } finally {
        await store.close();
        await teardown();
      }
    });
  });
};

contract('memory', async () => ({ store: createInMemoryEventStore(), teardown: async () => {} }));
contract('sqlite', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ecoledger-heads-'));
  return { store: await createSqliteEventStore({ path: join(dir, 'heads.db') }), teardown: () => rm(dir, { recursive: true, force: true }) };
});
describePostgres('PostgreSQL', () => {
  contract('postgres', async () => {
    const { connectionString, schema, drop } = await postgresTestSchema();
    return { store: await createPostgresEventStore({ connectionString, schema }), teardown: drop };
  });
});
