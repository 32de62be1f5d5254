import { MAX_MINOR, minorToDecimal, type RoundingMode } from '@ecoledger/ledger';
import type { BusinessDate } from '../../calendar/businessDate.js';
import { ProductsError } from '../../errors.js';
import type { RoundingStep } from '../../interest/accrue.js';
import { ratioToDecimal, roundRatio } from '../../interest/ratio.js';
import { SCHEDULE_EXTRA_PLACES } from '../../limits.js';
import { amortize, type AmortizedPeriod, type PlanPeriod, type PrincipalRule } from './amortize.js';
import { bulletPeriods } from './bullet.js';
import { installmentPeriods, periodsPerYear, type RepaymentFrequency } from './dueDates.js';
import { equalInstallmentRule, equalPayment } from './equalInstallment.js';
import { equalPrincipalPart, equalPrincipalRule } from './equalPrincipal.js';
import { interestOnlyRule } from './interestOnly.js';
import { periodFraction } from './periodInterest.js';
import { scheduleTermsOf, type ScheduleDayCount, type ScheduleInput, type ScheduleMethod, type ScheduleTerms, type TotalsPolicy } from './scheduleInput.js';

/** One stretch of interest of an installment: everything needed to recompute it by hand. */
export interface ScheduleInterestSegment {
  readonly from: BusinessDate;
  readonly to: BusinessDate;
  /** The days the day count counts (30/360: 30-day months; otherwise actual days). */
  readonly days: number;
  /** The balance the interest runs on. */
  readonly balance: string;
  /** Annual rate in percent, as given. */
  readonly rate: string;
  readonly dayCount: ScheduleDayCount;
  /** The exact year fraction: "1/12" (periodic), "31/365", "31/365+59/366". */
  readonly yearFraction: string;
  /** balance × rate ÷ 100 × yearFraction, unrounded (exact, or to 60 significant digits). */
  readonly rawInterest: string;
}

/** One installment, amounts as decimal strings of the asset. */
export interface ScheduleInstallment {
  /** 1 for the first installment. */
  readonly period: number;
  readonly dueDate: BusinessDate;
  readonly principal: string;
  /** Interest due with this installment (with any interest deferred by an interest grace). */
  readonly interest: string;
  /** principal + interest. */
  readonly payment: string;
  /** The principal outstanding after this installment. */
  readonly balance: string;
  /** Interest accrued but deferred by an interest grace, outstanding after this installment. */
  readonly deferredInterest: string;
  /** The interest accrued in the period, and its one rounding step. */
  readonly accrual: { readonly segment: ScheduleInterestSegment; readonly rounding: RoundingStep };
}

/** A repayment schedule with its totals and the policy they follow. */
export interface Schedule {
  readonly method: ScheduleMethod;
  readonly frequency: RepaymentFrequency;
  readonly dayCount: ScheduleDayCount;
  /** The equal installment (等额本息) or equal principal part (等额本金), as rounded; absent otherwise. */
  readonly scheduledAmount?: string;
  readonly installments: readonly ScheduleInstallment[];
  readonly totalInterest: string;
  readonly totalPayment: string;
  readonly rounding: { readonly mode: RoundingMode; readonly residue: 'last'; readonly totals: TotalsPolicy };
}

const planPeriodsOf = (terms: ScheduleTerms): PlanPeriod[] => {
  const periods = installmentPeriods(terms.start, terms.periods, terms.frequency, terms.firstDueDate);
  if (terms.method === 'bullet') return bulletPeriods(periods, terms.dayCount, terms.frequency);
  return periods.map((p) => ({ ...p, fraction: periodFraction(p, terms.dayCount, terms.frequency) }));
};

/** The method's principal rule, and its scheduled amount, for a principal in some unit. */
const ruleOf = (terms: ScheduleTerms, principal: bigint, mode: RoundingMode): { rule: PrincipalRule; amount?: bigint } => {
  const amortizing = terms.periods - terms.principalGrace;
  switch (terms.method) {
    case 'equal-installment': {
      const amount = equalPayment(principal, terms.rateUnits, periodsPerYear(terms.frequency), amortizing, mode);
      return { rule: equalInstallmentRule(amount, terms.principalGrace), amount };
    }
    case 'equal-principal': {
      const amount = equalPrincipalPart(principal, amortizing, mode);
      return { rule: equalPrincipalRule(amount, terms.principalGrace), amount };
    }
    case 'interest-only':
    case 'bullet':
      return { rule: interestOnlyRule };
  }
};

