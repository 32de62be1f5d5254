import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createInMemoryCheckpointStore, createInMemoryEventStore, type EventStore } from '@ecoledger/ledger';
import { faultyEventStore } from '@ecoledger/ledger/testing';
import { REWARDS, walletBook, walletContext, walletDecider, walletEffects, walletSchemas, walletSource, walletAccount, type WalletCommand } from '../../test-kit/walletProduct.js';
import { POSTING_ATTEMPT_ABANDONED } from './abandonedAttempt.js';
import { catchUpPostings } from './postingCatchUp.js';
import type { PostingPort } from './postingPort.js';
import { createProductCommandHandler } from './productCommandHandler.js';
import { repairHolds } from './repairHolds.js';

const instant = { maxAttempts: 5, baseDelayMs: 0, jitter: () => 0, sleep: async () => undefined };

const setup = async (store: EventStore = createInMemoryEventStore()) => {
  const { book, port } = await walletBook(store);
  const handler = createProductCommandHandler({ store, port, decider: walletDecider, schemas: walletSchemas, effects: walletEffects, clock: () => new Date('2026-12-02T00:00:00Z'), retry: instant });
  const run = (command: WalletCommand, commandId: string) => handler('wallet-w1', command, walletContext(commandId));
  return { store, book, port, handler, run };
};

const codeOf = (result: E.Either<unknown, unknown>): unknown => (E.isLeft(result) ? (result.left as { code?: unknown }).code : 'right');

