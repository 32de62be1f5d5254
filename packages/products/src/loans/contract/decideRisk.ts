/**
 * Close of business and credit risk: daily accrual, then the assessment of a date (days past due,
 * five-tier class, the accrual switch of non-performing loans, the provision the class needs),
 * write-off against the allowance and recoveries of written-off money.
 */
import { decimalToMinor } from '@ecoledger/ledger';
import { ProductsError } from '../../errors.js';
import { classifyLoan } from '../classification/classifyLoan.js';
import { isNonPerforming, rankOf } from '../classification/riskClass.js';
import { daysPastDue } from '../delinquency/daysPastDue.js';
import { provisionFor } from '../provisioning/provisionFor.js';
import { recoverWrittenOff, writeOff } from '../provisioning/writeOff.js';
import { accrueThrough } from './accrual.js';
import type { ParsedLoanCommand } from './commands.js';
import { textOf, type LoanContext } from './context.js';
import { observationOn } from './arrears.js';
import { lateFeeEvents } from './decideFees.js';
import type { LoanClassifiedData, LoanEvent } from './events.js';
import { evolveLoan } from './evolve.js';
import { requireStatus } from './guards.js';
import { totalOwed, unpaidOf, type LoanState } from './state.js';

type Cmd<T extends ParsedLoanCommand['type']> = Extract<ParsedLoanCommand, { type: T }>;

/** Accrues interest and penalty through the date, billing due dates reached. */
export const decideAccrue = (context: LoanContext, state: LoanState, c: Cmd<'AccrueInterest'>): LoanEvent[] => {
  requireStatus(state, 'active');
  return accrueThrough(context, state, c.through);
};

/** Events recorded one by one, each folded into the running state. */
const recorder = (context: LoanContext, state: LoanState) => {
  const events: LoanEvent[] = [];
  const run = {
    events,
    now: state,
    emit: (event: LoanEvent): void => {
      events.push(event);
      run.now = evolveLoan(context)(run.now, event);
    },
  };
  return run;
};

/** Days past due of the billed installments on `on`. */
const daysPastDueOn = (context: LoanContext, state: LoanState, on: string): number => {
  const t = (minor: bigint): string => textOf(context, minor);
  const billed = state.installments.filter((i) => i.billed);
  return daysPastDue({ asOf: on, asset: context.product.asset, installments: billed.map((i) => ({ dueDate: i.dueDate, unpaid: t(unpaidOf(i).principal + unpaidOf(i).interest) })) }).daysPastDue;
};

/** What a class implies on `on`: the accrual switch of non-performing loans and the provision the class needs. */
const followClass = (context: LoanContext, run: ReturnType<typeof recorder>, contractId: string, on: Cmd<'Assess'>['on']): void => {
  const t = (minor: bigint): string => textOf(context, minor);
  const { product } = context;
  const npl = isNonPerforming(run.now.riskClass);
  if (npl && !run.now.nonAccrual) run.emit({ type: 'AccrualStopped', data: { contractId, on, interest: t(run.now.interestReceivable), penalty: t(run.now.penaltyReceivable) } });
  if (!npl && run.now.nonAccrual) run.emit({ type: 'AccrualResumed', data: { contractId, on } });
  const now = run.now;
  const provision = provisionFor(t(now.principalReceivable), now.riskClass, { rounding: product.rounding, asset: product.asset, ...(context.provisionRates === undefined ? {} : { rates: context.provisionRates }) });
  const next = decimalToMinor(provision.provision, product.asset.scale);
  if (next !== now.allowance) {
    const delta = next - now.allowance;
    run.emit({
      type: 'ProvisionAdjusted',
      data: {
        contractId, on, riskClass: now.riskClass, outstanding: provision.outstanding, ratePercent: provision.ratePercent, rounding: provision.rounding,
        previous: t(now.allowance), provision: provision.provision, charge: t(delta > 0n ? delta : 0n), release: t(delta < 0n ? -delta : 0n),
      },
    });
  }
};

const thresholdsOf = (context: LoanContext) => (context.thresholds === undefined ? {} : { thresholds: context.thresholds });

/**
 * The upgrade of a non-performing loan to `target` (better than its class), if its observation is
 * met on `on`: the `observation` to record; undefined while it is not (the loan keeps its class).
 */
const upgradeAllowed = (context: LoanContext, state: LoanState, on: Cmd<'Assess'>['on']): LoanClassifiedData['observation'] => {
  const rule = context.product.upgradeObservation;
  const standing = observationOn(state, on, rule, context.product.gracePeriods.overdueDays);
  if (!standing.met || standing.from === undefined) return undefined;
  return { from: standing.from, installmentsRepaid: standing.installmentsRepaid, installmentsRequired: rule.installments, monthsRequired: rule.months };
};

/**
 * The date's late-payment fees, days past due, class, accrual switch and provision; a loan that owes
 * nothing any more closes. A manual downgrade in force stays while it is at least as bad as the
 * days-past-due floor. A non-performing loan is upgraded only once its arrears are cleared and its
 * observation is met (`observationOn`); until then it keeps its class, though it may fall further.
 */
