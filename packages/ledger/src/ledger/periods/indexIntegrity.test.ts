import * as E from 'fp-ts/lib/Either.js';
import { afterEach, expect, it } from 'vitest';
import type { EventStore } from '../../eventStore/eventStore.js';
import { createInMemoryEventStore } from '../../eventStore/inMemoryEventStore.js';
import { Book } from '../book.js';
import type { SealKey } from '../hashChain.js';
import { copyWith, newSealKey, withData } from '../../../test-kit/ledger/tamperFixtures.test-support.js';
import { isLedgerIntegrityError } from '../integrity/ledgerIntegrityError.js';
import { createInMemoryClosedPostingIndex, type ClosedPostingIndex } from './closedPostingIndex.js';
import { tamperKinds } from '../../../test-kit/ledger/indexTamper.test-support.js';

const results = (outcome: E.Either<Error, readonly { result: string }[]>) => {
  if (E.isLeft(outcome)) throw outcome.left;
  return outcome.right.map((r) => r.result);
};

const t = (id: string, amount: string, debitAccountId = 'cash', creditAccountId = 'alice') => ({ id, debitAccountId, creditAccountId, amount, code: 1 });

/** A book with period 0 closed: t1, t2 posted, f1 failed, r2 reversing t2. */
const closedBook = async (store: EventStore, closedPostings: ClosedPostingIndex, seal: SealKey | undefined) => {
  const book = await Book.open({ store, closedPostings, snapshotEvery: 0, ...(seal === undefined ? {} : { seal }) });
  await book.defineLedgers([{ id: 'cny', asset: { code: 'CNY', scale: 2 } }]);
  await book.openAccounts([
    { id: 'cash', ledger: 'cny', code: 1001, type: 'asset' },
    { id: 'alice', ledger: 'cny', code: 2011, type: 'liability', flags: { debitsMustNotExceedCredits: true } },
  ]);
  expect(results(await book.createTransfers([t('t1', '100'), t('t2', '50'), t('f1', '5000', 'alice', 'cash'), { id: 'r2', reverses: 't2' }]))).toEqual([
    'ok',
    'ok',
    'exceeds_credits',
    'ok',
  ]);
  expect(E.isRight(await book.closePeriod())).toBe(true);
  return book;
};

/** Expects `promise` to reject with a LedgerIntegrityError naming book main, `period` and `id`. */
const expectIndexBreak = async (promise: Promise<unknown>, period: number, id: string) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isLedgerIntegrityError(error), String(error)).toBe(true);
  if (!isLedgerIntegrityError(error)) return;
  expect(error.index).toEqual({ bookId: 'main', period, id });
  expect(error.message).toContain(`book main, period ${period}, id ${id}`);
};

for (const kind of tamperKinds) {
  kind.describe(`closed-posting index integrity (${kind.name})`, () => {
    let done: (() => Promise<void>) | undefined;
    afterEach(async () => {
      await done?.();
      done = undefined;
    });
    const rig = async () => {
      const opened = await kind.open();
      done = opened.done;
      return opened;
    };

    it('an edited row makes the retry of its id fail with LedgerIntegrityError, never a silent exists (keyed book)', async () => {
      const { index, tamper } = await rig();
      const book = await closedBook(createInMemoryEventStore(), index, newSealKey('k1'));
      expect(results(await book.createTransfers([t('t1', '100')]))).toEqual(['exists']);
      await tamper.edit('t1', '"100.00"', '"1000.00"');
      await expectIndexBreak(book.createTransfers([t('t1', '1000')]), 0, 't1');
      await expectIndexBreak(book.findTransfer('t1'), 0, 't1');
      // Other closed ids still answer.
      expect(results(await book.createTransfers([t('f1', '5000', 'alice', 'cash')]))).toEqual(['id_already_failed']);
    });

    it('an inserted row, even with a seal copied from another row, makes a lookup of its id fail (keyed book)', async () => {
      const { index, tamper } = await rig();
      const book = await closedBook(createInMemoryEventStore(), index, newSealKey('k1'));
      await tamper.insert('n1', 0, { kind: 'failed', code: 'exceeds_credits' }, 't1');
      await expectIndexBreak(book.createTransfers([t('n1', '1')]), 0, 'n1');
      await tamper.insert('n2', 0, { kind: 'failed', code: 'exceeds_credits' }, undefined);
      await expectIndexBreak(book.createTransfers([t('n2', '1')]), 0, 'n2');
    });

    it('an edited reversal row makes the retry of a reversal fail (keyed book)', async () => {
      const { index, tamper } = await rig();
      const book = await closedBook(createInMemoryEventStore(), index, newSealKey('k1'));
      expect(results(await book.createTransfers([{ id: 'r2b', reverses: 't2' }]))).toEqual(['transfer_already_reversed']);
      await tamper.editReversal('t2', 'r9');
      await expectIndexBreak(book.createTransfers([{ id: 'r2b', reverses: 't2' }]), 0, 't2');
    });

    it('without a seal key, an unkeyed digest still catches an edited row', async () => {
      const { index, tamper } = await rig();
      const book = await closedBook(createInMemoryEventStore(), index, undefined);
      await tamper.edit('f1', 'exceeds_credits', 'exceeds_debits');
      await expectIndexBreak(book.createTransfers([t('f1', '5000', 'alice', 'cash')]), 0, 'f1');
    });

    it('Book.open, rebuilding a period that is not marked complete, refuses an edited row and an inserted one, and restores a deleted one', async () => {
      const { index, tamper } = await rig();
      const store = createInMemoryEventStore();
      const seal = newSealKey('k1');
      const book = await closedBook(store, index, seal);
      await book.snapshot();
      await tamper.uncomplete(0);
      await tamper.edit('t1', '"100.00"', '"1000.00"');
      await expectIndexBreak(Book.open({ store, closedPostings: index, seal }), 0, 't1');
      await tamper.edit('t1', '"1000.00"', '"100.00"');
      await tamper.insert('n1', 0, { kind: 'failed', code: 'exceeds_credits' }, 't1');
      await expectIndexBreak(Book.open({ store, closedPostings: index, seal }), 0, '*');
      await tamper.remove('n1');
      // A deleted row of a period being rebuilt is what a crash or a new index looks like: written again.
      await tamper.remove('t1');
      const reopened = await Book.open({ store, closedPostings: index, seal });
      expect(await index.completedPeriods('main')).toEqual(new Set([0]));
      expect(results(await reopened.createTransfers([t('t1', '100')]))).toEqual(['exists']);
    });
  });
}

