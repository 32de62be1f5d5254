/**
 * The state of a time deposit, folded from its events. Amounts are bigint minor units of the
 * product's asset; the events carry them as decimal strings.
 */
import type { BusinessDate } from '../../calendar/businessDate.js';
import type { MaturityInstruction } from './commands.js';

/** Who and what the contract is: fixed at placement. */
export interface TimeDepositContract {
  readonly contractId: string;
  readonly customerId: string;
  readonly maturityInstruction: MaturityInstruction;
}

/** The current term: a placement, or a rollover of the previous term. */
export interface TimeDepositTermState {
  /** 1 for the placement, +1 per rollover. */
  readonly number: number;
  readonly start: BusinessDate;
  readonly months: number;
  /** Contracted rate of the term, percent a year: never changed by later rate postings. */
  readonly rate: string;
  readonly maturityDate: BusinessDate;
  /** Principal still at the contracted rate (less any partial withdrawals). */
  readonly principal: bigint;
  readonly partialWithdrawals: number;
  /** Accrual basis: interest accrued on `principal` from `start` to `accruedTo` (exclusive), as posted. */
  readonly accruedTo: BusinessDate;
  readonly accrued: bigint;
}

/** How a closed deposit ended. */
export type TimeDepositClosure = 'maturity' | 'early_withdrawal' | 'withdrawal_after_maturity';

/**
 * `none` before placement; `active` during a term; `held` after maturity under `hold_at_maturity`
 * (principal and net interest stay in the deposit account, earning the demand rate until
 * withdrawn); `closed` once the money has left.
 */
export type TimeDepositState =
  | { readonly status: 'none' }
  | { readonly status: 'active'; readonly contract: TimeDepositContract; readonly term: TimeDepositTermState }
  | { readonly status: 'held'; readonly contract: TimeDepositContract; readonly term: TimeDepositTermState; readonly balance: bigint; readonly since: BusinessDate }
  | { readonly status: 'closed'; readonly contract: TimeDepositContract; readonly term: TimeDepositTermState; readonly closedBy: TimeDepositClosure; readonly on: BusinessDate };

/** The state before any event. */
export const initialTimeDepositState = (): TimeDepositState => ({ status: 'none' });

/** The money the deposit account holds in this state (principal while active, principal and interest while held). */
export const depositBalance = (state: TimeDepositState): bigint =>
  state.status === 'active' ? state.term.principal : state.status === 'held' ? state.balance : 0n;
