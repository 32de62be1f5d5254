/**
 * Tamper evidence on PostgreSQL: rows edited (and re-chained) or deleted with plain SQL, as a
 * database writer without the keys would, are caught by a read-only verify and by Book.open.
 */
import { expect, it } from 'vitest';
import { usePostgresTestKit } from '../../../test-kit/eventStore/postgresTestKit.js';
import { createPostgresEventStore } from '../../eventStore/postgres/postgresEventStore.js';
import { describePostgres } from '../../testing/index.js';
import { Book } from '../book.js';
import { sealBatch } from '../hashChain.js';
import { verifyLedgerStore } from '../verifyLedger.js';
import { busyBook, newHeadKeys, newSealKey, withData } from '../../../test-kit/ledger/tamperFixtures.test-support.js';

describePostgres('tamper evidence on PostgreSQL', () => {
  const kit = usePostgresTestKit();

  it('a deposit raised tenfold and re-chained in SQL without the key, and a deleted tail, are caught', async () => {
    const schema = await kit.schema();
    const store = await kit.store(schema);
    const raw = await kit.client(schema);
    const seal = newSealKey('k1');
    const heads = newHeadKeys('h1');
    const book = await busyBook(store, { seal, headKey: heads.signing });
    const head = book.head();
    const readOnly = () => createPostgresEventStore({ connectionString: schema.connectionString, schema: schema.schema, readOnly: true });

    // The attacker's rewrite: revision 2 edited, 2..5 re-sealed under a key of their own.
    const events = await store.readStream('ledger-book-main');
    const tail = events.slice(2).map((event, i) => {
      const edited = i === 0 ? withData(event, (json) => json.replaceAll('"100.00"', '"1000.00"')) : event;
      const { hash: _h, previousHash: _p, sealKeyId: _k, ...metadata } = edited.metadata;
      return { id: edited.id, type: edited.type, version: edited.version, data: edited.data, metadata };
    });
    const forged = sealBatch('ledger-book-main', 2n, events[1]!.metadata.hash!, tail, { keyId: 'k1', key: newSealKey('x').key }).events;
    for (const [i, event] of forged.entries()) {
      await raw.query('UPDATE ecoledger_events SET data = $1::json, metadata = $2::json WHERE stream = $3 AND revision = $4', [
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
        'ledger-book-main',
        String(2 + i),
      ]);
    }
    const reader = await readOnly();
    try {
      expect((await verifyLedgerStore(reader, { sealKeys: [seal] })).problem).toMatchObject({ stream: 'ledger-book-main', revision: 2n, reason: expect.stringContaining('seal under key k1') });
    } finally {
      await reader.close();
    }
    await expect(Book.open({ store, seal, snapshotEvery: 0 })).rejects.toMatchObject({ name: 'LedgerIntegrityError', stream: 'ledger-book-main', revision: 2n });

    // Put the honest rows back, then cut the tail: only the signed head shows it.
    for (const event of events.slice(2)) {
      await raw.query('UPDATE ecoledger_events SET data = $1::json, metadata = $2::json WHERE stream = $3 AND revision = $4', [
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
        'ledger-book-main',
        String(event.revision),
      ]);
    }
    await raw.query("DELETE FROM ecoledger_events WHERE stream = 'ledger-book-main' AND revision >= 4");
    const cut = await readOnly();
    try {
      expect((await verifyLedgerStore(cut, { sealKeys: [seal] })).ok).toBe(true);
      expect((await verifyLedgerStore(cut, { sealKeys: [seal], heads: [head], headKeys: [heads.public] })).problem).toMatchObject({
        stream: 'ledger-book-main',
        revision: 5n,
        reason: expect.stringContaining('newest events deleted'),
      });
    } finally {
      await cut.close();
    }
  });
});
