import { describe, expect, it } from 'vitest';
import type { EventEnvelope, RecordedEvent } from '../eventStore/envelope.js';
import type { EventStore } from '../eventStore/eventStore.js';
import { createInMemoryEventStore } from '../eventStore/inMemoryEventStore.js';
import { Book } from './book.js';
import { busyBook as busyBookWith, copyWith } from '../../test-kit/ledger/tamperFixtures.test-support.js';
import { verifyLedgerStore } from './verifyLedger.js';

// The tamper fixtures' book, with snapshots every 3 events so verify also checks snapshots.
const busyBook = (store: EventStore) => busyBookWith(store, { snapshotEvery: 3 });

describe('verifyLedgerStore', () => {
  it('passes an untouched log and reports what it checked', async () => {
    const store = createInMemoryEventStore();
    await busyBook(store);
    const report = await verifyLedgerStore(store, { pageSize: 2 });
    expect(report.problem).toBeUndefined();
    expect(report.ok).toBe(true);
    const [last] = await store.readStream('ledger-book-main', { direction: 'backwards', maxCount: 1 });
    expect(report.books).toEqual([
      { stream: 'ledger-book-main', events: 6, snapshots: 2, accounts: 4, postings: 4, keyed: false, head: { revision: 5n, hash: last!.metadata.hash } },
    ]);
    // Unkeyed: the chains catch accidental corruption, not a database writer, and the report says so.
    expect(report.tamperEvident).toBe(false);
  });

  it('catches an edited amount and names the stream and revision', async () => {
    const store = createInMemoryEventStore();
    await busyBook(store);
    const tampered = await copyWith(store, (event) =>
      event.streamName === 'ledger-book-main' && event.revision === 3n
        ? { ...event, data: JSON.parse(JSON.stringify(event.data).replace('"40.00"', '"4.00"')) }
        : event,
    );
    const report = await verifyLedgerStore(tampered);
    expect(report.ok).toBe(false);
    expect(report.problem).toMatchObject({ stream: 'ledger-book-main', revision: 3n, reason: expect.stringContaining('hash chain broken') });
  });

  it('catches a dropped event', async () => {
    const store = createInMemoryEventStore();
    await busyBook(store);
    const tampered = await copyWith(store, (event) => (event.streamName === 'ledger-book-main' && event.revision === 4n ? undefined : event));
    const report = await verifyLedgerStore(tampered);
    // The copy renumbers what follows: the event now at revision 4 points at a hash the log no longer has.
    expect(report.problem).toMatchObject({ stream: 'ledger-book-main', revision: 4n, reason: expect.stringContaining('hash chain broken') });
  });

  it('catches a forged event whose hash was recomputed, through the chain of its successor', async () => {
    const store = createInMemoryEventStore();
    await busyBook(store);
    // Re-sealing one event is not enough: the next event still points at the original hash.
    const { eventHash } = await import('./hashChain.js');
    const tampered = await copyWith(store, (event) => {
      if (event.streamName !== 'ledger-book-main' || event.revision !== 3n) return event;
      const forged = { ...event, data: JSON.parse(JSON.stringify(event.data).replace('"40.00"', '"4.00"')) };
      return { ...forged, metadata: { ...forged.metadata, hash: eventHash(event.streamName, event.revision, forged) } };
    });
    const report = await verifyLedgerStore(tampered);
    expect(report.problem).toMatchObject({ stream: 'ledger-book-main', revision: 4n, reason: expect.stringContaining('previousHash') });
  });

  it('catches a snapshot that disagrees with the log: first by its seal', async () => {
    const store = createInMemoryEventStore();
    await busyBook(store);
    const tampered = await copyWith(store, (event) =>
      event.streamName === 'ledger-book-main.snapshots' && event.revision === 0n
        ? { ...event, data: JSON.parse(JSON.stringify(event.data).replace('"100.00"', '"900.00"')) }
        : event,
    );
    const report = await verifyLedgerStore(tampered);
    expect(report.problem).toMatchObject({ stream: 'ledger-book-main.snapshots', revision: 0n, reason: expect.stringContaining('snapshot seal broken') });
  });

  it('catches a snapshot that disagrees with the log even when its unkeyed seal was recomputed', async () => {
    const store = createInMemoryEventStore();
    await busyBook(store);
    const { sealSnapshot } = await import('./hashChain.js');
    const tampered = await copyWith(store, (event) => {
      if (event.streamName !== 'ledger-book-main.snapshots' || event.revision !== 0n) return event;
      const { hash: _h, previousHash, ...metadata } = event.metadata;
      const edited = { ...event, metadata, data: JSON.parse(JSON.stringify(event.data).replace('"100.00"', '"900.00"')) };
      return sealSnapshot(event.streamName, edited, previousHash!);
    });
    const report = await verifyLedgerStore(tampered);
    expect(report.problem).toMatchObject({ stream: 'ledger-book-main.snapshots', revision: 0n, reason: expect.stringContaining('snapshot differs') });
  });

  it('reports an event that does not decode', async () => {
    const store = createInMemoryEventStore();
    await busyBook(store);
    const tampered = await copyWith(store, (event) => (event.streamName === 'ledger-book-main' && event.revision === 1n ? { ...event, version: 7 } : event));
    const report = await verifyLedgerStore(tampered);
    expect(report.problem?.stream).toBe('ledger-book-main');
    expect(report.problem?.revision).toBe(1n);
  });
});

