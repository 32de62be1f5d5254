/**
 * Decisions on interest: close of business accrual, crediting on posting dates, and closing (which
 * credits the interest up to the day before and pays the whole balance out).
 */
import { minorToDecimal, decimalToMinor } from '@ecoledger/ledger';
import { addDays } from '../../calendar/businessDate.js';
import { isInterestPostingDate } from '../../calendar/postingSchedule.js';
import { ProductsError } from '../../errors.js';
import { accrueThrough, afterAccrued, afterPosted, interestPosting } from './accrual.js';
import type { ParsedCommand } from './commands.js';
import { requireOpen } from './decideAccount.js';
import { checkBound, checkClassLimits, checkValueDate } from './decideMovements.js';
import { isCountedCounterparty } from './classLimits.js';
import type { DemandDepositEvent } from './events.js';
import type { DemandDepositProduct } from './product.js';
import type { AccrualState, DemandDepositState } from './state.js';

/**
 * Close of business: accrues each day after the last accrued day through `through` on its
 * end-of-day balance. A date already accrued gives no events, which makes re-running a close of
 * business harmless; a closed account accrues nothing.
 */
export function decideAccrue(product: DemandDepositProduct, state: DemandDepositState, command: Extract<ParsedCommand, { type: 'AccrueInterest' }>): DemandDepositEvent[] {
  if (state.status === 'closed') return [];
  const contractId = requireOpen(state);
  return accrueThrough(product, contractId, state.accrual, command.through);
}

/**
 * Credits the period's interest on a posting date. Accrual credits every posting date it reaches,
 * so this accrues through `on` when that is still to do, and otherwise does nothing.
 */
export function decidePost(product: DemandDepositProduct, state: DemandDepositState, command: Extract<ParsedCommand, { type: 'PostInterest' }>): DemandDepositEvent[] {
  if (!isInterestPostingDate(product.postingSchedule, command.on)) throw new ProductsError('not_a_posting_date', command.on, 'on');
  if (state.status === 'closed') return [];
  const contractId = requireOpen(state);
  return accrueThrough(product, contractId, state.accrual, command.on);
}

const accrualAfter = (product: DemandDepositProduct, start: AccrualState, events: readonly DemandDepositEvent[]): AccrualState =>
  events.reduce(
    (accrual, event) =>
      event.type === 'InterestAccrued' ? afterAccrued(product, accrual, event.data) : event.type === 'InterestPosted' ? afterPosted(product, accrual, event.data) : accrual,
    start,
  );

/**
 * Closes the account on `on`: accrues through the day before, pays the period's net interest on
 * `on` straight to `destination` (`InterestPosted` with `paidTo`), pays the balance out there too
 * (a withdrawal; balance and interest together count against the class limits), and closes. A frozen account cannot close; a refused close changes nothing.
 */
export function decideClose(product: DemandDepositProduct, state: DemandDepositState, command: Extract<ParsedCommand, { type: 'Close' }>): DemandDepositEvent[] {
  const contractId = requireOpen(state);
  if (state.freezes.length > 0) throw new ProductsError('account_frozen', `${state.freezes.length} freezes in force`);
  checkValueDate(state, command.on);
  checkBound(state, command.destination, 'destination');
  const events = accrueThrough(product, contractId, state.accrual, addDays(command.on, -1));
  const credit = interestPosting(product, contractId, accrualAfter(product, state.accrual, events), command.on);
  const { scale } = product.asset;
  const { destination, reference, on, at } = command;
  const paid = credit !== undefined && credit.type === 'InterestPosted' ? decimalToMinor(credit.data.net, scale) : 0n;
  if (credit !== undefined && credit.type === 'InterestPosted') events.push({ ...credit, data: { ...credit.data, paidTo: destination } });
  if (state.balance + paid > 0n) {
    // The customer receives balance and interest: both count against the class limits.
    checkClassLimits(product, state, { on, direction: 'out', amount: state.balance + paid, counted: isCountedCounterparty(destination), balanceAfter: 0n });
  }
  if (state.balance > 0n) {
    events.push({ type: 'WithdrawalMade', data: { contractId, amount: minorToDecimal(state.balance, scale), destination, reference, on, at } });
  }
  events.push({ type: 'DemandDepositClosed', data: { contractId, on: command.on, at: command.at } });
  return events;
}
