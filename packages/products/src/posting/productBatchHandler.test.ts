import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore, type EventStore } from '@ecoledger/ledger';
import { REWARDS, SETTLEMENT, walletAccount, walletBook, walletContext, walletDecider, walletEffects, walletSchemas, type WalletCommand } from '../../test-kit/walletProduct.js';
import { createProductBatchHandler, type ProductBatchItem } from './productBatchHandler.js';
import { createProductCommandHandler } from './productCommandHandler.js';

const instant = { maxAttempts: 5, baseDelayMs: 0, jitter: () => 0, sleep: async () => undefined };
const WALLETS = ['w0', 'w1', 'w2', 'w3', 'w4'];

const bank = async (store: EventStore = createInMemoryEventStore()) => {
  const { book, port } = await walletBook(store);
  const options = { store, port, decider: walletDecider, schemas: walletSchemas, effects: walletEffects, clock: () => new Date('2026-12-02T00:00:00Z'), retry: instant };
  const single = createProductCommandHandler(options);
  const batch = createProductBatchHandler(options);
  for (const id of WALLETS) await single(`wallet-${id}`, { type: 'Open', walletId: id }, walletContext(`open-${id}`));
  return { store, book, single, batch };
};

const codeOf = (result: E.Either<unknown, unknown>): unknown => (E.isLeft(result) ? (result.left as { code?: unknown }).code : 'right');
const outcomeOf = (result: E.Either<unknown, { events: readonly unknown[]; postingIds: readonly string[]; replayed: boolean }>) =>
  E.isLeft(result) ? codeOf(result) : { events: result.right.events, postingIds: result.right.postingIds, replayed: result.right.replayed };

/** Everything observable: each wallet's stream and ledger account, the bank's accounts, open holds. */
const snapshot = async ({ store, book }: Awaited<ReturnType<typeof bank>>) => ({
  streams: await Promise.all(WALLETS.map(async (id) => (await store.readStream(`wallet-${id}`)).map(({ id: eventId, type, data, metadata, revision }) => ({ eventId, type, data, metadata, revision })))),
  accounts: [...WALLETS.map(walletAccount), SETTLEMENT, REWARDS].map((id) => book.account(id)),
  openHolds: book.openHoldsPage().items,
});