describe('verifyLedgerStore: snapshots written after later events (lagging)', () => {
  /** The log with the snapshot stream's events moved after book revision 6, edited by `edit`. */
  const lagged = async (store: EventStore, edit: (event: RecordedEvent) => EventEnvelope) => {
    const held: EventEnvelope[] = [];
    return copyWith(store, (event) => {
      if (event.streamName === 'ledger-book-main.snapshots') {
        held.push(edit(event));
        return undefined;
      }
      return event;
    }).then(async (target) => {
      for (const { id, type, version, data, metadata } of held) await target.append('ledger-book-main.snapshots', [{ id, type, version, data, metadata }], 'any');
      return target;
    });
  };

  const bookWithLateSnapshot = async (store: EventStore) => {
    const book = await Book.open({ store, bookId: 'main', snapshotEvery: 0 });
    await book.defineLedgers([{ id: 'cny', asset: { code: 'CNY', scale: 2 } }]);
    await book.openAccounts([
      { id: 'cash', ledger: 'cny', code: 1001, type: 'asset' },
      { id: 'alice', ledger: 'cny', code: 2011, type: 'liability' },
    ]);
    await book.createTransfers([{ id: 'd1', debitAccountId: 'cash', creditAccountId: 'alice', amount: '100.00', code: 1 }]);
    await book.snapshot();
    await book.createTransfers([{ id: 'd2', debitAccountId: 'cash', creditAccountId: 'alice', amount: '7.00', code: 1 }]);
  };

  it('compares a lagging snapshot with the state at its revision in a second pass', async () => {
    const store = createInMemoryEventStore();
    await bookWithLateSnapshot(store);
    const honest = await lagged(store, (event) => event);
    expect((await verifyLedgerStore(honest, { pageSize: 2 })).problem).toBeUndefined();
    const { sealSnapshot } = await import('./hashChain.js');
    const forged = await lagged(store, (event) => {
      const { hash: _h, previousHash, ...metadata } = event.metadata;
      const edited = { ...event, metadata, data: JSON.parse(JSON.stringify(event.data).replace('"100.00"', '"900.00"')) };
      return sealSnapshot(event.streamName, edited, previousHash!);
    });
    const report = await verifyLedgerStore(forged, { pageSize: 2 });
    expect(report.problem).toMatchObject({ stream: 'ledger-book-main.snapshots', revision: 0n, reason: expect.stringContaining('differs from the replayed state at revision 2') });
  });
});
