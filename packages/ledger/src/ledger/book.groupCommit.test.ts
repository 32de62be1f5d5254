/**
 * Group commit isolation: one bad request in a group (a bad context, an item whose getter throws,
 * an object with 200,000 keys) rejects only its own call; the others are committed together, in
 * one append, as if the bad one had never come. And the decider only sees the plain copy of the
 * items taken at call time, never the caller's objects.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { EventStore } from '../eventStore/eventStore.js';
import { createInMemoryEventStore } from '../eventStore/inMemoryEventStore.js';
import { Book } from './book.js';
import type { ItemResult, LedgerError } from './ledgerError.js';

const counting = (inner: EventStore): { store: EventStore; appends: () => number } => {
  let appends = 0;
  return {
    appends: () => appends,
    store: {
      append: (...args) => {
        appends++;
        return inner.append(...args);
      },
      atomicMultiStreamAppend: inner.atomicMultiStreamAppend,
      appendMany: (...args) => inner.appendMany(...args),
      readStream: (...args) => inner.readStream(...args),
      readAll: (...args) => inner.readAll(...args),
      streamRevision: (...args) => inner.streamRevision(...args),
      subscribe: (...args) => inner.subscribe(...args),
      close: () => inner.close(),
    },
  };
};

const setUp = async () => {
  const inner = createInMemoryEventStore();
  const { store, appends } = counting(inner);
  const book = await Book.open({ store });
  await book.defineLedgers([{ id: 'cny', asset: { code: 'CNY', scale: 2 } }]);
  await book.openAccounts([
    { id: 'cash', ledger: 'cny', code: 1001, type: 'asset' },
    { id: 'alice', ledger: 'cny', code: 2011, type: 'liability' },
  ]);
  const before = appends();
  return { book, inner, appendsSince: () => appends() - before };
};

const deposit = (id: string, amount = '1.00') => ({ id, debitAccountId: 'cash', creditAccountId: 'alice', amount, code: 1 });
const codeOf = (outcome: E.Either<LedgerError, readonly ItemResult[]>) => (E.isLeft(outcome) ? outcome.left.code : outcome.right.map((r) => r.result));

const throwingGetter = () =>
  Object.defineProperty({ id: 'bad', debitAccountId: 'cash', creditAccountId: 'alice', code: 1 }, 'amount', {
    enumerable: true,
    get: () => {
      throw new Error('getter exploded');
    },
  });

const manyKeys = (count: number): Record<string, boolean> => {
  const flags: Record<string, boolean> = {};
  for (let i = 0; i < count; i++) flags[`k${i}`] = true;
  return flags;
};

describe('group commit: one bad request rejects only its own call', () => {
  const badRequests: readonly [string, () => [unknown, unknown], string][] = [
    ['an unknown channel', () => [[deposit('bad')], { channel: 'carrier-pigeon' }], 'request_context_malformed'],
    ['an empty tenant', () => [[deposit('bad')], { tenant: '' }], 'request_context_malformed'],
    ['an oversized actor', () => [[deposit('bad')], { actor: 'a'.repeat(10_000) }], 'request_context_too_long'],
    ['an item whose getter throws', () => [[deposit('bad-0'), throwingGetter()], {}], 'item_malformed'],
    ['a flags object with 200,000 keys', () => [[{ ...deposit('bad'), flags: manyKeys(200_000) }], {}], 'item_malformed'],
    ['an item with 100,000 invalid fields', () => [[{ ...deposit('bad'), ...manyKeys(100_000) }], {}], 'item_malformed'],
    ['an item nested 100,000 levels deep', () => [[{ ...deposit('bad'), userData: deeplyNested(100_000) }], {}], 'item_malformed'],
    ['a batch that is a throwing proxy', () => [throwingProxy(), {}], 'item_malformed'],
  ];
  for (const [what, request, code] of badRequests) {
    it(`${what}: ${code} for that call; the others commit in one append`, async () => {
      const { book, inner, appendsSince } = await setUp();
      const [items, context] = request();
      const outcomes = await Promise.all([
        book.createTransfers([deposit('g1')], { commandId: 'c-1' }),
        book.createTransfers(items as never, context as never),
        book.createTransfers([deposit('g2')], { commandId: 'c-2' }),
      ]);
      expect(outcomes.map(codeOf)).toEqual([['ok'], code, ['ok']]);
      expect(appendsSince()).toBe(1);
      expect(book.account('alice')?.balance).toBe('2.00');
      expect(book.transfer('bad')).toBeUndefined();
      expect(book.transfer('bad-0')).toBeUndefined();
      const reopened = await Book.open({ store: inner });
      expect(reopened.accounts()).toEqual(book.accounts());
    });
  }

  it('outside a group too, a throwing getter is a typed rejection, not a thrown error', async () => {
    const { book } = await setUp();
    const account = Object.defineProperty({ id: 'carol', ledger: 'cny', code: 2011 }, 'type', {
      enumerable: true,
      get: () => {
        throw new Error('no type');
      },
    });
    expect(codeOf(await book.openAccounts([account as never]))).toBe('item_malformed');
    expect(book.account('carol')).toBeUndefined();
  });
});

describe('group commit: the decider sees a plain copy taken at call time', () => {
  it('a getter is read once, and a change after the call does not reach the book', async () => {
    const { book } = await setUp();
    let reads = 0;
    const item = Object.defineProperty({ id: 'g1', debitAccountId: 'cash', creditAccountId: 'alice', code: 1 }, 'amount', {
      enumerable: true,
      get: () => (++reads === 1 ? '5.00' : '500.00'),
    });
    const plain = deposit('g2', '7.00');
    const pending = [book.createTransfers([item]), book.createTransfers([plain])];
    plain.amount = '700.00';
    const outcomes = await Promise.all(pending);
    expect(outcomes.map(codeOf)).toEqual([['ok'], ['ok']]);
    expect(reads).toBe(1);
    expect(book.transfer('g1')?.kind === 'transfer' && book.transfer('g1')).toMatchObject({ amount: '5.00' });
    expect(book.transfer('g2')).toMatchObject({ amount: '7.00' });
    expect(book.account('alice')?.balance).toBe('12.00');
  });

  it('an own __proto__ key stays a key (an unknown flag), never the prototype', async () => {
    const { book } = await setUp();
    const flags = JSON.parse('{"__proto__": {"pending": true}}') as Record<string, unknown>;
    const outcome = await book.createTransfers([{ ...deposit('g1'), flags }]);
    expect(E.isRight(outcome) && outcome.right[0]?.result).not.toBe('ok');
    expect(book.account('alice')?.creditsPending).toBe('0.00');
  });

  it('two requests with one command id in the same group are decided one after the other', async () => {
    const { book, appendsSince } = await setUp();
    const outcomes = await Promise.all([
      book.createTransfers([deposit('g1')], { commandId: 'c-1' }),
      book.createTransfers([deposit('g1')], { commandId: 'c-1' }),
      book.createTransfers([deposit('g2')], { commandId: 'c-1' }),
    ]);
    expect(outcomes.map(codeOf)).toEqual([['ok'], ['exists'], 'command_id_reused']);
    expect(appendsSince()).toBe(1);
    expect(book.account('alice')?.balance).toBe('1.00');
  });
});

function deeplyNested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = { inner: value };
  return value;
}

function throwingProxy(): unknown {
  return new Proxy([deposit('bad')], {
    get: (target, key) => {
      if (key === 'length') throw new Error('no length');
      return Reflect.get(target, key);
    },
  });
}
