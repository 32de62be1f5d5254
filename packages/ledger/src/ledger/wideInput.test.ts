import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { decodeEvent } from '../commandHandling/eventSchemas.js';
import { isEventDecodeError } from '../eventStore/errors.js';
import { createInMemoryEventStore } from '../eventStore/inMemoryEventStore.js';
import type { RecordedEvent } from '../eventStore/envelope.js';
import { MAX_REPORTED_ISSUES } from '../codecs/formatValidationErrors.js';
import { Book } from './book.js';
import { decideBook, type BookDecision } from './bookDecider.js';
import { ledgerEventSchemas } from './events.js';

/** An object with `count` fields `f0..`, each holding `value`. */
const wide = (count: number, value: unknown): Record<string, unknown> => {
  const object: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) object[`f${i}`] = value;
  return object;
};

const openBook = async () => {
  const book = await Book.open({ store: createInMemoryEventStore() });
  await book.defineLedgers([{ id: 'cny', asset: { code: 'CNY', scale: 2 } }]);
  return book;
};

const onlyResult = (outcome: E.Either<Error, readonly { result: string; detail?: string }[]>) => {
  if (E.isLeft(outcome)) throw outcome.left;
  expect(outcome.right).toHaveLength(1);
  return outcome.right[0]!;
};

/** A detail lists at most the first MAX_REPORTED_ISSUES issues, then how many more there were. */
const expectBoundedDetail = (detail: string | undefined, more: RegExp) => {
  expect(detail).toBeDefined();
  expect(detail!.split('; ').length).toBeLessThanOrEqual(MAX_REPORTED_ISSUES + 1);
  expect(detail).toMatch(more);
  expect(detail!.length).toBeLessThan(10_000);
};

// 100,000 as the issue reports, and 250,000, which overflowed the stack on the original code in
// any call depth (spreading the nested struct's errors into `push`).
describe.each([100_000, 250_000])('a request with %i invalid fields gets a typed, bounded answer', (count) => {
  it('openAccounts: unknown flags and non-string metadata values (decider: a per-item code with a bounded detail)', async () => {
    const book = await openBook();
    const open = (account: Record<string, unknown>) => decideBook({ type: 'OpenAccounts', data: { accounts: [account], now: 1n } }, book.bookState);
    const flags = onlyResult(E.map((d: BookDecision) => d.results)(open({ id: 'a', ledger: 'cny', code: 1, type: 'asset', flags: wide(count, true) })));
    expect(flags.result).toBe('reserved_flag');
    expectBoundedDetail(flags.detail, /and \d+ more issues/);
    const metadata = onlyResult(E.map((d: BookDecision) => d.results)(open({ id: 'b', ledger: 'cny', code: 1, type: 'asset', metadata: wide(count, 1) })));
    expect(metadata.result).toBe('metadata_malformed');
    expectBoundedDetail(metadata.detail, /and \d+ more issues/);
  });

  it('createTransfers: unknown flags and unknown top-level fields (decider: a per-item code with a bounded detail)', async () => {
    const book = await openBook();
    const create = (item: Record<string, unknown>) => decideBook({ type: 'CreateTransfers', data: { transfers: [item], now: 1n } }, book.bookState);
    const flags = onlyResult(E.map((d: BookDecision) => d.results)(create({ id: 't', debitAccountId: 'a', creditAccountId: 'b', amount: '1', code: 1, flags: wide(count, true) })));
    expect(flags.result).toBe('reserved_flag');
    expectBoundedDetail(flags.detail, /and \d+ more issues/);
    const top = onlyResult(E.map((d: BookDecision) => d.results)(create({ id: 't', amount: '1', code: 0, ...wide(count, 1) })));
    // Unknown fields are refused first, naming the first of them; never dropped.
    expect(top.result).toBe('unknown_field');
    expect(top).toMatchObject({ field: 'f0' });
    expectBoundedDetail(top.detail, /and \d+ more issues/);
  });

  it('Book: the call is refused with item_malformed and a short message, changing nothing', async () => {
    const book = await openBook();
    const revision = book.currentRevision;
    const calls = [
      book.openAccounts([{ id: 'a', ledger: 'cny', code: 1, type: 'asset', flags: wide(count, true) }]),
      book.openAccounts([{ id: 'b', ledger: 'cny', code: 1, type: 'asset', metadata: wide(count, 1) } as never]),
      book.createTransfers([{ id: 't', debitAccountId: 'a', creditAccountId: 'b', amount: '1', code: 1, flags: wide(count, true) }]),
      book.createTransfers([{ id: 't', code: 0, ...wide(count, 1) }]),
    ];
    for (const outcome of await Promise.all(calls)) {
      expect(E.isLeft(outcome)).toBe(true);
      if (E.isRight(outcome)) continue;
      expect(outcome.left.code).toBe('item_malformed');
      expect(outcome.left.message.length).toBeLessThan(1_000);
    }
    expect(book.accounts()).toEqual([]);
    expect(book.currentRevision).toBe(revision);
  });

  it('event decode: a stored event with that many invalid fields is an EventDecodeError listing the first issues', () => {
    const recorded = {
      type: 'AccountsOpened',
      version: 1,
      id: '00000000-0000-4000-8000-000000000000',
      streamName: 'ledger-book-main',
      revision: 0n,
      position: 0n,
      recordedAt: new Date(0),
      metadata: {},
      data: { accounts: [{ id: 'a', ledger: 'cny', code: 1, type: 'asset', tenant: 't', flags: [], overdraftLimit: '0', timestamp: '1', metadata: wide(count, 1) }] },
    } as unknown as RecordedEvent;
    const decoded = decodeEvent(ledgerEventSchemas, recorded);
    expect(E.isLeft(decoded)).toBe(true);
    if (E.isRight(decoded)) return;
    expect(isEventDecodeError(decoded.left)).toBe(true);
    expect(decoded.left.issues.length).toBeLessThanOrEqual(MAX_REPORTED_ISSUES + 1);
    expect(decoded.left.issues.at(-1)?.reason).toMatch(/and \d+ more issues/);
    expect(decoded.left.message.length).toBeLessThan(10_000);
  });
});