it('a keyed book refuses rows without a seal; an unkeyed book reads them (rows written before seals)', async () => {
  const kinds = tamperKinds;
  const memory = await kinds[0]!.open();
  const keyed = await closedBook(createInMemoryEventStore(), memory.index, newSealKey('k1'));
  await memory.tamper.insert('old', 0, { kind: 'failed', code: 'exceeds_credits' }, undefined);
  await expectIndexBreak(keyed.createTransfers([t('old', '1')]), 0, 'old');
  const other = await kinds[0]!.open();
  const unkeyed = await closedBook(createInMemoryEventStore(), other.index, undefined);
  await other.tamper.insert('old', 0, { kind: 'failed', code: 'exceeds_credits' }, undefined);
  expect(results(await unkeyed.createTransfers([t('old', '1')]))).toEqual(['id_already_failed']);
});

it('migrating an unkeyed book to a key (adoptUnkeyedHistory) reseals its closed periods', async () => {
  const kinds = tamperKinds;
  const memory = await kinds[0]!.open();
  const store = createInMemoryEventStore();
  const unkeyed = await closedBook(store, memory.index, undefined);
  await unkeyed.snapshot();
  const seal = newSealKey('k1');
  // The unkeyed history is refused by a keyed book until it is migrated; the migration writes the rows again, sealed.
  await expect(Book.open({ store, closedPostings: memory.index, seal, snapshotEvery: 0 })).rejects.toThrow(/not sealed with a key/);
  // The head of the unkeyed history, taken before keying.
  const [head] = await store.readStream(unkeyed.streamName, { direction: 'backwards', maxCount: 1 });
  const adoptUnkeyedHistory = { revision: head!.revision, hash: head!.metadata.hash! };
  const migrated = await Book.open({ store, closedPostings: memory.index, seal: { ...seal, adoptUnkeyedHistory }, snapshotEvery: 0 });
  expect(results(await migrated.createTransfers([t('t1', '100'), t('f1', '5000', 'alice', 'cash'), { id: 'r2b', reverses: 't2' }, t('t9', '1')]))).toEqual([
    'exists',
    'id_already_failed',
    'transfer_already_reversed',
    'ok',
  ]);
  await migrated.snapshot();
  const keyed = await Book.open({ store, closedPostings: memory.index, seal });
  expect(results(await keyed.createTransfers([t('t1', '100')]))).toEqual(['exists']);
});

it('Book.open, rebuilding a period from the log, checks the chain of the history before the snapshot: a forged event is refused, never sealed into the index', async () => {
  const store = createInMemoryEventStore();
  const seal = newSealKey('k1');
  const book = await closedBook(store, createInMemoryClosedPostingIndex(), seal);
  await book.snapshot();
  const [snapshot] = await store.readStream(`${book.streamName}.snapshots`, { direction: 'backwards', maxCount: 1 });
  // A database writer without the key raises t1 tenfold in the event before the snapshot.
  let edited: bigint | undefined;
  const tampered = await copyWith(store, (event) => {
    if (event.streamName !== book.streamName || !JSON.stringify(event.data).includes('"t1"')) return event;
    edited = event.revision;
    return withData(event, (json) => json.replace('"100.00"', '"1000.00"'));
  });
  expect(edited).toBeDefined();
  expect(edited! < BigInt((snapshot!.data as { revision: string }).revision)).toBe(true);
  // A fresh index has no period complete: the book rebuilds period 0 from the log.
  const opening = Book.open({ store: tampered, seal, closedPostings: createInMemoryClosedPostingIndex() });
  const error = await opening.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isLedgerIntegrityError(error), String(error)).toBe(true);
  if (!isLedgerIntegrityError(error)) return;
  expect(error.stream).toBe(book.streamName);
  expect(error.revision).toBe(edited);
});
