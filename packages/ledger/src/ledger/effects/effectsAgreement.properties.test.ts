/**
 * The one effects path, checked end to end: after random activity (holds, posts, voids, expiries,
 * balancing transfers, journal entries, reversals, group commits), the decider's own scratch view,
 * the book state evolved from the events, and the read models fed the recorded events hold the
 * same four balance fields for every account.
 */
import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minorToDecimal } from '../../money/decimalString.js';
import { LedgerReadModel } from '../../projections/ledgerReadModel.js';
import { FUNDING, opArb, RandomItems } from '../../../test-kit/projections/randomActivity.test-support.js';
import { EventLog, isoOf, T0 } from '../../../test-kit/projections/testFixtures.js';
import { decideBook, type BookCommand } from '../bookDecider.js';
import { evolveBook, initialBookState, type BookState } from '../bookState.js';
import { decideTransfersIn } from '../decideTransfers.js';
import type { LedgerEvent } from '../events.js';
import { Scratch } from '../scratch.js';
import type { Balances } from './postingEffects.js';

const SECOND = 1_000_000_000n;

type Fields = readonly [string, string, string, string];
const fieldsOf = (b: Balances, scale: number): Fields => [
  minorToDecimal(b.debitsPending, scale),
  minorToDecimal(b.debitsPosted, scale),
  minorToDecimal(b.creditsPending, scale),
  minorToDecimal(b.creditsPosted, scale),
];

const setUpCommands: BookCommand[] = [
  { type: 'DefineLedgers', data: { ledgers: [{ id: 'cny', asset: { code: 'CNY', scale: 2 } }, { id: 'jpy', asset: { code: 'JPY', scale: 0 } }] } },
  {
    type: 'OpenAccounts',
    data: {
      now: T0,
      accounts: [
        { id: 'cash', ledger: 'cny', code: 1001, type: 'asset' },
        { id: 'alice', ledger: 'cny', code: 2011, type: 'liability', flags: { debitsMustNotExceedCredits: true } },
        { id: 'bob', ledger: 'cny', code: 2011, type: 'liability', flags: { debitsMustNotExceedCredits: true }, overdraftLimit: '20' },
        { id: 'income', ledger: 'cny', code: 6001, type: 'income' },
        { id: 'expense', ledger: 'cny', code: 6601, type: 'expense', flags: { creditsMustNotExceedDebits: true } },
        { id: 'vault', ledger: 'jpy', code: 1001, type: 'asset' },
        { id: 'carol', ledger: 'jpy', code: 2011, type: 'liability', flags: { debitsMustNotExceedCredits: true } },
      ],
    },
  },
];

const stepArb = fc.record({
  advance: fc.bigInt({ min: 0n, max: 1_500_000_000n }),
  // Several batches decided over one scratch: a group commit.
  batches: fc.array(fc.array(opArb, { minLength: 0, maxLength: 4 }), { minLength: 1, maxLength: 3 }),
});

describe('one effects path', () => {
  it('the scratch view, the evolved state and the read models agree after random activity (property)', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 20 }), (steps) => {
        const state: BookState = initialBookState();
        const log = new EventLog();
        const model = new LedgerReadModel();
        const record = (event: LedgerEvent, now: bigint) => model.apply(log.ledger(event, isoOf(now)));
        for (const command of setUpCommands) {
          const decision = decideBook(command, state);
          if (E.isLeft(decision)) throw decision.left;
          for (const event of decision.right.events) {
            evolveBook(state, event);
            record(event, T0);
          }
        }
        const items = new RandomItems();
        let now = T0;
        const batches = [[...FUNDING], ...steps.flatMap((step) => step.batches.map((ops) => items.itemsOf(ops)))];
        let next = 0;
        for (const step of [{ advance: 0n, batches: [[]] }, ...steps]) {
          now += step.advance + SECOND;
          const group = batches.slice(next, next + step.batches.length).filter((batch) => batch.length > 0 || step.batches.length === 1);
          next += step.batches.length;
          const scratch = new Scratch(state);
          const decisions = decideTransfersIn(scratch, group.length === 0 ? [[]] : group, now);
          // The scratch is read before the state moves: it must already hold what the events will do.
          const scratchView = [...state.accounts.values()].map((a) => [a.id, fieldsOf(scratch.balancesOf(a), a.scale)] as const);
          for (const decision of decisions) {
            if (decision.event === undefined) continue;
            const event = decision.event as LedgerEvent;
            evolveBook(state, event);
            record(event, now);
          }
          const stateView = [...state.accounts.values()].map((a) => [a.id, fieldsOf(a, a.scale)] as const);
          const modelView = model.balances().map((b) => [b.id, [b.debitsPending, b.debitsPosted, b.creditsPending, b.creditsPosted] as Fields] as const);
          expect(scratchView).toEqual(stateView);
          expect(modelView).toEqual(stateView);
        }
      }),
      { numRuns: 150 },
    );
  });
});
