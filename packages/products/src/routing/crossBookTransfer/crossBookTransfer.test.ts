/**
 * Two books on one in-memory store: transfers complete or fail cleanly, a runner killed between
 * any two steps resumes to the same end, and two runners that each write one book finish every
 * transfer through the shared log.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createInMemoryCheckpointStore, createInMemoryEventStore, type EventStore } from '@ecoledger/ledger';
import { openClosedWallet, openFundedWallet, openRoutedBook, ROUTED_LEDGER, ROUTED_SCALE, walletOf } from '../../../test-kit/routedBooks.js';
import type { TransferStepPort } from './transferStepPort.js';
import { createBookRouter } from '../bookRouter.js';
import { clearingPositions } from './clearingPositions.js';
import { TRANSFER_STREAM_PREFIX, transferStream } from './transferEvents.js';
import { catchUpTransfers } from './transferProcessor.js';
import type { CrossBookTransferInput } from './transferRequest.js';
import { createCrossBookTransferRunner } from './transferRunner.js';

const router = createBookRouter({ books: ['b1', 'b2'], assignments: { alice: 'b1', erin: 'b1', bob: 'b2', carol: 'b2', dave: 'b2' } });
const clock = () => new Date('2026-12-02T00:00:00Z');

const setup = async (store: EventStore = createInMemoryEventStore()) => {
  const b1 = await openRoutedBook(store, router, 'b1', clock);
  const b2 = await openRoutedBook(store, router, 'b2', clock);
  await openFundedWallet(b1.book, 'b1', 'alice', '100.00');
  await openFundedWallet(b2.book, 'b2', 'bob', '50.00');
  await openClosedWallet(b2.book, 'b2', 'carol'); // dave is routed to b2 but never opened
  const runner = (ports: Record<string, TransferStepPort> = { b1: b1.port, b2: b2.port }) => createCrossBookTransferRunner({ store, router, ports, clock });
  const balances = () => ({ b1: b1.book.accounts(), b2: b2.book.accounts() });
  return { store, b1, b2, runner, balances };
};

const transfer = (to: string, amount: string, transferId = 't1'): CrossBookTransferInput => ({ transferId, fromAccountId: walletOf('alice'), toAccountId: walletOf(to), amount, ledger: ROUTED_LEDGER });
const codeOf = (result: E.Either<{ readonly code: string }, unknown>): string => (E.isLeft(result) ? result.left.code : 'right');

describe('cross-book transfer', () => {
  it('moves money between books through the clearing accounts, which net to zero', async () => {
    const { runner, b1, b2, balances } = await setup();
    const outcome = await runner().request(transfer('bob', '30.00'));
    expect(E.isRight(outcome) && outcome.right.status).toBe('completed');
    expect(b1.book.account(walletOf('alice'))).toMatchObject({ debitsPosted: '30.00', debitsPending: '0.00' });
    expect(b2.book.account(walletOf('bob'))).toMatchObject({ creditsPosted: '80.00' });
    expect(b1.book.account('bank:b1:clearing:b2')).toMatchObject({ creditsPosted: '30.00', debitsPosted: '0.00' });
    expect(b2.book.account('bank:b2:clearing:b1')).toMatchObject({ debitsPosted: '30.00', creditsPosted: '0.00' });
    const report = clearingPositions(balances(), ROUTED_LEDGER, ROUTED_SCALE);
    expect(report).toEqual({ nets: true, pairs: [{ book: 'b1', counterparty: 'b2', position: '-30.00', counterpartyPosition: '30.00', pending: '0.00', nets: true }] });
  });

  it('fails at the debit when the paying account lacks the money, moving nothing', async () => {
    const { runner, b1, store } = await setup();
    const outcome = await runner().request(transfer('bob', '100.01'));
    expect(E.isRight(outcome) && outcome.right).toMatchObject({ status: 'failed', failure: { stage: 'debit', code: 'insufficient_funds' } });
    expect(b1.book.account(walletOf('alice'))).toMatchObject({ debitsPosted: '0.00', debitsPending: '0.00' });
    expect((await store.readStream(transferStream('t1'))).map((e) => e.type)).toEqual(['TransferRequested', 'TransferFailed']);
  });

  it.each([
    ['carol', 'credit_account_already_closed'],
    ['dave', 'credit_account_not_found'],
  ])('fails at the credit when the receiving account is %s, releasing the hold', async (to, code) => {
    const { runner, b1, balances } = await setup();
    const outcome = await runner().request(transfer(to, '10.00'));
    expect(E.isRight(outcome) && outcome.right).toMatchObject({ status: 'failed', failure: { stage: 'credit', code } });
    expect(b1.book.account(walletOf('alice'))).toMatchObject({ debitsPosted: '0.00', debitsPending: '0.00', available: '100.00' });
    expect(b1.book.openHoldsPage().items).toEqual([]);
    expect(clearingPositions(balances(), ROUTED_LEDGER, ROUTED_SCALE).nets).toBe(true);
  });

  it('refuses bad requests and records nothing', async () => {
    const { runner, store } = await setup();
    const run = runner();
    expect(codeOf(await run.request(transfer('bob', '0.00')))).toBe('amount_invalid');
    expect(codeOf(await run.request(transfer('bob', '-1')))).toBe('amount_negative');
    expect(codeOf(await run.request(transfer('bob', '1e3')))).toBe('amount_invalid');
    expect(codeOf(await run.request(transfer('erin', '1.00')))).toBe('transfer_same_book');
    expect(codeOf(await run.request({ ...transfer('bob', '1.00'), transferId: 'no spaces' }))).toBe('transfer_id_invalid');
    expect(codeOf(await run.request({ ...transfer('bob', '1.00'), memo: 'x' } as CrossBookTransferInput))).toBe('field_unknown');
    expect(codeOf(await run.request({ ...transfer('bob', '1.00'), toAccountId: 'bank:b9:x' }))).toBe('account_unroutable');
    expect((await store.readAll()).filter((e) => e.streamName.startsWith(TRANSFER_STREAM_PREFIX))).toEqual([]);
  });

  it('answers a repeated request from the record, and refuses another transfer under its id', async () => {
    const { runner, b2 } = await setup();
    const run = runner();
    await run.request(transfer('bob', '5.00'));
    const again = await run.request(transfer('bob', '5.00'));
    expect(E.isRight(again) && again.right.status).toBe('completed');
    expect(b2.book.account(walletOf('bob'))?.creditsPosted).toBe('55.00');
    expect(codeOf(await run.request(transfer('bob', '6.00')))).toBe('transfer_id_reused');
  });
});

/** Ports and store that die (throw) at the `kill`-th operation, before or after it takes effect. */
const killedAt = (store: EventStore, ports: Record<string, TransferStepPort>, kill: number, moment: 'before' | 'after') => {
  let count = 0;
  const guard = async <T>(work: () => Promise<T>): Promise<T> => {
    const index = count++;
    if (index === kill && moment === 'before') throw new Error('killed');
    const result = await work();
    if (index === kill && moment === 'after') throw new Error('killed');
    return result;
  };
  const dyingStore: EventStore = new Proxy(store, {
    get: (target, key, receiver) =>
      key === 'append' ? (...args: Parameters<EventStore['append']>) => guard(() => target.append(...args)) : (Reflect.get(target, key, receiver) as unknown),
  });
  const dyingPorts = Object.fromEntries(
    Object.entries(ports).map(([book, port]) => [book, { ...port, createTransfers: (items, context) => guard(() => port.createTransfers(items, context)) } satisfies TransferStepPort]),
  );
  return { store: dyingStore, ports: dyingPorts, operations: () => count };
};

