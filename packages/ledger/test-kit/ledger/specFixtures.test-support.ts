/**
 * Shared fixtures of the ledger book's decider specifications (`*.spec.test.ts`).
 *
 * The `given` histories are produced by running the real decider on earlier commands (see
 * {@link history}), so they can never drift from the real event format; every event of a history
 * is also checked against its io-ts codec. The `given` wrapper around `DeciderSpecification`
 * records every result code a passing assertion produced, so that `resultCodes.spec.test.ts` can
 * check that the suites together reach every code of `ledgerResultMessages`.
 */
import { appendFileSync } from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import { expect } from 'vitest';
import type { LedgerResultCode } from '../../src/errors.js';
import { DeciderSpecification, type DeciderThen } from '../../src/testing/deciderSpecification.js';
import { bookDecider, decideBook, type BookCommand, type BookDecision } from '../../src/ledger/bookDecider.js';
import { evolveBook, initialBookState, type BookState } from '../../src/ledger/bookState.js';
import { ledgerEventSchemas, type LedgerEvent, type PostingRecord } from '../../src/ledger/events.js';
import type { ItemResult, LedgerError } from '../../src/ledger/ledgerError.js';

// ---------------------------------------------------------------------------------------------
// Time and limits.

/** One second in nanoseconds. */
export const SECOND = 1_000_000_000n;
/** The instant every fixture history starts at (nanoseconds). */
export const T0 = 1_700_000_000n * SECOND;
/** `T0` plus some seconds. */
export const at = (seconds: number | bigint): bigint => T0 + BigInt(seconds) * SECOND;
/** The instant the command under test runs at: later than anything a fixture history contains. */
export const NOW = at(1_000);
/** Timestamp (decimal string) of item `index` of a transfer batch decided at `base` with no expiries. */
export const ts = (index: number, base: bigint = NOW): string => (base + 1n + BigInt(index)).toString();
/** Timestamp (decimal string) of item `index` of an account batch decided at `base`. */
export const accountTs = (index: number, base: bigint = NOW): string => (base + BigInt(index)).toString();

/** Largest balance field value: 2^128 - 1 (TigerBeetle's u128). */
export const U128_MAX = 2n ** 128n - 1n;
/** 2^127 - 1 minor units: two such items fill a u128 field but for one unit (a single item may carry up to 2^128 - 1). */
export const ITEM_MAX = 2n ** 127n - 1n;

// ---------------------------------------------------------------------------------------------
// Ledgers and accounts.

export const CNY = { id: 'cny', asset: { code: 'CNY', scale: 2 } } as const;
export const USD = { id: 'usd', asset: { code: 'USD', scale: 2 } } as const;
export const JPY = { id: 'jpy', asset: { code: 'JPY', scale: 0 } } as const;

const guardedDebits = { debitsMustNotExceedCredits: true } as const;
const guardedCredits = { creditsMustNotExceedDebits: true } as const;

/** Account inputs of the standard book. */
export const A = {
  bankCash: { id: 'bank-cash', ledger: 'cny', code: 1001, type: 'asset' },
  alice: { id: 'alice', ledger: 'cny', code: 2011, type: 'liability', tenant: 'branch-01', metadata: { name: 'Alice' }, flags: guardedDebits },
  bob: { id: 'bob', ledger: 'cny', code: 2011, type: 'liability', flags: guardedDebits },
  carol: { id: 'carol', ledger: 'cny', code: 2011, type: 'liability', flags: guardedDebits, overdraftLimit: '100.00' },
  loan: { id: 'loan-alice', ledger: 'cny', code: 1301, type: 'asset', flags: guardedCredits },
  feeIncome: { id: 'fee-income', ledger: 'cny', code: 6001, type: 'income' },
  opex: { id: 'opex', ledger: 'cny', code: 6601, type: 'expense' },
  vat: { id: 'vat-payable', ledger: 'cny', code: 2221, type: 'liability' },
  fxCny: { id: 'fx-cny', ledger: 'cny', code: 3001, type: 'equity' },
  bankCashUsd: { id: 'bank-cash-usd', ledger: 'usd', code: 1001, type: 'asset' },
  aliceUsd: { id: 'alice-usd', ledger: 'usd', code: 2011, type: 'liability', flags: guardedDebits },
  fxUsd: { id: 'fx-usd', ledger: 'usd', code: 3001, type: 'equity' },
  jpyA: { id: 'jpy-a', ledger: 'jpy', code: 1001, type: 'asset' },
  jpyB: { id: 'jpy-b', ledger: 'jpy', code: 1001, type: 'asset' },
  jpyC: { id: 'jpy-c', ledger: 'jpy', code: 1001, type: 'asset' },
  jpyD: { id: 'jpy-d', ledger: 'jpy', code: 1001, type: 'asset' },
} as const;

