/** Decisions on the account itself: opening, judicial freezes. */
import { minorToDecimal } from '@ecoledger/ledger';
import { addDays } from '../../calendar/businessDate.js';
import { ProductsError } from '../../errors.js';
import { MAX_ACTIVE_FREEZES } from '../../limits.js';
import type { ParsedCommand } from './commands.js';
import type { DemandDepositEvent } from './events.js';
import type { DemandDepositProduct } from './product.js';
import type { DemandDepositState } from './state.js';

/** The contract id of an open account. @throws `account_not_open`, `account_closed`. */
export const requireOpen = (state: DemandDepositState): string => {
  if (state.status === 'unopened' || state.contractId === undefined) throw new ProductsError('account_not_open', 'no Open in the stream');
  if (state.status === 'closed') throw new ProductsError('account_closed', state.contractId);
  return state.contractId;
};

/** Opens the account: Class II and III must name the bound Class I account. */
export function decideOpen(product: DemandDepositProduct, state: DemandDepositState, command: Extract<ParsedCommand, { type: 'Open' }>): DemandDepositEvent[] {
  if (state.status !== 'unopened') throw new ProductsError('account_already_open', state.contractId ?? '');
  if (command.accountClass !== 'I' && command.boundAccountId === undefined) {
    throw new ProductsError('bound_account_required', `Class ${command.accountClass}`, 'boundAccountId');
  }
  // Accrual starts the day before opening: that day must be a supported date too.
  addDays(command.openedOn, -1);
  const { type: _type, ...data } = command;
  return [{ type: 'DemandDepositOpened', data: { ...data, productCode: product.code } }];
}

/** A judicial freeze: of an amount, or of the whole account. */
export function decideFreeze(product: DemandDepositProduct, state: DemandDepositState, command: Extract<ParsedCommand, { type: 'Freeze' }>): DemandDepositEvent[] {
  const contractId = requireOpen(state);
  if (state.freezes.some((f) => f.freezeId === command.freezeId)) throw new ProductsError('freeze_id_in_use', command.freezeId, 'freezeId');
  if (state.freezes.length >= MAX_ACTIVE_FREEZES) throw new ProductsError('too_many_freezes', `${state.freezes.length} in force`, 'freezeId');
  const { freezeId, authority, reference, at, amount } = command;
  return [
    {
      type: 'FundsFrozen',
      data: { contractId, freezeId, authority, reference, at, ...(amount === undefined ? {} : { amount: minorToDecimal(amount, product.asset.scale) }) },
    },
  ];
}

/** Lifts a freeze in force. */
export function decideUnfreeze(state: DemandDepositState, command: Extract<ParsedCommand, { type: 'Unfreeze' }>): DemandDepositEvent[] {
  const contractId = requireOpen(state);
  if (!state.freezes.some((f) => f.freezeId === command.freezeId)) throw new ProductsError('freeze_not_found', command.freezeId, 'freezeId');
  return [{ type: 'FundsUnfrozen', data: { contractId, freezeId: command.freezeId, at: command.at } }];
}
