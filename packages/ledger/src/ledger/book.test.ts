import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { isCommandRetriesExhausted } from '../commandHandling/errors.js';
import { WrongExpectedVersionError } from '../eventStore/errors.js';
import type { EventStore } from '../eventStore/eventStore.js';
import { createInMemoryEventStore } from '../eventStore/inMemoryEventStore.js';
import { Book } from './book.js';

const instantRetry = { maxAttempts: 5, baseDelayMs: 1, jitter: () => 0.5, sleep: async () => {} };

const setUp = async (store: EventStore, bookId = 'main') => {
  const book = await Book.open({ store, bookId, retry: instantRetry });
  await book.defineLedgers([{ id: 'cny', asset: { code: 'CNY', scale: 2 } }]);
  await book.openAccounts([
    { id: 'cash', ledger: 'cny', code: 1001, type: 'asset' },
    { id: 'alice', ledger: 'cny', code: 2011, type: 'liability', flags: { debitsMustNotExceedCredits: true } },
    { id: 'bob', ledger: 'cny', code: 2011, type: 'liability', flags: { debitsMustNotExceedCredits: true } },
  ]);
  return book;
};

const results = (outcome: E.Either<Error, readonly { result: string }[]>) => {
  if (E.isLeft(outcome)) throw outcome.left;
  return outcome.right.map((r) => r.result);
};

