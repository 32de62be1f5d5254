/**
 * Folds one event into the loan's state. Pure and total over valid events: it trusts the event
 * (decided and schema-checked) and recomputes nothing the event states.
 */
import { decimalToMinor } from '@ecoledger/ledger';
import { addDays, type BusinessDate } from '../../calendar/businessDate.js';
import { ratio } from '../../interest/ratio.js';
import { inArrears } from './arrears.js';
import type { LoanContext } from './context.js';
import type { AllocationData, LoanEvent, PlannedInstallment } from './events.js';
import type { Installment, LoanState } from './state.js';

const planned = (scale: number, rows: readonly PlannedInstallment[]): Installment[] =>
  rows.map((r) => ({ period: r.period, dueDate: r.dueDate, plannedPrincipal: decimalToMinor(r.principal, scale), billed: false, principalDue: 0n, interestDue: 0n, principalPaid: 0n, interestPaid: 0n }));

/** The state after an allocation of money over what is owed (billed installments, then the running period). */
const allocated = (scale: number, state: LoanState, a: AllocationData): LoanState => {
  const m = (text: string): bigint => decimalToMinor(text, scale);
  let currentPrincipal = state.currentPrincipal;
  let periodBooked = state.periodBooked;
  const installments = state.installments.map((i) => {
    const paid = a.installments.find((p) => p.period === i.period);
    if (paid === undefined) return i;
    if (!i.billed) {
      // Only a payoff pays the running period: its principal and its interest booked so far.
      currentPrincipal -= m(paid.principal);
      periodBooked -= m(paid.interest);
      return i;
    }
    return { ...i, principalPaid: i.principalPaid + m(paid.principal), interestPaid: i.interestPaid + m(paid.interest) };
  });
  const [interestOff, penaltyOff] = [m(a.interestOffBalance), m(a.penaltyOffBalance)];
  return {
    ...state,
    installments,
    currentPrincipal,
    periodBooked,
    penaltyPaid: state.penaltyPaid + m(a.penalty),
    principalReceivable: state.principalReceivable - m(a.principal),
    interestReceivable: state.interestReceivable - (m(a.interest) - interestOff),
    interestOffBalance: state.interestOffBalance - interestOff,
    penaltyReceivable: state.penaltyReceivable - (m(a.penalty) - penaltyOff),
    penaltyOffBalance: state.penaltyOffBalance - penaltyOff,
    feeReceivable: state.feeReceivable - m(a.fee),
  };
};

/** `after` a payment on `on`, remembering `on` when the payment cleared the arrears (an upgrade observation starts). */
const clearing = (context: LoanContext, before: LoanState, after: LoanState, on: BusinessDate): LoanState => {
  const grace = context.product.gracePeriods.overdueDays;
  return inArrears(before, on, grace) && !inArrears(after, on, grace) ? { ...after, arrearsClearedOn: on } : after;
};

