import * as fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../eventStore/inMemoryEventStore.js';
import type { EventStore } from '../eventStore/eventStore.js';
import { Book } from './book.js';
import { accountInputs, ACCOUNTS, checkConservation, SECOND, stepArb, toInput, viewOf, type Step } from '../../test-kit/ledger/ledgerArbitraries.test-support.js';
import { ReferenceModel } from '../../test-kit/ledger/referenceModel.test-support.js';

/** The system under test: a book over a real in-memory store, reopened at will. */
interface System {
  store: EventStore;
  book: Book;
  now: bigint;
}

const clockOf = (system: System) => () => new Date(Number(system.now / 1_000_000n));
const open = (system: System) => Book.open({ store: system.store, clock: clockOf(system), snapshotEvery: 7 });

const compareBalances = (model: ReferenceModel, system: System) => {
  for (const m of model.accounts.values()) {
    const a = system.book.bookState.accounts.get(m.id)!;
    expect([a.debitsPending, a.debitsPosted, a.creditsPending, a.creditsPosted]).toEqual([m.dp, m.dP, m.cp, m.cP]);
  }
  checkConservation(system.book.bookState);
};

class SubmitBatch implements fc.AsyncCommand<ReferenceModel, System> {
  constructor(readonly step: Step) {}
  check = () => true;
  async run(model: ReferenceModel, system: System): Promise<void> {
    const { items, linked } = this.step;
    const inputs = items.map((item, i) => toInput(item, linked && i < items.length - 1));
    const results = await system.book.createTransfers(inputs as never);
    if (E.isLeft(results)) throw results.left;
    const expected = model.apply(items, system.now, linked && items.length > 1);
    expect(results.right.map((r) => (r.result.startsWith('exists_with_different') ? 'exists_with_different' : r.result))).toEqual(expected);
    compareBalances(model, system);
  }
  toString = () => `submit(${JSON.stringify(this.step, (_, v) => (typeof v === 'bigint' ? v.toString() : v))})`;
}

class AdvanceClock implements fc.AsyncCommand<ReferenceModel, System> {
  constructor(readonly seconds: bigint) {}
  check = () => true;
  async run(_model: ReferenceModel, system: System): Promise<void> {
    system.now += this.seconds * SECOND;
  }
  toString = () => `advance(${this.seconds}s)`;
}

class ExpireHolds implements fc.AsyncCommand<ReferenceModel, System> {
  check = () => true;
  async run(model: ReferenceModel, system: System): Promise<void> {
    const outcome = await system.book.expirePendingTransfers();
    expect(E.isRight(outcome)).toBe(true);
    model.apply([], system.now, false);
    compareBalances(model, system);
  }
  toString = () => 'expire()';
}

class Reopen implements fc.AsyncCommand<ReferenceModel, System> {
  constructor(readonly snapshotFirst: boolean) {}
  check = () => true;
  async run(model: ReferenceModel, system: System): Promise<void> {
    if (this.snapshotFirst) await system.book.snapshot();
    const before = viewOf(system.book.bookState);
    system.book = await open(system);
    expect(viewOf(system.book.bookState)).toEqual(before);
    compareBalances(model, system);
  }
  toString = () => `reopen(snapshot=${this.snapshotFirst})`;
}

describe('properties', () => {
  it('model-based: a book over a real store behaves like the reference model across restarts (fc.commands)', async () => {
    const commands = fc.commands(
      [
        stepArb.map((step) => new SubmitBatch(step)),
        fc.bigInt({ min: 1n, max: 3n }).map((s) => new AdvanceClock(s)),
        fc.constant(new ExpireHolds()),
        fc.boolean().map((snapshotFirst) => new Reopen(snapshotFirst)),
      ],
      { size: '+1' },
    );
    await fc.assert(
      fc.asyncProperty(commands, async (cmds) => {
        const system: System = { store: createInMemoryEventStore(), now: 100n * SECOND, book: undefined as unknown as Book };
        system.book = await open(system);
        expect(E.isRight(await system.book.defineLedgers([{ id: 'cny', asset: { code: 'CNY', scale: 2 } }]))).toBe(true);
        expect(E.isRight(await system.book.openAccounts(accountInputs() as never))).toBe(true);
        const model = new ReferenceModel(ACCOUNTS);
        // Opening accounts consumed timestamps; the model tracks the book's logical clock from there.
        model.last = system.book.bookState.lastTimestamp;
        await fc.asyncModelRun(() => ({ model, real: system }), cmds);
      }),
      { numRuns: 150 },
    );
  });
});