describe('a runner killed between any two steps', () => {
  it.each([
    ['bob', '30.00', 'completed'],
    ['dave', '30.00', 'failed'],
    ['bob', '100.01', 'failed'],
  ])('resumes a transfer to %s of %s to the same end (%s)', async (to, amount, status) => {
    const reference = await setup();
    const counted = killedAt(reference.store, { b1: reference.b1.port, b2: reference.b2.port }, -1, 'before');
    const expected = await createCrossBookTransferRunner({ store: counted.store, router, ports: counted.ports, clock }).request(transfer(to, amount));
    expect(E.isRight(expected) && expected.right.status).toBe(status);
    const operations = counted.operations();
    expect(operations).toBeGreaterThanOrEqual(3);

    for (let kill = 0; kill < operations; kill++) {
      for (const moment of ['before', 'after'] as const) {
        const world = await setup();
        const dying = killedAt(world.store, { b1: world.b1.port, b2: world.b2.port }, kill, moment);
        await expect(createCrossBookTransferRunner({ store: dying.store, router, ports: dying.ports, clock }).request(transfer(to, amount))).rejects.toThrow('killed');
        // A new process: the client retries the request (the saga may not even be recorded yet).
        const resumed = await world.runner().request(transfer(to, amount));
        expect(resumed, `kill ${kill} ${moment}`).toEqual(expected);
        expect(world.balances(), `kill ${kill} ${moment}`).toEqual(reference.balances());
        expect(world.b1.book.openHoldsPage().items).toEqual([]);
      }
    }
  });
});

describe('two runners, one book each, through the shared log', () => {
  it('finishes every transfer when each processor advances only its own book', async () => {
    const { store, b1, b2, runner, balances } = await setup();
    const first = runner({ b1: b1.port });
    const second = runner({ b2: b2.port });
    const checkpoints = createInMemoryCheckpointStore();
    const requests = [transfer('bob', '10.00', 't1'), transfer('dave', '1.00', 't2'), transfer('bob', '95.00', 't3'), transfer('carol', '2.00', 't4')];
    for (const input of requests) await first.request(input);
    for (let round = 0; round < 4; round++) {
      await catchUpTransfers({ store, runner: second, checkpoints, name: 'b2' });
      await catchUpTransfers({ store, runner: first, checkpoints, name: 'b1' });
    }
    const states = await Promise.all(['t1', 't2', 't3', 't4'].map((id) => first.advance(id)));
    expect(states.map((state) => [state.status, state.failure?.code])).toEqual([
      ['completed', undefined],
      ['failed', 'credit_account_not_found'],
      ['failed', 'insufficient_funds'],
      ['failed', 'credit_account_already_closed'],
    ]);
    expect(b2.book.account(walletOf('bob'))?.creditsPosted).toBe('60.00');
    expect(b1.book.account(walletOf('alice'))).toMatchObject({ debitsPosted: '10.00', debitsPending: '0.00' });
    expect(clearingPositions(balances(), ROUTED_LEDGER, ROUTED_SCALE).nets).toBe(true);
  });
});