// ---------------------------------------------------------------------------------------------
// Commands.

export const defineLedgers = (...ledgers: unknown[]): BookCommand => ({ type: 'DefineLedgers', data: { ledgers } });
export const defineLedgerBatch = (ledgers: unknown): BookCommand => ({ type: 'DefineLedgers', data: { ledgers } });
export const openAccounts = (accounts: unknown, now: bigint = T0): BookCommand => ({ type: 'OpenAccounts', data: { accounts, now } });
export const closeAccounts = (ids: unknown, now: bigint = T0): BookCommand => ({ type: 'CloseAccounts', data: { ids, now } });
export const reopenAccounts = (ids: unknown, now: bigint = T0): BookCommand => ({ type: 'ReopenAccounts', data: { ids, now } });
export const createTransfers = (transfers: unknown, now: bigint = T0): BookCommand => ({ type: 'CreateTransfers', data: { transfers, now } });
export const expirePendingTransfers = (now: bigint): BookCommand => ({ type: 'ExpirePendingTransfers', data: { now } });

// ---------------------------------------------------------------------------------------------
// Batch items.

type Extra = Readonly<Record<string, unknown>>;

/** A plain two-leg transfer (code 1 unless overridden). */
export const transfer = (id: string, debitAccountId: string, creditAccountId: string, amount: string, extra: Extra = {}) => ({
  id,
  debitAccountId,
  creditAccountId,
  amount,
  code: 1,
  ...extra,
});
/** A hold (pending transfer). */
export const hold = (id: string, debitAccountId: string, creditAccountId: string, amount: string, extra: Extra = {}) =>
  transfer(id, debitAccountId, creditAccountId, amount, { ...extra, flags: { pending: true, ...(extra['flags'] as Extra | undefined) } });
/** Posts a hold (the full amount unless `amount` is given in `extra`). */
export const postHold = (id: string, pendingId: string, extra: Extra = {}) => ({
  id,
  pendingId,
  code: 1,
  ...extra,
  flags: { postPendingTransfer: true, ...(extra['flags'] as Extra | undefined) },
});
/** Voids a hold. */
export const voidHold = (id: string, pendingId: string, extra: Extra = {}) => ({
  id,
  pendingId,
  code: 1,
  ...extra,
  flags: { voidPendingTransfer: true, ...(extra['flags'] as Extra | undefined) },
});
export const debitLeg = (accountId: string, amount: string) => ({ accountId, side: 'debit' as const, amount });
export const creditLeg = (accountId: string, amount: string) => ({ accountId, side: 'credit' as const, amount });
/** A journal entry (code 10 unless overridden). */
export const journal = (id: string, legs: readonly unknown[], extra: Extra = {}) => ({ id, legs, code: 10, ...extra });
/** A reversal. */
export const reversal = (id: string, reverses: string, extra: Extra = {}) => ({ id, reverses, ...extra });
/** Marks an item as linked to the next one. */
export const linked = <T extends Extra>(item: T): T => ({ ...item, flags: { ...(item['flags'] as Extra | undefined), linked: true } });

// ---------------------------------------------------------------------------------------------
// Expected events.

type Committed = Extract<LedgerEvent, { type: 'TransfersCommitted' }>;

/** A `TransfersCommitted` event; omitted parts are empty. */
export const committed = (parts: {
  expired?: { id: string; timestamp: string }[];
  transfers?: PostingRecord[];
  failed?: { id: string; code: LedgerResultCode }[];
}): Committed => ({
  type: 'TransfersCommitted',
  data: { expired: parts.expired ?? [], transfers: parts.transfers ?? [], failed: parts.failed ?? [] },
});