const amount = fc.integer({ min: 1, max: 5_000 }).map((cents) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`);
const command: fc.Arbitrary<WalletCommand> = fc.oneof(
  amount.map((a) => ({ type: 'Deposit' as const, amount: a })),
  amount.map((a) => ({ type: 'Withdraw' as const, amount: a })),
  fc.array(amount, { minLength: 1, maxLength: 3 }).map((amounts) => ({ type: 'Pay' as const, amounts })),
  fc.tuple(amount, amount).map(([a, bonus]) => ({ type: 'DepositWithBonus' as const, amount: a, bonus })),
);
/** Rounds of commands, each round at most one command per wallet. */
const rounds = fc.array(fc.uniqueArray(fc.tuple(fc.constantFrom(...WALLETS), command), { selector: ([wallet]) => wallet, minLength: 1, maxLength: WALLETS.length }), { minLength: 1, maxLength: 6 });
const itemsOf = (round: readonly (readonly [string, WalletCommand])[], r: number): ProductBatchItem<WalletCommand>[] =>
  round.map(([wallet, c]) => ({ stream: `wallet-${wallet}`, command: c, context: walletContext(`round-${r}-${wallet}`) }));

describe('product batch handler', () => {
  it('gives, command by command, what the single handler gives one at a time: results, events, ids and ledger', async () => {
    await fc.assert(
      fc.asyncProperty(rounds, async (plan) => {
        const [batched, alone] = [await bank(), await bank()];
        for (const [r, round] of plan.entries()) {
          const items = itemsOf(round, r);
          const fromBatch = await batched.batch(items);
          const oneByOne = [];
          for (const { stream, command: c, context } of items) oneByOne.push(await alone.single(stream, c, context));
          expect(fromBatch.map(outcomeOf)).toEqual(oneByOne.map(outcomeOf));
        }
        expect(await snapshot(batched)).toEqual(await snapshot(alone));
        expect((await snapshot(batched)).openHolds).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });

  it('refuses only the command whose hold the guard refuses; a retried batch is answered from the record', async () => {
    const { book, batch, store } = await bank();
    const items = [
      { stream: 'wallet-w0', command: { type: 'Deposit', amount: '50.00' }, context: walletContext('b-0') },
      { stream: 'wallet-w1', command: { type: 'Withdraw', amount: '0.01' }, context: walletContext('b-1') },
      { stream: 'wallet-w2', command: { type: 'DepositWithBonus', amount: '10.00', bonus: '1.00' }, context: walletContext('b-2') },
    ] satisfies ProductBatchItem<WalletCommand>[];
    expect((await batch(items)).map(codeOf)).toEqual(['right', 'insufficient_funds', 'right']);
    const before = await store.readAll();
    const again = await batch(items);
    expect(again.map((r) => (E.isRight(r) ? r.right.replayed : codeOf(r)))).toEqual([true, 'insufficient_funds', true]);
    expect(await store.readAll()).toEqual(before);
    expect(book.account(walletAccount('w0'))?.creditsPosted).toBe('50.00');
    expect(book.account(walletAccount('w2'))?.creditsPosted).toBe('11.00');
    expect(book.openHoldsPage().items).toEqual([]);
  });

  it('decides again, alone, a contract another writer moved before the append; the others are recorded once', async () => {
    const store = createInMemoryEventStore();
    const setup = await bank(store);
    await setup.single('wallet-w1', { type: 'Deposit', amount: '20.00' }, walletContext('seed'));
    const original = store.appendMany.bind(store);
    let raced = false;
    store.appendMany = async (appends) => {
      if (!raced) {
        raced = true;
        await setup.single('wallet-w1', { type: 'Deposit', amount: '3.00' }, walletContext('online'));
      }
      return original(appends);
    };
    const results = await setup.batch([
      { stream: 'wallet-w0', command: { type: 'Deposit', amount: '5.00' }, context: walletContext('c-0') },
      { stream: 'wallet-w1', command: { type: 'Withdraw', amount: '10.00' }, context: walletContext('c-1') },
    ]);
    // The batch's first hold on w1 is voided and the withdrawal decided again after the online deposit.
    expect(results.map(codeOf)).toEqual(['right', 'right']);
    expect((await store.readStream('wallet-w1')).map((e) => e.metadata.commandId)).toEqual(['open-w1', 'seed', 'online', 'c-1']);
    expect(setup.book.account(walletAccount('w1'))).toMatchObject({ creditsPosted: '23.00', debitsPosted: '10.00', debitsPending: '0.00' });
    expect(setup.book.account(walletAccount('w0'))?.creditsPosted).toBe('5.00');
    expect(setup.book.openHoldsPage().items).toEqual([]);
  });

  it('after a crash between holding and recording, a retry posts the holds only if they are exactly what it decides now', async () => {
    const { batch, book, single, store } = await bank();
    await single('wallet-w0', { type: 'Deposit', amount: '100.00' }, walletContext('fund'));
    const original = store.appendMany.bind(store);
    store.appendMany = async () => {
      store.appendMany = original;
      throw new Error('killed');
    };
    const withdraw = (amount: string): ProductBatchItem<WalletCommand>[] => [{ stream: 'wallet-w0', command: { type: 'Withdraw', amount }, context: walletContext('w') }];
    await expect(batch(withdraw('60.00'))).rejects.toThrow('killed');
    expect(book.account(walletAccount('w0'))).toMatchObject({ debitsPending: '60.00', debitsPosted: '0.00' });
    // Decided again on another amount (a balance that moved): the book refuses; the 60.00 is never posted for it.
    // Another contract in the same batch is held, recorded and posted as usual.
    const deposit: ProductBatchItem<WalletCommand> = { stream: 'wallet-w1', command: { type: 'Deposit', amount: '5.00' }, context: walletContext('d1') };
    expect((await batch([...withdraw('30.00'), deposit])).map(codeOf)).toEqual(['ledger_rejected', 'right']);
    expect(book.account(walletAccount('w1'))).toMatchObject({ creditsPending: '0.00', creditsPosted: '5.00' });
    expect(book.account(walletAccount('w0'))).toMatchObject({ debitsPending: '60.00', debitsPosted: '0.00' });
    expect((await store.readStream('wallet-w0')).map((e) => e.type)).toEqual(['WalletOpened', 'Deposited']);
    // The same decision again: the holds are its own, recorded and posted once.
    expect((await batch(withdraw('60.0'))).map(codeOf)).toEqual(['right']);
    expect(book.account(walletAccount('w0'))).toMatchObject({ debitsPending: '0.00', debitsPosted: '60.00' });
  });

  it('runs one command at a time on a store without an atomic multi-stream append', async () => {
    const inner = createInMemoryEventStore();
    const store = new Proxy(inner, { get: (target, prop, receiver) => (prop === 'atomicMultiStreamAppend' ? false : Reflect.get(target, prop, receiver)) }) as EventStore;
    const { batch, book } = await bank(store);
    let appendMany = 0;
    inner.appendMany = async () => {
      appendMany++;
      throw new Error('not expected');
    };
    const results = await batch([
      { stream: 'wallet-w0', command: { type: 'Deposit', amount: '5.00' }, context: walletContext('n-0') },
      { stream: 'wallet-w3', command: { type: 'Deposit', amount: '7.00' }, context: walletContext('n-3') },
    ]);
    expect(results.map(codeOf)).toEqual(['right', 'right']);
    expect(appendMany).toBe(0);
    expect(book.account(walletAccount('w3'))?.creditsPosted).toBe('7.00');
  });

  it('refuses a batch naming a contract twice, or a bad stream, before anything is written', async () => {
    const { batch, store } = await bank();
    const before = await store.readAll();
    const twice = [0, 1].map((i) => ({ stream: 'wallet-w0', command: { type: 'Deposit', amount: '1.00' }, context: walletContext(`t-${i}`) })) as ProductBatchItem<WalletCommand>[];
    await expect(batch(twice)).rejects.toMatchObject({ code: 'batch_invalid' });
    await expect(batch([{ stream: '', command: { type: 'Deposit', amount: '1.00' }, context: walletContext('t') }])).rejects.toMatchObject({ code: 'product_stream_invalid' });
    await expect(batch('x' as never)).rejects.toMatchObject({ code: 'batch_invalid' });
    expect(await store.readAll()).toEqual(before);
  });
});
