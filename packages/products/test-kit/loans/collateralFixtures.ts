/** Commands and histories of collaterals and early warnings, for tests. */
import * as E from 'fp-ts/lib/Either.js';
import type { Decider } from '@ecoledger/ledger';
import type { CollateralCommand, PledgeCommand } from '../../src/loans/collateral/commands.js';

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
