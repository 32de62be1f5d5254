import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../eventStore/envelope.js';
import type { EventStore } from '../eventStore/eventStore.js';
import { createInMemoryEventStore } from '../eventStore/inMemoryEventStore.js';
import { createInMemoryCheckpointStore, type CheckpointStore } from '../projections/runner/checkpointStore.js';
import { eventually, rejectionOf, testEvents } from '../testing/index.js';
import { isProcessorError, ProcessorHandlerError } from './errors.js';
import { eachEvent, type Processor, type ProcessorContext } from './processor.js';
import { runProcessorOnce, startProcessor, type RunningProcessor } from './startProcessor.js';

/** A processor whose effect is a set keyed by event id (idempotent), logging every delivery. */
const recorder = (name: string, options: { failAt?: () => bigint | undefined; canHandle?: Processor['canHandle'] } = {}) => {
  const effects = new Set<string>();
  const deliveries: bigint[] = [];
  const pages: { positions: bigint[]; context: ProcessorContext }[] = [];
  const processor: Processor = {
    name,
    ...(options.canHandle === undefined ? {} : { canHandle: options.canHandle }),
    handle: async (events, context) => {
      pages.push({ positions: events.map((e) => e.position), context });
      for (const event of events) {
        deliveries.push(event.position);
        if (event.position === options.failAt?.()) throw new Error(`refusing position ${event.position}`);
        effects.add(event.id);
      }
    },
  };
  return { processor, effects, deliveries, pages };
};

/** A promise to hold a handler on, and its release. */
const gate = (): { opened: Promise<void>; open: () => void } => {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
};

const positionsOf = async (store: EventStore): Promise<bigint[]> => (await store.readAll()).map((e) => e.position);
const idsOf = async (store: EventStore): Promise<string[]> => (await store.readAll()).map((e) => e.id);

