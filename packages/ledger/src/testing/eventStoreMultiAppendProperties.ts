/**
 * Property-based part of the `appendMany` contract, for stores whose `appendMany` is atomic: random
 * sequences of `append` and `appendMany` calls with random (sometimes wrong) expectations, and
 * exact retries of earlier calls, leave the store equal to a trivial model.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EventEnvelope, Json } from '../eventStore/envelope.js';
import type { EventStore, ExpectedRevision, MultiAppendResult, StreamAppend } from '../eventStore/eventStore.js';
import { testEvents } from './eventFixtures.js';

/** Minimal shape of a contract subject, repeated here to keep the modules acyclic. */
interface Subject {
  readonly store: EventStore;
  readonly teardown?: () => Promise<void>;
}

type Expectation = 'any' | 'no_stream' | 'stream_exists' | 'current' | 'stale';

const streams = ['contract-a', 'contract-b', 'contract-c', 'contract-d'] as const;

const streamPart = fc.record({
  count: fc.integer({ min: 1, max: 3 }),
  expectation: fc.constantFrom<Expectation>('any', 'no_stream', 'stream_exists', 'current', 'current', 'stale'),
});

const command = fc.oneof(
  fc.record({ kind: fc.constant('append' as const), stream: fc.constantFrom(...streams), part: streamPart }),
  fc.record({
    kind: fc.constant('appendMany' as const),
    parts: fc.uniqueArray(fc.record({ stream: fc.constantFrom(...streams), part: streamPart }), {
      minLength: 1,
      maxLength: streams.length,
      selector: (entry) => entry.stream,
    }),
  }),
  fc.record({ kind: fc.constant('retry' as const), which: fc.nat() }),
);

/** The model's rule, written independently of the store code under test. */
const accepts = (expected: ExpectedRevision, count: number): boolean =>
  expected === 'any' ||
  (expected === 'no_stream' && count === 0) ||
  (expected === 'stream_exists' && count > 0) ||
  (typeof expected === 'bigint' && count > 0 && expected === BigInt(count - 1));

const resolve = (expectation: Expectation, count: number): ExpectedRevision => {
  if (expectation === 'current') return count === 0 ? 'no_stream' : BigInt(count - 1);
  if (expectation === 'stale') return count <= 1 ? 5n : BigInt(count - 2);
  return expectation;
};

const withFreshStore = async (factory: () => Promise<Subject>, use: (store: EventStore) => Promise<void>): Promise<void> => {
  const subject = await factory();
  try {
    await use(subject.store);
  } finally {
    await subject.store.close();
    await subject.teardown?.();
  }
};

/** Registers the property; each run gets its own store from `factory`, and runs only where `appendMany` is atomic. */
export const describeMultiAppendProperties = (factory: () => Promise<Subject>, numRuns = 40): void => {
  describe('appendMany properties', () => {
    it('random append and appendMany calls, and retries of committed calls, match a trivial model', async ({ skip }) => {
      const probe = await factory();
      const atomic = probe.store.atomicMultiStreamAppend;
      await probe.store.close();
      await probe.teardown?.();
      skip(!atomic, 'the store does not promise an atomic appendMany (atomicMultiStreamAppend is false)');
      await fc.assert(
        fc.asyncProperty(fc.array(command, { maxLength: 20 }), (commands) =>
          withFreshStore(factory, async (store) => {
            const model = new Map<string, EventEnvelope[]>();
            const log: string[] = [];
            const committed: { readonly call: readonly StreamAppend[]; readonly result: MultiAppendResult }[] = [];
            const count = (stream: string): number => model.get(stream)?.length ?? 0;
            const record = (stream: string, events: readonly EventEnvelope[]): void => {
              model.set(stream, [...(model.get(stream) ?? []), ...events]);
              log.push(...events.map((event) => event.id));
            };
            for (const step of commands) {
              if (step.kind === 'retry') {
                const earlier = committed[step.which % Math.max(1, committed.length)];
                if (earlier === undefined) continue;
                const isTail = earlier.call.every(({ stream, events }) => {
                  const stored = model.get(stream) ?? [];
                  return stored.slice(stored.length - events.length).every((event, i) => event.id === events[i]?.id);
                });
                if (isTail) {
                  await expect(store.appendMany(earlier.call)).resolves.toEqual(earlier.result);
                } else {
                  // Not its own tail any more: a conflict, or (with 'any') ids stored elsewhere; never a write.
                  const error: unknown = await store.appendMany(earlier.call).then(() => undefined, (rejection: unknown) => rejection);
                  expect(['wrong_expected_version', 'duplicate_event_id']).toContain((error as { code?: unknown } | undefined)?.code);
                }
                continue;
              }
              const parts = step.kind === 'append' ? [{ stream: step.stream, part: step.part }] : step.parts;
              const call: StreamAppend[] = parts.map(({ stream, part }) => ({
                stream,
                events: testEvents(part.count),
                expectedRevision: resolve(part.expectation, count(stream)),
              }));
              const failing = call.find((append) => !accepts(append.expectedRevision, count(append.stream)));
              const attempt =
                step.kind === 'append'
                  ? store.append(call[0]!.stream, call[0]!.events, call[0]!.expectedRevision)
                  : store.appendMany(call);
              if (failing !== undefined) {
                const actual = count(failing.stream) === 0 ? 'no_stream' : BigInt(count(failing.stream) - 1);
                await expect(attempt).rejects.toMatchObject({ code: 'wrong_expected_version', stream: failing.stream, expected: failing.expectedRevision, actual });
                continue;
              }
              const result = await attempt;
              for (const append of call) record(append.stream, append.events);
              if ('streams' in result) {
                expect(result.streams.map((entry) => entry.nextExpectedRevision)).toEqual(call.map((append) => BigInt(count(append.stream) - 1)));
                committed.push({ call, result });
              }
            }
            const all = await store.readAll();
            expect(all.map((event) => event.id)).toEqual(log);
            for (let i = 1; i < all.length; i++) expect((all[i]?.position ?? 0n) > (all[i - 1]?.position ?? 0n)).toBe(true);
            for (const stream of streams) {
              expect((await store.readStream(stream)).map((event) => event.id)).toEqual((model.get(stream) ?? []).map((event) => event.id));
            }
          }),
        ),
        { numRuns },
      );
    });
  });
};
