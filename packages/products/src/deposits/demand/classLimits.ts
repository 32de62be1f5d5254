/**
 * PBoC personal account classes (银行账户分类): Class I is a full account; Class II and III are
 * electronic accounts bound to the customer's Class I account, with limits on money that does not
 * come from or go to that bound account.
 *
 * What is counted (the same for every class, each direction separately):
 * - money in: deposits from `cash` and from `unbound_account`;
 * - money out: withdrawals to `cash`, `unbound_account` and `spending` (also the payout of a close);
 * - never counted: movements with the bound Class I account and with the customer's own products
 *   at this bank (`internal`);
 * - never counted: movements with the bound Class I account, and interest credits.
 * Days and years are those of the value date. `maxBalance` caps the balance after a deposit of any
 * source (interest may still take it above: the bank cannot refuse to pay interest it owes).
 */
import { decimalToMinor, type Asset } from '@ecoledger/ledger';
import { dateParts, type BusinessDate } from '../../calendar/businessDate.js';
import { ProductsError, describeValue, type ProductsErrorCode } from '../../errors.js';
import { closedRecord, principalOf } from '../../interest/input.js';

/** A PBoC personal account class. */
export type AccountClass = 'I' | 'II' | 'III';

/** The account classes, for validation. */
export const ACCOUNT_CLASSES: readonly AccountClass[] = Object.freeze(['I', 'II', 'III']);

/** One class's limits in minor units; an absent limit is no limit. */
export interface ClassLimit {
  readonly dailyIn?: bigint;
  readonly yearlyIn?: bigint;
  readonly dailyOut?: bigint;
  readonly yearlyOut?: bigint;
  readonly maxBalance?: bigint;
}

/** The limits of every class. */
export type ClassLimits = { readonly [C in AccountClass]: ClassLimit };

type LimitName = keyof ClassLimit;
const LIMIT_NAMES: readonly LimitName[] = ['dailyIn', 'yearlyIn', 'dailyOut', 'yearlyOut', 'maxBalance'];

/** The default limits, in major units: PBoC Yinfa [2016] 261 and [2018] 16 as banks apply them. */
export const DEFAULT_CLASS_LIMITS: { readonly [C in AccountClass]: { readonly [L in LimitName]?: string } } = Object.freeze({
  I: {},
  II: { dailyIn: '10000', yearlyIn: '200000', dailyOut: '10000', yearlyOut: '200000' },
  III: { maxBalance: '2000', dailyIn: '2000', yearlyIn: '50000', dailyOut: '2000', yearlyOut: '50000' },
});

const toMinor = (limits: { readonly [L in LimitName]?: string }, asset: Asset): ClassLimit => {
  const out: { -readonly [L in LimitName]?: bigint } = {};
  for (const name of LIMIT_NAMES) {
    const text = limits[name];
    if (text !== undefined) out[name] = decimalToMinor(text, asset.scale);
  }
  return Object.freeze(out);
};

/**
 * Class limits from product data: `{ II: { dailyIn: "5000", ... } }`. A class that is given
 * replaces that class's defaults entirely (so a bank can lift a limit by leaving it out); classes
 * not given keep their defaults.
 * @throws ProductsError `class_limits_invalid`.
 */
export function classLimitsOf(input: unknown, asset: Asset): ClassLimits {
  const given = input === undefined ? {} : closedRecordOr(input, ACCOUNT_CLASSES, 'classLimits');
  const result: { -readonly [C in AccountClass]?: ClassLimit } = {};
  for (const accountClass of ACCOUNT_CLASSES) {
    const limits = given[accountClass];
    if (limits === undefined) {
      result[accountClass] = toMinor(DEFAULT_CLASS_LIMITS[accountClass], asset);
      continue;
    }
    const record = closedRecordOr(limits, LIMIT_NAMES, `classLimits.${accountClass}`);
    const out: { -readonly [L in LimitName]?: bigint } = {};
    for (const name of LIMIT_NAMES) {
      const value = record[name];
      if (value === undefined) continue;
      const field = `classLimits.${accountClass}.${name}`;
      if (typeof value !== 'string') throw new ProductsError('class_limits_invalid', describeValue(value), field);
      try {
        out[name] = principalOf(value, asset, field);
      } catch {
        throw new ProductsError('class_limits_invalid', describeValue(value), field);
      }
    }
    result[accountClass] = Object.freeze(out);
  }
  return Object.freeze(result as ClassLimits);
}

