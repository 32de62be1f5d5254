import * as fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { decideBook, type BookCommand } from './bookDecider.js';
import { applyCommitted, evolveBook, initialBookState, type BookState } from './bookState.js';
import type { LedgerEvent } from './events.js';
import {
  account,
  accountInputs,
  ACCOUNTS,
  checkConservation,
  SECOND,
  stepArb,
  toInput,
  viewOf,
  type Step,
} from '../../test-kit/ledger/ledgerArbitraries.test-support.js';
import { ReferenceModel } from '../../test-kit/ledger/referenceModel.test-support.js';
import { restoreSnapshot, snapshotOf } from './snapshot.js';

interface Real {
  state: BookState;
  events: LedgerEvent[];
}

const apply = (real: Real, command: BookCommand) => {
  const decision = decideBook(command, real.state);
  if (E.isLeft(decision)) throw decision.left;
  for (const event of decision.right.events) {
    evolveBook(real.state, event);
    real.events.push(event);
  }
  return decision.right;
};

const openBook = (): Real => {
  const real: Real = { state: initialBookState(), events: [] };
  apply(real, { type: 'DefineLedgers', data: { ledgers: [{ id: 'cny', asset: { code: 'CNY', scale: 2 } }] } });
  apply(real, { type: 'OpenAccounts', data: { now: 0n, accounts: accountInputs() } });
  return real;
};

const replay = (events: readonly LedgerEvent[]): BookState => events.reduce(evolveBook, initialBookState());

