/**
 * Migrating a core's history with imported items (TigerBeetle's `flags.imported`): replaying any
 * book's accepted transfers, holds, posts and voids into a new book as imported batches, with
 * their original timestamps, is accepted item for item and rebuilds the same balances, hold
 * statuses and closed accounts.
 */
import * as fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { decideBook, type BookCommand } from './bookDecider.js';
import { evolveBook, initialBookState, type BookState } from './bookState.js';
import type { TransferRecord } from './events.js';
import { accountInputs, SECOND, stepArb, toInput, type Step } from '../../test-kit/ledger/ledgerArbitraries.test-support.js';

const INPUT_FLAG: Readonly<Record<string, string>> = {
  pending: 'pending',
  post_pending_transfer: 'postPendingTransfer',
  void_pending_transfer: 'voidPendingTransfer',
  balancing_debit: 'balancingDebit',
  balancing_credit: 'balancingCredit',
  closing_debit: 'closingDebit',
  closing_credit: 'closingCredit',
};

const run = (state: BookState, command: BookCommand) => {
  const decision = decideBook(command, state);
  if (E.isLeft(decision)) throw decision.left;
  for (const event of decision.right.events) evolveBook(state, event);
  return decision.right;
};

const defineAndOpen = (state: BookState, accounts: unknown[], now: bigint) => {
  run(state, { type: 'DefineLedgers', data: { ledgers: [{ id: 'cny', asset: { code: 'CNY', scale: 2 } }] } });
  return run(state, { type: 'OpenAccounts', data: { now, accounts } });
};

/** The imported input that reproduces a stored two-leg record. */
const importedInput = (record: TransferRecord): Record<string, unknown> => {
  const flags: Record<string, boolean> = { imported: true };
  for (const name of record.flags) flags[INPUT_FLAG[name]!] = true;
  const postOrVoid = record.pendingId !== undefined;
  return {
    id: record.id,
    ...(postOrVoid ? { pendingId: record.pendingId } : { debitAccountId: record.debitAccountId, creditAccountId: record.creditAccountId }),
    amount: record.amount,
    code: record.code,
    ...(record.userData === undefined ? {} : { userData: record.userData }),
    flags,
    timestamp: record.timestamp,
  };
};

// Two-leg items only (journal entries and reversals are not imported), holds without timeouts.
const twoLeg = (step: Step): Step => ({
  ...step,
  items: step.items
    .filter((item) => item.kind === 'plain' || item.kind === 'pending' || item.kind === 'post' || item.kind === 'void')
    .map((item) => (item.kind === 'pending' ? { ...item, timeout: 0 } : item)),
});

describe('importing history', () => {
  it('replaying a book as imported batches rebuilds its balances, holds and closed accounts', () => {
    fc.assert(
      fc.property(fc.array(stepArb.map(twoLeg), { minLength: 1, maxLength: 30 }), (steps) => {
        const legacy = initialBookState();
        const batches: Record<string, unknown>[][] = [];
        defineAndOpen(legacy, accountInputs(), 0n);
        let now = 10n * SECOND;
        for (const step of steps) {
          if (step.items.length === 0) continue;
          now += step.advance;
          const transfers = step.items.map((item, i) => toInput(item, step.linked && i < step.items.length - 1));
          const { events } = run(legacy, { type: 'CreateTransfers', data: { transfers, now } });
          for (const event of events) {
            if (event.type !== 'TransfersCommitted' || event.data.transfers.length === 0) continue;
            batches.push(event.data.transfers.map((record) => importedInput(record as TransferRecord)));
          }
        }

        const migrated = initialBookState();
        const accounts = [...legacy.accounts.values()].map((a, i) => ({
          ...accountInputs()[i]!,
          flags: { ...(accountInputs()[i]!['flags'] as object | undefined), imported: true },
          timestamp: a.record.timestamp,
        }));
        // The migration runs later than the history it imports.
        const later = legacy.lastTimestamp + SECOND;
        expect(defineAndOpen(migrated, accounts, later).results.map((r) => r.result)).toEqual(accounts.map(() => 'ok'));
        for (const transfers of batches) {
          const { results } = run(migrated, { type: 'CreateTransfers', data: { transfers, now: later } });
          expect(results.map((r) => r.result)).toEqual(transfers.map(() => 'ok'));
        }
        for (const [id, account] of legacy.accounts) {
          const copy = migrated.accounts.get(id)!;
          expect([copy.debitsPending, copy.debitsPosted, copy.creditsPending, copy.creditsPosted, copy.closed]).toEqual([
            account.debitsPending,
            account.debitsPosted,
            account.creditsPending,
            account.creditsPosted,
            account.closed,
          ]);
        }
        expect([...migrated.pendingStatus]).toEqual([...legacy.pendingStatus]);
        expect(migrated.lastTimestamp).toBe(legacy.lastTimestamp);
      }),
      { numRuns: 200 },
    );
  });
});
