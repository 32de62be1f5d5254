/**
 * Daily interest of a demand account, exact until it is credited.
 *
 * Each calendar day earns `end-of-day balance × that day's posted rate ÷ 100 × weight ÷ basis`,
 * kept as an exact fraction of minor units: ACT/365 and ACT/360 weigh every day 1; 30/360 weighs a
 * day by the bond-basis days from it to the next day (the 30th of a 31-day month weighs 0, the
 * last day of February 3, or 2 in a leap year), so that accrual stays additive day by day. Because nothing is rounded
 * before the credit, accruing day by day, in any split, equals accruing a period at once.
 *
 * The period's exact interest is rounded ONCE, with the product's mode, when credited (on a
 * posting date, or at close). Under the accrual basis the ledger must still book interest expense
 * daily in whole fen: each accrual event carries `ledgerAmount`, the rounded cumulative interest
 * minus what earlier accruals of the period already sent. Rounding is monotone, so these amounts
 * are never negative, and they sum exactly to the rounded interest that is credited.
 *
 * Negative balances (possible only if the ledger refused a debit the aggregate allowed, which the
 * handler never records) earn nothing.
 */
import { MAX_MINOR, decimalToMinor, minorToDecimal } from '@ecoledger/ledger';
import { addDays, daysBetween, type BusinessDate } from '../../calendar/businessDate.js';
import { isInterestPostingDate } from '../../calendar/postingSchedule.js';
import { days30360 } from '../../calendar/dayCount.js';
import { ProductsError } from '../../errors.js';
import type { InterestSegment, RoundingStep } from '../../interest/accrue.js';
import { RATE_DENOMINATOR, rateOf } from '../../interest/input.js';
import { addRatio, ratio, ratioToDecimal, roundRatio, type Ratio } from '../../interest/ratio.js';
import { MAX_ACCRUAL_DAYS } from '../../limits.js';
import { rateOn } from '../../rates/rateTable.js';
import type { DemandDepositEvent, InterestAccruedData, InterestPostedData } from './events.js';
import type { DemandDepositProduct } from './product.js';
import type { AccrualState } from './state.js';

const basisOf = (product: DemandDepositProduct): bigint => (product.dayCount === 'ACT/365' ? 365n : 360n);
const weightOf = (product: DemandDepositProduct, day: BusinessDate): number => (product.dayCount === '30/360' ? days30360(day, addDays(day, 1)) : 1);

/** The end-of-day balance of `day`, a day after `lastAccrued`. */
export const balanceOn = (accrual: AccrualState, day: BusinessDate): bigint => {
  let balance = accrual.baseBalance;
  for (const change of accrual.changes) {
    if (change.on > day) break;
    balance = change.balance;
  }
  return balance;
};

/** The accrual state after the balance moves by `delta` with value date `on`. */
export const withBalanceDelta = (accrual: AccrualState, on: BusinessDate, delta: bigint): AccrualState => {
  // A credit on a day already accrued (interest on its posting date) counts from the next day on.
  const base = accrual.lastAccrued !== undefined && on <= accrual.lastAccrued ? accrual.baseBalance + delta : accrual.baseBalance;
  const changes = accrual.changes.map((c) => (c.on >= on ? { on: c.on, balance: c.balance + delta } : c));
  if ((accrual.lastAccrued === undefined || on > accrual.lastAccrued) && !changes.some((c) => c.on === on)) {
    const index = changes.findIndex((c) => c.on > on);
    const entry = { on, balance: balanceOn(accrual, on) + delta };
    if (index === -1) changes.push(entry);
    else changes.splice(index, 0, entry);
  }
  return { ...accrual, baseBalance: base, changes };
};

const segmentOf = (product: DemandDepositProduct, from: BusinessDate, to: BusinessDate, days: number, balance: bigint, rate: string): { segment: InterestSegment; raw: Ratio } => {
  const basis = basisOf(product);
  const earning = balance > 0n ? balance : 0n;
  const raw = ratio(earning * rateOf(rate) * BigInt(days), RATE_DENOMINATOR * basis);
  const { scale } = product.asset;
  return {
    raw,
    segment: {
      from,
      to,
      days,
      balance: minorToDecimal(earning, scale),
      rate,
      dayCount: product.dayCount,
      yearFraction: `${days}/${basis}`,
      rawInterest: ratioToDecimal(raw, scale, product.rounding),
    },
  };
};

const merge = (product: DemandDepositProduct, segments: readonly InterestSegment[], next: InterestSegment): InterestSegment[] => {
  const last = segments[segments.length - 1];
  if (last === undefined || last.to !== next.from || last.balance !== next.balance || last.rate !== next.rate) return [...segments, next];
  const balance = decimalToMinor(last.balance, product.asset.scale);
  const merged = segmentOf(product, last.from as BusinessDate, next.to as BusinessDate, last.days + next.days, balance, last.rate).segment;
  return [...segments.slice(0, -1), merged];
};

const roundingOfRatio = (product: DemandDepositProduct, value: Ratio): { step: RoundingStep; rounded: bigint } => {
  const rounded = roundRatio(value, product.rounding);
  if (rounded > MAX_MINOR) throw new ProductsError('amount_out_of_range', 'accrued interest');
  const { scale } = product.asset;
  return { rounded, step: { mode: product.rounding, raw: ratioToDecimal(value, scale, product.rounding), rounded: minorToDecimal(rounded, scale) } };
};

