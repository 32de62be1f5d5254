/** PostgreSQL `appendMany` beyond the shared contract: races without stream locks, and a full-size call. */
import { describe, expect, it } from 'vitest';
import { describePostgres, testEvents } from '../../testing/index.js';
import type { StreamAppend } from '../eventStore.js';
import { usePostgresTestKit } from '../../../test-kit/eventStore/postgresTestKit.js';
import { MAX_APPEND_MANY_STREAMS } from '../../limits.js';

describePostgres('PostgreSQL appendMany', () => {
  const kit = usePostgresTestKit();

  describe('concurrency', () => {
    it('racing single appends and overlapping calls: each call lands whole or not at all, histories stay gap-free', async () => {
      const store = await kit.store(undefined, { max: 12 });
      const streams = Array.from({ length: 8 }, (_, i) => `contract-${i}`);
      for (const stream of streams) await store.append(stream, testEvents(1), 'no_stream');
      const call = (order: readonly string[]): StreamAppend[] => order.map((stream) => ({ stream, events: testEvents(2), expectedRevision: 0n }));
      const calls = [call(streams), call([...streams].reverse()), call(streams.slice(2, 6))];
      const singles = streams.map((stream) => ({ stream, events: testEvents(1) }));
      const outcomes = await Promise.allSettled([
        ...calls.map((appends) => store.appendMany(appends)),
        ...singles.map(({ stream, events }) => store.append(stream, events, 0n)),
      ]);
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') expect(outcome.reason).toMatchObject({ code: 'wrong_expected_version' });
      }
      const all = await store.readAll();
      const stored = new Set(all.map((event) => event.id));
      calls.forEach((appends, i) => {
        const written = appends.flatMap((append) => append.events).filter((event) => stored.has(event.id)).length;
        expect(written, `call ${i}`).toBe(outcomes[i]?.status === 'fulfilled' ? appends.reduce((sum, append) => sum + append.events.length, 0) : 0);
      });
      for (const stream of streams) {
        const read = await store.readStream(stream);
        expect(read.map((event) => event.revision)).toEqual(read.map((_, revision) => BigInt(revision)));
        // Every writer expected revision 0n: exactly one of them extended each stream.
        expect(read.length === 2 || read.length === 3).toBe(true);
        expect(await store.streamRevision(stream)).toBe(BigInt(read.length - 1));
      }
      for (let i = 1; i < all.length; i++) expect((all[i]?.position ?? 0n) > (all[i - 1]?.position ?? 0n)).toBe(true);
    });
  });

  describe('size', () => {
    it(`commits ${MAX_APPEND_MANY_STREAMS} streams in one transaction (no per-stream lock to exhaust the lock table)`, async () => {
      const store = await kit.store();
      const appends: StreamAppend[] = Array.from({ length: MAX_APPEND_MANY_STREAMS }, (_, i) => ({
        stream: `cob-${i}`,
        events: testEvents(1),
        expectedRevision: 'no_stream',
      }));
      const result = await store.appendMany(appends);
      expect(result.streams).toHaveLength(MAX_APPEND_MANY_STREAMS);
      const all = await store.readAll();
      expect(all).toHaveLength(MAX_APPEND_MANY_STREAMS);
      expect(all.map((event) => event.streamName)).toEqual(appends.map((append) => append.stream));
      expect(all.at(-1)?.position).toBe(result.position);
      expect(await store.appendMany(appends)).toEqual(result);
      expect(await store.streamRevision('cob-9999')).toBe(0n);
    });
  });
});
