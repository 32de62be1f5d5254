import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventEnvelope, RecordedEvent } from '../../eventStore/envelope.js';
import { isInvalidArgument } from '../../eventStore/errors.js';
import { createInMemoryEventStore } from '../../eventStore/inMemoryEventStore.js';
import { createSqliteEventStore } from '../../eventStore/sqlite/index.js';
import { openSqliteDatabase } from '../../sql/sqliteDatabase.js';
import { Book } from '../book.js';
import { sealSnapshot } from '../hashChain.js';
import { verifyLedgerStore } from '../verifyLedger.js';
import { LedgerIntegrityError } from './ledgerIntegrityError.js';
import { busyBook, copyWith, newSealKey, storedHead, withData } from '../../../test-kit/ledger/tamperFixtures.test-support.js';

const SNAPSHOTS = 'ledger-book-main.snapshots';

/** A busy book (revisions 0..5) with a snapshot at revision 5, then one more payment (revision 6). */
const snapshottedBook = async (store: Parameters<typeof busyBook>[0], options: Parameters<typeof busyBook>[1] = {}) => {
  const book = await busyBook(store, options);
  await book.snapshot();
  await book.createTransfers([{ id: 'p2', debitAccountId: 'alice', creditAccountId: 'bob', amount: '1.00', code: 2 }]);
  return book;
};

/** The snapshot edited to claim `revision`, optionally re-bound to `boundTo` and re-sealed (as a database writer would). */
const claiming = (event: RecordedEvent, revision: string, reseal?: { readonly boundTo: string }): EventEnvelope => {
  const edited = withData(event, (json) => json.replace(/"revision":"\d+"/, `"revision":"${revision}"`));
  if (reseal === undefined) return edited;
  const { hash: _h, previousHash: _p, sealKeyId: _k, ...metadata } = edited.metadata;
  return sealSnapshot(SNAPSHOTS, { ...edited, metadata }, reseal.boundTo);
};

