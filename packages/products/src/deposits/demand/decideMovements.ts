/**
 * Decisions on money in and out. The aggregate does not check that the balance covers a
 * withdrawal: the ledger's guard on the customer account decides that (the handler maps the
 * ledger's `exceeds_credits` to `insufficient_funds`). It does enforce freezes, class limits,
 * value dates and amounts; a refused movement produces no event at all.
 */
import { MAX_MINOR, minorToDecimal } from '@ecoledger/ledger';
import type { BusinessDate } from '../../calendar/businessDate.js';
import { ProductsError } from '../../errors.js';
import { MAX_PENDING_BALANCE_CHANGES } from '../../limits.js';
import { classLimitBreach, isCountedCounterparty, type LimitedMovement } from './classLimits.js';
import type { MovementDestination, MovementSource, ParsedCommand } from './commands.js';
import { requireOpen } from './decideAccount.js';
import type { DemandDepositEvent } from './events.js';
import type { DemandDepositProduct } from './product.js';
import { frozenAmount, type DemandDepositState } from './state.js';

/**
 * Value dates never go backwards and never fall on a day already accrued.
 * @throws `value_date_before_last_activity`, `value_date_already_accrued`, `accrual_overdue`.
 */
export const checkValueDate = (state: DemandDepositState, on: BusinessDate): void => {
  if (state.lastActivity !== undefined && on < state.lastActivity) {
    throw new ProductsError('value_date_before_last_activity', `${on} is before ${state.lastActivity}`, 'on');
  }
  const { lastAccrued, changes } = state.accrual;
  if (lastAccrued !== undefined && on <= lastAccrued) throw new ProductsError('value_date_already_accrued', `${on}: accrued through ${lastAccrued}`, 'on');
  if (changes.length >= MAX_PENDING_BALANCE_CHANGES && changes[changes.length - 1]?.on !== on) {
    throw new ProductsError('accrual_overdue', `${changes.length} value dates since ${lastAccrued ?? 'opening'}`, 'on');
  }
};

/** A movement with the bound account needs one. @throws `bound_account_missing`. */
export const checkBound = (state: DemandDepositState, counterparty: MovementSource | MovementDestination, field: string): void => {
  if (counterparty === 'bound_account' && state.boundAccountId === undefined) throw new ProductsError('bound_account_missing', 'no bound account', field);
};

/** @throws the specific class-limit code of the first limit the movement breaks. */
export const checkClassLimits = (product: DemandDepositProduct, state: DemandDepositState, movement: LimitedMovement): void => {
  if (state.accountClass === undefined) return;
  const breach = classLimitBreach(product.classLimits, state.accountClass, state.usage, movement);
  if (breach !== undefined) throw new ProductsError(breach, `${minorToDecimal(movement.amount, product.asset.scale)} ${movement.direction} on ${movement.on}`, 'amount');
};

/** Freezes: a whole-account freeze blocks every debit; amount freezes keep their money in. */
export const checkFreezes = (state: DemandDepositState, amount: bigint): void => {
  if (state.freezes.some((f) => f.amount === undefined)) throw new ProductsError('account_frozen', 'a whole-account freeze is in force', 'amount');
  if (state.freezes.length > 0 && amount > state.balance - frozenAmount(state)) {
    throw new ProductsError('amount_frozen', `${amount} minor units against ${state.balance - frozenAmount(state)} unfrozen`, 'amount');
  }
};

/** Money in. */
export function decideDeposit(product: DemandDepositProduct, state: DemandDepositState, command: Extract<ParsedCommand, { type: 'Deposit' }>): DemandDepositEvent[] {
  const contractId = requireOpen(state);
  checkValueDate(state, command.on);
  checkBound(state, command.source, 'source');
  const balanceAfter = state.balance + command.amount;
  if (balanceAfter > MAX_MINOR) throw new ProductsError('amount_out_of_range', 'the balance would exceed the ledger’s range', 'amount');
  checkClassLimits(product, state, { on: command.on, direction: 'in', amount: command.amount, counted: isCountedCounterparty(command.source), balanceAfter });
  const { amount, source, counterpartyContractId, reference, on, at } = command;
  if (counterpartyContractId === contractId) throw new ProductsError('counterparty_contract_invalid', 'an account cannot transfer to itself', 'counterpartyContractId');
  return [{ type: 'DepositMade', data: { contractId, amount: minorToDecimal(amount, product.asset.scale), source, ...(counterpartyContractId === undefined ? {} : { counterpartyContractId }), reference, on, at } }];
}

/** Money out. */
export function decideWithdraw(product: DemandDepositProduct, state: DemandDepositState, command: Extract<ParsedCommand, { type: 'Withdraw' }>): DemandDepositEvent[] {
  const contractId = requireOpen(state);
  checkValueDate(state, command.on);
  checkBound(state, command.destination, 'destination');
  checkFreezes(state, command.amount);
  const counted = isCountedCounterparty(command.destination);
  checkClassLimits(product, state, { on: command.on, direction: 'out', amount: command.amount, counted, balanceAfter: state.balance - command.amount });
  const { amount, destination, counterpartyContractId, reference, on, at } = command;
  if (counterpartyContractId === contractId) throw new ProductsError('counterparty_contract_invalid', 'an account cannot transfer to itself', 'counterpartyContractId');
  return [{ type: 'WithdrawalMade', data: { contractId, amount: minorToDecimal(amount, product.asset.scale), destination, ...(counterpartyContractId === undefined ? {} : { counterpartyContractId }), reference, on, at } }];
}