describe('product command handler', () => {
  it('records a deposit and a withdrawal and posts each exactly once', async () => {
    const { book, run, store } = await setup();
    expect(codeOf(await run({ type: 'Open', walletId: 'w1' }, 'c-open'))).toBe('right');
    expect(codeOf(await run({ type: 'Deposit', amount: '100.00' }, 'c-dep'))).toBe('right');
    const withdrawal = await run({ type: 'Withdraw', amount: '30.00' }, 'c-wd');
    expect(E.isRight(withdrawal) && withdrawal.right.postingIds).toHaveLength(1);
    expect(book.account(walletAccount('w1'))?.creditsPosted).toBe('100.00');
    expect(book.account(walletAccount('w1'))?.debitsPosted).toBe('30.00');
    expect(book.account(walletAccount('w1'))?.debitsPending).toBe('0.00');
    expect((await store.readStream('wallet-w1')).map((e) => e.type)).toEqual(['WalletOpened', 'Deposited', 'Withdrawn']);
  });

  it('records nothing when the ledger refuses the hold: insufficient_funds', async () => {
    const { book, run, store } = await setup();
    await run({ type: 'Open', walletId: 'w1' }, 'c-open');
    await run({ type: 'Deposit', amount: '10.00' }, 'c-dep');
    expect(codeOf(await run({ type: 'Withdraw', amount: '10.01' }, 'c-wd'))).toBe('insufficient_funds');
    expect((await store.readStream('wallet-w1')).map((e) => e.type)).toEqual(['WalletOpened', 'Deposited']);
    expect(book.account(walletAccount('w1'))).toMatchObject({ debitsPending: '0.00', debitsPosted: '0.00' });
    expect(book.openHoldsPage().items).toEqual([]);
    // A retry at the same revision meets the ledger's memory of the refused holds: still insufficient_funds (found by the crash test).
    expect(codeOf(await run({ type: 'Withdraw', amount: '10.01' }, 'c-wd'))).toBe('insufficient_funds');
  });

  it('takes a multi-event command whole or not at all', async () => {
    const { book, run, store } = await setup();
    await run({ type: 'Open', walletId: 'w1' }, 'c-open');
    await run({ type: 'Deposit', amount: '10.00' }, 'c-dep');
    expect(codeOf(await run({ type: 'Pay', amounts: ['6.00', '5.00'] }, 'c-pay'))).toBe('insufficient_funds');
    expect(book.account(walletAccount('w1'))).toMatchObject({ debitsPending: '0.00', debitsPosted: '0.00' });
    expect(codeOf(await run({ type: 'Pay', amounts: ['6.00', '4.00'] }, 'c-pay2'))).toBe('right');
    expect(book.account(walletAccount('w1'))).toMatchObject({ debitsPending: '0.00', debitsPosted: '10.00' });
    expect(await store.readStream('wallet-w1')).toHaveLength(4);
  });

  it('answers a retried command id from the record, without moving money again', async () => {
    const { book, run } = await setup();
    await run({ type: 'Open', walletId: 'w1' }, 'c-open');
    await run({ type: 'Deposit', amount: '100.00' }, 'c-dep');
    const again = await run({ type: 'Deposit', amount: '100.00' }, 'c-dep');
    expect(E.isRight(again) && again.right.replayed).toBe(true);
    expect(book.account(walletAccount('w1'))?.creditsPosted).toBe('100.00');
    expect(codeOf(await run({ type: 'Deposit', amount: '99.00' }, 'c-dep'))).toBe('command_id_reused');
  });

  it('posts an event’s journal entry after recording it, once, and the processor finds it done', async () => {
    const { book, run, store, port } = await setup();
    await run({ type: 'Open', walletId: 'w1' }, 'c-open');
    expect(codeOf(await run({ type: 'DepositWithBonus', amount: '100.00', bonus: '5.00' }, 'c-bonus'))).toBe('right');
    expect(book.account(walletAccount('w1'))?.creditsPosted).toBe('105.00');
    expect(book.account(REWARDS)?.debitsPosted).toBe('5.00');
    await catchUpPostings({ store, port, sources: [walletSource], checkpoints: createInMemoryCheckpointStore() });
    expect(await run({ type: 'DepositWithBonus', amount: '100.00', bonus: '5.00' }, 'c-bonus')).toMatchObject({ right: { replayed: true } });
    expect(book.account(walletAccount('w1'))?.creditsPosted).toBe('105.00');
  });

  it('a journal entry lost to a crash after recording is posted by the processor', async () => {
    const { book, port, store } = await setup();
    const crashing: PostingPort = {
      ...port,
      createTransfers: async (items, context) => {
        if (items.some((item) => 'legs' in item)) throw new Error('killed');
        return port.createTransfers(items, context);
      },
    };
    const handler = createProductCommandHandler({ store, port: crashing, decider: walletDecider, schemas: walletSchemas, effects: walletEffects, clock: () => new Date(), retry: instant });
    await handler('wallet-w1', { type: 'Open', walletId: 'w1' }, walletContext('c-open'));
    await expect(handler('wallet-w1', { type: 'DepositWithBonus', amount: '10.00', bonus: '1.00' }, walletContext('c-bonus'))).rejects.toThrow('killed');
    expect(book.account(walletAccount('w1'))?.creditsPosted).toBe('0.00');
    expect(await catchUpPostings({ store, port, sources: [walletSource], checkpoints: createInMemoryCheckpointStore() })).toBe(1);
    expect(book.account(walletAccount('w1'))?.creditsPosted).toBe('11.00');
  });

  it('passes the decider’s refusals through and writes nothing', async () => {
    const { run, store } = await setup();
    expect(codeOf(await run({ type: 'Deposit', amount: '1.00' }, 'c-dep'))).toBe('wallet_not_open');
    expect(await store.readStream('wallet-w1')).toEqual([]);
  });

  it('releases its holds and decides again when another writer took the revision', async () => {
    const inner = createInMemoryEventStore();
    const { book, run } = await setup(inner);
    await run({ type: 'Open', walletId: 'w1' }, 'c-open');
    await run({ type: 'Deposit', amount: '10.00' }, 'c-dep');
    // Right before the withdrawal's first append, another command records a deposit at that revision.
    let raced = 0;
    const original = inner.append.bind(inner);
    inner.append = async (stream, events, expected) => {
      if (raced === 0 && events[0]?.type === 'Withdrawn') {
        raced++;
        expect(codeOf(await run({ type: 'Deposit', amount: '1.00' }, 'c-other'))).toBe('right');
      }
      return original(stream, events, expected);
    };
    expect(codeOf(await run({ type: 'Withdraw', amount: '4.00' }, 'c-wd'))).toBe('right');
    expect(raced).toBe(1);
    // The first attempt's hold was voided; the second one's posted.
    expect(book.account(walletAccount('w1'))).toMatchObject({ creditsPosted: '11.00', debitsPending: '0.00', debitsPosted: '4.00' });
    expect(book.openHoldsPage().items).toEqual([]);
  });

  it('gives a multi-event command decided again one revision later holds of its own (found by the crash test)', async () => {
    // The abandoned attempt's second event would have taken the revision the new attempt's first
    // event takes: with holds derived from the revision alone they collided (exists_with_different_amount).
    const inner = createInMemoryEventStore();
    const { book, run } = await setup(inner);
    await run({ type: 'Open', walletId: 'w1' }, 'c-open');
    await run({ type: 'Deposit', amount: '20.00' }, 'c-dep');
    let raced = 0;
    const original = inner.append.bind(inner);
    inner.append = async (stream, events, expected) => {
      if (raced === 0 && events[0]?.type === 'Withdrawn') {
        raced++;
        expect(codeOf(await run({ type: 'Deposit', amount: '1.00' }, 'c-other'))).toBe('right');
      }
      return original(stream, events, expected);
    };
    expect(codeOf(await run({ type: 'Pay', amounts: ['6.00', '4.00'] }, 'c-pay'))).toBe('right');
    expect(raced).toBe(1);
    expect(book.account(walletAccount('w1'))).toMatchObject({ creditsPosted: '21.00', debitsPending: '0.00', debitsPosted: '10.00' });
    expect(book.openHoldsPage().items).toEqual([]);
  });

  it('decides a multi-event command again after a repair abandoned its holds, one revision later', async () => {
    const store = faultyEventStore(createInMemoryEventStore());
    const { book, port, run } = await setup(store);
    await run({ type: 'Open', walletId: 'w1' }, 'c-open');
    await run({ type: 'Deposit', amount: '20.00' }, 'c-dep');
    store.faults.inject({ operation: 'append', stream: 'wallet-w1' });
    await expect(run({ type: 'Pay', amounts: ['6.00', '4.00'] }, 'c-pay')).rejects.toThrow();
    expect((await repairHolds({ store, port, sources: [walletSource], clock: () => new Date(Date.now() + 60_000), graceMs: 0 })).voided).toHaveLength(2);
    expect(codeOf(await run({ type: 'Pay', amounts: ['6.00', '4.00'] }, 'c-pay'))).toBe('right');
    expect(book.account(walletAccount('w1'))).toMatchObject({ debitsPending: '0.00', debitsPosted: '10.00' });
  });
});

