import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../../eventStore/inMemoryEventStore.js';
import { Book } from '../book.js';
import { verifyLedgerStore } from '../verifyLedger.js';
import { isLedgerIntegrityError, LedgerIntegrityError } from './ledgerIntegrityError.js';
import { busyBook, copyWith, forgedMillion, newSealKey, rechained, storedHead, withData } from '../../../test-kit/ledger/tamperFixtures.test-support.js';

/** The deposit d1 (revision 2) raised tenfold: 100.00 becomes 1000.00. */
const tenfold = (json: string) => json.replaceAll('"100.00"', '"1000.00"');

describe('keyed sealing (HMAC-SHA256 under a key the database does not hold)', () => {
  it('seals every event with the key id and passes verify under the key, tamper-evident', async () => {
    const store = createInMemoryEventStore();
    const seal = newSealKey('k2026');
    await busyBook(store, { seal });
    const events = await store.readStream('ledger-book-main');
    expect(events.every((event) => event.metadata.sealKeyId === 'k2026')).toBe(true);
    const report = await verifyLedgerStore(store, { sealKeys: [seal] });
    expect(report.problem).toBeUndefined();
    expect(report).toMatchObject({ ok: true, tamperEvident: true });
    expect(report.books[0]?.keyed).toBe(true);
  });

  it('catches an amount raised tenfold with the chain recomputed under a key of the attacker', async () => {
    const store = createInMemoryEventStore();
    const seal = newSealKey('k2026');
    await busyBook(store, { seal });
    const forgedKey = { keyId: 'k2026', key: newSealKey('x').key };
    const tampered = await rechained(store, 2n, (event) => (event.revision === 2n ? withData(event, tenfold) : event), forgedKey);
    const report = await verifyLedgerStore(tampered, { sealKeys: [seal] });
    expect(report.ok).toBe(false);
    expect(report.problem).toMatchObject({ stream: 'ledger-book-main', revision: 2n, reason: expect.stringContaining('does not match its seal under key k2026') });
    await expect(Book.open({ store: tampered, seal, snapshotEvery: 0 })).rejects.toMatchObject({ name: 'LedgerIntegrityError', stream: 'ledger-book-main', revision: 2n });
  });

  it('catches an amount raised tenfold with the chain recomputed as plain SHA-256 (key id stripped)', async () => {
    const store = createInMemoryEventStore();
    const seal = newSealKey('k2026');
    await busyBook(store, { seal });
    const tampered = await rechained(store, 2n, (event) => (event.revision === 2n ? withData(event, tenfold) : event), undefined);
    const report = await verifyLedgerStore(tampered, { sealKeys: [seal] });
    expect(report.problem).toMatchObject({ stream: 'ledger-book-main', revision: 2n, reason: expect.stringContaining('downgrade') });
    const opening = Book.open({ store: tampered, seal, snapshotEvery: 0 });
    await expect(opening).rejects.toBeInstanceOf(LedgerIntegrityError);
    await expect(opening).rejects.toMatchObject({ revision: 5n, reason: expect.stringContaining('not sealed with a key') });
    // Even when told to adopt the unkeyed history ending at its (forged) head, the unkeyed events after keyed ones are a downgrade.
    await expect(Book.open({ store: tampered, seal: { ...seal, adoptUnkeyedHistory: await storedHead(tampered) }, snapshotEvery: 0 })).rejects.toMatchObject({
      name: 'LedgerIntegrityError',
      revision: 2n,
      reason: expect.stringContaining('downgrade'),
    });
  });

  it('catches the whole stream rewritten as plain SHA-256: a book must be keyed when keys are given', async () => {
    const store = createInMemoryEventStore();
    const seal = newSealKey('k2026');
    await busyBook(store, { seal });
    const tampered = await rechained(store, 0n, (event) => (event.revision === 2n ? withData(event, tenfold) : event), undefined);
    const report = await verifyLedgerStore(tampered, { sealKeys: [seal] });
    expect(report.problem).toMatchObject({ stream: 'ledger-book-main', reason: expect.stringContaining('not sealed with a key') });
    expect(report.tamperEvident).toBe(false);
  });

  it('catches a forged 1,000,000.00 transfer appended with a recomputed chain', async () => {
    const store = createInMemoryEventStore();
    const seal = newSealKey('k2026');
    await busyBook(store, { seal });
    const deposit = (await store.readStream('ledger-book-main', { fromRevision: 2n, maxCount: 1 }))[0]!;
    for (const key of [{ keyId: 'k2026', key: newSealKey('x').key }, undefined]) {
      const tampered = await copyWith(store, (event) => (event.streamName === 'ledger-book-main' && event.revision === 5n ? [event, forgedMillion(deposit)] : event));
      // The forged event went in unsealed at revision 6: now recompute its link as the attacker would.
      const withForgery = await rechained(tampered, 6n, (event) => event, key);
      const report = await verifyLedgerStore(withForgery, { sealKeys: [seal] });
      expect(report.ok).toBe(false);
      expect(report.problem).toMatchObject({ stream: 'ledger-book-main', revision: 6n });
      const opening = Book.open({ store: withForgery, seal, snapshotEvery: 0 });
      await expect(opening).rejects.toMatchObject({ name: 'LedgerIntegrityError', revision: 6n });
    }
  });

  it('without a key the chain is plain SHA-256: a recomputed forgery passes, and verify says it is not tamper-evident', async () => {
    // The documented limit of an unkeyed chain: it catches accidental corruption, not a database writer.
    const store = createInMemoryEventStore();
    await busyBook(store);
    const tampered = await rechained(store, 2n, (event) => (event.revision === 2n ? withData(event, tenfold) : event), undefined);
    const report = await verifyLedgerStore(tampered);
    expect(report.ok).toBe(true);
    expect(report.tamperEvident).toBe(false);
    expect(report.books[0]?.keyed).toBe(false);
  });

  it('rotates keys: events sealed under an older key still verify when that key is given, and fail without it', async () => {
    const store = createInMemoryEventStore();
    const old = newSealKey('k2025');
    await busyBook(store, { seal: old });
    const current = newSealKey('k2026');
    const rotated = await Book.open({ store, seal: { ...current, previousKeys: [old] }, snapshotEvery: 0 });
    await rotated.createTransfers([{ id: 'p2', debitAccountId: 'alice', creditAccountId: 'bob', amount: '1.00', code: 2 }]);
    const last = await store.readStream('ledger-book-main', { direction: 'backwards', maxCount: 1 });
    expect(last[0]?.metadata.sealKeyId).toBe('k2026');
    expect((await verifyLedgerStore(store, { sealKeys: [current, old] })).ok).toBe(true);
    expect((await verifyLedgerStore(store, { sealKeys: [current] })).problem).toMatchObject({ revision: 0n, reason: expect.stringContaining('key k2025, which was not given') });
    // Opening with the new key alone cannot check the history sealed under the old one.
    await expect(Book.open({ store, seal: current, snapshotEvery: 0 })).rejects.toMatchObject({ name: 'LedgerIntegrityError', revision: 0n });
  });

  it('a book opened without its key refuses a keyed history rather than downgrade it', async () => {
    const store = createInMemoryEventStore();
    await busyBook(store, { seal: newSealKey('k2026') });
    const error = await Book.open({ store, snapshotEvery: 0 }).catch((e: unknown) => e);
    expect(isLedgerIntegrityError(error)).toBe(true);
    expect((error as LedgerIntegrityError).reason).toContain('key k2026, which was not given');
  });

  it('an unkeyed history continues keyed once a key is introduced; verify then requires the keyed tail', async () => {
    const store = createInMemoryEventStore();
    await busyBook(store);
    const seal = newSealKey('k2026');
    // Refused by default: an unkeyed history could have been rewritten whole by a database writer.
    await expect(Book.open({ store, seal, snapshotEvery: 0 })).rejects.toMatchObject({ name: 'LedgerIntegrityError', revision: 5n, reason: expect.stringContaining('adoptUnkeyedHistory') });
    const keyed = await Book.open({ store, seal: { ...seal, adoptUnkeyedHistory: await storedHead(store) }, snapshotEvery: 0 });
    await keyed.createTransfers([{ id: 'p2', debitAccountId: 'alice', creditAccountId: 'bob', amount: '1.00', code: 2 }]);
    const report = await verifyLedgerStore(store, { sealKeys: [seal] });
    expect(report).toMatchObject({ ok: true, tamperEvident: true });
    // The unkeyed prefix is protected by the first keyed event, which seals its hash.
    const tampered = await rechained(store, 2n, (event) => (event.revision === 2n ? withData(event, tenfold) : event), undefined);
    expect((await verifyLedgerStore(tampered, { sealKeys: [seal] })).ok).toBe(false);
  });

  it('rejects malformed seal and head keys with invalid_argument, writing nothing', async () => {
    const store = createInMemoryEventStore();
    await expect(Book.open({ store, seal: { keyId: 'short', key: new Uint8Array(16) } })).rejects.toMatchObject({ code: 'invalid_argument', path: '$.seal.key' });
    await expect(Book.open({ store, seal: { keyId: 'bad id', key: new Uint8Array(32) } })).rejects.toMatchObject({ code: 'invalid_argument', path: '$.seal.keyId' });
    await expect(Book.open({ store, headKey: { keyId: 'h', privateKey: 'not a pem' } })).rejects.toMatchObject({ code: 'invalid_argument', path: '$.headKey.privateKey' });
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    await expect(Book.open({ store, headKey: { keyId: 'h', privateKey } })).rejects.toMatchObject({ code: 'invalid_argument', path: '$.headKey.privateKey' });
    expect(await store.readAll()).toEqual([]);
  });
});
