import * as E from 'fp-ts/lib/Either.js';
import { v5 } from 'uuid';
import { beforeEach, describe, expect, it } from 'vitest';
import { createCommandHandler, type CommandHandler } from '../commandHandling/commandHandler.js';
import type { RecordedEvent } from '../eventStore/envelope.js';
import type { EventStore } from '../eventStore/eventStore.js';
import { createInMemoryEventStore } from '../eventStore/inMemoryEventStore.js';
import { createInMemoryCheckpointStore, type CheckpointStore } from '../projections/runner/checkpointStore.js';
import { rejectionOf, testEvent, testMetadata } from '../testing/index.js';
import { accountDecider, accountSchemas, type AccountCommand, type AccountError, type AccountEvent } from '../../test-kit/commandHandling/bankAccount.fixture.js';
import { commandReactor, deriveReactorCommandId, reactorCommandIdNamespace, type ReactorCommand } from './commandReactor.js';
import { isProcessorError, ProcessorCommandFailedError } from './errors.js';
import { runProcessorOnce } from './startProcessor.js';

type Handler = CommandHandler<AccountCommand, AccountEvent, AccountError>;

/** An order event asking to credit `accounts` with `minorUnits` each. */
const order = (accounts: readonly string[], minorUnits: number) =>
  testEvent({ type: 'OrderPaid', data: { accounts: [...accounts], minorUnits: String(minorUnits) }, metadata: testMetadata({ correlationId: 'order-flow' }) });

/** The reaction: one deposit per account named by the order. */
const depositsFor = (event: RecordedEvent): readonly ReactorCommand<AccountCommand>[] => {
  const data = event.data as { accounts: string[]; minorUnits: string };
  return data.accounts.map((account) => ({ stream: `account-${account}`, command: { type: 'Deposit', minorUnits: BigInt(data.minorUnits) } }));
};

