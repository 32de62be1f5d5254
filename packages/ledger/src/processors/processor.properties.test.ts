import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../eventStore/inMemoryEventStore.js';
import { createInMemoryCheckpointStore } from '../projections/runner/checkpointStore.js';
import { testEvents } from '../testing/index.js';
import { isProcessorError } from './errors.js';
import { eachEvent, type Processor } from './processor.js';
import { runProcessorOnce } from './startProcessor.js';

describe('processors: at-least-once delivery, exactly-once idempotent effects', () => {
  it('whatever deliveries fail, restarts until done apply every event, each effect once, in global order, never skipping', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ stream: fc.constantFrom('orders-1', 'orders-2', 'payments-1'), count: fc.integer({ min: 1, max: 6 }) }), { minLength: 0, maxLength: 6 }),
        fc.integer({ min: 1, max: 5 }),
        fc.uniqueArray(fc.nat({ max: 80 }), { maxLength: 12 }),
        fc.integer({ min: 1, max: 3 }),
        async (appends, batchSize, failingDeliveries, maxAttempts) => {
          const store = createInMemoryEventStore({ positionStep: 2n });
          for (const { stream, count } of appends) await store.append(stream, testEvents(count), 'any');
          const log = await store.readAll();
          const checkpoints = createInMemoryCheckpointStore();
          const failAt = new Set(failingDeliveries);
          // The effect: a write keyed by event id, so a repeated delivery changes nothing.
          const effects = new Map<string, number>();
          let delivery = 0;
          const processor: Processor = {
            name: 'prop',
            handle: eachEvent((event) => {
              if (failAt.has(delivery++)) throw new Error(`injected failure at delivery ${delivery - 1}`);
              if (!effects.has(event.id)) effects.set(event.id, effects.size);
            }),
          };
          const retry = { maxAttempts, baseDelayMs: 0, jitter: () => 0, sleep: async () => undefined };
          let runs = 0;
          for (;;) {
            runs++;
            const before = await checkpoints.load('prop');
            const firstDelivery = delivery;
            const seen: bigint[] = [];
            const observed: Processor = { name: 'prop', handle: async (events, context) => {
              if (seen.length === 0) expect(context.after).toBe(before);
              seen.push(...events.map((e) => e.position));
              await processor.handle(events, context);
            } };
            let finished = false;
            try {
              await runProcessorOnce({ source: store, checkpoints, processor: observed, batchSize, retry });
              finished = true;
            } catch (error) {
              expect(isProcessorError(error, 'processor_handler_failed')).toBe(true);
              expect(delivery).toBeGreaterThan(firstDelivery);
            }
            // Each run starts right after the checkpoint it found: nothing before it again, nothing skipped.
            const resumeIndex = before === 'start' ? 0 : log.findIndex((e) => e.position === before) + 1;
            expect(seen[0]).toBe(log[resumeIndex]?.position);
            expect(runs).toBeLessThanOrEqual(failingDeliveries.length + 1);
            if (finished) break;
          }
          expect([...effects.keys()]).toEqual(log.map((e) => e.id));
          expect(await checkpoints.load('prop')).toBe(log.at(-1)?.position ?? 'start');
          await store.close();
        },
      ),
      { numRuns: 150 },
    );
  });
});
