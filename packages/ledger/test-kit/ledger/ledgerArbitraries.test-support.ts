/** Generators and helpers shared by the ledger's property and model-based tests. */
import * as fc from 'fast-check';
import { expect } from 'vitest';
import { minorToDecimal } from '../../src/money/decimalString.js';
import type { BookState } from '../../src/ledger/bookState.js';
import { MODEL_AMOUNT_MAX, type Guard, type ModelItem, type ModelLeg } from './referenceModel.test-support.js';
import { snapshotOf } from '../../src/ledger/snapshot.js';

export const SECOND = 1_000_000_000n;
export const ACCOUNTS: readonly { id: string; guard: Guard; limit: bigint; type: string }[] = [
  { id: 'bank', guard: 'none', limit: 0n, type: 'asset' },
  { id: 'a', guard: 'debits', limit: 0n, type: 'liability' },
  { id: 'b', guard: 'debits', limit: 5000n, type: 'liability' },
  { id: 'c', guard: 'debits', limit: 0n, type: 'liability' },
  { id: 'loan', guard: 'credits', limit: 0n, type: 'asset' },
];

/** Opening inputs for {@link ACCOUNTS} on ledger `cny`. */
export const accountInputs = () =>
  ACCOUNTS.map((a) => ({
    id: a.id,
    ledger: 'cny',
    code: 1000,
    type: a.type,
    ...(a.guard === 'debits' ? { flags: { debitsMustNotExceedCredits: true } } : {}),
    ...(a.guard === 'credits' ? { flags: { creditsMustNotExceedDebits: true } } : {}),
    ...(a.limit > 0n ? { overdraftLimit: minorToDecimal(a.limit, 2) } : {}),
  }));

const balancingFlag = (side: 'debit' | 'credit' | undefined): Record<string, boolean> =>
  side === 'debit' ? { balancingDebit: true } : side === 'credit' ? { balancingCredit: true } : {};

export const toInput = (item: ModelItem, linked: boolean): Record<string, unknown> => {
  const flags = (extra: Record<string, boolean>) => (linked || Object.keys(extra).length > 0 ? { flags: { ...extra, ...(linked ? { linked } : {}) } } : {});
  switch (item.kind) {
    case 'plain':
      return { id: item.id, debitAccountId: item.debit, creditAccountId: item.credit, amount: minorToDecimal(item.amount, 2), code: 1, ...flags(balancingFlag(item.balancing)) };
    case 'pending':
      return {
        id: item.id,
        debitAccountId: item.debit,
        creditAccountId: item.credit,
        amount: minorToDecimal(item.amount, 2),
        code: 1,
        ...(item.timeout > 0 ? { timeout: item.timeout } : {}),
        ...flags({
          ...balancingFlag(item.balancing),
          pending: true,
          ...(item.closing === 'debit' ? { closingDebit: true } : {}),
          ...(item.closing === 'credit' ? { closingCredit: true } : {}),
        }),
      };
    case 'post':
    case 'void':
      return {
        id: item.id,
        pendingId: item.pendingId,
        code: 1,
        ...(item.amount === undefined ? {} : { amount: minorToDecimal(item.amount, 2) }),
        ...flags(item.kind === 'post' ? { postPendingTransfer: true } : { voidPendingTransfer: true }),
      };
    case 'reversal':
      return { id: item.id, reverses: item.reverses, ...flags({}) };
    case 'journal':
      return { id: item.id, code: 1, legs: item.legs.map((l) => ({ ...l, amount: minorToDecimal(l.amount, 2) })), ...flags({}) };
  }
};

// Small id pools make collisions (exists, already failed, reversal of anything) frequent.
export const id = fc.constantFrom('t1', 't2', 't3', 't4', 't5', 't6');
// Transient failures burn ids for good (id_already_failed), so posts and voids draw from a wider pool.
export const holdId = fc.constantFrom('h1', 'h2', 'h3', 'h4', 't1');
export const resolveId = fc.oneof(fc.integer({ min: 1, max: 40 }).map((n) => `p${n}`), fc.constant('h1'));
export const anyId = fc.oneof(id, holdId, resolveId);
export const account = fc.constantFrom(...ACCOUNTS.map((a) => a.id));
// Zero amounts are valid (TigerBeetle 0.16) and drawn now and then.
export const amount = fc.oneof({ arbitrary: fc.constant(0n), weight: 1 }, { arbitrary: fc.bigInt({ min: 1n, max: 20_000n }), weight: 12 });
// Journal legs are never zero (amount_must_not_be_zero).
export const legAmount = fc.bigInt({ min: 1n, max: 20_000n });
// Explicit post/void amounts: small ones, zero (a void of zero voids in full) and AMOUNT_MAX (a post of it posts in full).
const resolveAmount = fc.oneof(
  { arbitrary: fc.bigInt({ min: 1n, max: 300n }), weight: 4 },
  { arbitrary: fc.constantFrom(0n, MODEL_AMOUNT_MAX), weight: 1 },
);
// Now and then a transfer or hold is balancing: its amount is a cap.
const balancing = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 6 },
  { arbitrary: fc.constantFrom('debit' as const, 'credit' as const), weight: 1 },
);
// Now and then a hold closes its debit or credit account until it is voided or expires.
const closing = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 12 },
  { arbitrary: fc.constantFrom('debit' as const, 'credit' as const), weight: 1 },
);
// Funding from the bank keeps customers solvent often enough for holds and reversals to succeed.
export const funding = fc.record({ kind: fc.constant('plain' as const), id, credit: fc.constantFrom('a', 'b', 'c'), amount }).map((r) => ({ ...r, debit: 'bank', timeout: 0 }));
export const twoAccounts = fc.tuple(account, account).filter(([x, y]) => x !== y);