/** The stored record of a plain transfer on the CNY ledger (override anything through `extra`). */
export const transferRecord = (
  id: string,
  debitAccountId: string,
  creditAccountId: string,
  amount: string,
  timestamp: string,
  extra: Partial<Extract<PostingRecord, { kind: 'transfer' }>> = {},
): PostingRecord => ({ kind: 'transfer', id, debitAccountId, creditAccountId, amount, ledger: 'cny', code: 1, flags: [], timestamp, ...extra });

// ---------------------------------------------------------------------------------------------
// Histories.

/** Folds events into a fresh state. */
export const stateOf = (events: readonly LedgerEvent[]): BookState => events.reduce(evolveBook, initialBookState());

const checkCodec = (event: LedgerEvent): void => {
  const codec = ledgerEventSchemas[event.type].codec;
  const json: unknown = JSON.parse(JSON.stringify(event.data));
  expect(codec.is(json), `event ${event.type} does not match its codec: ${JSON.stringify(event.data)}`).toBe(true);
};

/** A history step: a command whose items must all succeed, or `{ tolerate }` for one that may fail items. */
export type Step = BookCommand | { readonly tolerate: BookCommand };

/**
 * Runs commands through the real decider and collects the events: the `given` of a specification.
 * Every command must be accepted and, unless `{ tolerate: true }` wraps it, every item must succeed.
 */
export const history = (...steps: Step[]): LedgerEvent[] => extend([], ...steps);

/** Continues a history with more commands. */
export const extend = (events: readonly LedgerEvent[], ...steps: Step[]): LedgerEvent[] => {
  const out = [...events];
  let state = stateOf(events);
  for (const step of steps) {
    const command = 'tolerate' in step ? step.tolerate : step;
    const decision = decideBook(command, state);
    if (E.isLeft(decision)) throw new Error(`extend: ${command.type} rejected: ${decision.left.message}`);
    if (!('tolerate' in step)) {
      const bad = decision.right.results.filter((r) => r.result !== 'ok' && r.result !== 'exists');
      if (bad.length > 0) throw new Error(`extend: ${command.type} had failures ${JSON.stringify(bad)}`);
    }
    for (const event of decision.right.events) {
      checkCodec(event);
      out.push(event);
      state = evolveBook(state, event);
    }
  }
  return out;
};

/**
 * An `AccountsClosed` event for accounts that still hold a balance: what a history written before
 * `CloseAccounts` required a zero balance holds (replay never re-decides an event). The specs of
 * closed accounts use it; `CloseAccounts` itself now answers `account_balance_not_zero`.
 */
export const closedWithBalance = (ids: readonly string[], timestamp: bigint): LedgerEvent => ({
  type: 'AccountsClosed',
  data: { accounts: ids.map((id, i) => ({ id, timestamp: (timestamp + BigInt(i)).toString() })) },
});

/** Ledgers CNY, USD, JPY and every account of {@link A}, opened at `T0`. */
export const openBook = (): LedgerEvent[] => history(defineLedgers(CNY, USD, JPY), openAccounts(Object.values(A), T0));

/**
 * {@link openBook} plus: alice 1,000.00 and bob 500.00 deposited from bank cash, alice-usd 100.00,
 * and a 300.00 loan disbursed (debit loan-alice, credit bank-cash). All at `at(1)`.
 */
export const fundedBook = (): LedgerEvent[] =>
  extend(
    openBook(),
    createTransfers(
      [
        transfer('dep-alice', 'bank-cash', 'alice', '1000.00'),
        transfer('dep-bob', 'bank-cash', 'bob', '500.00'),
        transfer('dep-alice-usd', 'bank-cash-usd', 'alice-usd', '100.00'),
        transfer('loan-out', 'loan-alice', 'bank-cash', '300.00'),
      ],
      at(1),
    ),
  );

/** The four balance fields of an account (minor units) after `events`. */
export const balancesAfter = (events: readonly LedgerEvent[], accountId: string) => {
  const account = stateOf(events).accounts.get(accountId);
  if (account === undefined) throw new Error(`no account ${accountId}`);
  const { debitsPending, debitsPosted, creditsPending, creditsPosted } = account;
  return { debitsPending, debitsPosted, creditsPending, creditsPosted };
};

