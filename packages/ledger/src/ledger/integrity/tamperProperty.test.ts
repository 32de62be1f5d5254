import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EventEnvelope, RecordedEvent } from '../../eventStore/envelope.js';
import type { EventStore } from '../../eventStore/eventStore.js';
import { createInMemoryEventStore } from '../../eventStore/inMemoryEventStore.js';
import { Book } from '../book.js';
import { GENESIS_HASH, sealBatch, type SealKey } from '../hashChain.js';
import { verifyLedgerStore } from '../verifyLedger.js';
import { busyBook, newHeadKeys, newSealKey, storedHead } from '../../../test-kit/ledger/tamperFixtures.test-support.js';

type Tamper = { readonly kind: 'edit' | 'delete' | 'swap' | 'duplicate'; readonly at: number };

const envelopeOf = ({ id, type, version, data, metadata }: EventEnvelope): EventEnvelope => ({ id, type, version, data, metadata });

/** The book stream after `tamper`, re-chained from the first changed revision with `key` (or unkeyed). */
const tampered = (events: readonly RecordedEvent[], tamper: Tamper, key: SealKey | undefined): EventEnvelope[] => {
  const list: EventEnvelope[] = events.map(envelopeOf);
  const at = Math.min(tamper.at, list.length - (tamper.kind === 'swap' ? 2 : 1));
  if (tamper.kind === 'edit') list[at] = { ...list[at]!, metadata: { ...list[at]!.metadata, actor: 'mallory' } };
  if (tamper.kind === 'delete') list.splice(at, 1);
  if (tamper.kind === 'swap') list.splice(at, 2, list[at + 1]!, list[at]!);
  if (tamper.kind === 'duplicate') list.splice(at + 1, 0, { ...list[at]!, id: '7d3c1f0a-9b2e-4c6d-8a5f-1e2b3c4d5e6f' });
  const previous = at === 0 ? GENESIS_HASH : list[at - 1]!.metadata.hash!;
  const tail = list.slice(at).map((event) => {
    const { hash: _h, previousHash: _p, sealKeyId: _k, ...metadata } = event.metadata;
    return { ...event, metadata };
  });
  return [...list.slice(0, at), ...sealBatch('ledger-book-main', BigInt(at), previous, tail, key).events];
};

const storeWith = async (book: readonly EventEnvelope[], others: readonly RecordedEvent[]): Promise<EventStore> => {
  const store = createInMemoryEventStore();
  if (book.length > 0) await store.append('ledger-book-main', book, 'no_stream');
  for (const event of others) await store.append(event.streamName, [envelopeOf(event)], 'any');
  return store;
};

describe('property: a database writer without the keys cannot change a keyed book unnoticed', () => {
  it('any edit, deletion, swap or duplication, re-chained with a key of its own or none, fails verify; Book.open refuses all but a cut tail', async () => {
    const seal = newSealKey('k1');
    const heads = newHeadKeys('h1');
    const source = createInMemoryEventStore();
    const book = await busyBook(source, { seal, headKey: heads.signing });
    const head = book.head();
    const events = await source.readStream('ledger-book-main');
    const others = (await source.readAll()).filter((event) => event.streamName !== 'ledger-book-main');
    await fc.assert(
      fc.asyncProperty(
        fc.record({ kind: fc.constantFrom('edit', 'delete', 'swap', 'duplicate'), at: fc.nat({ max: events.length - 1 }) }),
        fc.boolean(),
        async (tamper, withOwnKey) => {
          const key = withOwnKey ? { keyId: 'k1', key: newSealKey('x').key } : undefined;
          const store = await storeWith(tampered(events, tamper as Tamper, key), others);
          const report = await verifyLedgerStore(store, { sealKeys: [seal], heads: [head], headKeys: [heads.public] });
          expect(report.ok).toBe(false);
          const cutTail = tamper.kind === 'delete' && tamper.at >= events.length - 1;
          if (cutTail) expect(report.problem?.reason).toMatch(/newest events deleted/);
          else await expect(Book.open({ store, seal, snapshotEvery: 0 })).rejects.toMatchObject({ name: 'LedgerIntegrityError' });
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('property: a migrated book (unkeyed prefix adopted at its head) cannot be changed unnoticed either', () => {
  it('any edit, deletion, swap or duplication, re-chained unkeyed or with a key of its own, is refused by Book.open with the adoption left configured or not, and fails verify; all but a cut tail', async () => {
    const seal = newSealKey('k1');
    const source = createInMemoryEventStore();
    await busyBook(source);
    const adopted = await storedHead(source);
    const book = await Book.open({ store: source, seal: { ...seal, adoptUnkeyedHistory: adopted }, snapshotEvery: 0 });
    await book.createTransfers([{ id: 'p2', debitAccountId: 'alice', creditAccountId: 'bob', amount: '1.00', code: 2 }]);
    await book.createTransfers([{ id: 'p3', debitAccountId: 'alice', creditAccountId: 'bob', amount: '1.00', code: 2 }]);
    const events = await source.readStream('ledger-book-main');
    const others = (await source.readAll()).filter((event) => event.streamName !== 'ledger-book-main');
    await fc.assert(
      fc.asyncProperty(
        fc.record({ kind: fc.constantFrom('edit', 'delete', 'swap', 'duplicate'), at: fc.nat({ max: events.length - 1 }) }),
        fc.boolean(),
        async (tamper, withOwnKey) => {
          const key = withOwnKey ? { keyId: 'k1', key: newSealKey('x').key } : undefined;
          const store = await storeWith(tampered(events, tamper as Tamper, key), others);
          const cutTail = tamper.kind === 'delete' && tamper.at >= events.length - 1;
          const report = await verifyLedgerStore(store, { sealKeys: [seal] });
          expect(report.ok).toBe(cutTail);
          for (const options of [seal, { ...seal, adoptUnkeyedHistory: adopted }]) {
            const opening = Book.open({ store, seal: options, snapshotEvery: 0 });
            if (cutTail) await expect(opening).resolves.toBeDefined();
            else await expect(opening).rejects.toMatchObject({ name: 'LedgerIntegrityError' });
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