/** The accrual state after an `InterestAccrued` event. */
export const afterAccrued = (product: DemandDepositProduct, accrual: AccrualState, data: InterestAccruedData): AccrualState => {
  const through = data.through as BusinessDate;
  return {
    lastAccrued: through,
    baseBalance: balanceOn(accrual, through),
    changes: accrual.changes.filter((c) => c.on > through),
    periodStart: accrual.periodStart ?? (data.from as BusinessDate),
    periodInterest: ratio(BigInt(data.periodInterest.num), BigInt(data.periodInterest.den)),
    postedToLedger: decimalToMinor(data.rounding.rounded, product.asset.scale),
    periodSegments: data.segments.reduce<InterestSegment[]>((all, s) => merge(product, all, s as InterestSegment), [...accrual.periodSegments]),
  };
};

/** The accrual state after an `InterestPosted` event: a new period starts the day after the last accrued day. */
export const afterPosted = (product: DemandDepositProduct, accrual: AccrualState, data: InterestPostedData): AccrualState => {
  const credited = withBalanceDelta(accrual, data.on as BusinessDate, decimalToMinor(data.net, product.asset.scale));
  return {
    ...credited,
    periodStart: addDays(data.periodThrough as BusinessDate, 1),
    periodInterest: ratio(0n),
    postedToLedger: 0n,
    periodSegments: [],
  };
};

/**
 * The credit of the period's interest on `on`, or nothing when no day of the period is accrued.
 * Gross = the period's exact interest rounded once; tax = gross × withholding % rounded with the
 * same mode; net = gross − tax is credited to the customer.
 */
export function interestPosting(product: DemandDepositProduct, contractId: string, accrual: AccrualState, on: BusinessDate): DemandDepositEvent | undefined {
  if (accrual.periodSegments.length === 0 || accrual.periodStart === undefined || accrual.lastAccrued === undefined) return undefined;
  const { scale } = product.asset;
  const { step, rounded: gross } = roundingOfRatio(product, accrual.periodInterest);
  const percent = product.withholdingTaxPercent;
  const taxRatio = percent === undefined ? ratio(0n) : ratio(gross * rateOf(percent), RATE_DENOMINATOR);
  const tax = roundRatio(taxRatio, product.rounding);
  const data: InterestPostedData = {
    contractId,
    on,
    periodFrom: accrual.periodStart,
    periodThrough: accrual.lastAccrued,
    segments: [...accrual.periodSegments],
    rounding: step,
    gross: minorToDecimal(gross, scale),
    tax: minorToDecimal(tax, scale),
    net: minorToDecimal(gross - tax, scale),
    ...(percent === undefined
      ? {}
      : { taxPercent: percent, taxRounding: { mode: product.rounding, raw: ratioToDecimal(taxRatio, scale, product.rounding), rounded: minorToDecimal(tax, scale) } }),
  };
  return { type: 'InterestPosted', data };
}

/**
 * The events of accruing every day after `lastAccrued` through `through`: one `InterestAccrued`
 * per stretch between posting dates, and an `InterestPosted` on each posting date reached (so a
 * missed close of business still credits interest on the posting date itself).
 * @throws ProductsError `accrual_span_too_long`, `rate_not_posted`, `amount_out_of_range`.
 */
export function accrueThrough(product: DemandDepositProduct, contractId: string, start: AccrualState, through: BusinessDate): DemandDepositEvent[] {
  if (start.lastAccrued === undefined || through <= start.lastAccrued) return [];
  const span = daysBetween(start.lastAccrued, through);
  if (span > MAX_ACCRUAL_DAYS) throw new ProductsError('accrual_span_too_long', `${span} days after ${start.lastAccrued}`, 'through');
  const events: DemandDepositEvent[] = [];
  let accrual = start;
  let from = addDays(start.lastAccrued, 1);
  let segments: InterestSegment[] = [];
  let total = accrual.periodInterest;
  let group: { from: BusinessDate; days: number; balance: bigint; rate: string } | undefined;

  const closeGroup = (to: BusinessDate): void => {
    if (group === undefined) return;
    const { segment, raw } = segmentOf(product, group.from, to, group.days, group.balance, group.rate);
    segments.push(segment);
    total = addRatio(total, raw);
    group = undefined;
  };
  // `advance`: whether the days after `last` are accrued in this call too (the final stretch's state
  // is the decider's `evolve` to compute, not this loop's).
  const emitAccrued = (last: BusinessDate, advance: boolean): void => {
    closeGroup(addDays(last, 1));
    const { step, rounded } = roundingOfRatio(product, total);
    const data: InterestAccruedData = {
      contractId,
      from,
      through: last,
      segments,
      periodInterest: { num: total.num.toString(), den: total.den.toString() },
      rounding: step,
      ledgerAmount: minorToDecimal(rounded - accrual.postedToLedger, product.asset.scale),
    };
    events.push({ type: 'InterestAccrued', data });
    if (advance) accrual = afterAccrued(product, accrual, data);
    segments = [];
  };

  for (let day = from; day <= through; day = addDays(day, 1)) {
    const balance = balanceOn(accrual, day);
    const rate = rateOn(product.rates, day);
    if (group !== undefined && (group.balance !== balance || group.rate !== rate)) closeGroup(day);
    if (group === undefined) group = { from: day, days: 0, balance, rate };
    group.days += weightOf(product, day);
    if (isInterestPostingDate(product.postingSchedule, day)) {
      emitAccrued(day, true);
      const posted = interestPosting(product, contractId, accrual, day);
      if (posted !== undefined && posted.type === 'InterestPosted') {
        events.push(posted);
        accrual = afterPosted(product, accrual, posted.data);
      }
      total = accrual.periodInterest;
      from = addDays(day, 1);
    }
  }
  if (from <= through) emitAccrued(through, false);
  return events;
}
