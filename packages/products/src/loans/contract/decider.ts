/** The loan contract decider: pure decide/evolve over one contract's stream. */
import type { Decider } from '@ecoledger/ledger';
import type { ProductsError } from '../../errors.js';
import type { LoanCommand } from './commands.js';
import type { LoanContext } from './context.js';
import { decideLoan } from './decide.js';
import type { LoanEvent } from './events.js';
import { evolveLoan } from './evolve.js';
import { initialLoanState, type LoanState } from './state.js';

/** A loan contract's decider; errors are {@link ProductsError} values with specific codes. */
export type LoanDecider = Decider<LoanCommand, LoanEvent, LoanState, ProductsError>;

/** The decider of contracts of `context.product`. No I/O, no clock: dates and instants come in the commands. */
export const loanDecider = (context: LoanContext): LoanDecider => ({
  initialState: initialLoanState,
  decide: decideLoan(context),
  evolve: evolveLoan(context),
});