const closedRecordOr = (input: unknown, allowed: readonly string[], field: string): Readonly<Record<string, unknown>> => {
  try {
    return closedRecord(input, allowed);
  } catch {
    throw new ProductsError('class_limits_invalid', describeValue(input), field);
  }
};

/** Class-limit usage of the current day and year only (older periods can never matter again). */
export interface LimitCounters {
  readonly day: BusinessDate | undefined;
  readonly dayIn: bigint;
  readonly dayOut: bigint;
  readonly year: number | undefined;
  readonly yearIn: bigint;
  readonly yearOut: bigint;
}

/** No usage yet. */
export const NO_USAGE: LimitCounters = Object.freeze({ day: undefined, dayIn: 0n, dayOut: 0n, year: undefined, yearIn: 0n, yearOut: 0n });

/** The counters as they stand on `on`: a new day or year starts from zero. */
export const countersOn = (counters: LimitCounters, on: BusinessDate): LimitCounters => {
  const year = dateParts(on).year;
  const sameYear = counters.year === year;
  const sameDay = counters.day === on;
  return {
    day: on,
    dayIn: sameDay ? counters.dayIn : 0n,
    dayOut: sameDay ? counters.dayOut : 0n,
    year,
    yearIn: sameYear ? counters.yearIn : 0n,
    yearOut: sameYear ? counters.yearOut : 0n,
  };
};

/** One movement as the limits see it. */
export interface LimitedMovement {
  readonly on: BusinessDate;
  readonly direction: 'in' | 'out';
  readonly amount: bigint;
  /** False for movements with the bound account: they are never counted. */
  readonly counted: boolean;
  /** The balance after the movement (checked against `maxBalance` for money in). */
  readonly balanceAfter: bigint;
}

const CLASS_PREFIX: { readonly [C in AccountClass]: string } = { I: 'class_i', II: 'class_ii', III: 'class_iii' };

/** The counters after a movement. */
export const countMovement = (counters: LimitCounters, movement: LimitedMovement): LimitCounters => {
  const now = countersOn(counters, movement.on);
  if (!movement.counted) return now;
  return movement.direction === 'in'
    ? { ...now, dayIn: now.dayIn + movement.amount, yearIn: now.yearIn + movement.amount }
    : { ...now, dayOut: now.dayOut + movement.amount, yearOut: now.yearOut + movement.amount };
};

/** The first limit the movement would break (balance, then daily, then yearly), or undefined. */
export function classLimitBreach(limits: ClassLimits, accountClass: AccountClass, counters: LimitCounters, movement: LimitedMovement): ProductsErrorCode | undefined {
  const limit = limits[accountClass];
  const prefix = CLASS_PREFIX[accountClass];
  if (movement.direction === 'in' && limit.maxBalance !== undefined && movement.balanceAfter > limit.maxBalance) {
    return `${prefix}_balance_limit_exceeded` as ProductsErrorCode;
  }
  if (!movement.counted) return undefined;
  const after = countMovement(counters, movement);
  const [daily, yearly, dayUsed, yearUsed] =
    movement.direction === 'in' ? [limit.dailyIn, limit.yearlyIn, after.dayIn, after.yearIn] : [limit.dailyOut, limit.yearlyOut, after.dayOut, after.yearOut];
  if (daily !== undefined && dayUsed > daily) return `${prefix}_daily_${movement.direction}_limit_exceeded` as ProductsErrorCode;
  if (yearly !== undefined && yearUsed > yearly) return `${prefix}_yearly_${movement.direction}_limit_exceeded` as ProductsErrorCode;
  return undefined;
}

/** Whether a movement with this counterparty counts against class limits (see the module comment). */
export const isCountedCounterparty = (counterparty: string): boolean => counterparty !== 'bound_account' && counterparty !== 'internal';
