/** The demand-deposit decider: pure decide/evolve over one account's stream. */
import type { Decider } from '@ecoledger/ledger';
import type { ProductsError } from '../../errors.js';
import type { DemandDepositCommand } from './commands.js';
import { decideDemandDeposit } from './decide.js';
import type { DemandDepositEvent } from './events.js';
import { evolveDemandDeposit } from './evolve.js';
import type { DemandDepositProduct } from './product.js';
import { initialDemandDepositState, type DemandDepositState } from './state.js';

/** A demand-deposit account's decider; errors are {@link ProductsError} values with specific codes. */
export type DemandDepositDecider = Decider<DemandDepositCommand, DemandDepositEvent, DemandDepositState, ProductsError>;

/**
 * The decider of accounts of `product` (a validated product: see `demandDepositProduct`). No I/O,
 * no clock: dates and instants come in the commands.
 */
export const demandDepositDecider = (product: DemandDepositProduct): DemandDepositDecider => ({
  initialState: initialDemandDepositState,
  decide: decideDemandDeposit(product),
  evolve: evolveDemandDeposit(product),
});
