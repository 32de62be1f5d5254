import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { EventStore } from '../eventStore/eventStore.js';
import { createInMemoryEventStore } from '../eventStore/inMemoryEventStore.js';
import { testEvent } from '../testing/eventFixtures.js';
import { accountDecider, accountSchemas, type AccountCommand, type AccountError, type AccountEvent, type AccountState } from '../../test-kit/commandHandling/bankAccount.fixture.js';
import { createCommandHandler, type CommandContext, type CommandHandlerOptions } from './commandHandler.js';
import { commandEventIdNamespace, deriveEventId } from './eventIds.js';
import { encodeEvent } from './eventSchemas.js';
import { isCommandIdReused } from './errors.js';
import { retryDelayMs } from './retryPolicy.js';

const now = new Date('2024-05-01T09:30:00.000Z');
const stream = 'account-1';

const context = (commandId: string): CommandContext => ({
  commandId,
  metadata: { correlationId: 'request-1', tenant: 'bank-a', actor: 'teller-7', channel: 'branch' },
});

/** Delegates to `store`, running `beforeAppend` (e.g. a competing writer) before each append. */
const withBeforeAppend = (store: EventStore, beforeAppend: (attempt: number) => Promise<void>): EventStore => {
  let appends = 0;
  return {
    append: async (name, events, expected) => {
      await beforeAppend(++appends);
      return store.append(name, events, expected);
    },
    atomicMultiStreamAppend: store.atomicMultiStreamAppend,
    appendMany: (appends) => store.appendMany(appends),
    readStream: (name, options) => store.readStream(name, options),
    streamRevision: (name) => store.streamRevision(name),
    readAll: (options) => store.readAll(options),
    subscribe: (options) => store.subscribe(options),
    close: () => store.close(),
  };
};

/** A deposit appended by "another process", bypassing the handler. */
const competingDeposit = (store: EventStore) => async (): Promise<void> => {
  const event = encodeEvent(accountSchemas, { type: 'FundsDeposited', data: { minorUnits: 1n } }, { id: testEvent().id, metadata: testEvent().metadata });
  await store.append(stream, [event], 'any');
};

const setup = (overrides: Partial<Pick<CommandHandlerOptions<AccountCommand, AccountEvent, AccountState, AccountError>, 'store' | 'retry'>> = {}) => {
  const store = createInMemoryEventStore();
  const delays: number[] = [];
  const options: CommandHandlerOptions<AccountCommand, AccountEvent, AccountState, AccountError> = {
    store,
    decider: accountDecider,
    schemas: accountSchemas,
    clock: () => now,
    retry: { maxAttempts: 3, baseDelayMs: 10, jitter: () => 0.5, sleep: async (ms: number) => void delays.push(ms) },
    ...overrides,
  };
  return { store, delays, options, handle: createCommandHandler(options) };
};

