/** Commands and histories of collaterals and early warnings, and the loan events they react to, for tests. */
import * as E from 'fp-ts/lib/Either.js';
import type { Decider } from '@ecoledger/ledger';
import { businessDate } from '../../src/calendar/businessDate.js';
import type { RiskClass } from '../../src/loans/classification/riskClass.js';
import type { CollateralCommand, PledgeCommand } from '../../src/loans/collateral/commands.js';
import type { LoanEvent } from '../../src/loans/contract/events.js';

/** A property pledge to loan `loan-1` worth 1,000,000.00 (override any field). */
export const pledge = (overrides: Partial<PledgeCommand> = {}): PledgeCommand => ({
  type: 'Pledge',
  collateralId: 'col-1',
  loanContractId: 'loan-1',
  kind: 'property',
  description: 'Flat 12-3, 88 Century Avenue, Pudong',
  valuation: '1000000.00',
  valuedOn: '2026-01-05',
  valuer: 'appraiser-7',
  ...overrides,
});

/** A revaluation to `valuation` on `valuedOn`. */
export const revalue = (valuation: string, valuedOn = '2026-06-30', reason = 'semi-annual review'): CollateralCommand => ({
  type: 'Revalue',
  valuation,
  valuedOn,
  valuer: 'appraiser-7',
  reason,
});

/** The events of `commands` decided in order from the initial state; throws on any refusal. */
export const historyOf = <Command, Event, State, Err>(decider: Decider<Command, Event, State, Err>, commands: readonly Command[]): Event[] => {
  let state = decider.initialState();
  const events: Event[] = [];
  for (const command of commands) {
    const decided = decider.decide(command, state);
    if (E.isLeft(decided)) throw new Error(`fixture command refused: ${String(decided.left)}`);
    for (const event of decided.right) {
      state = decider.evolve(state, event);
      events.push(event);
    }
  }
  return events;
};

const EVENT_AT = '2026-07-01T08:00:00.000Z';
const EVENT_ON = businessDate('2026-07-01');
const NO_ALLOCATION = { installments: [], penalty: '0.00', fee: '0.00', interest: '0.00', principal: '0.00', interestOffBalance: '0.00', penaltyOffBalance: '0.00' };

/** The loan aggregate's `LoanClassified`: `previous` → `riskClass`. */
export const classifiedEvent = (contractId: string, previous: RiskClass, riskClass: RiskClass, daysPastDue = 0): LoanEvent => ({
  type: 'LoanClassified',
  data: { contractId, on: EVENT_ON, previous, riskClass, daysPastDue, explanation: `${previous} to ${riskClass}`, ruleSet: 'NFRA-2023' },
});

/** The loan aggregate's `AutoDebitShortfall`: nothing could be taken of `due`. */
export const shortfallEvent = (contractId: string, due: string): LoanEvent => ({ type: 'AutoDebitShortfall', data: { contractId, on: EVENT_ON, at: EVENT_AT, due } });

/** The loan aggregate's `RepaymentReceived` from an auto-debit that took `taken` of `due` (the split is left empty: the rules do not read it). */
export const autoDebitEvent = (contractId: string, due: string, taken: string, shortfall: string): LoanEvent => ({
  type: 'RepaymentReceived',
  data: { contractId, amount: taken, source: 'auto-debit', reference: `autodebit:${contractId}`, on: EVENT_ON, at: EVENT_AT, allocation: NO_ALLOCATION, refunded: '0.00', heldAsCredit: '0.00', due, shortfall },
});

/** The loan aggregate's `RepaymentReceived` from the borrower's own payment. */
export const manualRepaymentEvent = (contractId: string, amount: string): LoanEvent => ({
  type: 'RepaymentReceived',
  data: { contractId, amount, source: 'manual', reference: `pay:${contractId}`, on: EVENT_ON, at: EVENT_AT, allocation: NO_ALLOCATION, refunded: '0.00', heldAsCredit: '0.00' },
});
