/**
 * Daily accrual of a loan, exact until booked, explainable per segment.
 *
 * Contract interest runs on the principal not yet billed, day by day at the contract rate of the
 * day (re-priced on reset dates) under the product's day count. Penalty interest (罚息) runs on
 * principal billed and unpaid more than the grace days after its due date and, when the product
 * says so, compound interest (复利) on interest billed and unpaid as long, both at the contract
 * rate × (1 + uplift): the rule of `delinquencyInterest`. Each of the three is its own event with
 * its own segments, kept as an exact fraction of minor units; each accrual event books
 * the rounded cumulative minus what was already booked (round once, cumulatively), so the booked
 * fen sum exactly to the rounded totals.
 *
 * Billing: at the end of the day before a due date, the period's interest is complete; its rounded
 * total (exactly what the ledger received) and the planned principal fall due, and a new period
 * starts on the due date. A product that applies held credit pays what is due on that date from it.
 */
import { MAX_MINOR } from '@ecoledger/ledger';
import { addDays, daysBetween, type BusinessDate } from '../../calendar/businessDate.js';
import { formatYearFraction, yearFraction } from '../../calendar/dayCount.js';
import { ProductsError } from '../../errors.js';
import { interestRatio, type InterestSegment } from '../../interest/accrue.js';
import { RATE_DENOMINATOR, rateOf } from '../../interest/input.js';
import { addRatio, ratio, ratioToDecimal, roundRatio, type Ratio } from '../../interest/ratio.js';
import { MAX_ACCRUAL_DAYS } from '../../limits.js';
import { rateOn } from '../../rates/rateTable.js';
import { penaltyRateText, upliftFactor, upliftOf } from '../delinquency/penaltyRate.js';
import { allocateOnLoan } from './allocation.js';
import { textOf, type LoanContext } from './context.js';
import type { LoanEvent } from './events.js';
import { evolveLoan } from './evolve.js';
import { unpaidOf, type LoanState } from './state.js';

interface Group {
  from: BusinessDate;
  to: BusinessDate;
  balance: bigint;
  rate: string;
  rateText: string;
  raw: Ratio;
}

const grow = (groups: Group[], day: BusinessDate, balance: bigint, rate: string, rateText: string, raw: Ratio): void => {
  const last = groups[groups.length - 1];
  const next = addDays(day, 1);
  if (last !== undefined && last.to === day && last.balance === balance && last.rate === rate) {
    last.to = next;
    last.raw = addRatio(last.raw, raw);
  } else groups.push({ from: day, to: next, balance, rate, rateText, raw });
};

const segmentsOf = (context: LoanContext, groups: readonly Group[]): InterestSegment[] => {
  const { dayCount, rounding } = context.product;
  return groups.map((g) => {
    const fraction = yearFraction(g.from, g.to, dayCount);
    return { from: g.from, to: g.to, days: fraction.days, balance: textOf(context, g.balance), rate: g.rateText, dayCount, yearFraction: formatYearFraction(fraction), rawInterest: ratioToDecimal(g.raw, context.product.asset.scale, rounding) };
  });
};

/** Principal and interest billed, unpaid and beyond the grace days on `day`. */
const overdueOn = (context: LoanContext, state: LoanState, day: BusinessDate): { principal: bigint; interest: bigint } => {
  let principal = 0n;
  let interest = 0n;
  for (const i of state.installments) {
    if (!i.billed || daysBetween(i.dueDate, day) <= context.product.gracePeriods.overdueDays) continue;
    const u = unpaidOf(i);
    principal += u.principal;
    interest += u.interest;
  }
  return { principal, interest: context.product.compoundOverdueInterest ? interest : 0n };
};

/**
 * The events of accruing every day after `lastAccrued` through `through`: `InterestAccrued` (always
 * one at the end, so the accrued date moves even on a loan that owes no interest), `PenaltyAccrued`
 * for stretches with overdue principal, `CompoundInterestAccrued` for stretches with overdue
 * interest (products with compound interest), and `InstallmentBilled` at each due date reached.
 * @throws ProductsError `accrual_span_too_long`, `rate_not_posted`, `amount_out_of_range`.
 */
