/**
 * Balancing transfers: the amount is a cap, and what actually moves is what the guarded side
 * still has room for (TigerBeetle's `balancing_debit` / `balancing_credit`), here including the
 * account's overdraft limit where the account is guarded on that side.
 */
import type { AccountState } from './bookState.js';
import { AccountFlag, TransferFlag } from './flags.js';
import type { Scratch } from './scratch.js';

const positive = (value: bigint): bigint => (value > 0n ? value : 0n);

/** Overdraft room that balancing may use: only where the account is guarded on that side. */
const guardRoom = (account: AccountState, flag: number): bigint => ((account.flags & flag) !== 0 ? account.overdraftLimit : 0n);

/** The amount a transfer with `flags` moves when it asks for `requested` (unchanged unless balancing). */
export const balancedAmount = (scratch: Scratch, debit: AccountState, credit: AccountState, requested: bigint, flags: number): bigint => {
  let actual = requested;
  if ((flags & TransferFlag.balancing_debit) !== 0) {
    const b = scratch.balancesOf(debit);
    const room = positive(b.creditsPosted + guardRoom(debit, AccountFlag.debits_must_not_exceed_credits) - b.debitsPosted - b.debitsPending);
    if (room < actual) actual = room;
  }
  if ((flags & TransferFlag.balancing_credit) !== 0) {
    const b = scratch.balancesOf(credit);
    const room = positive(b.debitsPosted + guardRoom(credit, AccountFlag.credits_must_not_exceed_debits) - b.creditsPosted - b.creditsPending);
    if (room < actual) actual = room;
  }
  return actual;
};
