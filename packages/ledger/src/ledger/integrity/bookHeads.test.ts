import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../../eventStore/inMemoryEventStore.js';
import { Book } from '../book.js';
import { verifyLedgerStore } from '../verifyLedger.js';
import { parseBookHeads } from './bookHead.js';
import { busyBook, copyWith, newHeadKeys, newSealKey } from '../../../test-kit/ledger/tamperFixtures.test-support.js';

const fixedClock = () => new Date('2026-12-01T12:00:00.000Z');

describe('signed book heads (anchors kept outside the database)', () => {
  it('exports a signed head that verify checks against the log', async () => {
    const store = createInMemoryEventStore();
    const heads = newHeadKeys('h1');
    const seal = newSealKey('k1');
    const book = await busyBook(store, { seal, headKey: heads.signing, clock: fixedClock });
    const head = book.head();
    expect(head).toMatchObject({ format: 'ecoledger-book-head/1', bookId: 'main', stream: 'ledger-book-main', revision: '5', at: '2026-12-01T12:00:00.000Z', keyId: 'h1' });
    const last = await store.readStream('ledger-book-main', { direction: 'backwards', maxCount: 1 });
    expect(head.hash).toBe(last[0]?.metadata.hash);
    // A heads file round trip: JSON Lines.
    const parsed = parseBookHeads(`${JSON.stringify(head)}\n`);
    const report = await verifyLedgerStore(store, { sealKeys: [seal], heads: parsed, headKeys: [heads.public] });
    expect(report.problem).toBeUndefined();
    expect(report).toMatchObject({ ok: true, headsChecked: 1, tamperEvident: true });
  });

  it('catches the newest events deleted (which the chain alone cannot show)', async () => {
    const store = createInMemoryEventStore();
    const heads = newHeadKeys('h1');
    const seal = newSealKey('k1');
    const book = await busyBook(store, { seal, headKey: heads.signing });
    const head = book.head();
    const truncated = await copyWith(store, (event) => (event.streamName === 'ledger-book-main' && event.revision >= 4n ? undefined : event));
    // Without the head the shortened log is a sound chain: that is the gap heads close.
    expect((await verifyLedgerStore(truncated, { sealKeys: [seal] })).ok).toBe(true);
    const report = await verifyLedgerStore(truncated, { sealKeys: [seal], heads: [head], headKeys: [heads.public] });
    expect(report.ok).toBe(false);
    expect(report.problem).toMatchObject({ stream: 'ledger-book-main', revision: 5n, reason: expect.stringContaining('ends at 3') });
  });

  it('catches a whole book stream deleted', async () => {
    const store = createInMemoryEventStore();
    const heads = newHeadKeys('h1');
    const other = await Book.open({ store, bookId: 'other', snapshotEvery: 0 });
    await other.defineLedgers([{ id: 'usd', asset: { code: 'USD', scale: 2 } }]);
    const book = await busyBook(store, { headKey: heads.signing });
    await book.snapshot();
    const head = book.head();
    const withoutBook = await copyWith(store, (event) => (event.streamName.startsWith('ledger-book-main') ? undefined : event));
    expect((await verifyLedgerStore(withoutBook)).ok).toBe(true);
    const report = await verifyLedgerStore(withoutBook, { heads: [head], headKeys: [heads.public] });
    expect(report.problem).toMatchObject({ stream: 'ledger-book-main', revision: 5n, reason: expect.stringContaining('no such book') });
  });

  it('catches a history rewritten under the head, and a head whose signature does not hold', async () => {
    const store = createInMemoryEventStore();
    const heads = newHeadKeys('h1');
    const book = await busyBook(store, { headKey: heads.signing });
    const head = book.head();
    // An unkeyed chain recomputed from revision 5 on: the chain holds, but not the signed hash.
    const { sealBatch } = await import('../hashChain.js');
    const rewritten = await copyWith(store, (event) => {
      if (event.streamName !== 'ledger-book-main' || event.revision !== 5n) return event;
      const { hash: _h, previousHash, ...metadata } = event.metadata;
      return sealBatch(event.streamName, 5n, previousHash!, [{ ...event, metadata: { ...metadata, actor: 'mallory' } }]).events[0]!;
    });
    expect((await verifyLedgerStore(rewritten)).ok).toBe(true);
    expect((await verifyLedgerStore(rewritten, { heads: [head], headKeys: [heads.public] })).problem).toMatchObject({
      revision: 5n,
      reason: expect.stringContaining('does not match the signed head'),
    });
    const edited = { ...head, revision: '3' };
    expect((await verifyLedgerStore(store, { heads: [edited], headKeys: [heads.public] })).problem?.reason).toMatch(/signature does not hold/);
    const stranger = newHeadKeys('h1');
    expect((await verifyLedgerStore(store, { heads: [head], headKeys: [stranger.public] })).problem?.reason).toMatch(/signature does not hold/);
    expect((await verifyLedgerStore(store, { heads: [head] })).problem?.reason).toMatch(/key h1, which was not given/);
  });

  it('head() needs a head key and at least one event', async () => {
    const store = createInMemoryEventStore();
    const bare = await Book.open({ store, snapshotEvery: 0 });
    expect(() => bare.head()).toThrow(/without a headKey/);
    const keyed = await Book.open({ store, snapshotEvery: 0, headKey: newHeadKeys('h1').signing });
    expect(() => keyed.head()).toThrow(/no events yet/);
  });
});
