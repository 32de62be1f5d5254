import * as E from 'fp-ts/lib/Either.js';
import { expect, it } from 'vitest';
import type { EventStore } from '../../eventStore/eventStore.js';
import { createInMemoryEventStore } from '../../eventStore/inMemoryEventStore.js';
import { Book } from '../book.js';
import type { SealKey } from '../hashChain.js';
import { newSealKey } from '../../../test-kit/ledger/tamperFixtures.test-support.js';
import { verifyLedgerStore } from '../verifyLedger.js';
import type { ClosedPostingIndex } from './closedPostingIndex.js';
import { tamperKinds, type IndexTamper } from '../../../test-kit/ledger/indexTamper.test-support.js';

const results = (outcome: E.Either<Error, readonly { result: string }[]>) => {
  if (E.isLeft(outcome)) throw outcome.left;
  return outcome.right.map((r) => r.result);
};

const t = (id: string, amount: string, debitAccountId = 'cash', creditAccountId = 'alice') => ({ id, debitAccountId, creditAccountId, amount, code: 1 });

/** A keyed book with two closed periods (t1, t2, f1, r2 in period 0; t3 and r1 reversing t1 in period 1). */
const twoClosedPeriods = async (store: EventStore, closedPostings: ClosedPostingIndex, seal: SealKey) => {
  const book = await Book.open({ store, closedPostings, snapshotEvery: 0, seal });
  await book.defineLedgers([{ id: 'cny', asset: { code: 'CNY', scale: 2 } }]);
  await book.openAccounts([
    { id: 'cash', ledger: 'cny', code: 1001, type: 'asset' },
    { id: 'alice', ledger: 'cny', code: 2011, type: 'liability', flags: { debitsMustNotExceedCredits: true } },
  ]);
  expect(results(await book.createTransfers([t('t1', '100'), t('t2', '50'), t('f1', '5000', 'alice', 'cash'), { id: 'r2', reverses: 't2' }]))).toEqual(['ok', 'ok', 'exceeds_credits', 'ok']);
  expect(E.isRight(await book.closePeriod())).toBe(true);
  expect(results(await book.createTransfers([t('t3', '1'), { id: 'r1', reverses: 't1' }]))).toEqual(['ok', 'ok']);
  expect(E.isRight(await book.closePeriod())).toBe(true);
  return book;
};

const tampers: readonly [string, (tamper: IndexTamper) => Promise<void>, RegExp][] = [
  ['a deleted row', (tamper) => tamper.remove('t2').then(() => undefined), /period 0, id t2: .*does not hold it/],
  ['an edited row', (tamper) => tamper.edit('t1', '"100.00"', '"1000.00"'), /period 0, id t1: .*differs from the log/],
  ['an edited reversal row', (tamper) => tamper.editReversal('t1', 'r9'), /period 1, id t1: the index says r9 reversed this id, the log says r1/],
  ['an inserted row', (tamper) => tamper.insert('n1', 0, { kind: 'failed', code: 'exceeds_credits' }, 't1'), /holds 7 entries and 2 reversals for the book, the log closed 6 and 2/],
];

for (const kind of tamperKinds) {
  kind.describe(`verify with the closed-posting index (${kind.name})`, () => {
    it('passes the untouched index, and catches a deleted, an edited and an inserted row, and an edited reversal', async () => {
      const seal = newSealKey('k1');
      for (const [name, tamper, reason] of tampers) {
        const rig = await kind.open();
        try {
          const store = createInMemoryEventStore();
          await twoClosedPeriods(store, rig.index, seal);
          const clean = await verifyLedgerStore(store, { sealKeys: [seal], closedPostings: rig.index });
          expect(clean.ok, JSON.stringify(clean.problem)).toBe(true);
          await tamper(rig.tamper);
          const report = await verifyLedgerStore(store, { sealKeys: [seal], closedPostings: rig.index });
          expect(report.ok, name).toBe(false);
          expect(report.problem?.stream, name).toBe('ledger-book-main');
          expect(report.problem?.reason, name).toMatch(reason);
        } finally {
          await rig.done();
        }
      }
    });

    it('catches a posting id stored twice across periods, the effect of a deleted row, with and without the index', async () => {
      const rig = await kind.open();
      try {
        const store = createInMemoryEventStore();
        const seal = newSealKey('k1');
        const book = await twoClosedPeriods(store, rig.index, seal);
        const restore = await rig.tamper.remove('t2');
        // The hole a deleted row opens: the retry of a closed id passes as new and is stored again.
        expect(results(await book.createTransfers([t('t2', '50')]))).toEqual(['ok']);
        const without = await verifyLedgerStore(store, { sealKeys: [seal] });
        expect(without.problem?.reason).toMatch(/posting id t2 is stored again, in period 2, after its period closed/);
        const deleted = await verifyLedgerStore(store, { sealKeys: [seal], closedPostings: rig.index });
        expect(deleted.problem?.reason).toMatch(/period 0, id t2: .*does not hold it/);
        // With the row put back, the index shows the id twice in the log.
        await restore();
        const withIndex = await verifyLedgerStore(store, { sealKeys: [seal], closedPostings: rig.index });
        expect(withIndex.problem?.reason).toMatch(/posting id t2 is stored again, in period 2, after period 0 closed it/);
      } finally {
        await rig.done();
      }
    });
  });
}

it('verify without the index still passes a book with closed periods and no duplicate', async () => {
  const seal = newSealKey('k1');
  const store = createInMemoryEventStore();
  const rig = await tamperKinds[0]!.open();
  await twoClosedPeriods(store, rig.index, seal);
  const report = await verifyLedgerStore(store, { sealKeys: [seal] });
  expect(report.ok, JSON.stringify(report.problem)).toBe(true);
});
