/**
 * Closing periods changes nothing a caller can observe: across random closes the book answers
 * every item exactly as the reference model (which never closes), replay equals live, and
 * snapshot + tail equals replay. After each close the state holds only the open holds.
 */
import * as fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { decideBook, type BookCommand } from '../bookDecider.js';
import { evolveBook, initialBookState, type BookState } from '../bookState.js';
import type { LedgerEvent } from '../events.js';
import { accountInputs, ACCOUNTS, checkConservation, SECOND, stepArb, toInput, viewOf, type Step } from '../../../test-kit/ledger/ledgerArbitraries.test-support.js';
import { ReferenceModel } from '../../../test-kit/ledger/referenceModel.test-support.js';
import { restoreSnapshot, snapshotOf } from '../snapshot.js';
import type { ClosedRecord } from './closedEntry.js';
import { closedViewsOf, idsToLookUp } from './closedLookup.js';
import { periodClosingOf } from './startPeriod.js';

/** A pure book with a synchronous closed-posting index, as the Book keeps it. */
interface Real {
  state: BookState;
  events: LedgerEvent[];
  closed: Map<string, ClosedRecord>;
}

const decideAndEvolve = (real: Real, command: BookCommand) => {
  const decision = decideBook(command, real.state);
  if (E.isLeft(decision)) throw decision.left;
  for (const event of decision.right.events) {
    evolveBook(real.state, event);
    real.events.push(event);
  }
  return decision.right;
};

const submit = (real: Real, transfers: unknown[], now: bigint) => {
  const ids = idsToLookUp(real.state, [transfers]);
  const found = new Map<string, ClosedRecord>();
  for (const id of ids) {
    const record = real.closed.get(id);
    if (record !== undefined) found.set(id, record);
  }
  return decideAndEvolve(real, { type: 'CreateTransfers', data: { transfers, now, closed: closedViewsOf(real.state, found) } });
};

/** What the Book does on close: write the closing to the index, then decide and apply `PeriodClosed`. */
const closePeriod = (real: Real, now: bigint) => {
  decideAndEvolve(real, { type: 'ExpirePendingTransfers', data: { now } });
  const closing = periodClosingOf(real.state);
  const reversals = new Map(closing.reversals.map(([original, reversal]) => [original, reversal] as const));
  for (const [id, entry] of closing.entries) real.closed.set(id, { entry, period: closing.period });
  for (const [id, record] of real.closed) {
    const reversedBy = reversals.get(id);
    if (reversedBy !== undefined) real.closed.set(id, { ...record, reversedBy });
  }
  decideAndEvolve(real, { type: 'ClosePeriod', data: { now } });
};

const openBook = (): Real => {
  const real: Real = { state: initialBookState(), events: [], closed: new Map() };
  decideAndEvolve(real, { type: 'DefineLedgers', data: { ledgers: [{ id: 'cny', asset: { code: 'CNY', scale: 2 } }] } });
  decideAndEvolve(real, { type: 'OpenAccounts', data: { now: 0n, accounts: accountInputs() } });
  return real;
};

type Action = { kind: 'step'; step: Step } | { kind: 'close' };
const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { arbitrary: stepArb.map((step): Action => ({ kind: 'step', step })), weight: 4 },
  { arbitrary: fc.constant<Action>({ kind: 'close' }), weight: 1 },
);

const replay = (events: readonly LedgerEvent[]): BookState => events.reduce(evolveBook, initialBookState());

describe('periods (properties)', () => {
  it('deciding transfers after a close without what the index holds is refused as a caller bug', () => {
    const real = openBook();
    closePeriod(real, SECOND);
    expect(() => decideBook({ type: 'CreateTransfers', data: { transfers: [{ id: 'x' }], now: 2n * SECOND } }, real.state)).toThrow(/needs data.closed/);
  });

  it('across random period closes the book answers exactly like the reference model, and each close keeps only the open holds', () => {
    fc.assert(
      fc.property(fc.array(actionArb, { minLength: 1, maxLength: 40 }), (actions) => {
        const real = openBook();
        const model = new ReferenceModel(ACCOUNTS);
        let now = 10n * SECOND;
        let previous: Step | undefined;
        for (const action of actions) {
          if (action.kind === 'close') {
            closePeriod(real, now);
            // The model releases the same expired holds (an empty batch at the same instant).
            model.apply([], now, false);
            // `PeriodClosed` takes the next timestamp; the model follows the book's logical clock.
            model.last = real.state.lastTimestamp;
            for (const [id, posting] of real.state.postings) {
              expect(real.state.pendingStatus.get(id), id).toBe('pending');
              expect(posting.kind).toBe('transfer');
            }
            expect(real.state.failed.size + real.state.reversedBy.size).toBe(0);
            continue;
          }
          const step = action.step.retry && previous !== undefined ? { ...previous, advance: action.step.advance } : action.step;
          previous = step;
          now += step.advance;
          const inputs = step.items.map((item, i) => toInput(item, step.linked && i < step.items.length - 1));
          const decision = submit(real, inputs, now);
          const expected = model.apply(step.items, now, step.linked && step.items.length > 1);
          expect(decision.results.map((r) => (r.result.startsWith('exists_with_different') ? 'exists_with_different' : r.result))).toEqual(expected);
          for (const m of model.accounts.values()) {
            const a = real.state.accounts.get(m.id)!;
            expect([a.debitsPending, a.debitsPosted, a.creditsPending, a.creditsPosted]).toEqual([m.dp, m.dP, m.cp, m.cP]);
          }
          checkConservation(real.state);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('replay equals live, and snapshot + tail equals replay, across period closes', () => {
    fc.assert(
      fc.property(fc.array(actionArb, { minLength: 1, maxLength: 30 }), fc.array(fc.nat(), { maxLength: 3 }), (actions, cuts) => {
        const real = openBook();
        let now = SECOND;
        const snapshots: { at: number; snapshot: ReturnType<typeof snapshotOf> }[] = [];
        const cutAt = new Set(cuts.map((c) => c % actions.length));
        actions.forEach((action, a) => {
          if (action.kind === 'close') closePeriod(real, now);
          else {
            now += action.step.advance;
            submit(real, action.step.items.map((item, i) => toInput(item, action.step.linked && i < action.step.items.length - 1)), now);
          }
          if (cutAt.has(a) && real.events.length > 0) snapshots.push({ at: real.events.length, snapshot: snapshotOf(real.state, BigInt(real.events.length - 1)) });
        });
        const replayed = replay(real.events);
        expect(viewOf(replayed)).toEqual(viewOf(real.state));
        expect(replayed.expiries.entries().map((e) => e.id).sort()).toEqual(real.state.expiries.entries().map((e) => e.id).sort());
        for (const { at, snapshot } of snapshots) {
          const { state } = restoreSnapshot(JSON.parse(JSON.stringify(snapshot)));
          for (const event of real.events.slice(at)) evolveBook(state, event);
          expect(viewOf(state)).toEqual(viewOf(real.state));
        }
      }),
      { numRuns: 300 },
    );
  });
});