export const decideAssess = (context: LoanContext, state: LoanState, c: Cmd<'Assess'>): LoanEvent[] => {
  const contractId = requireStatus(state, 'active');
  const t = (minor: bigint): string => textOf(context, minor);
  const run = recorder(context, state);
  for (const fee of lateFeeEvents(context, state, c.on)) run.emit(fee);
  const dpd = daysPastDueOn(context, state, c.on);
  const floor = classifyLoan({ daysPastDue: dpd, ...thresholdsOf(context) });
  const manual = state.manual !== undefined && rankOf(state.manual.riskClass) >= rankOf(floor.riskClass) ? state.manual : undefined;
  const classification = manual === undefined ? floor : classifyLoan({ daysPastDue: dpd, manual, ...thresholdsOf(context) });
  const upgradingFromNpl = isNonPerforming(state.riskClass) && rankOf(classification.riskClass) < rankOf(state.riskClass);
  const observation = upgradingFromNpl ? upgradeAllowed(context, run.now, c.on) : undefined;
  if (classification.riskClass !== state.riskClass && (!upgradingFromNpl || observation !== undefined)) {
    const byHand = classification.setBy === 'manual-downgrade' && manual !== undefined ? { manual: { by: manual.by, reason: manual.reason } } : {};
    const explanation =
      observation === undefined
        ? classification.explanation
        : `${classification.explanation}; upgraded from ${state.riskClass}: arrears cleared ${observation.from}, ${observation.installmentsRepaid} installments repaid since (observation: ${observation.installmentsRequired} installments, ${observation.monthsRequired} months)`;
    run.emit({
      type: 'LoanClassified',
      data: { contractId, on: c.on, previous: state.riskClass, riskClass: classification.riskClass, daysPastDue: dpd, explanation, ruleSet: classification.ruleSet, ...byHand, ...(observation === undefined ? {} : { observation }) },
    });
  }
  followClass(context, run, contractId, c.on);
  const now = run.now;
  if (now.installments.every((i) => i.billed) && totalOwed(now) === 0n && now.credit === 0n) {
    run.emit({ type: 'LoanClosed', data: { contractId, on: c.on, at: `${c.on}T23:59:59.999Z`, provisionReleased: t(now.allowance) } });
  }
  return run.events;
};

/**
 * A credit officer's downgrade: worse than the current class and never better than the
 * days-past-due floor (`classifyLoan`); the accrual switch and the provision follow at once.
 * @throws ProductsError `downgrade_not_worse`, `manual_class_below_floor`, `manual_reason_invalid`.
 */
export const decideDowngrade = (context: LoanContext, state: LoanState, c: Cmd<'Downgrade'>): LoanEvent[] => {
  const contractId = requireStatus(state, 'active');
  if (rankOf(c.riskClass) <= rankOf(state.riskClass)) throw new ProductsError('downgrade_not_worse', `${c.riskClass} is not worse than ${state.riskClass}`, 'riskClass');
  const dpd = daysPastDueOn(context, state, c.on);
  const classification = classifyLoan({ daysPastDue: dpd, manual: { riskClass: c.riskClass, by: c.by, reason: c.reason }, ...thresholdsOf(context) });
  const run = recorder(context, state);
  run.emit({
    type: 'LoanClassified',
    data: { contractId, on: c.on, at: c.at, previous: state.riskClass, riskClass: classification.riskClass, daysPastDue: dpd, explanation: classification.explanation, ruleSet: classification.ruleSet, manual: { by: c.by, reason: c.reason } },
  });
  followClass(context, run, contractId, c.on);
  return run.events;
};

/** Writes a non-performing loan off against its allowance; the whole claim stays off balance sheet. */
export const decideWriteOff = (context: LoanContext, state: LoanState, c: Cmd<'WriteOff'>): LoanEvent[] => {
  const contractId = requireStatus(state, 'active');
  if (!isNonPerforming(state.riskClass)) throw new ProductsError('loan_not_non_performing', `the loan is ${state.riskClass}`);
  const t = (minor: bigint): string => textOf(context, minor);
  const zero = t(0n);
  const w = writeOff({
    onBalanceSheet: { principal: t(state.principalReceivable), interest: t(state.interestReceivable), penalty: t(state.penaltyReceivable), fee: t(state.feeReceivable) },
    offBalanceSheet: { principal: zero, interest: t(state.interestOffBalance), penalty: t(state.penaltyOffBalance), fee: zero },
    allowance: t(state.allowance),
    asset: context.product.asset,
  });
  return [
    {
      type: 'LoanWrittenOff',
      data: {
        contractId, on: c.on, at: c.at, approvedBy: c.approvedBy, principal: w.writtenOff.principal, interest: w.writtenOff.interest, penalty: w.writtenOff.penalty,
        allowanceUsed: w.allowanceUsed, additionalCharge: w.additionalCharge, allowanceReleased: w.allowanceReleased,
        offBalanceInterest: t(state.interestOffBalance + state.penaltyOffBalance), retainedClaim: w.retainedClaim.total,
        ...(state.feeReceivable > 0n ? { fee: w.writtenOff.fee } : {}),
      },
    },
  ];
};

/** Money recovered on a written-off loan, spread over the claim (principal first). */
export const decideRecover = (context: LoanContext, state: LoanState, c: Cmd<'Recover'>): LoanEvent[] => {
  const contractId = requireStatus(state, 'written-off');
  const t = (minor: bigint): string => textOf(context, minor);
  const w = state.writtenOff;
  const r = recoverWrittenOff(t(c.amount), { principal: t(w.principal), interest: t(w.interest), penalty: t(w.penalty), fee: t(w.fee) }, undefined, context.product.asset);
  const { principal, interest, penalty, fee } = r.recovered;
  return [{ type: 'RecoveryReceived', data: { contractId, amount: t(c.amount), reference: c.reference, on: c.on, at: c.at, principal, interest, penalty, fee } }];
};
