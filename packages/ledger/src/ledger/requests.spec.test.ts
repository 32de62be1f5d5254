/**
 * Specifications of the call-level checks of a book request (request context, command-id reuse,
 * the group-commit queue bound): given a book, when a call comes in, then it is answered as a whole
 * and, when rejected, nothing is written.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../eventStore/inMemoryEventStore.js';
import { Book, type OpenBookOptions } from './book.js';
import { minorToDecimal } from '../money/decimalString.js';
import { MAX_BATCH_SIZE } from './decideTransfers.js';
import { MAX_CONTEXT_STRING_LENGTH } from './requestContext.js';
import { expectCallRejected, expectResults, transfer } from '../../test-kit/ledger/specFixtures.test-support.js';

const givenBook = async (options: Partial<OpenBookOptions> = {}) => {
  const store = options.store ?? createInMemoryEventStore();
  const book = await Book.open({ ...options, store });
  await book.defineLedgers([{ id: 'cny', asset: { code: 'CNY', scale: 2 } }]);
  await book.openAccounts([
    { id: 'cash', ledger: 'cny', code: 1001, type: 'asset' },
    { id: 'alice', ledger: 'cny', code: 2011, type: 'liability', flags: { debitsMustNotExceedCredits: true } },
    { id: 'bob', ledger: 'cny', code: 2011, type: 'liability', flags: { debitsMustNotExceedCredits: true } },
  ]);
  const written = async () => (await store.readAll()).length;
  return { book, store, written };
};

const deposit = (id: string, amount = '100.00') => transfer(id, 'cash', 'alice', amount);

describe('request context', () => {
  const bad: readonly [string, unknown, 'request_context_malformed' | 'request_context_too_long'][] = [
    ['an unknown channel', { channel: 'fax' }, 'request_context_malformed'],
    ['an empty tenant', { tenant: '' }, 'request_context_malformed'],
    ['a numeric actor', { actor: 7 }, 'request_context_malformed'],
    ['a null tenant', { tenant: null }, 'request_context_malformed'],
    ['a null context', null, 'request_context_malformed'],
    ['a control character in the correlation id', { correlationId: 'a\nb' }, 'request_context_malformed'],
    ['an unknown field', { commandId: 'c-1', user: 'mallory' }, 'request_context_malformed'],
    ['not an object', 'c-1', 'request_context_malformed'],
    ['a throwing getter', Object.defineProperty({}, 'tenant', { enumerable: true, get: () => { throw new Error('no tenant'); } }), 'request_context_malformed'],
    ['a command id over the size limit', { commandId: 'c'.repeat(MAX_CONTEXT_STRING_LENGTH + 1) }, 'request_context_too_long'],
    ['a causation id over the size limit', { causationId: 'x'.repeat(100_000) }, 'request_context_too_long'],
  ];
  for (const [what, context, code] of bad) {
    it(`given a book, when a transfer request carries ${what}, then it is rejected with ${code} and nothing is written`, async () => {
      const { book, written } = await givenBook();
      const before = await written();
      expectCallRejected(await book.createTransfers([deposit('d1')], context as never), code);
      expectCallRejected(await book.openAccounts([{ id: 'carol', ledger: 'cny', code: 2011, type: 'liability' }], context as never), code);
      expect(await written()).toBe(before);
      expect(book.transfer('d1')).toBeUndefined();
    });
  }

  it('given a book, when the context strings are exactly at the size limit, then the request is decided', async () => {
    const { book } = await givenBook();
    const long = 'c'.repeat(MAX_CONTEXT_STRING_LENGTH);
    const outcome = await book.createTransfers([deposit('d1')], { commandId: long, correlationId: long, causationId: long, tenant: long, actor: long });
    expectResults(E.getOrElseW(() => [])(outcome), ['ok']);
  });

  it('given book defaults with an empty tenant, when the book is opened, then it is refused', async () => {
    await expect(Book.open({ store: createInMemoryEventStore(), defaults: { tenant: '' } })).rejects.toMatchObject({ code: 'request_context_malformed' });
  });
});

describe('command id reuse', () => {
  it('given a command id used for a deposit, when it comes again with another body, then command_id_reused and nothing is written', async () => {
    const { book, written } = await givenBook();
    await book.createTransfers([deposit('d1')], { commandId: 'cmd-1' });
    const before = await written();
    expectCallRejected(await book.createTransfers([deposit('d1', '999.00')], { commandId: 'cmd-1' }), 'command_id_reused');
    expectCallRejected(await book.createTransfers([deposit('d2')], { commandId: 'cmd-1' }), 'command_id_reused');
    expectCallRejected(await book.openAccounts([{ id: 'carol', ledger: 'cny', code: 2011, type: 'liability' }], { commandId: 'cmd-1' }), 'command_id_reused');
    expect(await written()).toBe(before);
    expect(book.account('alice')?.balance).toBe('100.00');
  });

  it('given a command id used for a deposit, when the same body comes again (keys in another order), then it is decided again: exists', async () => {
    const { book, written } = await givenBook();
    await book.createTransfers([deposit('d1')], { commandId: 'cmd-1' });
    const before = await written();
    const { code, amount, creditAccountId, debitAccountId, id } = deposit('d1');
    const outcome = await book.createTransfers([{ code, amount, creditAccountId, debitAccountId, id }], { commandId: 'cmd-1' });
    expectResults(E.getOrElseW(() => [])(outcome), ['exists']);
    expect(await written()).toBe(before);
  });

  it('given a command id whose item failed transiently, when the same body comes again, then it is decided again: id_already_failed', async () => {
    const { book } = await givenBook();
    const overdraw = transfer('o1', 'alice', 'bob', '50.00');
    expectResults(E.getOrElseW(() => [])(await book.createTransfers([overdraw], { commandId: 'cmd-1' })), ['exceeds_credits']);
    await book.createTransfers([deposit('d1')], { commandId: 'cmd-2' });
    expectResults(E.getOrElseW(() => [])(await book.createTransfers([overdraw], { commandId: 'cmd-1' })), ['id_already_failed']);
    expect(book.account('bob')?.balance).toBe('0.00');
  });

  it('given a request that wrote nothing, when its command id comes with another body, then that body is decided', async () => {
    const { book } = await givenBook();
    // Not an event: the only item fails for its shape, which is not remembered.
    await book.createTransfers([{ ...deposit('d1'), amount: 'abc' }], { commandId: 'cmd-1' });
    const outcome = await book.createTransfers([deposit('d1')], { commandId: 'cmd-1' });
    expectResults(E.getOrElseW(() => [])(outcome), ['ok']);
  });
});

describe('command ids across restarts', () => {
  it('given a command id used before the latest snapshot, when the book reopens from it and the id comes with another body, then command_id_reused', async () => {
    const store = createInMemoryEventStore();
    const { book } = await givenBook({ store, snapshotEvery: 1 });
    await book.createTransfers([deposit('d1')], { commandId: 'cmd-1' });
    const [snapshot] = await store.readStream(`${book.streamName}.snapshots`, { direction: 'backwards', maxCount: 1 });
    expect((snapshot?.data as { commands?: unknown[] }).commands).toContainEqual({ id: 'cmd-1', requestHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const reopened = await Book.open({ store });
    expectCallRejected(await reopened.createTransfers([deposit('d2')], { commandId: 'cmd-1' }), 'command_id_reused');
    expectResults(E.getOrElseW(() => [])(await reopened.createTransfers([deposit('d1')], { commandId: 'cmd-1' })), ['exists']);
  });

  it('given a snapshot written before request fingerprints (no commands, no binding), when the book opens, then it replays and binds the command ids', async () => {
    const store = createInMemoryEventStore();
    const { book } = await givenBook({ store });
    await book.snapshot();
    const [snapshot] = await store.readStream(`${book.streamName}.snapshots`, { direction: 'backwards', maxCount: 1 });
    const { commands: _commands, ...legacy } = snapshot!.data as Record<string, unknown>;
    const { previousHash: _previous, hash: _hash, ...legacyMetadata } = snapshot!.metadata;
    await store.append(`${book.streamName}.snapshots`, [{ id: '00000000-0000-4000-8000-000000000001', type: 'BookSnapshot', version: 1, data: legacy as never, metadata: legacyMetadata }], 'any');
    const reopened = await Book.open({ store });
    // An unbound (legacy) snapshot is never loaded: the command ids come back from the events.
    expect([...reopened.bookState.commands]).toEqual([...book.bookState.commands]);
    await reopened.createTransfers([deposit('d1')], { commandId: 'cmd-1' });
    expectCallRejected(await reopened.createTransfers([deposit('d2')], { commandId: 'cmd-1' }), 'command_id_reused');
  });
});

describe('group-commit queue bound', () => {
  it('given two requests waiting for the writer and a bound of two, when a third arrives, then it is answered book_overloaded at once', async () => {
    const { book, written } = await givenBook({ maxWaitingRequests: 2 });
    const before = await written();
    const first = book.createTransfers([deposit('d1')]);
    const second = book.createTransfers([deposit('d2')]);
    expectCallRejected(await book.createTransfers([deposit('d3')]), 'book_overloaded');
    expectResults(E.getOrElseW(() => [])(await first), ['ok']);
    expectResults(E.getOrElseW(() => [])(await second), ['ok']);
    expect(await written()).toBe(before + 2);
    expect(book.transfer('d3')).toBeUndefined();
    // Once the queue drained, requests are taken again.
    expectResults(E.getOrElseW(() => [])(await book.createTransfers([deposit('d3')])), ['ok']);
  });

  it('given batches holding the item bound, when another batch would pass it, then it is answered book_overloaded at once', async () => {
    const { book, written } = await givenBook({ maxWaitingItems: MAX_BATCH_SIZE });
    const before = await written();
    const batch = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => deposit(`${prefix}${i}`, '0.01'));
    const first = book.createTransfers(batch('a', MAX_BATCH_SIZE - 10));
    expectCallRejected(await book.createTransfers(batch('b', 11)), 'book_overloaded');
    const second = book.createTransfers(batch('c', 10));
    expect(E.isRight(await first) && E.isRight(await second)).toBe(true);
    expect(await written()).toBe(before + 2);
    expect(book.transfer('b0')).toBeUndefined();
    // MAX_BATCH_SIZE deposits of 0.01 in all.
    expect(book.account('alice')?.balance).toBe(minorToDecimal(BigInt(MAX_BATCH_SIZE), 2));
  });

  it('given an overloaded writer, then a request is refused before its input is read (a throwing getter is never called)', async () => {
    const { book } = await givenBook({ maxWaitingRequests: 1 });
    const first = book.createTransfers([deposit('d1')]);
    let read = false;
    const item = Object.defineProperty({}, 'id', { enumerable: true, get: () => ((read = true), 'd2') });
    expectCallRejected(await book.createTransfers([item as never]), 'book_overloaded');
    expect(read).toBe(false);
    await first;
  });

  it('given other commands queued up to the bound, when one more arrives, then it is answered book_overloaded at once', async () => {
    const { book, written } = await givenBook({ maxWaitingRequests: 2 });
    const before = await written();
    const carol = book.openAccounts([{ id: 'carol', ledger: 'cny', code: 2011, type: 'liability' }]);
    const dave = book.openAccounts([{ id: 'dave', ledger: 'cny', code: 2011, type: 'liability' }]);
    expectCallRejected(await book.openAccounts([{ id: 'erin', ledger: 'cny', code: 2011, type: 'liability' }]), 'book_overloaded');
    expectCallRejected(await book.expirePendingTransfers(), 'book_overloaded');
    expectResults(E.getOrElseW(() => [])(await carol), ['ok']);
    expectResults(E.getOrElseW(() => [])(await dave), ['ok']);
    expect(await written()).toBe(before + 2);
    expect(book.account('erin')).toBeUndefined();
    // Once the queue drained, commands are taken again.
    expectResults(E.getOrElseW(() => [])(await book.openAccounts([{ id: 'erin', ledger: 'cny', code: 2011, type: 'liability' }])), ['ok']);
  });

  it('given an item bound below one full batch, when the book is opened, then it is refused', async () => {
    for (const bound of [MAX_BATCH_SIZE - 1, 0, 1.5, Number.NaN]) {
      await expect(Book.open({ store: createInMemoryEventStore(), maxWaitingItems: bound })).rejects.toBeInstanceOf(RangeError);
    }
  });

  it('given a bound that is not a positive integer, when the book is opened, then it is refused', async () => {
    for (const bound of [0, -1, 1.5, Number.NaN]) {
      await expect(Book.open({ store: createInMemoryEventStore(), maxWaitingRequests: bound })).rejects.toBeInstanceOf(RangeError);
    }
  });
});
