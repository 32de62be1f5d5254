/** The time-deposit decider for one product: `decide`, `evolve` and the initial state. */
import type { Decider } from '@ecoledger/ledger';
import type { ProductsError } from '../../errors.js';
import type { TimeDepositCommand } from './commands.js';
import { decideTimeDeposit } from './decide.js';
import type { TimeDepositEvent } from './events.js';
import { evolveTimeDeposit } from './evolve.js';
import type { TimeDepositProduct } from './product.js';
import { initialTimeDepositState, type TimeDepositState } from './state.js';

/**
 * The decider of time deposits of `product` (validate it with `timeDepositProduct` first). One
 * stream per contract. Commands are checked at run time, so untyped input is safe to pass.
 */
export const timeDepositDecider = (product: TimeDepositProduct): Decider<TimeDepositCommand, TimeDepositEvent, TimeDepositState, ProductsError> => ({
  initialState: initialTimeDepositState,
  decide: decideTimeDeposit(product),
  evolve: evolveTimeDeposit(product.asset),
});
