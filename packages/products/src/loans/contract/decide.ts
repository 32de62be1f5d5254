/**
 * The loan decide function: parses the command (unknown fields and bad values refused with
 * specific codes), then decides against the state. Every refusal is a Left and no events.
 */
import * as E from 'fp-ts/lib/Either.js';
import { isProductsError, type ProductsError } from '../../errors.js';
import { parseLoanCommand, type LoanCommand } from './commands.js';
import type { LoanContext } from './context.js';
import { decideApply, decideApprove, decideCredit, decideDisburse, decideReverseDisbursement, decideSign } from './decideOrigination.js';
import { decideClose, decidePayOff, decidePrepay, decideRefundCredit, decideRepay, decideShortfall } from './decideRepayment.js';
import { decideAccrue, decideAssess, decideDowngrade, decideRecover, decideWriteOff } from './decideRisk.js';
import type { LoanEvent } from './events.js';
import type { LoanState } from './state.js';

/** Decides a command for the contract's product and configuration. */
export const decideLoan =
  (context: LoanContext) =>
  (command: LoanCommand, state: LoanState): E.Either<ProductsError, readonly LoanEvent[]> => {
    try {
      const c = parseLoanCommand(command, context.product.asset);
      switch (c.type) {
        case 'Apply':
          return E.right(decideApply(context, state, c));
        case 'DecideCredit':
          return E.right(decideCredit(context, state, c));
        case 'Approve':
          return E.right(decideApprove(context, state, c));
        case 'Sign':
          return E.right(decideSign(context, state, c));
        case 'Disburse':
          return E.right(decideDisburse(context, state, c));
        case 'ReverseDisbursement':
          return E.right(decideReverseDisbursement(context, state, c));
        case 'Repay':
          return E.right(decideRepay(context, state, c));
        case 'RecordShortfall':
          return E.right(decideShortfall(context, state, c));
        case 'Prepay':
          return E.right(decidePrepay(context, state, c));
        case 'PayOff':
          return E.right(decidePayOff(context, state, c));
        case 'RefundCredit':
          return E.right(decideRefundCredit(context, state, c));
        case 'AccrueInterest':
          return E.right(decideAccrue(context, state, c));
        case 'Assess':
          return E.right(decideAssess(context, state, c));
        case 'WriteOff':
          return E.right(decideWriteOff(context, state, c));
        case 'Recover':
          return E.right(decideRecover(context, state, c));
        case 'Downgrade':
          return E.right(decideDowngrade(context, state, c));
        case 'Close':
          return E.right(decideClose(context, state, c));
      }
    } catch (error) {
      // Business refusals and bad input are values; anything else is a bug and propagates.
      if (isProductsError(error)) return E.left(error);
      throw error;
    }
  };