export function accrueThrough(context: LoanContext, start: LoanState, through: BusinessDate): LoanEvent[] {
  if (start.status !== 'active' || start.lastAccrued === undefined || through <= start.lastAccrued) return [];
  const span = daysBetween(start.lastAccrued, through);
  if (span > MAX_ACCRUAL_DAYS) throw new ProductsError('accrual_span_too_long', `${span} days after ${start.lastAccrued}`, 'through');
  const { product } = context;
  const contractId = start.contractId!;
  const scale = product.asset.scale;
  const uplift = upliftOf(product.penaltyUpliftPercent);
  const factor = upliftFactor(uplift);
  const events: LoanEvent[] = [];
  let state = start;
  const emit = (event: LoanEvent): void => {
    events.push(event);
    state = evolveLoan(context)(state, event);
  };
  let from = addDays(start.lastAccrued, 1);
  let interest: Group[] = [];
  let penalty: Group[] = [];
  let compound: Group[] = [];
  let interestTotal = state.periodInterest;
  let penaltyTotal = state.penaltyInterest;
  let compoundTotal = state.compoundInterest;

  const booked = (total: Ratio, already: bigint, field: string) => {
    const rounded = roundRatio(total, product.rounding);
    if (rounded > MAX_MINOR) throw new ProductsError('amount_out_of_range', field);
    return { rounding: { mode: product.rounding, raw: ratioToDecimal(total, scale, product.rounding), rounded: textOf(context, rounded) }, ledgerAmount: textOf(context, rounded - already) };
  };
  const flush = (last: BusinessDate): void => {
    const exact = (r: Ratio) => ({ num: r.num.toString(), den: r.den.toString() });
    if (penalty.length > 0) {
      const b = booked(penaltyTotal, state.penaltyBooked, 'penalty interest');
      emit({ type: 'PenaltyAccrued', data: { contractId, from, through: last, segments: segmentsOf(context, penalty), exact: exact(penaltyTotal), ...b, offBalanceSheet: state.nonAccrual } });
    }
    if (compound.length > 0) {
      const b = booked(compoundTotal, state.compoundBooked, 'compound interest');
      emit({ type: 'CompoundInterestAccrued', data: { contractId, from, through: last, segments: segmentsOf(context, compound), exact: exact(compoundTotal), ...b, offBalanceSheet: state.nonAccrual } });
    }
    const b = booked(interestTotal, state.periodBooked, 'accrued interest');
    emit({ type: 'InterestAccrued', data: { contractId, from, through: last, segments: segmentsOf(context, interest), exact: exact(interestTotal), ...b, offBalanceSheet: state.nonAccrual } });
    from = addDays(last, 1);
    interest = [];
    penalty = [];
    compound = [];
  };

  for (let day = from; day <= through; day = addDays(day, 1)) {
    const rate = rateOn(state.rates, day);
    const units = rateOf(rate);
    const fraction = yearFraction(day, addDays(day, 1), product.dayCount);
    if (state.currentPrincipal > 0n) {
      const raw = interestRatio(ratio(state.currentPrincipal), units, fraction);
      interestTotal = addRatio(interestTotal, raw);
      grow(interest, day, state.currentPrincipal, rate, rate, raw);
    }
    const overdue = overdueOn(context, state, day);
    const penaltyRate = penaltyRateText(units, uplift);
    if (overdue.principal > 0n) {
      const raw = interestRatio({ num: overdue.principal * factor, den: RATE_DENOMINATOR }, units, fraction);
      penaltyTotal = addRatio(penaltyTotal, raw);
      grow(penalty, day, overdue.principal, rate, penaltyRate, raw);
    }
    if (overdue.interest > 0n) {
      const raw = interestRatio({ num: overdue.interest * factor, den: RATE_DENOMINATOR }, units, fraction);
      compoundTotal = addRatio(compoundTotal, raw);
      grow(compound, day, overdue.interest, rate, penaltyRate, raw);
    }
    const next = state.installments.find((i) => !i.billed);
    if (next !== undefined && addDays(day, 1) === next.dueDate) {
      flush(day);
      const isLast = next.period === state.installments[state.installments.length - 1]!.period;
      const principal = isLast || next.plannedPrincipal > state.currentPrincipal ? state.currentPrincipal : next.plannedPrincipal;
      emit({ type: 'InstallmentBilled', data: { contractId, period: next.period, dueDate: next.dueDate, principal: textOf(context, principal), interest: textOf(context, state.periodBooked) } });
      interestTotal = state.periodInterest;
      if (product.applyHeldCredit && state.credit > 0n) {
        const { data, allocated } = allocateOnLoan(context, state, state.credit, next.dueDate, 'due');
        if (allocated > 0n) emit({ type: 'CreditApplied', data: { contractId, amount: textOf(context, allocated), on: next.dueDate, allocation: data } });
      }
    }
  }
  if (from <= through) flush(through);
  return events;
}