describe('startProcessor', () => {
  let store: EventStore;
  let checkpoints: CheckpointStore;
  const running: RunningProcessor[] = [];
  const start = async (options: Omit<Parameters<typeof startProcessor>[0], 'source' | 'checkpoints'>): Promise<RunningProcessor> => {
    const processor = await startProcessor({ source: store, checkpoints, ...options });
    running.push(processor);
    return processor;
  };

  beforeEach(async () => {
    // Gaps between positions: the processor must never assume they are contiguous.
    store = createInMemoryEventStore({ positionStep: 7n });
    checkpoints = createInMemoryCheckpointStore();
    await store.append('orders-1', testEvents(5), 'any');
    await store.append('payments-1', testEvents(4), 'any');
  });
  afterEach(async () => {
    for (const processor of running.splice(0)) await processor.stop();
    await store.close();
  });

  it('hands over every event once, in global order and in pages, then follows live appends', async () => {
    const { processor, deliveries, pages } = recorder('all');
    const run = await start({ processor, batchSize: 4 });
    await run.caughtUp;
    expect(deliveries).toEqual(await positionsOf(store));
    expect(pages.map((p) => p.positions.length)).toEqual([4, 4, 1]);
    expect(pages.map((p) => p.context.after)).toEqual(['start', pages[0]?.positions[3], pages[1]?.positions[3]]);
    expect(await checkpoints.load('all')).toBe(deliveries.at(-1));
    await store.append('orders-2', testEvents(3), 'any');
    const head = (await positionsOf(store)).at(-1);
    await eventually(() => run.position() === head, 60_000);
    expect(deliveries).toEqual(await positionsOf(store));
    expect(await run.lag()).toBe(0n);
  });

  it('resumes strictly after its checkpoint: nothing handled twice, nothing skipped', async () => {
    const first = recorder('resume');
    expect(await runProcessorOnce({ source: store, checkpoints, processor: first.processor, batchSize: 2 })).toEqual({ position: (await positionsOf(store)).at(-1), events: 9n });
    await store.append('orders-1', testEvents(3), 'any');
    const second = recorder('resume');
    const run = await start({ processor: second.processor, batchSize: 2, pollIntervalMs: 5 });
    await run.caughtUp;
    await run.stop();
    expect([...first.deliveries, ...second.deliveries]).toEqual(await positionsOf(store));
    const third = recorder('resume');
    expect(await runProcessorOnce({ source: store, checkpoints, processor: third.processor })).toEqual({ position: run.position(), events: 0n });
    expect(third.deliveries).toEqual([]);
  });

  it('a handler throwing midway through a page stops the processor; a restart resumes at that page and effects stay once each', async () => {
    const all = await positionsOf(store);
    const failing = recorder('crash', { failAt: () => all[5] });
    const errors: unknown[] = [];
    const run = await start({ processor: failing.processor, batchSize: 4, onError: (e) => errors.push(e) });
    const error = await rejectionOf(run.done);
    expect(errors).toEqual([error]);
    expect(error).toBeInstanceOf(ProcessorHandlerError);
    expect(error).toMatchObject({ code: 'processor_handler_failed', processor: 'crash', fromPosition: all[4], toPosition: all[7], attempts: 1 });
    expect(await rejectionOf(run.caughtUp)).toBe(error);
    // The page's first event took effect before the throw; the checkpoint did not move past the page.
    expect(run.position()).toBe(all[3]);
    expect(await checkpoints.load('crash')).toBe(all[3]);
    expect(await run.lag()).toBe(5n);

    const fixed = recorder('crash');
    for (const id of failing.effects) fixed.effects.add(id);
    const report = await runProcessorOnce({ source: store, checkpoints, processor: fixed.processor, batchSize: 4 });
    expect(fixed.deliveries[0]).toBe(all[4]);
    expect(report).toEqual({ position: all[8], events: 5n });
    expect([...fixed.effects].sort()).toEqual((await idsOf(store)).sort());
  });

  it('filters with canHandle, yet checkpoints past the events it refused', async () => {
    const { processor, deliveries } = recorder('orders', { canHandle: (e) => e.streamName.startsWith('orders-') });
    const report = await runProcessorOnce({ source: store, checkpoints, processor, batchSize: 3 });
    const orders = (await store.readAll()).filter((e) => e.streamName.startsWith('orders-')).map((e) => e.position);
    expect(deliveries).toEqual(orders);
    expect(report).toEqual({ position: (await positionsOf(store)).at(-1), events: 9n });
  });

  it('reports its lag while a page is in flight, and stop() lets that page finish and checkpoint', async () => {
    const held = gate();
    let entered = false;
    const seen: bigint[] = [];
    const processor: Processor = {
      name: 'held',
      handle: async (events) => {
        if (seen.length > 0) {
          entered = true;
          await held.opened;
        }
        seen.push(...events.map((e) => e.position));
      },
    };
    const run = await start({ processor, batchSize: 2 });
    await eventually(() => entered, 60_000);
    const all = await positionsOf(store);
    expect(run.position()).toBe(all[1]);
    expect(await run.lag()).toBe(7n);
    const stopping = run.stop();
    held.open();
    await stopping;
    await run.done;
    expect(seen).toEqual(all.slice(0, 4));
    expect(run.position()).toBe(all[3]);
    expect(await checkpoints.load('held')).toBe(all[3]);
  });

  it('a handler may stop its own processor: the page it is in still checkpoints, no further page comes', async () => {
    let self: RunningProcessor | undefined;
    const seen: bigint[] = [];
    const processor: Processor = {
      name: 'selfStopping',
      handle: async (events) => {
        seen.push(...events.map((e) => e.position));
        await self?.stop();
      },
    };
    const started = gate();
    const blocking: Processor = { name: processor.name, handle: async (events, context) => {
      await started.opened;
      await processor.handle(events, context);
    } };
    self = await start({ processor: blocking, batchSize: 3 });
    started.open();
    await self.done;
    const all = await positionsOf(store);
    expect(seen).toEqual(all.slice(0, 3));
    expect(await checkpoints.load('selfStopping')).toBe(all[2]);
  });

  it('retries a failing page per its policy, with the injected timer, then succeeds', async () => {
    const delays: number[] = [];
    const attempts: number[] = [];
    let failures = 2;
    const processor: Processor = {
      name: 'flaky',
      handle: eachEvent((event, context) => {
        attempts.push(context.attempt);
        if (failures > 0 && event.streamName === 'payments-1') {
          failures--;
          throw new Error('transient');
        }
      }),
    };
    const retry = { maxAttempts: 3, baseDelayMs: 10, jitter: () => 0, sleep: async (ms: number) => void delays.push(ms) };
    const report = await runProcessorOnce({ source: store, checkpoints, processor, retry });
    expect(report.events).toBe(9n);
    expect(delays).toEqual([5, 10]);
    expect(attempts).toEqual([1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3]);
  });

  it('gives up after the last attempt, naming how many it made', async () => {
    const processor: Processor = { name: 'broken', handle: async () => Promise.reject(new Error('always')) };
    const retry = { maxAttempts: 2, baseDelayMs: 0, jitter: () => 0, sleep: async () => undefined };
    const error = await rejectionOf(runProcessorOnce({ source: store, checkpoints, processor, retry }));
    expect(error).toMatchObject({ code: 'processor_handler_failed', attempts: 2 });
    expect((error as Error).cause).toEqual(new Error('always'));
    expect(await checkpoints.load('broken')).toBe('start');
  });

  it('stop() during a retry delay abandons the page: no error, checkpoint unchanged', async () => {
    const waiting = gate();
    const processor: Processor = { name: 'abandoned', handle: async () => Promise.reject(new Error('down')) };
    const retry = { maxAttempts: 5, baseDelayMs: 10, jitter: () => 0, sleep: () => {
      waiting.open();
      return new Promise<void>(() => undefined); // never fires: only stop() ends the wait
    } };
    const errors: unknown[] = [];
    const run = await start({ processor, retry, onError: (e) => errors.push(e) });
    await waiting.opened;
    await run.stop();
    await run.done;
    await run.caughtUp;
    expect(errors).toEqual([]);
    expect(run.position()).toBe('start');
    expect(await checkpoints.load('abandoned')).toBe('start');
  });

  it("startFrom 'end' only sees new events, and pins its start at once so a restart skips nothing", async () => {
    const all = await positionsOf(store);
    const first = recorder('late');
    const run = await start({ processor: first.processor, startFrom: 'end', pollIntervalMs: 5 });
    expect(await checkpoints.load('late')).toBe(all.at(-1));
    await run.stop();
    await store.append('orders-3', testEvents(2), 'any');
    const second = recorder('late');
    await runProcessorOnce({ source: store, checkpoints, processor: second.processor, startFrom: 'end' });
    expect(second.deliveries).toEqual((await positionsOf(store)).slice(9));
    // A position works too, and a stored checkpoint always wins over startFrom.
    const third = recorder('fromPosition');
    await runProcessorOnce({ source: store, checkpoints, processor: third.processor, startFrom: all[6] as bigint });
    expect(third.deliveries).toEqual((await positionsOf(store)).slice(7));
    const fourth = recorder('late');
    await runProcessorOnce({ source: store, checkpoints, processor: fourth.processor, startFrom: 'start' });
    expect(fourth.deliveries).toEqual([]);
  });

  it("startFrom 'end' on an empty log pins the start before everything", async () => {
    const empty = createInMemoryEventStore();
    const { processor, deliveries } = recorder('empty');
    await runProcessorOnce({ source: empty, checkpoints, processor, startFrom: 'end' });
    await empty.append('orders-1', testEvents(2), 'any');
    await runProcessorOnce({ source: empty, checkpoints, processor, startFrom: 'end' });
    expect(deliveries).toEqual(await positionsOf(empty));
    await empty.close();
  });

  it('rejects bad options with a typed error naming the option, starting and saving nothing', async () => {
    const processor: Processor = { name: 'p', handle: async () => undefined };
    const bad: [Record<string, unknown>, string][] = [
      [{ processor, batchSize: 0 }, '$.options.batchSize'],
      [{ processor, batchSize: 1.5 }, '$.options.batchSize'],
      [{ processor, batchSize: 1_001 }, '$.options.batchSize'],
      [{ processor, pollIntervalMs: -1 }, '$.options.pollIntervalMs'],
      [{ processor: { ...processor, name: '' } }, '$.options.processor.name'],
      [{ processor: { ...processor, name: 'x'.repeat(201) } }, '$.options.processor.name'],
      [{ processor: { name: 'p' } }, '$.options.processor.handle'],
      [{ processor: { ...processor, canHandle: 'orders-' } }, '$.options.processor.canHandle'],
      [{ processor, checkpoints: undefined }, '$.options.checkpoints'],
      [{ processor, source: {} }, '$.options.source'],
      [{ processor, startFrom: -1n }, '$.options.startFrom'],
      [{ processor, startFrom: 3 }, '$.options.startFrom'],
      [{ processor, retry: { maxAttempts: 0, baseDelayMs: 1, jitter: () => 0 } }, '$.options.retry.maxAttempts'],
      [{ processor, retry: { maxAttempts: 101, baseDelayMs: 1, jitter: () => 0 } }, '$.options.retry.maxAttempts'],
      [{ processor, retry: { maxAttempts: 2, baseDelayMs: -1, jitter: () => 0 } }, '$.options.retry.baseDelayMs'],
      [{ processor, retry: { maxAttempts: 2, baseDelayMs: 1 } }, '$.options.retry.jitter'],
      [{ processor, batchsize: 10 }, '$.options.batchsize'],
    ];
    for (const [options, path] of bad) {
      const error = await rejectionOf(startProcessor({ source: store, checkpoints, ...options } as never));
      expect(isProcessorError(error, 'processor_options_invalid'), path).toBe(true);
      expect(error).toMatchObject({ path });
    }
    const onceOnly = await rejectionOf(runProcessorOnce({ source: store, checkpoints, processor, pollIntervalMs: 5 } as never));
    expect(onceOnly).toMatchObject({ code: 'processor_options_invalid', path: '$.options.pollIntervalMs' });
    expect(await checkpoints.load('p')).toBe('start');
  });

  it('runProcessorOnce rejects with the handler error naming the failed page', async () => {
    const processor: Processor = { name: 'loud', handle: async () => Promise.reject(new Error('boom')) };
    const onceError = await rejectionOf(runProcessorOnce({ source: store, checkpoints, processor }));
    expect(isProcessorError(onceError, 'processor_handler_failed')).toBe(true);
    expect(isProcessorError(new Error('plain'))).toBe(false);
    const recorded: RecordedEvent[] = await store.readAll({ maxCount: 1 });
    expect(onceError).toMatchObject({ fromPosition: recorded[0]?.position });
  });
});