/** The state after `event`, for the product the contract follows. */
export const evolveLoan =
  (context: LoanContext) =>
  (state: LoanState, event: LoanEvent): LoanState => {
    const { scale } = context.product.asset;
    const m = (text: string): bigint => decimalToMinor(text, scale);
    switch (event.type) {
      case 'LoanApplied': {
        const d = event.data;
        const application = {
          borrowerId: d.borrowerId, productCode: d.productCode, amount: m(d.amount), termMonths: d.termMonths, repaymentMethod: d.repaymentMethod,
          purpose: d.purpose, channel: d.channel, partnerId: d.partnerId, linkedAccountId: d.linkedAccountId, applicant: d.applicant, on: d.on,
        };
        return { ...state, status: 'applied', contractId: d.contractId, application };
      }
      case 'CreditDecided':
        return { ...state, status: 'decided', decision: event.data.decision };
      case 'LoanApproved': {
        const { limit, benchmark, spreadBps, annualRate } = event.data;
        return { ...state, status: 'approved', terms: { limit: m(limit), benchmark, spreadBps, annualRate } };
      }
      case 'ContractSigned':
        return { ...state, status: 'signed', termsHash: event.data.termsHash };
      case 'LoanDisbursed': {
        const d = event.data;
        const on = d.on as BusinessDate;
        return {
          ...state,
          status: 'active',
          disbursedOn: on,
          disbursed: m(d.amount),
          rates: d.rates,
          installments: planned(scale, d.installments),
          scheduledAmount: d.scheduledAmount === undefined ? undefined : m(d.scheduledAmount),
          currentPrincipal: m(d.amount),
          principalReceivable: state.principalReceivable + m(d.amount),
          lastAccrued: addDays(on, -1),
          lastMovement: on,
          periodStart: on,
        };
      }
      case 'DisbursementReversed':
        return { ...state, status: 'signed', disbursedOn: undefined, disbursed: 0n, rates: [], installments: [], scheduledAmount: undefined, currentPrincipal: 0n, principalReceivable: state.principalReceivable - m(event.data.amount), lastAccrued: undefined, lastMovement: undefined, periodStart: undefined };
      case 'InterestAccrued': {
        const d = event.data;
        const amount = m(d.ledgerAmount);
        return {
          ...state,
          lastAccrued: d.through,
          periodInterest: ratio(BigInt(d.exact.num), BigInt(d.exact.den)),
          periodBooked: state.periodBooked + amount,
          ...(d.offBalanceSheet ? { interestOffBalance: state.interestOffBalance + amount } : { interestReceivable: state.interestReceivable + amount }),
        };
      }
      case 'PenaltyAccrued': {
        const d = event.data;
        const amount = m(d.ledgerAmount);
        return {
          ...state,
          penaltyInterest: ratio(BigInt(d.exact.num), BigInt(d.exact.den)),
          penaltyBooked: state.penaltyBooked + amount,
          ...(d.offBalanceSheet ? { penaltyOffBalance: state.penaltyOffBalance + amount } : { penaltyReceivable: state.penaltyReceivable + amount }),
        };
      }
      case 'CompoundInterestAccrued': {
        const d = event.data;
        const amount = m(d.ledgerAmount);
        return {
          ...state,
          compoundInterest: ratio(BigInt(d.exact.num), BigInt(d.exact.den)),
          compoundBooked: state.compoundBooked + amount,
          ...(d.offBalanceSheet ? { penaltyOffBalance: state.penaltyOffBalance + amount } : { penaltyReceivable: state.penaltyReceivable + amount }),
        };
      }
      case 'InstallmentBilled': {
        const d = event.data;
        const installments = state.installments.map((i) => (i.period === d.period ? { ...i, billed: true, principalDue: m(d.principal), interestDue: m(d.interest) } : i));
        return { ...state, installments, currentPrincipal: state.currentPrincipal - m(d.principal), periodStart: d.dueDate, periodInterest: ratio(0n), periodBooked: 0n };
      }
      case 'RepaymentReceived': {
        const d = event.data;
        const after = clearing(context, state, allocated(scale, state, d.allocation), d.on);
        return { ...after, credit: after.credit + m(d.heldAsCredit), lastMovement: d.on, ...(d.source === 'auto-debit' ? { lastAutoDebit: d.on } : {}) };
      }
      case 'AutoDebitShortfall':
        return { ...state, lastAutoDebit: event.data.on };
      case 'PrepaymentMade': {
        const d = event.data;
        const after = clearing(context, state, allocated(scale, state, d.allocation), d.on);
        const prepaid = m(d.principalPrepaid);
        return {
          ...after,
          installments: [...after.installments.filter((i) => i.billed), ...planned(scale, d.installments)],
          scheduledAmount: d.scheduledAmount === undefined ? undefined : m(d.scheduledAmount),
          currentPrincipal: after.currentPrincipal - prepaid,
          principalReceivable: after.principalReceivable - prepaid,
          prepayments: state.prepayments + 1,
          lastMovement: d.on,
        };
      }
      case 'LoanPaidOff':
        return { ...clearing(context, state, allocated(scale, state, event.data.allocation), event.data.on), lastMovement: event.data.on };
      case 'CreditApplied': {
        const after = clearing(context, state, allocated(scale, state, event.data.allocation), event.data.on);
        return { ...after, credit: after.credit - m(event.data.amount) };
      }
      case 'CreditRefunded':
        return { ...state, credit: state.credit - m(event.data.amount) };
      case 'LoanClassified': {
        // A rule-set class supersedes an earlier manual downgrade (it is at least as bad).
        const { manual, riskClass } = event.data;
        return { ...state, riskClass, manual: manual === undefined ? undefined : { riskClass, by: manual.by, reason: manual.reason } };
      }
      case 'AccrualStopped': {
        const [interest, penalty] = [m(event.data.interest), m(event.data.penalty)];
        return {
          ...state,
          nonAccrual: true,
          interestReceivable: state.interestReceivable - interest,
          interestOffBalance: state.interestOffBalance + interest,
          penaltyReceivable: state.penaltyReceivable - penalty,
          penaltyOffBalance: state.penaltyOffBalance + penalty,
        };
      }
      case 'AccrualResumed':
        return { ...state, nonAccrual: false };
      case 'ProvisionAdjusted':
        return { ...state, allowance: m(event.data.provision) };
      case 'LoanWrittenOff': {
        const writtenOff = {
          principal: state.principalReceivable,
          interest: state.interestReceivable + state.interestOffBalance,
          penalty: state.penaltyReceivable + state.penaltyOffBalance,
          fee: state.feeReceivable,
        };
        return { ...state, status: 'written-off', writtenOff, feeReceivable: 0n, principalReceivable: 0n, interestReceivable: 0n, penaltyReceivable: 0n, interestOffBalance: 0n, penaltyOffBalance: 0n, allowance: 0n, currentPrincipal: 0n };
      }
      case 'RecoveryReceived': {
        const d = event.data;
        const w = state.writtenOff;
        return { ...state, writtenOff: { principal: w.principal - m(d.principal), interest: w.interest - m(d.interest), penalty: w.penalty - m(d.penalty), fee: w.fee - m(d.fee) } };
      }
      case 'LoanClosed':
        return { ...state, status: 'closed', allowance: 0n };
      case 'FeeCharged': {
        const d = event.data;
        const amount = m(d.amount);
        const owed = d.settlement === 'receivable' ? { feeReceivable: state.feeReceivable + amount } : {};
        if (d.fee === 'origination') return { ...state, ...owed, originationFee: { amount, settlement: d.settlement } };
        return { ...state, ...owed, lateFeePeriods: d.period === undefined ? state.lateFeePeriods : [...state.lateFeePeriods, d.period] };
      }
      case 'FeeReversed': {
        const d = event.data;
        return { ...state, originationFee: undefined, ...(d.settlement === 'receivable' ? { feeReceivable: state.feeReceivable - m(d.amount) } : {}) };
      }
    }
  };
