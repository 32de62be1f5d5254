/** Shared set-up of the tamper-evidence tests: a busy book, keys, and an attacker's copy of the log. */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { v4 as uuidv4 } from 'uuid';
import type { EventEnvelope, RecordedEvent } from '../../src/eventStore/envelope.js';
import type { EventStore } from '../../src/eventStore/eventStore.js';
import { createInMemoryEventStore } from '../../src/eventStore/inMemoryEventStore.js';
import { Book, type OpenBookOptions } from '../../src/ledger/book.js';
import { GENESIS_HASH, sealBatch, type SealKey } from '../../src/ledger/hashChain.js';

/** A fresh 32-byte seal key. */
export const newSealKey = (keyId: string): SealKey => ({ keyId, key: randomBytes(32) });

/** A fresh Ed25519 head key pair: the private key for the book, the public key for verify. */
export const newHeadKeys = (keyId: string) => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { signing: { keyId, privateKey }, public: { keyId, publicKey } };
};

/** A book with ledgers, accounts, a deposit, a payment, a journal entry and a hold (revisions 0..5). */
export const busyBook = async (store: EventStore, options: Partial<OpenBookOptions> = {}) => {
  const book = await Book.open({ store, bookId: 'main', snapshotEvery: 0, ...options });
  await book.defineLedgers([{ id: 'cny', asset: { code: 'CNY', scale: 2 } }]);
  await book.openAccounts([
    { id: 'cash', ledger: 'cny', code: 1001, type: 'asset' },
    { id: 'alice', ledger: 'cny', code: 2011, type: 'liability', flags: { debitsMustNotExceedCredits: true } },
    { id: 'bob', ledger: 'cny', code: 2011, type: 'liability', flags: { debitsMustNotExceedCredits: true } },
    { id: 'fees', ledger: 'cny', code: 6021, type: 'income' },
  ]);
  await book.createTransfers([{ id: 'd1', debitAccountId: 'cash', creditAccountId: 'alice', amount: '100.00', code: 1 }]);
  await book.createTransfers([{ id: 'p1', debitAccountId: 'alice', creditAccountId: 'bob', amount: '40.00', code: 2 }]);
  await book.createTransfers([
    { id: 'j1', code: 3, legs: [{ accountId: 'bob', side: 'debit', amount: '10.50' }, { accountId: 'alice', side: 'credit', amount: '10.00' }, { accountId: 'fees', side: 'credit', amount: '0.50' }] },
  ]);
  await book.createTransfers([{ id: 'h1', debitAccountId: 'alice', creditAccountId: 'bob', amount: '5.00', code: 2, flags: { pending: true } }]);
  return book;
};

/** Copies a log into a fresh store, letting `edit` change, drop or add events on the way. */
export const copyWith = async (
  source: EventStore,
  edit: (event: RecordedEvent) => EventEnvelope | readonly EventEnvelope[] | undefined,
): Promise<EventStore> => {
  const target = createInMemoryEventStore();
  for (const event of await source.readAll()) {
    const edited = edit(event);
    for (const { id, type, version, data, metadata } of edited === undefined ? [] : Array.isArray(edited) ? edited : [edited as EventEnvelope]) {
      await target.append(event.streamName, [{ id, type, version, data, metadata }], 'any');
    }
  }
  return target;
};

/** The event with its data's JSON text rewritten by `replace`. */
export const withData = (event: EventEnvelope, replace: (json: string) => string): EventEnvelope => ({
  ...event,
  data: JSON.parse(replace(JSON.stringify(event.data))) as unknown,
});

/**
 * What a database writer without the key can do: edit the book stream from `from` on (with
 * `edit`) and recompute its chain from there, with `key` (a key of the writer's own, under the
 * real key id) or with no key at all (a plain SHA-256 chain, the seal key id removed).
 */
export const rechained = async (
  source: EventStore,
  from: bigint,
  edit: (event: RecordedEvent) => EventEnvelope,
  key: SealKey | undefined,
): Promise<EventStore> => {
  let previous: string | undefined;
  return copyWith(source, (event) => {
    if (event.streamName !== 'ledger-book-main') return event;
    if (event.revision < from) {
      previous = event.metadata.hash;
      return event;
    }
    const { hash: _hash, previousHash: _previous, sealKeyId: _keyId, ...metadata } = edit(event).metadata;
    const sealed = sealBatch(event.streamName, event.revision, previous ?? GENESIS_HASH, [{ ...edit(event), metadata }], key);
    previous = sealed.lastHash;
    return sealed.events[0]!;
  });
};

/** A forged `TransfersCommitted` event crediting alice 1,000,000.00 from cash, shaped like the deposit `d1`. */
export const forgedMillion = (deposit: RecordedEvent): EventEnvelope => {
  const forged = withData(deposit, (json) => json.replaceAll('"d1"', '"forged"').replaceAll('"100.00"', '"1000000.00"'));
  return { ...forged, id: uuidv4() };
};

/** The head of a book stream as stored (its last revision and hash): what an operator reads before keying. */
export const storedHead = async (store: EventStore, stream = 'ledger-book-main') => {
  const [last] = await store.readStream(stream, { direction: 'backwards', maxCount: 1 });
  if (last === undefined) throw new TypeError(`${stream} is empty`);
  return { revision: last.revision, hash: last.metadata.hash! };
};
