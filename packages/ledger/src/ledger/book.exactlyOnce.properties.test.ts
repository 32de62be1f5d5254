/**
 * Property: whatever mix of writers, reused command ids, bodies and store faults (lost
 * acknowledgements, failed re-reads, appends that never arrive), the book never acknowledges what
 * the store does not hold exactly as asked, a command id never stands for two bodies in the store,
 * and every writer, caught up, equals a book reloaded from the store, whose chain and guards verify.
 */
import * as fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../eventStore/inMemoryEventStore.js';
import { faultyEventStore, type FaultyEventStore } from '../testing/faultyEventStore.js';
import { Book } from './book.js';
import { verifyLedgerStore } from './verifyLedger.js';

const instantRetry = { maxAttempts: 5, baseDelayMs: 1, jitter: () => 0.5, sleep: async () => {} };

type Fault = 'none' | 'lost_ack' | 'lost_ack_and_read' | 'before';

interface Step {
  readonly writer: 0 | 1;
  readonly commandId: string;
  readonly items: readonly { readonly id: string; readonly to: 'bob' | 'carol'; readonly amount: string }[];
  readonly fault: Fault;
  /** Run together with the next step instead of after it. */
  readonly concurrent: boolean;
}

const stepArb: fc.Arbitrary<Step> = fc.record({
  writer: fc.constantFrom(0 as const, 1 as const),
  commandId: fc.constantFrom('c-1', 'c-2', 'c-3'),
  items: fc.array(
    fc.record({ id: fc.constantFrom('t-1', 't-2', 't-3', 't-4'), to: fc.constantFrom('bob' as const, 'carol' as const), amount: fc.constantFrom('10.00', '30.00', '60.00') }),
    { minLength: 1, maxLength: 2 },
  ),
  fault: fc.constantFrom<Fault>('none', 'none', 'lost_ack', 'lost_ack_and_read', 'before'),
  concurrent: fc.boolean(),
});

const inject = (store: FaultyEventStore, fault: Fault): void => {
  if (fault === 'lost_ack' || fault === 'lost_ack_and_read') store.faults.inject({ operation: 'append', when: 'after' });
  if (fault === 'lost_ack_and_read') store.faults.inject({ operation: 'readStream' });
  if (fault === 'before') store.faults.inject({ operation: 'append', when: 'before' });
};

const setUp = async (book: Book): Promise<void> => {
  await book.defineLedgers([{ id: 'cny', asset: { code: 'CNY', scale: 2 } }], { commandId: 'setup-1' });
  const guarded = { debitsMustNotExceedCredits: true };
  await book.openAccounts(
    [
      { id: 'cash', ledger: 'cny', code: 1001, type: 'asset' },
      { id: 'alice', ledger: 'cny', code: 2011, type: 'liability', flags: guarded },
      { id: 'bob', ledger: 'cny', code: 2011, type: 'liability', flags: guarded },
      { id: 'carol', ledger: 'cny', code: 2011, type: 'liability', flags: guarded },
    ],
    { commandId: 'setup-2' },
  );
  await book.createTransfers([{ id: 'fund', debitAccountId: 'cash', creditAccountId: 'alice', amount: '100.00', code: 1 }], { commandId: 'setup-3' });
};

describe('exactly once (property)', () => {
  it('acknowledged items are stored as asked, one body per command id, writers agree with the store', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 12 }), async (steps) => {
        const inner = createInMemoryEventStore();
        const stores = [faultyEventStore(inner), faultyEventStore(inner)] as const;
        const first = await Book.open({ store: stores[0], retry: instantRetry });
        await setUp(first);
        const writers = [first, await Book.open({ store: stores[1], retry: instantRetry })] as const;
        const acknowledged: { id: string; to: string; amount: string }[] = [];
        const run = async (step: Step): Promise<void> => {
          inject(stores[step.writer], step.fault);
          const items = step.items.map(({ id, to, amount }) => ({ id, debitAccountId: 'alice', creditAccountId: to, amount, code: 2 }));
          try {
            const outcome = await writers[step.writer].createTransfers(items, { commandId: step.commandId });
            if (E.isRight(outcome)) outcome.right.forEach((r, i) => r.result === 'ok' && acknowledged.push(step.items[i]!));
          } catch {
            // An injected fault the book could not settle: the call failed, which is allowed.
          }
          stores[step.writer].faults.clear();
        };
        for (let i = 0; i < steps.length; i++) {
          const step = steps[i]!;
          const next = steps[i + 1];
          if (step.concurrent && next !== undefined && next.writer !== step.writer) {
            await Promise.all([run(step), run(next)]);
            i++;
          } else await run(step);
        }
        const reloaded = await Book.open({ store: inner });
        for (const { id, to, amount } of acknowledged) {
          expect(reloaded.transfer(id)).toMatchObject({ creditAccountId: to, amount });
        }
        const bodies = new Map<string, string>();
        for (const event of await inner.readStream(first.streamName)) {
          const { commandId, requestHash } = event.metadata;
          if (commandId === undefined || requestHash === undefined) continue;
          expect(bodies.get(commandId) ?? requestHash).toBe(requestHash);
          bodies.set(commandId, requestHash);
        }
        for (const writer of writers) {
          await writer.refresh();
          expect(writer.accounts()).toEqual(reloaded.accounts());
          expect([...writer.bookState.commands].sort()).toEqual([...reloaded.bookState.commands].sort());
        }
        const report = await verifyLedgerStore(inner);
        expect(report.problem).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });
});