describe('properties', () => {
  /** Runs the model comparison; returns every result code the run produced. */
  const compareWithModel = (parameters: fc.Parameters<[Step[]]>): Set<string> => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 40 }), (steps) => {
        const real = openBook();
        const model = new ReferenceModel(ACCOUNTS);
        let now = 10n * SECOND;
        let previous: Step | undefined;
        for (const next of steps) {
          const step = next.retry && previous !== undefined ? { ...previous, advance: next.advance } : next;
          previous = step;
          now += step.advance;
          const inputs = step.items.map((item, i) => toInput(item, step.linked && i < step.items.length - 1));
          const linked = step.linked && step.items.length > 1;
          const decision = apply(real, { type: 'CreateTransfers', data: { transfers: inputs, now } });
          const expected = model.apply(step.items, now, linked);
          const actual = decision.results.map((r) => (r.result.startsWith('exists_with_different') ? 'exists_with_different' : r.result));
          expect(actual).toEqual(expected);
          for (const r of actual) seen.add(r);
          for (const m of model.accounts.values()) {
            const a = real.state.accounts.get(m.id)!;
            expect([a.debitsPending, a.debitsPosted, a.creditsPending, a.creditsPosted]).toEqual([m.dp, m.dP, m.cp, m.cP]);
          }
          checkConservation(real.state);
        }
      }),
      parameters,
    );
    return seen;
  };

  it('the book agrees with a naive reference model, step by step', () => {
    compareWithModel({ numRuns: 1500 });
  });

  it('the model comparison reaches every interesting outcome (fixed seed, so this checks the generators)', () => {
    const seen = compareWithModel({ numRuns: 1500, seed: 20261127 });
    for (const code of [
      'ok', 'exists', 'exists_with_different', 'id_already_failed', 'linked_event_failed', 'exceeds_credits', 'exceeds_debits',
      'pending_transfer_not_found', 'pending_transfer_not_pending', 'pending_transfer_already_posted', 'pending_transfer_already_voided',
      'pending_transfer_expired', 'exceeds_pending_transfer_amount', 'transfer_to_reverse_is_pending', 'transfer_already_reversed',
      'transfer_to_reverse_is_a_reversal', 'debit_account_already_closed', 'credit_account_already_closed', 'leg_account_already_closed',
    ]) {
      expect(seen, code).toContain(code);
    }
  });

  it('replaying the stored events rebuilds exactly the live state, and so does snapshot + tail', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 25 }), fc.nat(), (steps, cut) => {
        const real = openBook();
        let now = SECOND;
        const snapshots: { at: number; snapshot: ReturnType<typeof snapshotOf> }[] = [];
        steps.forEach((step, s) => {
          now += step.advance;
          apply(real, { type: 'CreateTransfers', data: { transfers: step.items.map((item) => toInput(item, false)), now } });
          if (s === cut % steps.length) snapshots.push({ at: real.events.length, snapshot: snapshotOf(real.state, BigInt(real.events.length - 1)) });
        });
        expect(viewOf(replay(real.events))).toEqual(viewOf(real.state));
        for (const { at, snapshot } of snapshots) {
          const { state } = restoreSnapshot(JSON.parse(JSON.stringify(snapshot)));
          for (const event of real.events.slice(at)) evolveBook(state, event);
          expect(viewOf(state)).toEqual(viewOf(real.state));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('applying what the decider parsed (the live path) equals evolving the event (the replay path)', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 25 }), (steps) => {
        const live = openBook();
        const replayed = openBook();
        let now = SECOND;
        for (const step of steps) {
          now += step.advance;
          const command = { type: 'CreateTransfers' as const, data: { transfers: step.items.map((item, i) => toInput(item, step.linked && i < step.items.length - 1)), now } };
          const decision = decideBook(command, live.state);
          if (E.isLeft(decision)) continue;
          if (decision.right.committed !== undefined) applyCommitted(live.state, decision.right.committed);
          for (const event of decision.right.events) evolveBook(replayed.state, event);
        }
        expect(viewOf(live.state)).toEqual(viewOf(replayed.state));
        expect(live.state.expiries.entries().map((e) => e.id).sort()).toEqual(replayed.state.expiries.entries().map((e) => e.id).sort());
      }),
      { numRuns: 300 },
    );
  });

  it('a batch applied twice equals the batch applied once', () => {
    // Without timeouts: a second application happens at a later book timestamp, where a hold may
    // legitimately expire.
    const noTimeouts = (step: Step): Step => ({ ...step, items: step.items.map((i) => (i.kind === 'pending' ? { ...i, timeout: 0 } : i)) });
    fc.assert(
      fc.property(fc.array(stepArb.map(noTimeouts), { maxLength: 10 }), stepArb.map(noTimeouts), (history, step) => {
        const real = openBook();
        let now = SECOND;
        for (const h of history) {
          now += h.advance;
          apply(real, { type: 'CreateTransfers', data: { transfers: h.items.map((item) => toInput(item, false)), now } });
        }
        const batch = step.items.map((item, i) => toInput(item, step.linked && i < step.items.length - 1));
        apply(real, { type: 'CreateTransfers', data: { transfers: batch, now } });
        const once = viewOf(real.state);
        const eventsOnce = real.events.length;
        const again = apply(real, { type: 'CreateTransfers', data: { transfers: batch, now } });
        expect(real.events.length).toBe(eventsOnce);
        expect(viewOf(real.state)).toEqual(once);
        expect(again.results.filter((r) => r.result === 'ok')).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('malformed items get a specific error code and never change the book', () => {
    const junk = fc.oneof(
      fc.anything(),
      fc.record({
        id: fc.oneof(fc.string(), fc.constant('ok-id')),
        debitAccountId: fc.oneof(fc.string(), account, fc.integer()),
        creditAccountId: fc.oneof(fc.string(), account),
        amount: fc.oneof(fc.string(), fc.double(), fc.constantFrom('1e3', 'NaN', '-1', '0.001', '1.5', '', ' 1')),
        code: fc.oneof(fc.integer(), fc.string(), fc.double()),
        flags: fc.oneof(fc.anything(), fc.record({ pending: fc.anything(), bogus: fc.boolean() }, { requiredKeys: [] })),
        timeout: fc.oneof(fc.double(), fc.integer()),
      }, { requiredKeys: [] }),
    );
    fc.assert(
      fc.property(fc.array(junk, { minLength: 1, maxLength: 5 }), (items) => {
        const real = openBook();
        apply(real, { type: 'CreateTransfers', data: { transfers: [{ id: 'seed', debitAccountId: 'bank', creditAccountId: 'a', amount: '10', code: 1 }], now: SECOND } });
        const before = viewOf(real.state);
        const decision = decideBook({ type: 'CreateTransfers', data: { transfers: items, now: 2n * SECOND } }, real.state);
        // decide must not touch the state it was given
        expect(viewOf(real.state)).toEqual(before);
        if (E.isRight(decision)) {
          for (const r of decision.right.results) expect(typeof r.result).toBe('string');
          const okIds = decision.right.results.filter((r) => r.result === 'ok').map((r) => r.index);
          // anything accepted must have been a fully valid item
          for (const i of okIds) expect(typeof (items[i] as { amount?: unknown }).amount === 'string' || (items[i] as object)).toBeTruthy();
        }
      }),
      { numRuns: 1000 },
    );
  });
});
