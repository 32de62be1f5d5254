/**
 * The state of a demand-deposit account, rebuilt by folding its events. The balance agrees with the
 * customer's ledger account by construction: every event that changes it posts exactly that
 * change to the ledger (see postingRules.ts).
 */
import type { BusinessDate } from '../../calendar/businessDate.js';
import type { InterestSegment } from '../../interest/accrue.js';
import type { Ratio } from '../../interest/ratio.js';
import { NO_USAGE, type AccountClass, type LimitCounters } from './classLimits.js';

/** The end-of-day balance from `on` onwards (until the next change). */
export interface BalanceChange {
  readonly on: BusinessDate;
  readonly balance: bigint;
}

/** A judicial freeze in force: of `amount`, or of the whole account when `amount` is undefined. */
export interface FreezeInForce {
  readonly freezeId: string;
  readonly amount: bigint | undefined;
}

/** Where interest stands: what is accrued, on which balances, and what the ledger has received. */
export interface AccrualState {
  /** The last day whose interest is accrued; the day before opening until the first close of business. */
  readonly lastAccrued: BusinessDate | undefined;
  /** The end-of-day balance of `lastAccrued`. */
  readonly baseBalance: bigint;
  /**
   * Balance changes with value dates after `lastAccrued`, in date order (one per date), so that
   * days without a close of business still accrue on their own end-of-day balance.
   */
  readonly changes: readonly BalanceChange[];
  /** First day of the interest period not yet credited. */
  readonly periodStart: BusinessDate | undefined;
  /** The period's exact interest so far, in minor units: rounded once, when credited. */
  readonly periodInterest: Ratio;
  /** The rounded period interest already sent to the ledger under the accrual basis (minor units). */
  readonly postedToLedger: bigint;
  /** The period's explanation, merged where balance and rate stay the same. */
  readonly periodSegments: readonly InterestSegment[];
}

/** The whole account. */
export interface DemandDepositState {
  readonly status: 'unopened' | 'open' | 'closed';
  readonly contractId: string | undefined;
  readonly accountClass: AccountClass | undefined;
  readonly boundAccountId: string | undefined;
  /** The balance in minor units: the customer's ledger account balance. */
  readonly balance: bigint;
  /** The latest value date of a movement: value dates never go backwards. */
  readonly lastActivity: BusinessDate | undefined;
  readonly freezes: readonly FreezeInForce[];
  /** Class-limit usage of the current day and year. */
  readonly usage: LimitCounters;
  readonly accrual: AccrualState;
}

/** Before `Open`. */
export const initialDemandDepositState = (): DemandDepositState => ({
  status: 'unopened',
  contractId: undefined,
  accountClass: undefined,
  boundAccountId: undefined,
  balance: 0n,
  lastActivity: undefined,
  freezes: [],
  usage: NO_USAGE,
  accrual: {
    lastAccrued: undefined,
    baseBalance: 0n,
    changes: [],
    periodStart: undefined,
    periodInterest: { num: 0n, den: 1n },
    postedToLedger: 0n,
    periodSegments: [],
  },
});

/** The total of the amount freezes (whole-account freezes are checked separately). */
export const frozenAmount = (state: DemandDepositState): bigint => state.freezes.reduce((sum, f) => sum + (f.amount ?? 0n), 0n);
