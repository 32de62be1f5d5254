/** Status and value-date checks shared by the loan's decide functions. @internal */
import { addDays, type BusinessDate } from '../../calendar/businessDate.js';
import { ProductsError } from '../../errors.js';
import { accrueThrough } from './accrual.js';
import type { LoanContext } from './context.js';
import type { LoanEvent } from './events.js';
import { evolveLoan } from './evolve.js';
import type { LoanState, LoanStatus } from './state.js';

/** @throws ProductsError `loan_status_invalid` unless the contract is in one of `statuses`. */
export const requireStatus = (state: LoanState, ...statuses: LoanStatus[]): string => {
  if (!statuses.includes(state.status) || state.contractId === undefined) throw new ProductsError('loan_status_invalid', `the contract is ${state.status}; the command needs ${statuses.join(' or ')}`);
  return state.contractId;
};

/**
 * Value dates never go backwards, and a movement that changes what bears interest may not fall on
 * a day already accrued (`strict`); a plain repayment may fall on the last accrued day (close of
 * business auto-debits after accruing), since it changes only overdue money, from the next day on.
 * @throws ProductsError `value_date_before_last_activity`, `value_date_already_accrued`.
 */
export const checkValueDate = (state: LoanState, on: BusinessDate, strict: boolean): void => {
  if (state.lastMovement !== undefined && on < state.lastMovement) throw new ProductsError('value_date_before_last_activity', `${on} is before ${state.lastMovement}`, 'on');
  if (state.lastAccrued !== undefined && (strict ? on <= state.lastAccrued : on < state.lastAccrued)) throw new ProductsError('value_date_already_accrued', `${on}: accrued through ${state.lastAccrued}`, 'on');
};

/** Accrues through the day before `on` (a payment that day sees that day's bills), returning the events and the state after them. */
export const caughtUp = (context: LoanContext, state: LoanState, on: BusinessDate): { readonly events: LoanEvent[]; readonly state: LoanState } => {
  const events = accrueThrough(context, state, addDays(on, -1));
  return { events, state: events.reduce(evolveLoan(context), state) };
};
