/**
 * The collateral decide function: parses the command (unknown fields and bad values refused with
 * specific codes), then decides against the state. Every refusal is a Left and no events.
 */
import * as E from 'fp-ts/lib/Either.js';
import { minorToDecimal, type Asset } from '@ecoledger/ledger';
import { ProductsError, isProductsError } from '../../errors.js';
import { parseCollateralCommand, type CollateralCommand, type ParsedCollateralCommand } from './commands.js';
import type { CollateralEvent } from './events.js';
import type { CollateralState } from './state.js';

type Pledged = CollateralState & { readonly collateralId: string; readonly loanContractId: string; readonly valuedOn: string };

/** The state of a collateral in force. @throws `collateral_not_pledged`, `collateral_released`. */
const requirePledged = (state: CollateralState): Pledged => {
  if (state.status === 'unpledged' || state.collateralId === undefined || state.loanContractId === undefined || state.valuedOn === undefined) {
    throw new ProductsError('collateral_not_pledged', 'no Pledge in the stream');
  }
  if (state.status === 'released') throw new ProductsError('collateral_released', state.collateralId);
  return state as Pledged;
};

const decideParsed = (asset: Asset, state: CollateralState, command: ParsedCollateralCommand): CollateralEvent[] => {
  const amount = (minor: bigint): string => minorToDecimal(minor, asset.scale);
  switch (command.type) {
    case 'Pledge': {
      if (state.status !== 'unpledged') throw new ProductsError('collateral_already_pledged', state.collateralId ?? '', 'collateralId');
      const { type: _type, valuation, ...rest } = command;
      return [{ type: 'CollateralPledged', data: { ...rest, valuation: amount(valuation) } }];
    }
    case 'Revalue': {
      const pledged = requirePledged(state);
      // A same-day revaluation is a correction; an older one would rewrite history out of order.
      if (command.valuedOn < pledged.valuedOn) throw new ProductsError('collateral_date_out_of_order', `${command.valuedOn} < ${pledged.valuedOn}`, 'valuedOn');
      const { collateralId, loanContractId, haircutPercent } = pledged;
      return [
        {
          type: 'CollateralRevalued',
          data: {
            collateralId,
            loanContractId,
            previousValuation: amount(pledged.valuation),
            valuation: amount(command.valuation),
            valuedOn: command.valuedOn,
            valuer: command.valuer,
            reason: command.reason,
            haircutPercent,
          },
        },
      ];
    }
    case 'Release': {
      const pledged = requirePledged(state);
      if (command.on < pledged.valuedOn) throw new ProductsError('collateral_date_out_of_order', `${command.on} < ${pledged.valuedOn}`, 'on');
      return [{ type: 'CollateralReleased', data: { collateralId: pledged.collateralId, loanContractId: pledged.loanContractId, on: command.on, reason: command.reason } }];
    }
  }
};

/** Decides a command for a collateral valued in `asset`. */
export const decideCollateral =
  (asset: Asset) =>
  (command: CollateralCommand, state: CollateralState): E.Either<ProductsError, readonly CollateralEvent[]> => {
    try {
      return E.right(decideParsed(asset, state, parseCollateralCommand(command, asset)));
    } catch (error) {
      // Business refusals and bad input are values; anything else is a bug and propagates.
      if (isProductsError(error)) return E.left(error);
      throw error;
    }
  };
