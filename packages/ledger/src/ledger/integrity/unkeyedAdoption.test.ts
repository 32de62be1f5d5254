import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../../eventStore/inMemoryEventStore.js';
import { Book } from '../book.js';
import { verifyLedgerStore } from '../verifyLedger.js';
import { LedgerIntegrityError } from './ledgerIntegrityError.js';
import type { RecordedEvent } from '../../eventStore/envelope.js';
import { busyBook, copyWith, newHeadKeys, newSealKey, rechained, storedHead, withData } from '../../../test-kit/ledger/tamperFixtures.test-support.js';

/** The deposit d1 raised tenfold: 100.00 becomes 1000.00. */
const tenfold = (json: string) => json.replaceAll('"100.00"', '"1000.00"');
const raiseDeposit = (event: Parameters<typeof withData>[0] & { readonly revision: bigint }) => (event.revision === 2n ? withData(event, tenfold) : event);
const payment = (id: string) => [{ id, debitAccountId: 'alice', creditAccountId: 'bob', amount: '1.00', code: 2 }];

/** A legacy (unkeyed) book at revisions 0..5, its head as an operator would read it before keying, and a key. */
const legacyBook = async () => {
  const store = createInMemoryEventStore();
  await busyBook(store);
  return { store, head: await storedHead(store), seal: newSealKey('k1') };
};

/** A legacy book migrated at its head (revision 5), with two keyed payments after it (revisions 6, 7). */
const migratedBook = async () => {
  const legacy = await legacyBook();
  const book = await Book.open({ store: legacy.store, seal: { ...legacy.seal, adoptUnkeyedHistory: legacy.head }, snapshotEvery: 0 });
  await book.createTransfers(payment('p2'));
  await book.createTransfers(payment('p3'));
  return { ...legacy, book };
};