describe('crash recovery of product postings', () => {
  it('posts the holds of an event recorded just before a crash (the posting processor)', async () => {
    const { book, port, store } = await setup();
    // A port that loses every post: the process "dies" after recording.
    const crashing: PostingPort = {
      ...port,
      createTransfers: async (items, context) => {
        if (items.some((item) => item.flags?.postPendingTransfer === true)) throw new Error('killed');
        return port.createTransfers(items, context);
      },
    };
    const handler = createProductCommandHandler({ store, port: crashing, decider: walletDecider, schemas: walletSchemas, effects: walletEffects, clock: () => new Date(), retry: instant });
    await handler('wallet-w1', { type: 'Open', walletId: 'w1' }, walletContext('c-open'));
    await expect(handler('wallet-w1', { type: 'Deposit', amount: '5.00' }, walletContext('c-dep'))).rejects.toThrow('killed');
    expect(book.account(walletAccount('w1'))).toMatchObject({ creditsPending: '5.00', creditsPosted: '0.00' });
    const checkpoints = createInMemoryCheckpointStore();
    expect(await catchUpPostings({ store, port, sources: [walletSource], checkpoints })).toBe(1);
    expect(book.account(walletAccount('w1'))).toMatchObject({ creditsPending: '0.00', creditsPosted: '5.00' });
    // Running it again finds nothing new and changes nothing.
    expect(await catchUpPostings({ store, port, sources: [walletSource], checkpoints })).toBe(0);
    await checkpoints.reset('products-postings');
    expect(await catchUpPostings({ store, port, sources: [walletSource], checkpoints })).toBe(1);
    expect(book.account(walletAccount('w1'))).toMatchObject({ creditsPending: '0.00', creditsPosted: '5.00' });
  });

  it('releases holds whose event was never recorded, and a late append then decides again', async () => {
    const store = faultyEventStore(createInMemoryEventStore());
    let now = new Date('2026-12-02T00:00:00Z');
    const { book, port } = await walletBook(store, () => now);
    const handler = createProductCommandHandler({ store, port, decider: walletDecider, schemas: walletSchemas, effects: walletEffects, clock: () => now, retry: instant });
    await handler('wallet-w1', { type: 'Open', walletId: 'w1' }, walletContext('c-open'));
    await handler('wallet-w1', { type: 'Deposit', amount: '10.00' }, walletContext('c-dep'));
    store.faults.inject({ operation: 'append', stream: 'wallet-w1' });
    await expect(handler('wallet-w1', { type: 'Withdraw', amount: '8.00' }, walletContext('c-wd'))).rejects.toThrow();
    expect(book.account(walletAccount('w1'))?.debitsPending).toBe('8.00');

    const young = await repairHolds({ store, port, sources: [walletSource], clock: () => now, graceMs: 60_000 });
    expect(young).toMatchObject({ posted: [], voided: [] });
    expect(young.waiting).toHaveLength(1);

    now = new Date('2026-12-02T00:05:00Z');
    const report = await repairHolds({ store, port, sources: [walletSource], clock: () => now, graceMs: 60_000 });
    expect(report.voided).toHaveLength(1);
    expect(book.account(walletAccount('w1'))).toMatchObject({ debitsPending: '0.00', debitsPosted: '0.00' });
    expect((await store.readStream('wallet-w1')).map((e) => e.type)).toEqual(['WalletOpened', 'Deposited', POSTING_ATTEMPT_ABANDONED]);

    // The client retries the same command: the revision is taken, so it is decided again with new holds.
    expect(codeOf(await handler('wallet-w1', { type: 'Withdraw', amount: '8.00' }, walletContext('c-wd')))).toBe('right');
    expect(book.account(walletAccount('w1'))).toMatchObject({ debitsPending: '0.00', debitsPosted: '8.00' });
  });

  it('posts, rather than voids, a stale hold whose event is recorded', async () => {
    let now = new Date('2026-12-02T00:00:00Z');
    const { book, port, store } = await setup();
    const crashing: PostingPort = {
      ...port,
      createTransfers: async (items, context) => {
        if (items.some((item) => item.flags?.postPendingTransfer === true)) throw new Error('killed');
        return port.createTransfers(items, context);
      },
    };
    const handler = createProductCommandHandler({ store, port: crashing, decider: walletDecider, schemas: walletSchemas, effects: walletEffects, clock: () => now, retry: instant });
    await handler('wallet-w1', { type: 'Open', walletId: 'w1' }, walletContext('c-open'));
    await expect(handler('wallet-w1', { type: 'Deposit', amount: '5.00' }, walletContext('c-dep'))).rejects.toThrow('killed');
    now = new Date(Date.now() + 3_600_000);
    const report = await repairHolds({ store, port, sources: [walletSource], clock: () => now, graceMs: 60_000 });
    expect(report.posted).toHaveLength(1);
    expect(book.account(walletAccount('w1'))).toMatchObject({ creditsPending: '0.00', creditsPosted: '5.00' });
  });
});