// ---------------------------------------------------------------------------------------------
// Recording which codes the specifications produced.

/** Codes produced by passing assertions of this test file. */
export const producedCodes = new Set<LedgerResultCode>();

const record = (codes: Iterable<LedgerResultCode>): void => {
  const file = process.env['LEDGER_SPEC_CODES_FILE'];
  const list = [...codes];
  for (const code of list) producedCodes.add(code);
  if (file !== undefined && list.length > 0) appendFileSync(file, list.map((c) => `${c}\n`).join(''));
};

const recordDecision = (events: readonly LedgerEvent[], command: BookCommand): void => {
  const decision = decideBook(command, stateOf(events));
  if (E.isLeft(decision)) {
    record([decision.left.code]);
    return;
  }
  record(decision.right.results.map((r) => r.result));
  for (const event of decision.right.events) {
    if (event.type === 'TransfersCommitted') record(event.data.failed.map((f) => f.code as LedgerResultCode));
  }
  const direct = bookDecider.decide(command, stateOf(events));
  if (E.isLeft(direct)) record([direct.left.code]);
};

const spec = DeciderSpecification.for(bookDecider);

/** `DeciderSpecification.for(bookDecider)`, recording the codes of every passing assertion. */
export const given = (events: readonly LedgerEvent[] = []) => ({
  when: (command: BookCommand): DeciderThen<LedgerEvent, BookState, LedgerError> => {
    const inner = spec(events).when(command);
    const after =
      <Args extends unknown[]>(check: (...args: Args) => void) =>
      (...args: Args): void => {
        check(...args);
        recordDecision(events, command);
      };
    return {
      then: after(inner.then),
      thenNothingHappened: after(inner.thenNothingHappened),
      thenFails: after(inner.thenFails),
      thenThrows: inner.thenThrows,
      thenState: after(inner.thenState),
    };
  },
});

/** `decideBook` on a history; fails the test when the command is rejected as a whole. */
export const decide = (events: readonly LedgerEvent[], command: BookCommand): BookDecision => {
  const decision = decideBook(command, stateOf(events));
  if (E.isLeft(decision)) {
    const error = decision.left;
    expect.unreachable(`expected a decision, got ${error.message}`);
  }
  return decision.right;
};

/** Asserts the result code of every item, in order, and records them. */
export const expectResults = (results: readonly ItemResult[], expected: readonly LedgerResultCode[]): void => {
  expect(results.map((r) => r.result)).toEqual(expected);
  expect(results.map((r) => r.index)).toEqual(expected.map((_, i) => i));
  record(expected);
};

/** Asserts that `bookDecider.decide` rejects the command with `code`, and returns the error. */
export const rejection = (events: readonly LedgerEvent[], command: BookCommand, code: LedgerResultCode): LedgerError => {
  const decision = bookDecider.decide(command, stateOf(events));
  if (E.isRight(decision)) {
    expect.unreachable(`expected ${code}, got events ${JSON.stringify(decision.right)}`);
    throw new Error('unreachable');
  }
  expect(decision.left.code).toBe(code);
  record([code, ...decision.left.results.map((r) => r.result)]);
  return decision.left;
};

/** Shorthand: a single transfer-batch item decided at `NOW` fails with a non-transient code. */
export const expectItemFails = (events: readonly LedgerEvent[], item: unknown, code: LedgerResultCode): void => {
  given(events).when(createTransfers([item], NOW)).thenFails(code);
};

/** Shorthand: a single transfer-batch item decided at `NOW` fails with a transient code (remembered). */
export const expectItemFailsTransiently = (events: readonly LedgerEvent[], item: { id: string }, code: LedgerResultCode): void => {
  given(events).when(createTransfers([item], NOW)).then([committed({ failed: [{ id: item.id, code }] })]);
};

/** Asserts that a whole book call was rejected with `code` (a call-level code), records it and returns the error. */
export const expectCallRejected = (outcome: E.Either<LedgerError, unknown>, code: LedgerResultCode): LedgerError => {
  if (E.isRight(outcome)) {
    expect.unreachable(`expected ${code}, got results ${JSON.stringify(outcome.right)}`);
    throw new Error('unreachable');
  }
  expect(outcome.left.code).toBe(code);
  record([code]);
  return outcome.left;
};
