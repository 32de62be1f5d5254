/**
 * The demand-deposit decide function: parses the command (unknown fields and bad values refused
 * with specific codes), then decides against the state. Every refusal is a Left and no events.
 */
import * as E from 'fp-ts/lib/Either.js';
import { ProductsError, isProductsError } from '../../errors.js';
import { parseCommand, type DemandDepositCommand } from './commands.js';
import { decideFreeze, decideOpen, decideUnfreeze } from './decideAccount.js';
import { decideAccrue, decideClose, decidePost } from './decideInterest.js';
import { decideDeposit, decideWithdraw } from './decideMovements.js';
import type { DemandDepositEvent } from './events.js';
import type { DemandDepositProduct } from './product.js';
import type { DemandDepositState } from './state.js';

/** Decides a command for the product the account was opened under. */
export const decideDemandDeposit =
  (product: DemandDepositProduct) =>
  (command: DemandDepositCommand, state: DemandDepositState): E.Either<ProductsError, readonly DemandDepositEvent[]> => {
    try {
      const parsed = parseCommand(command, product.asset);
      switch (parsed.type) {
        case 'Open':
          return E.right(decideOpen(product, state, parsed));
        case 'Deposit':
          return E.right(decideDeposit(product, state, parsed));
        case 'Withdraw':
          return E.right(decideWithdraw(product, state, parsed));
        case 'Freeze':
          return E.right(decideFreeze(product, state, parsed));
        case 'Unfreeze':
          return E.right(decideUnfreeze(state, parsed));
        case 'AccrueInterest':
          return E.right(decideAccrue(product, state, parsed));
        case 'PostInterest':
          return E.right(decidePost(product, state, parsed));
        case 'Close':
          return E.right(decideClose(product, state, parsed));
      }
    } catch (error) {
      // Business refusals and bad input are values; anything else is a bug and propagates.
      if (isProductsError(error)) return E.left(error);
      throw error;
    }
  };