describe('snapshots bound to the event they cover', () => {
  it('a snapshot carries the hash of the event it covers and a seal under the book key', async () => {
    const store = createInMemoryEventStore();
    const seal = newSealKey('k1');
    const book = await snapshottedBook(store, { seal });
    const [snapshot] = await store.readStream(SNAPSHOTS);
    const [covered] = await store.readStream('ledger-book-main', { fromRevision: 5n, maxCount: 1 });
    expect(snapshot?.metadata).toMatchObject({ previousHash: covered?.metadata.hash, sealKeyId: 'k1' });
    const reopened = await Book.open({ store, seal });
    expect(reopened.currentRevision).toBe(6n);
    expect(reopened.accounts()).toEqual(book.accounts());
  });

  it('refuses a snapshot edited to claim an older revision (instead of applying the events after it twice)', async () => {
    const store = createInMemoryEventStore();
    await snapshottedBook(store);
    const tampered = await copyWith(store, (event) => (event.streamName === SNAPSHOTS ? claiming(event, '3') : event));
    const opening = Book.open({ store: tampered });
    await expect(opening).rejects.toBeInstanceOf(LedgerIntegrityError);
    await expect(opening).rejects.toMatchObject({ stream: SNAPSHOTS, revision: 0n, reason: expect.stringContaining('snapshot seal broken') });
    expect((await verifyLedgerStore(tampered)).problem).toMatchObject({ stream: SNAPSHOTS, revision: 0n, reason: expect.stringContaining('snapshot seal broken') });
  });

  it('with a key, refuses the edit even when the writer re-binds it to the older event and recomputes the seal', async () => {
    const store = createInMemoryEventStore();
    const seal = newSealKey('k1');
    await snapshottedBook(store, { seal });
    const [event3] = await store.readStream('ledger-book-main', { fromRevision: 3n, maxCount: 1 });
    const tampered = await copyWith(store, (event) => (event.streamName === SNAPSHOTS ? claiming(event, '3', { boundTo: event3!.metadata.hash! }) : event));
    await expect(Book.open({ store: tampered, seal })).rejects.toMatchObject({ name: 'LedgerIntegrityError', stream: SNAPSHOTS, reason: expect.stringContaining('downgrade') });
    expect((await verifyLedgerStore(tampered, { sealKeys: [seal] })).problem).toMatchObject({ stream: SNAPSHOTS, reason: expect.stringContaining('downgrade') });
  });

  it('after a migration to a key, an unkeyed snapshot forged over the unkeyed prefix is not trusted', async () => {
    const store = createInMemoryEventStore();
    const book = await busyBook(store);
    await book.snapshot(); // unkeyed, over unkeyed revision 5
    const seal = newSealKey('k1');
    const keyed = await Book.open({ store, seal: { ...seal, adoptUnkeyedHistory: await storedHead(store) }, snapshotEvery: 0 });
    await keyed.createTransfers([{ id: 'p2', debitAccountId: 'alice', creditAccountId: 'bob', amount: '1.00', code: 2 }]);
    const [honest] = await store.readStream(SNAPSHOTS);
    // A database writer appends a snapshot bound to the same unkeyed event, with alice richer.
    const rich = withData(honest!, (json) => json.replace('"creditsPosted":"110.00"', '"creditsPosted":"11000.00"'));
    const { hash: _h, previousHash, ...metadata } = rich.metadata;
    const forged = sealSnapshot(SNAPSHOTS, { id: '0b9e4f2c-6a1d-4e8b-9c3f-5d7a2e1b8c40', type: rich.type, version: rich.version, data: rich.data, metadata }, previousHash!);
    expect(JSON.stringify(forged.data)).not.toBe(JSON.stringify(honest!.data));
    await store.append(SNAPSHOTS, [forged], 'any');
    const reopened = await Book.open({ store, seal, snapshotEvery: 0 });
    expect(reopened.accounts()).toEqual(keyed.accounts());
    expect((await verifyLedgerStore(store, { sealKeys: [seal] })).problem).toMatchObject({ stream: SNAPSHOTS, revision: 1n, reason: expect.stringContaining('downgrade') });
  });

  it('refuses a snapshot re-bound to another event with its seal left as it was', async () => {
    const store = createInMemoryEventStore();
    const seal = newSealKey('k1');
    await snapshottedBook(store, { seal });
    const [event3] = await store.readStream('ledger-book-main', { fromRevision: 3n, maxCount: 1 });
    const tampered = await copyWith(store, (event) =>
      event.streamName === SNAPSHOTS ? { ...claiming(event, '3'), metadata: { ...event.metadata, previousHash: event3!.metadata.hash! } } : event,
    );
    await expect(Book.open({ store: tampered, seal })).rejects.toMatchObject({ name: 'LedgerIntegrityError', stream: SNAPSHOTS });
    expect((await verifyLedgerStore(tampered, { sealKeys: [seal] })).problem).toMatchObject({ stream: SNAPSHOTS, reason: expect.stringContaining('seal broken') });
  });

  it('refuses a snapshot whose covered events were deleted', async () => {
    const store = createInMemoryEventStore();
    await snapshottedBook(store);
    const tampered = await copyWith(store, (event) => (event.streamName === 'ledger-book-main' && event.revision >= 4n ? undefined : event));
    await expect(Book.open({ store: tampered })).rejects.toMatchObject({ name: 'LedgerIntegrityError', stream: SNAPSHOTS, reason: expect.stringContaining('does not hold') });
  });

  it('ignores a legacy snapshot without a binding and replays the stream instead', async () => {
    const store = createInMemoryEventStore();
    const book = await snapshottedBook(store);
    const legacy = await copyWith(store, (event) => {
      if (event.streamName !== SNAPSHOTS) return event;
      const { hash: _h, previousHash: _p, ...metadata } = claiming(event, '3').metadata;
      return { ...claiming(event, '3'), metadata };
    });
    const reopened = await Book.open({ store: legacy });
    expect(reopened.currentRevision).toBe(6n);
    expect(reopened.accounts()).toEqual(book.accounts());
  });
});