describe('commandReactor', () => {
  let store: EventStore;
  let checkpoints: CheckpointStore;
  let handler: Handler;

  const accountEvents = async (account: string) => store.readStream(`account-${account}`);
  const balanceOf = async (account: string): Promise<bigint> =>
    (await accountEvents(account)).reduce((sum, e) => (e.type === 'FundsDeposited' ? sum + BigInt((e.data as { minorUnits: string }).minorUnits) : sum), 0n);

  beforeEach(async () => {
    store = createInMemoryEventStore();
    checkpoints = createInMemoryCheckpointStore();
    handler = createCommandHandler({ store, decider: accountDecider, schemas: accountSchemas, clock: () => new Date('2024-05-01T12:00:00Z') });
    const context = { metadata: { correlationId: 'setup', tenant: 'tenant-a', actor: 'ops', channel: 'branch' as const } };
    for (const account of ['a', 'b']) {
      const opened = await handler(`account-${account}`, { type: 'Open', owner: account }, { commandId: `open-${account}`, ...context });
      expect(E.isRight(opened)).toBe(true);
    }
  });

  const reactor = (overrides: { handler?: Handler; commandsOf?: (event: RecordedEvent) => readonly ReactorCommand<AccountCommand>[] | undefined } = {}) =>
    commandReactor({
      name: 'orders.deposits',
      canHandle: (event) => event.streamName.startsWith('orders-'),
      commandsOf: overrides.commandsOf ?? depositsFor,
      handler: overrides.handler ?? handler,
    });

  it('derives command ids with uuid v5 of reactor, event id and index (known answer)', () => {
    const eventId = '0f8fad5b-d9cb-469f-a165-70867728950e';
    expect(deriveReactorCommandId('orders.deposits', eventId, 1)).toBe(v5(`orders.deposits/${eventId}/1`, reactorCommandIdNamespace));
    expect(deriveReactorCommandId('orders.deposits', eventId, 0)).not.toBe(deriveReactorCommandId('orders.deposits', eventId, 1));
    expect(deriveReactorCommandId('other', eventId, 0)).not.toBe(deriveReactorCommandId('orders.deposits', eventId, 0));
  });

  it('sends one command per reaction, with metadata traced to the event, and a redelivery sends nothing new', async () => {
    await store.append('orders-1', [order(['a', 'b'], 5), order(['a'], 7)], 'no_stream');
    const report = await runProcessorOnce({ source: store, checkpoints, processor: reactor() });
    // Two openings, two orders, and the three deposits the run itself appended (read, refused by canHandle).
    expect(report.events).toBe(7n);
    expect(await balanceOf('a')).toBe(12n);
    expect(await balanceOf('b')).toBe(5n);
    const [firstOrder] = await store.readStream('orders-1');
    const deposit = (await accountEvents('b'))[1];
    expect(deposit?.metadata).toMatchObject({
      commandId: deriveReactorCommandId('orders.deposits', firstOrder?.id ?? '', 1),
      causationId: firstOrder?.id,
      correlationId: 'order-flow',
      tenant: 'tenant-a',
      actor: 'orders.deposits',
      channel: 'system',
    });

    // A crash that lost the checkpoint: everything is delivered again, the same command ids are replayed.
    await checkpoints.reset('orders.deposits');
    await runProcessorOnce({ source: store, checkpoints, processor: reactor() });
    expect(await balanceOf('a')).toBe(12n);
    expect((await accountEvents('a')).length).toBe(3);
  });

  it('a crash midway through an event\'s commands resumes at that page, and every deposit happens once', async () => {
    await store.append('orders-1', [order(['a', 'b'], 5), order(['b', 'a'], 3)], 'no_stream');
    let sent = 0;
    const crashing: Handler = async (stream, command, context) => {
      if (++sent === 4) throw new Error('process died');
      return handler(stream, command, context);
    };
    const error = await rejectionOf(runProcessorOnce({ source: store, checkpoints, processor: reactor({ handler: crashing }), batchSize: 1 }));
    expect(isProcessorError(error, 'processor_handler_failed')).toBe(true);
    expect(await balanceOf('a')).toBe(5n);
    expect(await balanceOf('b')).toBe(8n);
    await runProcessorOnce({ source: store, checkpoints, processor: reactor(), batchSize: 1 });
    expect(await balanceOf('a')).toBe(8n);
    expect(await balanceOf('b')).toBe(8n);
  });

  it('a command the decider refuses stops the reactor with processor_command_failed, before its checkpoint', async () => {
    await store.append('orders-1', [order(['a'], 1), order(['nobody'], 2)], 'no_stream');
    const [, , firstOrder, refused] = await store.readAll();
    const error = await rejectionOf(runProcessorOnce({ source: store, checkpoints, processor: reactor(), batchSize: 3 }));
    expect(error).toMatchObject({ code: 'processor_handler_failed', fromPosition: refused?.position });
    const cause = (error as Error).cause;
    expect(cause).toBeInstanceOf(ProcessorCommandFailedError);
    expect(cause).toMatchObject({ code: 'processor_command_failed', stream: 'account-nobody', failure: { code: 'account_not_open' } });
    expect(await checkpoints.load('orders.deposits')).toBe(firstOrder?.position);
    expect(await balanceOf('a')).toBe(1n);
  });

  it('bounds the commands of one event, and validates its options', async () => {
    await store.append('orders-1', [order(Array.from({ length: 65 }, () => 'a'), 1)], 'no_stream');
    const error = await rejectionOf(runProcessorOnce({ source: store, checkpoints, processor: reactor() }));
    expect((error as Error).cause).toMatchObject({ code: 'processor_command_failed', stream: undefined });
    expect(await balanceOf('a')).toBe(0n);
    const good = { name: 'r', commandsOf: () => undefined, handler };
    for (const [options, path] of [
      [{ ...good, name: '' }, '$.options.name'],
      [{ ...good, commandsOf: undefined }, '$.options.commandsOf'],
      [{ ...good, handler: {} }, '$.options.handler'],
      [{ ...good, actor: '' }, '$.options.actor'],
    ] as const) {
      expect(() => commandReactor(options as never)).toThrow(expect.objectContaining({ code: 'processor_options_invalid', path }));
    }
  });

  it('events calling for no command just move the checkpoint', async () => {
    await store.append('orders-1', [order([], 1)], 'no_stream');
    const report = await runProcessorOnce({ source: store, checkpoints, processor: reactor({ commandsOf: () => undefined }) });
    expect(report.position).toBe((await store.readAll()).at(-1)?.position);
    expect((await accountEvents('a')).length).toBe(1);
  });
});