describe('createCommandHandler', () => {
  it('decides against the folded stream and appends events with derived ids and command metadata', async () => {
    const { store, handle } = setup();
    const opened = await handle(stream, { type: 'Open', owner: 'ada' }, context('cmd-1'));
    expect(opened).toEqual(E.right({ events: [{ type: 'AccountOpened', data: { owner: 'ada' } }], nextExpectedRevision: 0n, position: 1n, replayed: false }));
    const deposited = await handle(stream, { type: 'Deposit', minorUnits: 500n }, context('cmd-2'));
    expect(deposited).toMatchObject(E.right({ nextExpectedRevision: 1n, replayed: false }));
    const withdrawn = await handle(stream, { type: 'Withdraw', minorUnits: 200n }, context('cmd-3'));
    expect(withdrawn).toMatchObject(E.right({ events: [{ type: 'FundsWithdrawn', data: { minorUnits: 200n } }], nextExpectedRevision: 2n }));

    const [first, second] = await store.readStream(stream);
    expect(first?.id).toBe(deriveEventId('cmd-1', 0));
    expect(first?.id).toBe('22327750-8bf4-5f14-89f9-a5bd862a2ff2');
    expect(commandEventIdNamespace).toBe('52345799-80af-4bc1-bd3d-36c44db77953');
    expect(second).toMatchObject({
      type: 'FundsDeposited',
      version: 2,
      data: { minorUnits: '500' },
      metadata: {
        correlationId: 'request-1',
        causationId: 'cmd-2',
        tenant: 'bank-a',
        actor: 'teller-7',
        channel: 'branch',
        occurredAt: '2024-05-01T09:30:00.000Z',
        commandId: 'cmd-2',
      },
    });
  });

  it('keeps an explicit causation id', async () => {
    const { store, handle } = setup();
    await handle(stream, { type: 'Open', owner: 'ada' }, { commandId: 'cmd-1', metadata: { ...context('x').metadata, causationId: 'event-9' } });
    expect((await store.readStream(stream))[0]?.metadata.causationId).toBe('event-9');
  });

  it('returns a decider Left as is and appends nothing', async () => {
    const { store, handle } = setup();
    expect(await handle(stream, { type: 'Deposit', minorUnits: 1n }, context('cmd-1'))).toEqual(E.left({ code: 'account_not_open' }));
    await handle(stream, { type: 'Open', owner: 'ada' }, context('cmd-2'));
    expect(await handle(stream, { type: 'Withdraw', minorUnits: 1n }, context('cmd-3'))).toEqual(
      E.left({ code: 'insufficient_funds', balance: 0n }),
    );
    expect(await store.readAll()).toHaveLength(1);
  });

  it('appends nothing when the decider decides nothing', async () => {
    const { store, handle } = setup();
    expect(await handle(stream, { type: 'Noop' }, context('cmd-1'))).toEqual(
      E.right({ events: [], nextExpectedRevision: 'no_stream', replayed: false }),
    );
    await handle(stream, { type: 'Open', owner: 'ada' }, context('cmd-2'));
    expect(await handle(stream, { type: 'Noop' }, context('cmd-3'))).toEqual(E.right({ events: [], nextExpectedRevision: 0n, replayed: false }));
    expect(await store.readAll()).toHaveLength(1);
  });

  it('replays a repeated command id: same outcome, nothing appended', async () => {
    const { store, handle } = setup();
    await handle(stream, { type: 'Open', owner: 'ada' }, context('cmd-1'));
    const first = await handle(stream, { type: 'Deposit', minorUnits: 500n }, context('cmd-2'));
    await handle(stream, { type: 'Deposit', minorUnits: 7n }, context('cmd-3'));
    const before = await store.readAll();
    const repeated = await handle(stream, { type: 'Deposit', minorUnits: 500n }, context('cmd-2'));
    expect(repeated).toEqual(E.right({ ...(first as E.Right<object>).right, replayed: true }));
    expect(await store.readAll()).toEqual(before);
  });

  it('refuses a command id reused with a different command (command_id_reused), writing nothing', async () => {
    const { store, handle } = setup();
    await handle(stream, { type: 'Open', owner: 'ada' }, context('cmd-1'));
    await handle(stream, { type: 'Deposit', minorUnits: 500n }, context('cmd-2'));
    const before = await store.readAll();
    for (const other of [{ type: 'Withdraw', minorUnits: 1n }, { type: 'Deposit', minorUnits: 501n }] as const) {
      const reused = await handle(stream, other, context('cmd-2'));
      expect(E.isLeft(reused) && isCommandIdReused(reused.left)).toBe(true);
    }
    expect(await store.readAll()).toEqual(before);
    // The same command under the same id is still a replay.
    expect(await handle(stream, { type: 'Deposit', minorUnits: 500n }, context('cmd-2'))).toMatchObject(E.right({ replayed: true }));
  });

  it('refuses a reused command id whose first use raced ahead on a conflict', async () => {
    const { store, handle } = setup();
    await handle(stream, { type: 'Open', owner: 'ada' }, context('cmd-1'));
    const [a, b] = await Promise.all([
      handle(stream, { type: 'Deposit', minorUnits: 5n }, context('cmd-2')),
      handle(stream, { type: 'Deposit', minorUnits: 6n }, context('cmd-2')),
    ]);
    const outcomes = [a, b].map((r) => (E.isRight(r) ? 'ok' : isCommandIdReused(r.left) ? 'reused' : 'other'));
    expect(outcomes.sort()).toEqual(['ok', 'reused']);
    expect(await store.readAll()).toHaveLength(2);
  });

  it('writes the events of two concurrent identical commands once', async () => {
    const { store, handle } = setup();
    await handle(stream, { type: 'Open', owner: 'ada' }, context('cmd-1'));
    const results = await Promise.all([
      handle(stream, { type: 'Deposit', minorUnits: 5n }, context('cmd-2')),
      handle(stream, { type: 'Deposit', minorUnits: 5n }, context('cmd-2')),
    ]);
    expect(results.every(E.isRight)).toBe(true);
    expect(await store.readAll()).toHaveLength(2);
  });

  it('retries from a fresh load after a conflict, with backoff and injected jitter', async () => {
    const store = createInMemoryEventStore();
    const { delays, handle: open } = setup({ store });
    await open(stream, { type: 'Open', owner: 'ada' }, context('cmd-1'));
    const racing = withBeforeAppend(store, async (attempt) => {
      if (attempt === 1) await competingDeposit(store)();
    });
    const { handle } = setup({ store: racing, retry: { maxAttempts: 3, baseDelayMs: 10, jitter: () => 0.5, sleep: async (ms) => void delays.push(ms) } });
    const result = await handle(stream, { type: 'Deposit', minorUnits: 5n }, context('cmd-2'));
    expect(result).toEqual(E.right({ events: [{ type: 'FundsDeposited', data: { minorUnits: 5n } }], nextExpectedRevision: 2n, position: 3n, replayed: false }));
    expect(delays).toEqual([7.5]);
    expect((await store.readStream(stream)).map((event) => event.type)).toEqual(['AccountOpened', 'FundsDeposited', 'FundsDeposited']);
  });

  it('re-decides against the reloaded state after a conflict', async () => {
    const store = createInMemoryEventStore();
    const { handle: direct } = setup({ store });
    await direct(stream, { type: 'Open', owner: 'ada' }, context('cmd-1'));
    await direct(stream, { type: 'Deposit', minorUnits: 10n }, context('cmd-2'));
    const racing = withBeforeAppend(store, async (attempt) => {
      if (attempt === 1) await direct(stream, { type: 'Withdraw', minorUnits: 5n }, context('cmd-other'));
    });
    const { handle } = setup({ store: racing });
    // Fundable on the first load (10), not after the competing withdrawal (5).
    expect(await handle(stream, { type: 'Withdraw', minorUnits: 8n }, context('cmd-3'))).toEqual(
      E.left({ code: 'insufficient_funds', balance: 5n }),
    );
    expect(await store.readAll()).toHaveLength(3);
  });

  it('gives up with command_retries_exhausted after maxAttempts conflicts, appending none of its events', async () => {
    const store = createInMemoryEventStore();
    const delays: number[] = [];
    const { handle: open } = setup({ store });
    await open(stream, { type: 'Open', owner: 'ada' }, context('cmd-1'));
    const hostile = withBeforeAppend(store, competingDeposit(store));
    const { handle } = setup({
      store: hostile,
      retry: { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 25, jitter: () => 1, sleep: async (ms) => void delays.push(ms) },
    });
    const result = await handle(stream, { type: 'Deposit', minorUnits: 9n }, context('cmd-2'));
    if (E.isRight(result)) throw new Error('expected retries to run out');
    expect(result.left).toMatchObject({ code: 'command_retries_exhausted', stream, attempts: 4 });
    expect((result.left as { lastConflict?: unknown }).lastConflict).toMatchObject({ code: 'wrong_expected_version', expected: 3n, actual: 4n });
    expect(delays).toEqual([10, 20, 25]);
    const events = await store.readStream(stream);
    expect(events.filter((event) => event.metadata.commandId === 'cmd-2')).toEqual([]);
    expect(events).toHaveLength(5);
  });

  it('returns store and schema failures as typed Lefts', async () => {
    const { store, handle } = setup();
    await store.append(stream, [testEvent({ type: 'FundsDeposited', version: 2, data: { minorUnits: 12.5 } })], 'no_stream');
    expect(await handle(stream, { type: 'Deposit', minorUnits: 1n }, context('cmd-1'))).toMatchObject(
      E.left({ code: 'event_decode_failed', stream, revision: 0n, path: '$.data.minorUnits' }),
    );
    expect(await handle('', { type: 'Open', owner: 'x' }, context('cmd-2'))).toMatchObject(E.left({ code: 'invalid_argument' }));
    expect(await handle('account-2', { type: 'Open', owner: 'x' }, context(''))).toMatchObject(E.left({ code: 'invalid_argument' }));
    const badChannel = { commandId: 'cmd-3', metadata: { ...context('x').metadata, channel: 'fax' } } as unknown as CommandContext;
    expect(await handle('account-2', { type: 'Open', owner: 'x' }, badChannel)).toMatchObject(
      E.left({ code: 'event_decode_failed', path: '$.metadata.channel' }),
    );
    await store.close();
    expect(await handle('account-2', { type: 'Open', owner: 'x' }, context('cmd-4'))).toMatchObject(E.left({ code: 'store_closed' }));
  });

  it('rejects a malformed retry policy up front', () => {
    expect(() => setup({ retry: { maxAttempts: 0, baseDelayMs: 1, jitter: () => 0 } })).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
  });
});

describe('retryDelayMs', () => {
  it('doubles up to the cap, with jitter adding up to half the backoff', () => {
    const policy = { maxAttempts: 10, baseDelayMs: 100, maxDelayMs: 1000, jitter: () => 0 };
    expect([1, 2, 3, 4, 5, 6].map((attempt) => retryDelayMs(policy, attempt))).toEqual([50, 100, 200, 400, 500, 500]);
    expect(retryDelayMs({ ...policy, jitter: () => 0.999999 }, 5)).toBeLessThanOrEqual(1000);
    expect(retryDelayMs({ ...policy, jitter: () => 7 }, 1)).toBe(100);
  });
});