describe('Book.open verifies what it loads', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('refuses an event after the snapshot whose content was edited, naming stream and revision', async () => {
    const store = createInMemoryEventStore();
    await snapshottedBook(store);
    const tampered = await copyWith(store, (event) =>
      event.streamName === 'ledger-book-main' && event.revision === 6n ? withData(event, (json) => json.replace('"1.00"', '"9.00"')) : event,
    );
    const opening = Book.open({ store: tampered });
    await expect(opening).rejects.toBeInstanceOf(LedgerIntegrityError);
    await expect(opening).rejects.toMatchObject({ stream: 'ledger-book-main', revision: 6n, reason: expect.stringContaining('edited') });
  });

  it('refuses a revision gap (a row deleted in SQLite), and a history edited before any snapshot', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ecoledger-open-'));
    dirs.push(dir);
    const database = openSqliteDatabase(join(dir, 'events.db'));
    const store = await createSqliteEventStore({ database });
    try {
      await busyBook(store);
      database.raw.prepare("DELETE FROM ecoledger_events WHERE stream = 'ledger-book-main' AND revision = 3").run();
      await expect(Book.open({ store, snapshotEvery: 0 })).rejects.toMatchObject({
        name: 'LedgerIntegrityError',
        stream: 'ledger-book-main',
        revision: 4n,
        reason: expect.stringContaining('events are missing'),
      });
      database.raw.prepare("UPDATE ecoledger_events SET data = replace(data, '\"100.00\"', '\"1000.00\"') WHERE stream = 'ledger-book-main' AND revision = 2").run();
      await expect(Book.open({ store, snapshotEvery: 0 })).rejects.toMatchObject({ name: 'LedgerIntegrityError', revision: 2n });
    } finally {
      await store.close();
      await database.close();
    }
  });

  it('a catch-up (refresh) refuses a broken event written by someone else', async () => {
    const store = createInMemoryEventStore();
    const book = await busyBook(store);
    const { sealBatch } = await import('../hashChain.js');
    const [last] = await store.readStream('ledger-book-main', { direction: 'backwards', maxCount: 1 });
    // Linked to a wrong previous hash: the store accepts it, the book must not.
    const { hash: _h, previousHash: _p, ...metadata } = last!.metadata;
    const { type, version, data } = last!;
    const forged = sealBatch('ledger-book-main', 6n, '1'.repeat(64), [{ id: '2f7a1c9e-0b7d-4c52-9a57-3f2d8c1e6b40', type, version, data, metadata }]).events;
    await store.append('ledger-book-main', forged, 5n);
    await expect(book.refresh()).rejects.toMatchObject({ name: 'LedgerIntegrityError', revision: 6n, reason: expect.stringContaining('previousHash') });
  });
});

describe('book ids', () => {
  it.each(['', ' ', 'a b', 'a\nb', 'tab\t', 'x.snapshots', 'a/b', '-leading', 'é', 'x'.repeat(129)])('Book.open rejects %j and writes nothing', async (bookId) => {
    const store = createInMemoryEventStore();
    const error = await Book.open({ store, bookId }).catch((e: unknown) => e);
    expect(isInvalidArgument(error)).toBe(true);
    expect(error).toMatchObject({ path: '$.bookId' });
    expect(await store.readAll()).toEqual([]);
  });

  it('accepts ids of letters, digits, "_" and "-"', async () => {
    const store = createInMemoryEventStore();
    const book = await Book.open({ store, bookId: 'Retail_2026-cny' });
    expect(book.streamName).toBe('ledger-book-Retail_2026-cny');
  });

  it.each(['ledger-book-', 'ledger-book-.snapshots', 'ledger-book-x.snapshots.snapshots', 'ledger-book-a b'])(
    'verify sees the book stream %j and reports its invalid id',
    async (stream) => {
      const source = createInMemoryEventStore();
      await busyBook(source);
      const store = createInMemoryEventStore();
      const [first] = await source.readStream('ledger-book-main', { maxCount: 1 });
      const { id, type, version, data, metadata } = first!;
      await store.append(stream, [{ id, type, version, data, metadata }], 'no_stream');
      const report = await verifyLedgerStore(store);
      expect(report.ok).toBe(false);
      expect(report.problem).toMatchObject({ stream, revision: 0n, reason: expect.stringContaining('book id is invalid') });
    },
  );
});