describe('adopting an unkeyed history is bound to its head, named out of band', () => {
  it('refuses the former boolean form (adoptUnkeyedHistory: true), telling the caller to name the head, and writes nothing', async () => {
    const { store, seal } = await legacyBook();
    const before = await store.readAll();
    for (const value of [true, false, 'yes', null]) {
      const error = await Book.open({ store, seal: { ...seal, adoptUnkeyedHistory: value as never }, snapshotEvery: 0 }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'invalid_argument', path: '$.seal.adoptUnkeyedHistory', message: expect.stringContaining('{ revision, hash }') });
    }
    await expect(Book.open({ store, seal: { ...seal, adoptUnkeyedHistory: { revision: -1n, hash: 'a'.repeat(64) } } })).rejects.toMatchObject({
      code: 'invalid_argument',
      path: '$.seal.adoptUnkeyedHistory.revision',
    });
    await expect(Book.open({ store, seal: { ...seal, adoptUnkeyedHistory: { revision: '5', hash: 'XYZ' } } })).rejects.toMatchObject({
      code: 'invalid_argument',
      path: '$.seal.adoptUnkeyedHistory.hash',
    });
    expect(await store.readAll()).toEqual(before);
  });

  it('adopts exactly the named head (bigint or decimal string) and seals on top; verify is then tamper-evident', async () => {
    const { store, head, seal } = await legacyBook();
    const book = await Book.open({ store, seal: { ...seal, adoptUnkeyedHistory: { revision: head.revision.toString(), hash: head.hash } }, snapshotEvery: 0 });
    expect(book.currentRevision).toBe(5n);
    await book.createTransfers(payment('p2'));
    const [first] = await store.readStream('ledger-book-main', { fromRevision: 6n, maxCount: 1 });
    expect(first?.metadata).toMatchObject({ sealKeyId: 'k1', previousHash: head.hash });
    expect(await verifyLedgerStore(store, { sealKeys: [seal] })).toMatchObject({ ok: true, tamperEvident: true });
  });

  it('refuses a prefix rewritten after the head was taken (deposit raised tenfold, chain recomputed as SHA-256), naming the head', async () => {
    const { store, head, seal } = await legacyBook();
    const forged = await rechained(store, 0n, raiseDeposit, undefined);
    const opening = Book.open({ store: forged, seal: { ...seal, adoptUnkeyedHistory: head }, snapshotEvery: 0 });
    await expect(opening).rejects.toBeInstanceOf(LedgerIntegrityError);
    await expect(opening).rejects.toMatchObject({ stream: 'ledger-book-main', revision: 5n, reason: expect.stringContaining('not the one named') });
    expect(await forged.readStream('ledger-book-main.snapshots')).toEqual([]);
    expect((await forged.readAll()).length).toBe(6);
  });

  it('refuses unkeyed events after the named head (written after it was taken, or by an attacker)', async () => {
    const { store, head, seal } = await legacyBook();
    const unkeyed = await Book.open({ store, snapshotEvery: 0 });
    await unkeyed.createTransfers(payment('late'));
    await expect(Book.open({ store, seal: { ...seal, adoptUnkeyedHistory: head }, snapshotEvery: 0 })).rejects.toMatchObject({
      name: 'LedgerIntegrityError',
      stream: 'ledger-book-main',
      revision: 6n,
      reason: expect.stringContaining('after the adopted head at revision 5'),
    });
  });

  it('refuses when the stream no longer holds the named head (its tail deleted)', async () => {
    const { store, head, seal } = await legacyBook();
    const cut = await copyWith(store, (event) => (event.revision >= 4n ? undefined : event));
    await expect(Book.open({ store: cut, seal: { ...seal, adoptUnkeyedHistory: head }, snapshotEvery: 0 })).rejects.toMatchObject({
      name: 'LedgerIntegrityError',
      revision: 5n,
      reason: expect.stringContaining('does not hold'),
    });
  });

  it('refuses a head that names a keyed event: there is no unkeyed history to adopt there', async () => {
    const store = createInMemoryEventStore();
    const seal = newSealKey('k1');
    await busyBook(store, { seal });
    await expect(Book.open({ store, seal: { ...seal, adoptUnkeyedHistory: await storedHead(store) }, snapshotEvery: 0 })).rejects.toMatchObject({
      name: 'LedgerIntegrityError',
      revision: 5n,
      reason: expect.stringContaining('must be the last unkeyed event'),
    });
  });

  it('left configured after the migration, it accepts the book as it is and refuses the whole stream rewritten unkeyed (the review attack)', async () => {
    const { store, head, seal, book } = await migratedBook();
    const adopting = { ...seal, adoptUnkeyedHistory: head };
    // The honest book reopens with the option still set, and without it.
    expect((await Book.open({ store, seal: adopting, snapshotEvery: 0 })).accounts()).toEqual(book.accounts());
    expect((await Book.open({ store, seal, snapshotEvery: 0 })).currentRevision).toBe(7n);
    // A database writer re-chains the whole stream as plain SHA-256 with the deposit raised tenfold.
    const forged = await rechained(store, 0n, raiseDeposit, undefined);
    await expect(Book.open({ store: forged, seal: adopting, snapshotEvery: 0 })).rejects.toMatchObject({
      name: 'LedgerIntegrityError',
      stream: 'ledger-book-main',
      revision: 5n,
    });
    // Or only the keyed tail, keeping the adopted prefix as it was.
    const tail = await rechained(store, 6n, (event) => event, undefined);
    await expect(Book.open({ store: tail, seal: adopting, snapshotEvery: 0 })).rejects.toMatchObject({ name: 'LedgerIntegrityError', revision: 6n });
    expect((await verifyLedgerStore(forged, { sealKeys: [seal] })).tamperEvident).toBe(false);
  });

  it('two writers adopting the same head: the second catches up with the first one\'s keyed event and its record', async () => {
    const { store, head, seal } = await legacyBook();
    const first = await Book.open({ store, seal: { ...seal, adoptUnkeyedHistory: head }, snapshotEvery: 0 });
    const second = await Book.open({ store, seal: { ...seal, adoptUnkeyedHistory: head }, snapshotEvery: 0 });
    await first.createTransfers(payment('p2'));
    await second.createTransfers(payment('p3'));
    expect(second.currentRevision).toBe(7n);
    const [, p3] = await store.readStream('ledger-book-main', { fromRevision: 6n });
    expect(p3?.metadata.adoptedHead).toBeUndefined();
    expect(await verifyLedgerStore(store, { sealKeys: [seal] })).toMatchObject({ ok: true, tamperEvident: true });
  });

  it('once keyed, the unkeyed prefix is held by the first keyed event: rewriting it is refused with and without the option', async () => {
    const { store, head, seal } = await migratedBook();
    // The prefix 0..5 re-chained as plain SHA-256 with the deposit raised; the keyed events 6, 7 left as they are.
    const rewritten = await (await rechained(store, 0n, raiseDeposit, undefined)).readStream('ledger-book-main');
    const forged = await copyWith(store, (event) => (event.revision <= 5n ? rewritten[Number(event.revision)]! : event));
    await expect(Book.open({ store: forged, seal, snapshotEvery: 0 })).rejects.toMatchObject({ name: 'LedgerIntegrityError', revision: 6n });
    await expect(Book.open({ store: forged, seal: { ...seal, adoptUnkeyedHistory: head }, snapshotEvery: 0 })).rejects.toMatchObject({
      name: 'LedgerIntegrityError',
      revision: 5n,
    });
  });
});

