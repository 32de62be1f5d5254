/**
 * How the loan scenarios print: the credit decision rule by rule, then the loan's own events as
 * they are recorded — billing, auto-debits, penalty interest explained, classification, the
 * provision's arithmetic, repayments and prepayments — read back from the loan's stream.
 */
import * as E from 'fp-ts/lib/Either.js';
import { decodeEvent } from '@ecoledger/ledger';
import { loanEventSchemas, type LoanEvent } from '@ecoledger/products';
import { explainInterest } from '../onlineDeposits/depositReport.js';
import type { LoanBank } from './loanBank.js';

/** A recorded credit decision, as `CreditDecided` carries it. */
type Decision = Extract<LoanEvent, { type: 'CreditDecided' }>['data']['decision'];

/** The decision explained: each rule's value, bin and points, the score, the outcome and its reasons. */
export const decisionLines = (contractId: string, decision: Decision, outstanding: string): string[] => [
  `  ${contractId}: credit decision by ${decision.policy} on ${decision.decisionDate} (internet consumer outstanding ${outstanding})`,
  ...decision.contributions.map((c) => `    ${c.rule.padEnd(28)} ${c.value.padStart(12)} in ${c.bin.padEnd(18)} ${String(c.points).padStart(4)} points`),
  `    score ${decision.score}: ${decision.outcome}${decision.limit === undefined ? '' : `, limit ${decision.limit} at ${decision.benchmark} + ${decision.spreadBps} bp`}${decision.reasons.length === 0 ? '' : ` (${decision.reasons.join(', ')})`}`,
];

/** One recorded loan event in words; undefined for the daily ones not worth a line (accruals, explained separately). */
export const eventLine = (contractId: string, event: LoanEvent): string | undefined => {
  const who = `  ${contractId}:`;
  switch (event.type) {
    case 'LoanDisbursed':
      return `${who} disbursed ${event.data.amount} on ${event.data.on} at ${event.data.rates.map((r) => `${r.ratePercent} %`).join(', ')}, ${event.data.installments.length} installments of ${event.data.scheduledAmount ?? '?'}, maturity ${event.data.maturityDate}`;
    case 'InstallmentBilled':
      return `${who} installment ${event.data.period} billed: principal ${event.data.principal} + interest ${event.data.interest}, due ${event.data.dueDate}`;
    case 'RepaymentReceived': {
      const { amount, source, allocation: a, refunded } = event.data;
      const split = `penalty ${a.penalty}, interest ${a.interest}, principal ${a.principal}`;
      if (source === 'auto-debit') return `${who} auto-debit on ${event.data.on} took ${amount} of ${event.data.due ?? amount} due (${split}); shortfall ${event.data.shortfall ?? '0.00'}`;
      return `${who} repayment of ${amount} on ${event.data.on}: ${split}; ${refunded} refunded`;
    }
    case 'AutoDebitShortfall':
      return `${who} auto-debit on ${event.data.on} found nothing: ${event.data.due} due, all of it short`;
    case 'LoanClassified':
      return `${who} ${event.data.on}: class ${event.data.previous} -> ${event.data.riskClass} at ${event.data.daysPastDue} days past due (${event.data.explanation})`;
    case 'AccrualStopped':
      return `${who} ${event.data.on}: non-performing, interest accrues off balance sheet from now (receivable kept: interest ${event.data.interest}, penalty ${event.data.penalty})`;
    case 'AccrualResumed':
      return `${who} ${event.data.on}: performing again, interest accrues to income`;
    case 'ProvisionAdjusted': {
      const d = event.data;
      const moved = d.charge !== '0.00' ? `charge ${d.charge}` : `release ${d.release}`;
      return `${who} ${d.on}: provision (${d.riskClass}) ${d.outstanding} x ${d.ratePercent} % = ${d.rounding.raw} -> ${d.rounding.rounded} (${d.rounding.mode}); was ${d.previous}, ${moved}`;
    }
    case 'PrepaymentMade':
      return `${who} prepaid ${event.data.amount} on ${event.data.on} (${event.data.option}): principal ${event.data.principalPrepaid}; ${event.data.installments.length} installments left`;
    case 'LoanPaidOff':
      return `${who} paid off on ${event.data.on}: quote ${event.data.quote}, paid ${event.data.amount}, refunded ${event.data.refunded}`;
    case 'LoanClosed':
      return `${who} closed on ${event.data.on}; provision released ${event.data.provisionReleased}`;
    default:
      return undefined;
  }
};

/** The events of a loan's stream from `fromRevision` on (posting markers skipped), and the next revision to read from. */
export const loanEventsFrom = async (bank: LoanBank, contractId: string, fromRevision: bigint): Promise<{ events: LoanEvent[]; next: bigint }> => {
  const events: LoanEvent[] = [];
  let next = fromRevision;
  for (const recorded of await bank.store.readStream(bank.loans.streamOf(contractId))) {
    if (recorded.revision < fromRevision) continue;
    next = recorded.revision + 1n;
    if (!Object.hasOwn(loanEventSchemas, recorded.type)) continue;
    const decoded = decodeEvent(loanEventSchemas, recorded);
    if (E.isLeft(decoded)) throw decoded.left;
    events.push(decoded.right);
  }
  return { events, next };
};

/** A penalty accrual explained: each segment (overdue balance, penalty rate, days), then its one rounding step. */
export const explainPenalty = (contractId: string, event: Extract<LoanEvent, { type: 'PenaltyAccrued' }>): string[] =>
  explainInterest(`${contractId}: penalty interest ${event.data.from}..${event.data.through}, booked ${event.data.ledgerAmount}${event.data.offBalanceSheet ? ' off balance sheet' : ''}`, event.data.segments, event.data.rounding);