describe('Book', () => {
  it('a second writer on the same stream conflicts, catches up and decides again', async () => {
    const store = createInMemoryEventStore();
    const first = await setUp(store);
    const second = await Book.open({ store, retry: instantRetry });
    expect(results(await first.createTransfers([{ id: 'd1', debitAccountId: 'cash', creditAccountId: 'alice', amount: '100', code: 1 }]))).toEqual(['ok']);
    // `second` has not seen d1: its append conflicts, it catches up, and alice now has the funds.
    expect(results(await second.createTransfers([{ id: 'p1', debitAccountId: 'alice', creditAccountId: 'bob', amount: '60', code: 2 }]))).toEqual(['ok']);
    // And a stale writer re-sending an id the other one wrote gets `exists`, never a double posting.
    await first.refresh();
    expect(results(await first.createTransfers([{ id: 'p1', debitAccountId: 'alice', creditAccountId: 'bob', amount: '60', code: 2 }]))).toEqual(['exists']);
    expect(first.account('alice')?.balance).toBe('40.00');
    expect(second.account('bob')?.balance).toBe('60.00');
  });

  it('concurrent writers never overdraw an account together', async () => {
    const store = createInMemoryEventStore();
    const first = await setUp(store);
    await first.createTransfers([{ id: 'd1', debitAccountId: 'cash', creditAccountId: 'alice', amount: '100', code: 1 }]);
    const second = await Book.open({ store, retry: instantRetry });
    const [a, b] = await Promise.all([
      first.createTransfers([{ id: 'x1', debitAccountId: 'alice', creditAccountId: 'bob', amount: '70', code: 2 }]),
      second.createTransfers([{ id: 'x2', debitAccountId: 'alice', creditAccountId: 'bob', amount: '70', code: 2 }]),
    ]);
    expect([...results(a), ...results(b)].sort()).toEqual(['exceeds_credits', 'ok']);
    const reopened = await Book.open({ store });
    expect(reopened.account('alice')?.balance).toBe('30.00');
  });

  it('gives up with a typed error after the retry budget, writing nothing', async () => {
    const inner = createInMemoryEventStore();
    const book = await setUp(inner);
    const before = (await inner.readAll()).length;
    const alwaysConflicting: EventStore = {
      ...inner,
      append: async (stream, _events, expected) => {
        throw new WrongExpectedVersionError(stream, expected, 99n);
      },
      readStream: (...args) => inner.readStream(...args),
      readAll: (...args) => inner.readAll(...args),
      streamRevision: (...args) => inner.streamRevision(...args),
      subscribe: (...args) => inner.subscribe(...args),
      close: () => inner.close(),
    };
    const stuck = await Book.open({ store: alwaysConflicting, retry: instantRetry });
    await expect(stuck.createTransfers([{ id: 'd1', debitAccountId: 'cash', creditAccountId: 'alice', amount: '1', code: 1 }])).rejects.toSatisfy(
      (error: unknown) => isCommandRetriesExhausted(error) && (error as { attempts: number }).attempts === 5,
    );
    expect((await inner.readAll()).length).toBe(before);
    expect(book.account('alice')?.balance).toBe('0.00');
  });

  it('loads from the latest snapshot and reads only the events after it', async () => {
    const inner = createInMemoryEventStore();
    const book = await Book.open({ store: inner, snapshotEvery: 10 });
    await book.defineLedgers([{ id: 'cny', asset: { code: 'CNY', scale: 2 } }]);
    await book.openAccounts([
      { id: 'cash', ledger: 'cny', code: 1001, type: 'asset' },
      { id: 'alice', ledger: 'cny', code: 2011, type: 'liability' },
    ]);
    for (let i = 0; i < 25; i++) {
      await book.createTransfers([{ id: `d${i}`, debitAccountId: 'cash', creditAccountId: 'alice', amount: '1.00', code: 1 }]);
    }
    let bookEventsRead = 0;
    const counting: EventStore = {
      ...inner,
      append: (...args) => inner.append(...args),
      readAll: (...args) => inner.readAll(...args),
      streamRevision: (...args) => inner.streamRevision(...args),
      subscribe: (...args) => inner.subscribe(...args),
      close: () => inner.close(),
      readStream: async (stream, options) => {
        const events = await inner.readStream(stream, options);
        if (stream === book.streamName) bookEventsRead += events.length;
        return events;
      },
    };
    const reopened = await Book.open({ store: counting });
    expect(reopened.account('alice')?.balance).toBe('25.00');
    expect(reopened.accounts()).toEqual(book.accounts());
    // 27 events in the stream, a snapshot every 10: at most the tail after the last snapshot is read.
    expect(bookEventsRead).toBeLessThan(10);
  });

  it('rejects a malformed batch with a typed error and writes nothing', async () => {
    const store = createInMemoryEventStore();
    const book = await setUp(store);
    const before = (await store.readAll()).length;
    for (const batch of [[], 'nope', null, {}, Array.from({ length: 10_001 }, () => ({}))]) {
      const outcome = await book.createTransfers(batch as never);
      expect(E.isLeft(outcome)).toBe(true);
    }
    expect((await store.readAll()).length).toBe(before);
  });

  it('closing an account first releases its holds that have timed out', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const store = createInMemoryEventStore();
    const book = await Book.open({ store, clock: () => new Date(now) });
    await book.defineLedgers([{ id: 'cny', asset: { code: 'CNY', scale: 2 } }]);
    await book.openAccounts([
      { id: 'cash', ledger: 'cny', code: 1001, type: 'asset' },
      { id: 'alice', ledger: 'cny', code: 2011, type: 'liability' },
    ]);
    await book.createTransfers([{ id: 'h1', debitAccountId: 'cash', creditAccountId: 'alice', amount: '5', code: 1, timeout: 60, flags: { pending: true } }]);
    expect(results(await book.closeAccounts(['alice']))).toEqual(['account_has_pending_transfers']);
    now += 61_000;
    expect(results(await book.closeAccounts(['alice']))).toEqual(['ok']);
    expect(book.account('alice')).toMatchObject({ closed: true, creditsPending: '0.00' });
  });

  it('commits concurrent batches in one append, each its own event with its own metadata, as if sequential', async () => {
    const inner = createInMemoryEventStore();
    let appends = 0;
    const counting: EventStore = {
      ...inner,
      append: (...args) => {
        appends++;
        return inner.append(...args);
      },
      readStream: (...args) => inner.readStream(...args),
      readAll: (...args) => inner.readAll(...args),
      streamRevision: (...args) => inner.streamRevision(...args),
      subscribe: (...args) => inner.subscribe(...args),
      close: () => inner.close(),
    };
    const book = await setUp(counting);
    await book.createTransfers([{ id: 'd1', debitAccountId: 'cash', creditAccountId: 'alice', amount: '100', code: 1 }]);
    appends = 0;
    const outcomes = await Promise.all([
      book.createTransfers([{ id: 'p1', debitAccountId: 'alice', creditAccountId: 'bob', amount: '60', code: 2 }], { actor: 'first', commandId: 'c-1' }),
      // Sees p1 already: alice has only 40 left.
      book.createTransfers([{ id: 'p2', debitAccountId: 'alice', creditAccountId: 'bob', amount: '60', code: 2 }], { actor: 'second', commandId: 'c-2' }),
      book.createTransfers('not a batch' as never),
      book.createTransfers([{ id: 'p1', debitAccountId: 'alice', creditAccountId: 'bob', amount: '60', code: 2 }], { actor: 'third', commandId: 'c-3' }),
      book.createTransfers([{ id: 'p3', debitAccountId: 'alice', creditAccountId: 'bob', amount: '40', code: 2, flags: { linked: true } }], { actor: 'fourth' }),
    ]);
    expect(outcomes.map((o) => (E.isRight(o) ? o.right.map((r) => r.result) : o.left.code))).toEqual([
      ['ok'],
      ['exceeds_credits'],
      'item_malformed',
      ['exists'],
      // A chain never continues into another caller's batch.
      ['linked_event_chain_open'],
    ]);
    expect(appends).toBe(1);
    const events = await inner.readStream(book.streamName, { fromRevision: 3n });
    expect(events.map((e) => [e.metadata.actor, e.metadata.commandId])).toEqual([
      ['first', 'c-1'],
      ['second', 'c-2'],
    ]);
    const reopened = await Book.open({ store: inner });
    expect(reopened.accounts()).toEqual(book.accounts());
    expect(book.account('alice')?.balance).toBe('40.00');
  });

  it('stamps every event with the request context and the injected clock', async () => {
    const store = createInMemoryEventStore();
    const book = await Book.open({ store, clock: () => new Date('2026-02-03T04:05:06.000Z') });
    await book.defineLedgers([{ id: 'cny', asset: { code: 'CNY', scale: 2 } }], {
      commandId: 'cmd-1',
      correlationId: 'corr-1',
      tenant: 'eco-bank',
      actor: 'ops-7',
      channel: 'branch',
    });
    const [event] = await store.readStream(book.streamName);
    expect(event?.metadata).toEqual({
      previousHash: '0'.repeat(64),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      commandId: 'cmd-1',
      correlationId: 'corr-1',
      causationId: 'cmd-1',
      tenant: 'eco-bank',
      actor: 'ops-7',
      channel: 'branch',
      occurredAt: '2026-02-03T04:05:06.000Z',
      requestHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });
});
