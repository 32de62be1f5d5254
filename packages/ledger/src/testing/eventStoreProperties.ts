/**
 * Property-based part of the event store contract: random append sequences against a trivial
 * model, and random malformed input that must always be rejected without changing the store.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EventEnvelope, Json } from '../eventStore/envelope.js';
import type { ActualRevision, EventStore, ExpectedRevision } from '../eventStore/eventStore.js';
import { envelopeCorruptions, testEvent, testEvents } from './eventFixtures.js';

/** Minimal shape of a contract subject, repeated here to keep the modules acyclic. */
interface Subject {
  readonly store: EventStore;
  readonly teardown?: () => Promise<void>;
}

const withFreshStore = async <T>(factory: () => Promise<Subject>, use: (store: EventStore) => Promise<T>): Promise<T> => {
  const subject = await factory();
  try {
    return await use(subject.store);
  } finally {
    await subject.store.close();
    await subject.teardown?.();
  }
};

/** How a generated append states its expectation, resolved against the model at run time. */
type Expectation = 'any' | 'no_stream' | 'stream_exists' | 'current' | 'stale' | { readonly exact: bigint };

const streams = ['account-a', 'account-b', 'account-c'] as const;

const appendCommand = fc.record({
  stream: fc.constantFrom(...streams),
  count: fc.integer({ min: 1, max: 4 }),
  expectation: fc.oneof(
    fc.constantFrom<Expectation>('any', 'no_stream', 'stream_exists', 'current', 'current', 'stale'),
    fc.bigInt({ min: 0n, max: 8n }).map((exact): Expectation => ({ exact })),
  ),
});

/** The model's rule, written independently of the store code under test. */
const modelAccepts = (expected: ExpectedRevision, count: number): boolean => {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return count === 0;
  if (expected === 'stream_exists') return count > 0;
  return count > 0 && expected === BigInt(count - 1);
};

const resolve = (expectation: Expectation, count: number): ExpectedRevision => {
  if (typeof expectation === 'object') return expectation.exact;
  if (expectation === 'current') return count === 0 ? 'no_stream' : BigInt(count - 1);
  if (expectation === 'stale') return count <= 1 ? 5n : BigInt(count - 2);
  return expectation;
};

/** Registers the property tests; each run gets its own store from `factory`. */
export const describeEventStoreProperties = (factory: () => Promise<Subject>, numRuns = 40): void => {
  describe('properties', () => {
    it('random appends to a few streams match a trivial model (revisions, conflicts, global order)', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(appendCommand, { maxLength: 30 }), (commands) =>
          withFreshStore(factory, async (store) => {
            const counts = new Map<string, number>();
            const log: { id: string; stream: string; revision: bigint }[] = [];
            for (const command of commands) {
              const count = counts.get(command.stream) ?? 0;
              const expected = resolve(command.expectation, count);
              const batch = testEvents(command.count);
              if (modelAccepts(expected, count)) {
                const result = await store.append(command.stream, batch, expected);
                expect(result.nextExpectedRevision).toBe(BigInt(count + command.count - 1));
                batch.forEach((event, index) => log.push({ id: event.id, stream: command.stream, revision: BigInt(count + index) }));
                counts.set(command.stream, count + command.count);
              } else {
                const actual: ActualRevision = count === 0 ? 'no_stream' : BigInt(count - 1);
                await expect(store.append(command.stream, batch, expected)).rejects.toMatchObject({
                  code: 'wrong_expected_version',
                  stream: command.stream,
                  expected,
                  actual,
                });
              }
            }
            const all = await store.readAll();
            expect(all.map((event) => ({ id: event.id, stream: event.streamName, revision: event.revision }))).toEqual(log);
            for (let i = 1; i < all.length; i++) expect((all[i]?.position ?? 0n) > (all[i - 1]?.position ?? 0n)).toBe(true);
            for (const stream of streams) {
              const count = counts.get(stream) ?? 0;
              expect(await store.streamRevision(stream)).toBe(count === 0 ? 'no_stream' : BigInt(count - 1));
              const read = await store.readStream(stream);
              expect(read.map((event) => event.id)).toEqual(log.filter((entry) => entry.stream === stream).map((entry) => entry.id));
            }
          }),
        ),
        { numRuns },
      );
    });

    it('malformed envelopes always give invalid_argument and never change the store', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 0, max: envelopeCorruptions.length - 1 }),
          fc.integer({ min: 0, max: 3 }),
          fc.integer({ min: 0, max: 3 }),
          fc.constantFrom<ExpectedRevision>('any', 0n, 'stream_exists'),
          (corruptionIndex, validBefore, validAfter, expected) =>
            withFreshStore(factory, async (store) => {
              const corruption = envelopeCorruptions[corruptionIndex];
              if (corruption === undefined) return;
              await store.append('account-a', [testEvent()], 'no_stream');
              const before = await store.readAll();
              const batch: unknown[] = [...testEvents(validBefore), corruption.corrupt(testEvent()), ...testEvents(validAfter)];
              const error: unknown = await store.append('account-a', batch as EventEnvelope<string, Json>[], expected).then(
                () => undefined,
                (rejection: unknown) => rejection,
              );
              expect(error, corruption.name).toBeInstanceOf(Error);
              expect((error as { code?: unknown }).code, corruption.name).toBe('invalid_argument');
              expect(await store.readAll()).toEqual(before);
              expect(await store.streamRevision('account-a')).toBe(0n);
            }),
        ),
        { numRuns: numRuns * 3 },
      );
    });
  });
};
