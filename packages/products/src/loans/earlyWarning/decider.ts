/**
 * The decider of a loan's warning stream: pure. Raising is idempotent by warning id (a re-delivered
 * trigger yields the same id, and nothing is recorded twice); acknowledging and resolving follow
 * open → acknowledged → resolved, resolving also straight from open.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Decider } from '@ecoledger/ledger';
import { ProductsError, isProductsError } from '../../errors.js';
import { MAX_WARNINGS_PER_LOAN } from '../../limits.js';
import { parseWarningCommand, type EarlyWarningCommand } from './commands.js';
import type { EarlyWarningEvent } from './events.js';

/** Where a warning stands. */
export type WarningStatus = 'open' | 'acknowledged' | 'resolved';

/** The stream's state: its loan and the status of every warning raised, by id. */
export interface EarlyWarningState {
  readonly loanContractId: string | undefined;
  readonly warnings: ReadonlyMap<string, WarningStatus>;
}

/** A warning stream's decider; errors are {@link ProductsError} values with specific codes. */
export type EarlyWarningDecider = Decider<EarlyWarningCommand, EarlyWarningEvent, EarlyWarningState, ProductsError>;

const initialState = (): EarlyWarningState => ({ loanContractId: undefined, warnings: new Map() });

const statusOf = (state: EarlyWarningState, warningId: string): WarningStatus => {
  const status = state.warnings.get(warningId);
  if (status === undefined) throw new ProductsError('warning_not_found', warningId, 'warningId');
  if (status === 'resolved') throw new ProductsError('warning_already_resolved', warningId, 'warningId');
  return status;
};

const decideParsed = (command: EarlyWarningCommand, state: EarlyWarningState): EarlyWarningEvent[] => {
  switch (command.type) {
    case 'Raise': {
      const { warning } = command;
      if (state.loanContractId !== undefined && warning.loanContractId !== state.loanContractId) {
        throw new ProductsError('warning_invalid', `the stream is loan ${state.loanContractId}'s, the warning names ${warning.loanContractId}`, 'warning.loanContractId');
      }
      if (state.warnings.has(warning.warningId)) return [];
      if (state.warnings.size >= MAX_WARNINGS_PER_LOAN) throw new ProductsError('too_many_warnings', `${state.warnings.size} raised`, 'warning');
      return [{ type: 'EarlyWarningRaised', data: warning }];
    }
    case 'Acknowledge': {
      if (statusOf(state, command.warningId) === 'acknowledged') throw new ProductsError('warning_already_acknowledged', command.warningId, 'warningId');
      const { type: _type, ...data } = command;
      return [{ type: 'EarlyWarningAcknowledged', data: { loanContractId: state.loanContractId!, ...data } }];
    }
    case 'Resolve': {
      statusOf(state, command.warningId);
      const { type: _type, ...data } = command;
      return [{ type: 'EarlyWarningResolved', data: { loanContractId: state.loanContractId!, ...data } }];
    }
  }
};

const evolve = (state: EarlyWarningState, event: EarlyWarningEvent): EarlyWarningState => {
  const warnings = new Map(state.warnings);
  switch (event.type) {
    case 'EarlyWarningRaised':
      warnings.set(event.data.warningId, 'open');
      return { loanContractId: event.data.loanContractId, warnings };
    case 'EarlyWarningAcknowledged':
      warnings.set(event.data.warningId, 'acknowledged');
      return { ...state, warnings };
    case 'EarlyWarningResolved':
      warnings.set(event.data.warningId, 'resolved');
      return { ...state, warnings };
  }
};

/** The warning-stream decider. No I/O, no clock: instants come in the commands and warnings. */
export const earlyWarningDecider = (): EarlyWarningDecider => ({
  initialState,
  decide: (command, state) => {
    try {
      return E.right(decideParsed(parseWarningCommand(command), state));
    } catch (error) {
      // Refusals and bad input are values; anything else is a bug and propagates.
      if (isProductsError(error)) return E.left(error);
      throw error;
    }
  },
  evolve,
});
