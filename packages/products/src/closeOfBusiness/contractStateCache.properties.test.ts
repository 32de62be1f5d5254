import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore, type EventStore } from '@ecoledger/ledger';
import { walletBook, walletContext, walletDecider, walletEffects, walletSchemas, type WalletCommand, type WalletEvent, type WalletState } from '../../test-kit/walletProduct.js';
import { abandonedAttemptEnvelope } from '../posting/abandonedAttempt.js';
import type { PostingPort } from '../posting/postingPort.js';
import { createProductCommandHandler } from '../posting/productCommandHandler.js';
import { contractStateCache, type ContractStateCache } from './contractStateCache.js';
import { runCloseOfBusiness } from './runCloseOfBusiness.js';

const WALLETS = ['wallet-a', 'wallet-b', 'wallet-c', 'wallet-d', 'wallet-e'];
const DATES = ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'];
const NOW = new Date('2026-12-05T16:00:00Z');
// Rewards on every Reward command, even twice a date: only the run's own "already done" check keeps a
// contract from being rewarded again, so a cache that got it wrong would show.
const eagerDecider: typeof walletDecider = {
  ...walletDecider,
  decide: (command, state) =>
    command.type === 'Reward' && state.walletId !== undefined
      ? E.right<never, WalletEvent[]>([{ type: 'Rewarded', data: { walletId: state.walletId, date: command.date, amount: '0.01' } }])
      : walletDecider.decide(command, state),
};
const instant = { maxAttempts: 5, baseDelayMs: 0, jitter: () => 0, sleep: async () => undefined };

/** One step of a history: a close of business (over some wallets, perhaps crashing at its first posting), online activity, or a repair marker. */
type Step =
  | { readonly kind: 'cob'; readonly date: string; readonly wallets: readonly string[]; readonly chunkSize: number; readonly crash: boolean }
  | { readonly kind: 'deposit'; readonly wallet: string; readonly cents: number }
  | { readonly kind: 'open'; readonly wallet: string }
  | { readonly kind: 'abandon'; readonly wallet: string };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('cob' as const), date: fc.constantFrom(...DATES), wallets: fc.subarray(WALLETS, { minLength: 1 }), chunkSize: fc.integer({ min: 1, max: 4 }), crash: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('deposit' as const), wallet: fc.constantFrom(...WALLETS), cents: fc.integer({ min: 1, max: 9_999 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('open' as const), wallet: fc.constantFrom(...WALLETS) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('abandon' as const), wallet: fc.constantFrom(...WALLETS) }) },
);

/** Runs the steps on a fresh store, with or without a cache; returns what each step answered and the product streams. */
const play = async (steps: readonly Step[], cache: ContractStateCache<WalletState> | undefined) => {
  const store: EventStore = createInMemoryEventStore();
  const { book, port } = await walletBook(store, () => NOW);
  const handler = createProductCommandHandler({ store, port, decider: walletDecider, schemas: walletSchemas, effects: walletEffects, clock: () => NOW, retry: instant });
  const answers: unknown[] = [];
  for (const [index, s] of steps.entries()) {
    if (s.kind === 'cob') {
      const dying: PostingPort = { ...port, createTransfers: async () => Promise.reject(new Error('killed')) };
      const run = runCloseOfBusiness<WalletCommand, never, WalletState, never>({
        store,
        port: s.crash ? dying : port,
        decider: eagerDecider as never,
        schemas: walletSchemas as never,
        effects: walletEffects as never,
        clock: () => NOW,
        product: 'wallet',
        date: s.date,
        contracts: s.wallets,
        commandsFor: () => [{ type: 'Reward', date: s.date }],
        chunkSize: s.chunkSize,
        ...(cache === undefined ? {} : { cache }),
      });
      answers.push(await run.catch((error: Error) => `failed: ${error.message}`));
    } else if (s.kind === 'abandon') {
      const revision = await store.streamRevision(s.wallet);
      const next = revision === 'no_stream' ? 0n : revision + 1n;
      await store.append(s.wallet, [abandonedAttemptEnvelope(s.wallet, next, NOW)], revision);
      answers.push('abandoned');
    } else {
      const command: WalletCommand = s.kind === 'open' ? { type: 'Open', walletId: s.wallet } : { type: 'Deposit', amount: `${Math.floor(s.cents / 100)}.${String(s.cents % 100).padStart(2, '0')}` };
      answers.push(await handler(s.wallet, command, walletContext(`step-${index}`)));
    }
  }
  const streams = await Promise.all(WALLETS.map(async (wallet) => ({ wallet, events: await store.readStream(wallet), account: book.account(`wallet:${wallet}`) })));
  return { answers, streams };
};

describe('the contract-state cache of close of business', () => {
  it('gives exactly what reading every contract whole gives, run after run, through crashes, online activity, repair markers and dates out of order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), async (steps) => {
        const cache = contractStateCache<WalletState>();
        const cached = await play(steps, cache);
        const uncached = await play(steps, undefined);
        expect(cached).toEqual(uncached);
      }),
      { numRuns: 200 },
    );
  });

  it('serves one store and one product', async () => {
    const cache = contractStateCache<WalletState>();
    cache.bind(createInMemoryEventStore(), 'wallet');
    expect(() => cache.bind(createInMemoryEventStore(), 'wallet')).toThrow(expect.objectContaining({ code: 'cob_invalid' }));
  });

  it('keeps at most its bound, dropping the oldest contract', () => {
    const cache = contractStateCache<number>(2);
    for (const stream of ['a', 'b', 'c']) cache.set(stream, { revision: 0n, state: 1, latestCobDate: undefined });
    expect([cache.size, cache.get('a'), cache.get('c')?.state]).toEqual([2, undefined, 1]);
    expect(() => contractStateCache(0)).toThrow(expect.objectContaining({ code: 'cob_invalid' }));
  });
});
