/**
 * Balance checks shared by every kind of item, in TigerBeetle's order: every overflow check
 * (pending, then posted, then pending + posted; debit side before credit side) comes before the
 * balance guards (`exceeds_credits`, then `exceeds_debits`).
 */
import type { LedgerErrorCode } from '../errors.js';
import { AMOUNT_MAX } from './amounts.js';
import type { AccountState } from './bookState.js';
import { AccountFlag } from './flags.js';
import type { Scratch } from './scratch.js';

/** One side of one account moved by an item. */
export interface BalanceMove {
  readonly account: AccountState;
  readonly side: 'debit' | 'credit';
  readonly amount: bigint;
}

const overflowsPending = (scratch: Scratch, { account, side, amount }: BalanceMove): LedgerErrorCode | undefined => {
  const b = scratch.balancesOf(account);
  if (side === 'debit') return b.debitsPending + amount > AMOUNT_MAX ? 'overflows_debits_pending' : undefined;
  return b.creditsPending + amount > AMOUNT_MAX ? 'overflows_credits_pending' : undefined;
};

const overflowsPosted = (scratch: Scratch, { account, side, amount }: BalanceMove): LedgerErrorCode | undefined => {
  const b = scratch.balancesOf(account);
  if (side === 'debit') return b.debitsPosted + amount > AMOUNT_MAX ? 'overflows_debits_posted' : undefined;
  return b.creditsPosted + amount > AMOUNT_MAX ? 'overflows_credits_posted' : undefined;
};

const overflowsSum = (scratch: Scratch, { account, side, amount }: BalanceMove): LedgerErrorCode | undefined => {
  const b = scratch.balancesOf(account);
  if (side === 'debit') return b.debitsPending + b.debitsPosted + amount > AMOUNT_MAX ? 'overflows_debits' : undefined;
  return b.creditsPending + b.creditsPosted + amount > AMOUNT_MAX ? 'overflows_credits' : undefined;
};

const exceeds = (scratch: Scratch, { account, side, amount }: BalanceMove): LedgerErrorCode | undefined => {
  const b = scratch.balancesOf(account);
  if (side === 'debit') {
    return (account.flags & AccountFlag.debits_must_not_exceed_credits) !== 0 &&
      b.debitsPending + b.debitsPosted + amount > b.creditsPosted + account.overdraftLimit
      ? 'exceeds_credits'
      : undefined;
  }
  return (account.flags & AccountFlag.credits_must_not_exceed_debits) !== 0 &&
    b.creditsPending + b.creditsPosted + amount > b.debitsPosted + account.overdraftLimit
    ? 'exceeds_debits'
    : undefined;
};

const first = (moves: readonly BalanceMove[], check: (move: BalanceMove) => LedgerErrorCode | undefined): LedgerErrorCode | undefined => {
  for (const move of moves) {
    const code = check(move);
    if (code !== undefined) return code;
  }
  return undefined;
};

/**
 * Checks moves (debit moves listed before credit moves) against every field and guard. `pending`
 * adds the pending-field overflow checks, which TigerBeetle runs first for holds; the posted-field
 * check runs for holds too, as in TigerBeetle.
 */
export const checkMoves = (scratch: Scratch, moves: readonly BalanceMove[], pending: boolean): LedgerErrorCode | undefined =>
  (pending ? first(moves, (m) => overflowsPending(scratch, m)) : undefined) ??
  first(moves, (m) => overflowsPosted(scratch, m)) ??
  first(moves, (m) => overflowsSum(scratch, m)) ??
  first(moves, (m) => exceeds(scratch, m));

/**
 * {@link checkMoves} for a two-leg transfer, written out: it runs for every transfer of every
 * batch, so it allocates nothing. The same order: pending, posted, sums, then the guards.
 */
export const checkTransferBalances = (scratch: Scratch, debit: AccountState, credit: AccountState, amount: bigint, pending: boolean): LedgerErrorCode | undefined => {
  const d = scratch.balancesOf(debit);
  const c = scratch.balancesOf(credit);
  if (pending) {
    if (d.debitsPending + amount > AMOUNT_MAX) return 'overflows_debits_pending';
    if (c.creditsPending + amount > AMOUNT_MAX) return 'overflows_credits_pending';
  }
  if (d.debitsPosted + amount > AMOUNT_MAX) return 'overflows_debits_posted';
  if (c.creditsPosted + amount > AMOUNT_MAX) return 'overflows_credits_posted';
  if (d.debitsPending + d.debitsPosted + amount > AMOUNT_MAX) return 'overflows_debits';
  if (c.creditsPending + c.creditsPosted + amount > AMOUNT_MAX) return 'overflows_credits';
  if ((debit.flags & AccountFlag.debits_must_not_exceed_credits) !== 0 && d.debitsPending + d.debitsPosted + amount > d.creditsPosted + debit.overdraftLimit) {
    return 'exceeds_credits';
  }
  if ((credit.flags & AccountFlag.credits_must_not_exceed_debits) !== 0 && c.creditsPending + c.creditsPosted + amount > c.debitsPosted + credit.overdraftLimit) {
    return 'exceeds_debits';
  }
  return undefined;
};