/** The event with its adoption record replaced (`undefined` drops it); `rechained` with the real key then reseals it, as a key holder would. */
const withRecord = (event: RecordedEvent, record: { readonly revision: string; readonly hash: string } | undefined) => {
  const { adoptedHead: _record, ...metadata } = event.metadata;
  return { ...event, metadata: record === undefined ? metadata : { ...metadata, adoptedHead: record } };
};

describe('verify reports the unkeyed prefix of a book keyed later honestly', () => {
  it('the first keyed event records the adopted head under the seal; verify names the prefix vouched for by the adoption', async () => {
    const { store, head, seal } = await migratedBook();
    const [first, second] = await store.readStream('ledger-book-main', { fromRevision: 6n, maxCount: 2 });
    expect(first?.metadata.adoptedHead).toEqual({ revision: '5', hash: head.hash });
    expect(second?.metadata.adoptedHead).toBeUndefined();
    const report = await verifyLedgerStore(store, { sealKeys: [seal] });
    expect(report).toMatchObject({ ok: true, tamperEvident: true });
    const last = await storedHead(store);
    expect(report.books[0]).toMatchObject({ keyed: true, head: last, unkeyedPrefix: { lastRevision: 5n, vouchedBy: 'adoption' } });
    // Before keying, verify gives the operator the head to adopt.
    const { store: legacy, head: legacyHead } = await legacyBook();
    expect((await verifyLedgerStore(legacy)).books[0]?.head).toEqual(legacyHead);
  });

  it('a keyed chain continuing an unkeyed prefix without an adoption record (the former boolean adoption) is not tamper-evident', async () => {
    const { store, seal } = await migratedBook();
    // As the former code wrote it: the first keyed event seals the link, but no head was checked.
    const unrecorded = await rechained(store, 6n, (event) => withRecord(event, undefined), seal);
    const report = await verifyLedgerStore(unrecorded, { sealKeys: [seal] });
    expect(report).toMatchObject({ ok: true, tamperEvident: false });
    expect(report.books[0]?.unkeyedPrefix).toEqual({ lastRevision: 5n, vouchedBy: undefined });
  });

  it('a signed head taken at the last unkeyed revision, before keying, vouches for the prefix; one taken later does not', async () => {
    const legacy = createInMemoryEventStore();
    const headKeys = newHeadKeys('h1');
    const seal = newSealKey('k1');
    const unkeyedBook = await busyBook(legacy, { headKey: headKeys.signing });
    const beforeKeying = unkeyedBook.head();
    // A signed head can be passed as it is: its revision and hash name the head to adopt.
    const migrated = await Book.open({ store: legacy, seal: { ...seal, adoptUnkeyedHistory: beforeKeying }, snapshotEvery: 0 });
    await migrated.createTransfers(payment('p2'));
    // Keyed without an adoption record, as the former boolean adoption wrote it.
    const unrecorded = await rechained(legacy, 6n, (event) => withRecord(event, undefined), seal);
    const afterKeying = (await Book.open({ store: unrecorded, seal, headKey: headKeys.signing, snapshotEvery: 0 })).head();
    expect(beforeKeying.revision).toBe('5');
    const vouched = await verifyLedgerStore(unrecorded, { sealKeys: [seal], heads: [beforeKeying], headKeys: [headKeys.public] });
    expect(vouched).toMatchObject({ ok: true, tamperEvident: true, headsChecked: 1 });
    expect(vouched.books[0]?.unkeyedPrefix).toEqual({ lastRevision: 5n, vouchedBy: 'signed head' });
    const later = await verifyLedgerStore(unrecorded, { sealKeys: [seal], heads: [afterKeying], headKeys: [headKeys.public] });
    expect(later).toMatchObject({ ok: true, tamperEvident: false, headsChecked: 1 });
    expect(later.books[0]?.unkeyedPrefix?.vouchedBy).toBeUndefined();
  });

  it('an adoption record that names another head, or sits on a later event, is a broken history for Book.open and verify', async () => {
    const { store, seal } = await migratedBook();
    const [event4] = await store.readStream('ledger-book-main', { fromRevision: 4n, maxCount: 1 });
    const elsewhere = await rechained(store, 6n, (event) => (event.revision === 6n ? withRecord(event, { revision: '4', hash: event4!.metadata.hash! }) : event), seal);
    const onLater = await rechained(store, 7n, (event) => withRecord(event, { revision: '6', hash: 'a'.repeat(64) }), seal);
    for (const [tampered, revision] of [[elsewhere, 6n], [onLater, 7n]] as const) {
      expect((await verifyLedgerStore(tampered, { sealKeys: [seal] })).problem).toMatchObject({ stream: 'ledger-book-main', revision, reason: expect.stringContaining('adoption record') });
      await expect(Book.open({ store: tampered, seal, snapshotEvery: 0 })).rejects.toMatchObject({ name: 'LedgerIntegrityError', revision, reason: expect.stringContaining('adoption record') });
    }
  });
});
