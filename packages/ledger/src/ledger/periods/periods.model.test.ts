/**
 * Model-based: a Book over a real store and a closed-posting index, with period closes and
 * restarts (from a snapshot, or with a new, empty index that the book rebuilds from the log)
 * mixed into the traffic, answers like the reference model, which never closes a period. Requests
 * carry command ids from a small pool and are resent: a command id bound (in any period, closed
 * or open) to another body is `command_id_reused`, and the same body is decided again.
 */
import * as fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { EventStore } from '../../eventStore/eventStore.js';
import { createInMemoryEventStore } from '../../eventStore/inMemoryEventStore.js';
import { Book } from '../book.js';
import { accountInputs, ACCOUNTS, checkConservation, SECOND, stepArb, toInput, viewOf, type Step } from '../../../test-kit/ledger/ledgerArbitraries.test-support.js';
import { ReferenceModel } from '../../../test-kit/ledger/referenceModel.test-support.js';
import { createInMemoryClosedPostingIndex, type ClosedPostingIndex } from './closedPostingIndex.js';

interface System {
  store: EventStore;
  index: ClosedPostingIndex;
  book: Book;
  now: bigint;
  /** Command id -> body of the first request under it that wrote an event (what the book binds). */
  bound: Map<string, string>;
  /** Requests sent so far, for {@link Resend}. */
  sent: { readonly commandId: string; readonly step: Step }[];
}

const open = (system: System) =>
  Book.open({ store: system.store, closedPostings: system.index, clock: () => new Date(Number(system.now / 1_000_000n)), snapshotEvery: 5 });

const compareBalances = (model: ReferenceModel, system: System) => {
  for (const m of model.accounts.values()) {
    const a = system.book.bookState.accounts.get(m.id)!;
    expect([a.debitsPending, a.debitsPosted, a.creditsPending, a.creditsPosted]).toEqual([m.dp, m.dP, m.cp, m.cP]);
  }
  checkConservation(system.book.bookState);
};

const submit = async (model: ReferenceModel, system: System, step: Step, commandId: string): Promise<void> => {
  const { items, linked } = step;
  const body = items.map((item, i) => toInput(item, linked && i < items.length - 1));
  const key = JSON.stringify(body);
  const known = system.bound.get(commandId);
  const before = system.book.currentRevision;
  const outcome = await system.book.createTransfers(body as never, { commandId });
  system.sent.push({ commandId, step });
  if (known !== undefined && known !== key) {
    expect(E.isLeft(outcome) && outcome.left.code).toBe('command_id_reused');
    expect(system.book.currentRevision).toBe(before);
    return;
  }
  if (E.isLeft(outcome)) throw outcome.left;
  const expected = model.apply(items, system.now, linked && items.length > 1);
  expect(outcome.right.map((r) => (r.result.startsWith('exists_with_different') ? 'exists_with_different' : r.result))).toEqual(expected);
  if (known === undefined && system.book.currentRevision !== before) system.bound.set(commandId, key);
  compareBalances(model, system);
};

class Submit implements fc.AsyncCommand<ReferenceModel, System> {
  /** `slot`: a command id from a pool of four, or (undefined) a new one. */
  constructor(
    readonly step: Step,
    readonly slot?: number,
  ) {}
  check = () => true;
  async run(model: ReferenceModel, system: System): Promise<void> {
    system.now += this.step.advance;
    await submit(model, system, this.step, this.slot === undefined ? `new-${system.sent.length}` : `pool-${this.slot}`);
  }
  toString = () => `submit(${JSON.stringify(this.step, (_, v) => (typeof v === 'bigint' ? v.toString() : v))}, ${this.slot})`;
}

/** Sends an earlier request again, same command id and same body (a client that lost the answer). */
class Resend implements fc.AsyncCommand<ReferenceModel, System> {
  constructor(readonly pick: number) {}
  check = () => true;
  async run(model: ReferenceModel, system: System): Promise<void> {
    const earlier = system.sent[this.pick % Math.max(1, system.sent.length)];
    if (earlier === undefined) return;
    await submit(model, system, earlier.step, earlier.commandId);
  }
  toString = () => `resend(${this.pick})`;
}

class ClosePeriod implements fc.AsyncCommand<ReferenceModel, System> {
  check = () => true;
  async run(model: ReferenceModel, system: System): Promise<void> {
    const outcome = await system.book.closePeriod();
    expect(E.isRight(outcome)).toBe(true);
    model.apply([], system.now, false);
    model.last = system.book.bookState.lastTimestamp;
    for (const status of system.book.bookState.pendingStatus.values()) expect(status).toBe('pending');
    expect(system.book.bookState.postings.size).toBe(system.book.bookState.pendingStatus.size);
    compareBalances(model, system);
  }
  toString = () => 'closePeriod()';
}

class Reopen implements fc.AsyncCommand<ReferenceModel, System> {
  constructor(readonly freshIndex: boolean) {}
  check = () => true;
  async run(model: ReferenceModel, system: System): Promise<void> {
    const before = viewOf(system.book.bookState);
    if (this.freshIndex) system.index = createInMemoryClosedPostingIndex();
    system.book = await open(system);
    expect(viewOf(system.book.bookState)).toEqual(before);
    compareBalances(model, system);
  }
  toString = () => `reopen(freshIndex=${this.freshIndex})`;
}

describe('periods (model-based)', () => {
  it('a book with period closes and restarts behaves like the reference model (fc.commands)', async () => {
    const commands = fc.commands(
      [
        stepArb.map((step) => new Submit(step)),
        fc.tuple(stepArb, fc.nat(3)).map(([step, slot]) => new Submit(step, slot)),
        fc.nat(1_000).map((pick) => new Resend(pick)),
        fc.constant(new ClosePeriod()),
        fc.boolean().map((fresh) => new Reopen(fresh)),
      ],
      { size: '+1' },
    );
    await fc.assert(
      fc.asyncProperty(commands, async (cmds) => {
        const system: System = { store: createInMemoryEventStore(), index: createInMemoryClosedPostingIndex(), now: 100n * SECOND, book: undefined as unknown as Book, bound: new Map(), sent: [] };
        system.book = await open(system);
        expect(E.isRight(await system.book.defineLedgers([{ id: 'cny', asset: { code: 'CNY', scale: 2 } }]))).toBe(true);
        expect(E.isRight(await system.book.openAccounts(accountInputs() as never))).toBe(true);
        const model = new ReferenceModel(ACCOUNTS);
        model.last = system.book.bookState.lastTimestamp;
        await fc.asyncModelRun(() => ({ model, real: system }), cmds);
      }),
      { numRuns: 150 },
    );
  });
});
