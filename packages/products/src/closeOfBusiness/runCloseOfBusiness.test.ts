import { describe, expect, it } from 'vitest';
import { createInMemoryCheckpointStore, createInMemoryEventStore, type EventStore } from '@ecoledger/ledger';
import { createSqliteEventStore } from '@ecoledger/ledger/sqlite';
import { faultyEventStore } from '@ecoledger/ledger/testing';
import { REWARDS, walletAccount, walletBook, walletContext, walletDecider, walletEffects, walletSchemas, walletSource, type WalletCommand } from '../../test-kit/walletProduct.js';
import { catchUpPostings } from '../posting/postingCatchUp.js';
import type { PostingPort } from '../posting/postingPort.js';
import { createProductCommandHandler } from '../posting/productCommandHandler.js';
import { runCloseOfBusiness, type CloseOfBusinessOptions } from './runCloseOfBusiness.js';

const instant = { maxAttempts: 5, baseDelayMs: 0, jitter: () => 0, sleep: async () => undefined };
const wallets = (count: number): string[] => Array.from({ length: count }, (_, i) => `wallet-${String(i).padStart(4, '0')}`);

const openWallets = async (store: EventStore, count: number) => {
  const { book, port } = await walletBook(store);
  const handler = createProductCommandHandler({ store, port, decider: walletDecider, schemas: walletSchemas, effects: walletEffects, clock: () => new Date(), retry: instant });
  for (const stream of wallets(count)) {
    await handler(stream, { type: 'Open', walletId: stream }, walletContext(`open-${stream}`));
  }
  return { book, port, handler };
};

const cob = (store: EventStore, port: PostingPort, date: string, count: number, chunkSize = 7): CloseOfBusinessOptions<WalletCommand, never, never, never> =>
  ({
    store,
    port,
    decider: walletDecider,
    schemas: walletSchemas,
    effects: walletEffects,
    clock: () => new Date('2026-12-02T16:00:00Z'),
    product: 'wallet',
    date,
    contracts: wallets(count),
    commandsFor: () => [{ type: 'Reward', date }],
    chunkSize,
  }) as never;

describe('close of business', () => {
  it('runs each contract’s commands for the date, posts them, and a second run changes nothing', async () => {
    const store = createInMemoryEventStore();
    const { book, port } = await openWallets(store, 20);
    const first = await runCloseOfBusiness(cob(store, port, '2026-12-01', 20));
    expect(first).toMatchObject({ alreadyCompleted: false, chunks: 3, events: 20, postings: 20 });
    expect(book.account(REWARDS)?.debitsPosted).toBe('0.20');
    const before = await store.readAll();
    const second = await runCloseOfBusiness(cob(store, port, '2026-12-01', 20));
    expect(second.alreadyCompleted).toBe(true);
    expect(await store.readAll()).toEqual(before);
    // Another date moves on.
    await runCloseOfBusiness(cob(store, port, '2026-12-02', 20));
    expect(book.account(walletAccount('wallet-0007'))?.creditsPosted).toBe('0.02');
  });

  it('resumes after a crash between a chunk’s commit and its postings, posting each once', async () => {
    const store = createInMemoryEventStore();
    const { book, port } = await openWallets(store, 20);
    let posts = 0;
    const dying: PostingPort = {
      ...port,
      createTransfers: async (items, context) => {
        if (++posts === 2) throw new Error('killed');
        return port.createTransfers(items, context);
      },
    };
    await expect(runCloseOfBusiness(cob(store, dying, '2026-12-01', 20))).rejects.toThrow('killed');
    expect(book.account(REWARDS)?.debitsPosted).toBe('0.07');
    const resumed = await runCloseOfBusiness(cob(store, port, '2026-12-01', 20));
    expect(resumed).toMatchObject({ chunksResumed: 2, events: 6 });
    expect(book.account(REWARDS)?.debitsPosted).toBe('0.20');
    // The posting processor over the same events finds everything done.
    await catchUpPostings({ store, port, sources: [walletSource], checkpoints: createInMemoryCheckpointStore() });
    expect(book.account(REWARDS)?.debitsPosted).toBe('0.20');
    for (const stream of wallets(20)) expect(book.account(walletAccount(stream))?.creditsPosted).toBe('0.01');
  });

  it('resumes after a crash that lost a posted chunk’s marker (it rides with the next append): the chunk is posted again, once', async () => {
    const store = createInMemoryEventStore();
    const { book, port } = await openWallets(store, 20);
    const original = store.appendMany.bind(store);
    let appends = 0;
    store.appendMany = async (batch) => {
      // The second chunk's append carries the first chunk's posted marker: dying here loses it.
      if (++appends === 2) throw new Error('killed');
      return original(batch);
    };
    await expect(runCloseOfBusiness(cob(store, port, '2026-12-01', 20))).rejects.toThrow('killed');
    expect(book.account(REWARDS)?.debitsPosted).toBe('0.07');
    store.appendMany = original;
    const resumed = await runCloseOfBusiness(cob(store, port, '2026-12-01', 20));
    expect(resumed).toMatchObject({ chunksResumed: 1, events: 13, postings: 20 });
    expect(book.account(REWARDS)?.debitsPosted).toBe('0.20');
    for (const stream of wallets(20)) expect(book.account(walletAccount(stream))?.creditsPosted).toBe('0.01');
    const progress = (await store.readStream('cob-wallet-2026-12-01')).map((record) => `${record.type}:${(record.data as { chunk?: number }).chunk ?? ''}`);
    expect(progress).toEqual(['CobChunkCommitted:0', 'CobChunkPosted:0', 'CobChunkCommitted:1', 'CobChunkPosted:1', 'CobChunkCommitted:2', 'CobChunkPosted:2', 'CobCompleted:']);
  });

  it('decides a chunk again when an online command wrote one of its contracts meanwhile', async () => {
    const inner = createInMemoryEventStore();
    const store = faultyEventStore(inner);
    const { book, port, handler } = await openWallets(store, 5);
    const original = inner.appendMany.bind(inner);
    let raced = false;
    inner.appendMany = async (appends) => {
      if (!raced) {
        raced = true;
        await handler('wallet-0002', { type: 'Deposit', amount: '3.00' }, walletContext('online-deposit'));
      }
      return original(appends);
    };
    const report = await runCloseOfBusiness(cob(store, port, '2026-12-01', 5, 10));
    expect(report).toMatchObject({ events: 5, postings: 5 });
    expect(book.account(walletAccount('wallet-0002'))?.creditsPosted).toBe('3.01');
  });

  it('commits thousands of contract events per chunk atomically on SQLite', async () => {
    const store = await createSqliteEventStore({ path: ':memory:' });
    const { book, port } = await openWallets(store, 300);
    const report = await runCloseOfBusiness(cob(store, port, '2026-12-01', 300, 1000));
    expect(report).toMatchObject({ chunks: 1, events: 300, postings: 300 });
    expect(book.account(REWARDS)?.debitsPosted).toBe('3.00');
    await store.close();
  });

  it('refuses a chunk size outside 1..9,999', async () => {
    const store = createInMemoryEventStore();
    const { port } = await walletBook(store);
    await expect(runCloseOfBusiness(cob(store, port, '2026-12-01', 1, 0))).rejects.toMatchObject({ code: 'cob_invalid' });
    await expect(runCloseOfBusiness(cob(store, port, '2026-12-01', 1, 10_000))).rejects.toMatchObject({ code: 'cob_invalid' });
  });
});