export const itemArb: fc.Arbitrary<ModelItem> = fc.oneof(
  funding,
  fc
    .record({ kind: fc.constant('plain' as const), id, pair: twoAccounts, amount, balancing })
    .map(({ pair, balancing, ...r }) => ({ ...r, debit: pair[0], credit: pair[1], timeout: 0, ...(balancing === undefined ? {} : { balancing }) })),
  fc
    .record({ kind: fc.constant('pending' as const), id: holdId, pair: twoAccounts, amount, timeout: fc.constantFrom(0, 1, 3), closing, balancing })
    .map(({ pair, closing, balancing, ...r }) => ({
      ...r,
      debit: pair[0],
      credit: pair[1],
      ...(closing === undefined ? {} : { closing }),
      ...(balancing === undefined ? {} : { balancing }),
    })),
  fc
    .record({ kind: fc.constantFrom('post' as const, 'void' as const), id: resolveId, pendingId: fc.constantFrom('h1', 'h2', 'h3', 'h4', 't2'), amount: fc.option(resolveAmount, { nil: undefined, freq: 2 }) })
    .filter((r) => r.id !== r.pendingId),
  fc.record({ kind: fc.constant('reversal' as const), id, reverses: anyId }),
  fc
    .record({ id, pair: twoAccounts, third: account, x: legAmount, y: legAmount })
    .filter(({ pair, third }) => !pair.includes(third))
    .map(({ id, pair, third, x, y }): ModelItem => {
      const legs: ModelLeg[] = [
        { accountId: pair[0], side: 'debit', amount: x + y },
        { accountId: pair[1], side: 'credit', amount: x },
        { accountId: third, side: 'credit', amount: y },
      ];
      return { kind: 'journal', id, legs };
    }),
);

export type Step = { items: ModelItem[]; linked: boolean; advance: bigint; retry: boolean };
export const randomStep: fc.Arbitrary<Step> = fc.record({
  items: fc.array(itemArb, { minLength: 1, maxLength: 3 }),
  linked: fc.boolean(),
  advance: fc.constantFrom(0n, 0n, SECOND, 2n * SECOND),
  // A client retrying its previous request unchanged.
  retry: fc.nat(4).map((n) => n === 0),
});
// A hold's whole life in one batch: place it, resolve it, try to resolve it again.
export const holdLifecycle: fc.Arbitrary<Step> = fc
  .record({
    hold: holdId,
    first: resolveId,
    second: resolveId,
    amount,
    firstAmount: fc.option(amount, { nil: undefined }),
    kinds: fc.tuple(fc.constantFrom('post' as const, 'void' as const), fc.constantFrom('post' as const, 'void' as const)),
  })
  .filter(({ hold, first, second }) => first !== second && first !== hold && second !== hold)
  .map(({ hold, first, second, amount, firstAmount, kinds }) => ({
    items: [
      { kind: 'pending', id: hold, debit: 'bank', credit: 'a', amount, timeout: 0 },
      { kind: kinds[0], id: first, pendingId: hold, amount: firstAmount },
      { kind: kinds[1], id: second, pendingId: hold, amount: undefined },
    ],
    linked: false,
    advance: SECOND,
    retry: false,
  }));
// A correction's life: post, reverse, reverse again, reverse the reversal.
export const reversalLifecycle: fc.Arbitrary<Step> = fc
  .record({ original: id, reversals: fc.uniqueArray(fc.integer({ min: 1, max: 60 }).map((n) => `r${n}`), { minLength: 3, maxLength: 3 }), amount })
  .map(({ original, reversals: [r1, r2, r3], amount }) => ({
    items: [
      { kind: 'plain', id: original, debit: 'bank', credit: 'b', amount, timeout: 0 },
      { kind: 'reversal', id: r1!, reverses: original },
      { kind: 'reversal', id: r2!, reverses: original },
      { kind: 'reversal', id: r3!, reverses: r1! },
    ],
    linked: false,
    advance: 0n,
    retry: false,
  }));
export const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: randomStep, weight: 6 },
  { arbitrary: holdLifecycle, weight: 1 },
  { arbitrary: reversalLifecycle, weight: 1 },
);

export const checkConservation = (state: BookState) => {
  let dP = 0n;
  let cP = 0n;
  let dp = 0n;
  let cp = 0n;
  for (const a of state.accounts.values()) {
    dP += a.debitsPosted;
    cP += a.creditsPosted;
    dp += a.debitsPending;
    cp += a.creditsPending;
  }
  expect(dP).toBe(cP);
  expect(dp).toBe(cp);
};

/** A comparable view of a book: the snapshot JSON minus the revision. */
export const viewOf = (state: BookState) => {
  const { revision: _revision, ...rest } = snapshotOf(state, 0n);
  return rest;
};

