import * as E from 'fp-ts/lib/Either.js';
import * as fc from 'fast-check';
import { expect, it } from 'vitest';
import { createInMemoryEventStore } from '../../eventStore/inMemoryEventStore.js';
import { Book } from '../book.js';
import { isLedgerIntegrityError } from '../integrity/ledgerIntegrityError.js';
import { newSealKey } from '../../../test-kit/ledger/tamperFixtures.test-support.js';
import { verifyLedgerStore } from '../verifyLedger.js';
import { tamperKinds } from '../../../test-kit/ledger/indexTamper.test-support.js';

const transfer = (id: string, amount: number) => ({ id, debitAccountId: 'cash', creditAccountId: 'alice', amount: `${amount}.00`, code: 1 });

/** Random books with random closes; one random row deleted, edited or inserted. */
const scenario = fc.record({
  periods: fc.array(fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 3 }),
  tamper: fc.constantFrom('delete', 'edit', 'insert'),
  pick: fc.nat(),
});

it('whatever row a database writer deletes, edits or inserts, verify catches it, and a lookup of an edited or inserted id fails typed', async () => {
  await fc.assert(
    fc.asyncProperty(scenario, async ({ periods, tamper, pick }) => {
      const seal = newSealKey('k1');
      const { index, tamper: hands } = await tamperKinds[0]!.open();
      const store = createInMemoryEventStore();
      const book = await Book.open({ store, closedPostings: index, seal, snapshotEvery: 0 });
      await book.defineLedgers([{ id: 'cny', asset: { code: 'CNY', scale: 2 } }]);
      await book.openAccounts([
        { id: 'cash', ledger: 'cny', code: 1001, type: 'asset' },
        { id: 'alice', ledger: 'cny', code: 2011, type: 'liability' },
      ]);
      const closedIds: string[] = [];
      for (const [p, amounts] of periods.entries()) {
        const items = amounts.map((amount, i) => transfer(`p${p}t${i}`, amount));
        expect(E.isRight(await book.createTransfers(items))).toBe(true);
        expect(E.isRight(await book.closePeriod())).toBe(true);
        closedIds.push(...items.map(({ id }) => id));
      }
      expect((await verifyLedgerStore(store, { sealKeys: [seal], closedPostings: index })).ok).toBe(true);
      const id = closedIds[pick % closedIds.length]!;
      const looked = tamper === 'insert' ? 'forged' : id;
      if (tamper === 'delete') await hands.remove(id);
      if (tamper === 'edit') await hands.edit(id, '"code":1', '"code":2');
      if (tamper === 'insert') await hands.insert('forged', 0, { kind: 'failed', code: 'exceeds_credits' }, id);
      expect((await verifyLedgerStore(store, { sealKeys: [seal], closedPostings: index })).ok).toBe(false);
      if (tamper !== 'delete') {
        const error = await book.findTransfer(looked).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(isLedgerIntegrityError(error) && error.index?.id).toBe(looked);
      }
    }),
    { numRuns: 60 },
  );
});
