/** Read-only, JSON-friendly views of book state: what callers and projections see. */
import { minorToDecimal } from '../money/decimalString.js';
import type { AccountState } from './bookState.js';
import { AccountFlag, accountFlagsToNames } from './flags.js';
import { normalSideOf, type Side } from './inputs.js';

/** An account with its balances as decimal strings of its ledger's asset. */
export interface AccountBalance {
  readonly id: string;
  readonly ledger: string;
  readonly code: number;
  readonly type: string;
  readonly normalSide: Side;
  readonly tenant: string;
  readonly metadata: Readonly<Record<string, string>>;
  readonly flags: readonly string[];
  readonly overdraftLimit: string;
  readonly closed: boolean;
  readonly debitsPending: string;
  readonly debitsPosted: string;
  readonly creditsPending: string;
  readonly creditsPosted: string;
  /** Posted balance on the normal side: credits - debits for liability/equity/income, else debits - credits. */
  readonly balance: string;
  /** What can still leave the account: balance minus pending outflows, plus the overdraft limit where guarded. */
  readonly available: string;
}

/** The four balance fields in minor units. */
export interface BalanceFields {
  readonly debitsPending: bigint;
  readonly debitsPosted: bigint;
  readonly creditsPending: bigint;
  readonly creditsPosted: bigint;
}

/** Posted balance on the account's normal side, in minor units. */
export const postedBalance = (side: Side, b: BalanceFields): bigint =>
  side === 'credit' ? b.creditsPosted - b.debitsPosted : b.debitsPosted - b.creditsPosted;

/** What the views need of an account: its parsed fields and balances (an `AccountState` will do). */
export type AccountFields = Pick<AccountState, 'id' | 'ledger' | 'code' | 'type' | 'tenant' | 'metadata' | 'flags' | 'overdraftLimit' | 'scale' | 'closed'> &
  BalanceFields;

/** Available balance in minor units (see {@link AccountBalance.available}). */
export const availableBalance = (account: AccountFields, b: BalanceFields = account): bigint => {
  const side = normalSideOf[account.type];
  const outflow = side === 'credit' ? b.debitsPending : b.creditsPending;
  const guard = side === 'credit' ? AccountFlag.debits_must_not_exceed_credits : AccountFlag.credits_must_not_exceed_debits;
  return postedBalance(side, b) - outflow + ((account.flags & guard) !== 0 ? account.overdraftLimit : 0n);
};

/** The JSON view of an account. */
export const accountBalanceOf = (account: AccountFields): AccountBalance => {
  const { scale } = account;
  const side = normalSideOf[account.type];
  return {
    id: account.id,
    ledger: account.ledger,
    code: account.code,
    type: account.type,
    normalSide: side,
    tenant: account.tenant,
    metadata: account.metadata,
    flags: accountFlagsToNames(account.flags),
    overdraftLimit: minorToDecimal(account.overdraftLimit, scale),
    closed: account.closed,
    debitsPending: minorToDecimal(account.debitsPending, scale),
    debitsPosted: minorToDecimal(account.debitsPosted, scale),
    creditsPending: minorToDecimal(account.creditsPending, scale),
    creditsPosted: minorToDecimal(account.creditsPosted, scale),
    balance: minorToDecimal(postedBalance(side, account), scale),
    available: minorToDecimal(availableBalance(account), scale),
  };
};