const run = (terms: ScheduleTerms, periods: readonly PlanPeriod[], principal: bigint, mode: RoundingMode): { rows: AmortizedPeriod[]; amount?: bigint } => {
  const { rule, amount } = ruleOf(terms, principal, mode);
  const rows = amortize({ principal, rateUnits: terms.rateUnits, periods, interestGrace: terms.interestGrace, mode, principalPart: rule });
  return { rows, ...(amount === undefined ? {} : { amount }) };
};

/**
 * The total interest with the unrounded payment: the same schedule carried to
 * SCHEDULE_EXTRA_PLACES beyond the minor unit (half-even), its interest rounded once with `mode`.
 */
const unroundedInterest = (terms: ScheduleTerms, periods: readonly PlanPeriod[]): bigint => {
  const unit = 10n ** BigInt(SCHEDULE_EXTRA_PLACES);
  const { rows } = run(terms, periods, terms.principal * unit, 'half-even');
  return roundRatio({ num: rows.reduce((sum, r) => sum + r.interestDue, 0n), den: unit }, terms.mode);
};

/**
 * A loan's repayment schedule: equal installment (等额本息), equal principal (等额本金),
 * interest-only or bullet; monthly, fortnightly or weekly due dates from the start (month-end rule);
 * interest per period under the day count, rounded once per period with the named mode; grace on
 * principal and on interest; the last installment absorbs the residue, so the principal parts sum
 * exactly to the loan. Known answer: 1,000,000 at 4.9 % over 360 months is 5,307.27 a month.
 * @throws ProductsError for any bad input (codes in `productsErrorMessages`), or
 *   `amount_out_of_range` when a total exceeds the ledger's range.
 */
export function generateSchedule(input: ScheduleInput): Schedule {
  const terms = scheduleTermsOf(input);
  const { scale } = terms.asset;
  const show = (minor: bigint): string => minorToDecimal(minor, scale);
  const periods = planPeriodsOf(terms);
  const { rows, amount } = run(terms, periods, terms.principal, terms.mode);
  const roundedInterest = rows.reduce((sum, r) => sum + r.interestDue, 0n);
  const totalInterest = terms.totals === 'rounded' ? roundedInterest : unroundedInterest(terms, periods);
  // A schedule the ledger could never post is refused rather than shown.
  if (terms.principal + totalInterest > MAX_MINOR || terms.principal + roundedInterest > MAX_MINOR) {
    throw new ProductsError('amount_out_of_range', `interest of ${terms.periods} periods`);
  }
  const installments = rows.map((r, index): ScheduleInstallment => {
    const raw = ratioToDecimal(r.rawInterest, scale, terms.mode);
    return {
      period: index + 1,
      dueDate: r.period.to,
      principal: show(r.principal),
      interest: show(r.interestDue),
      payment: show(r.principal + r.interestDue),
      balance: show(r.closingBalance),
      deferredInterest: show(r.deferred),
      accrual: {
        segment: {
          from: r.period.from,
          to: r.period.to,
          days: r.period.fraction.days,
          balance: show(r.openingBalance),
          rate: terms.rateText,
          dayCount: terms.dayCount,
          yearFraction: r.period.fraction.text,
          rawInterest: raw,
        },
        rounding: { mode: terms.mode, raw, rounded: show(r.accrued) },
      },
    };
  });
  return {
    method: terms.method,
    frequency: terms.frequency,
    dayCount: terms.dayCount,
    ...(amount === undefined ? {} : { scheduledAmount: show(amount) }),
    installments,
    totalInterest: show(totalInterest),
    totalPayment: show(terms.principal + totalInterest),
    rounding: { mode: terms.mode, residue: 'last', totals: terms.totals },
  };
}
