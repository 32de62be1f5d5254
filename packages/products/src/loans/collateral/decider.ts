/** The collateral decider: pure decide/evolve over one pledge's stream (`loan-collateral-<id>`). */
import { CNY, type Asset, type Decider } from '@ecoledger/ledger';
import type { ProductsError } from '../../errors.js';
import { assetOf } from '../../interest/input.js';
import type { CollateralCommand } from './commands.js';
import { decideCollateral } from './decide.js';
import type { CollateralEvent } from './events.js';
import { evolveCollateral, initialCollateralState, type CollateralState } from './state.js';

/** A collateral's decider; errors are {@link ProductsError} values with specific codes. */
export type CollateralDecider = Decider<CollateralCommand, CollateralEvent, CollateralState, ProductsError>;

/**
 * The decider of collaterals valued in `asset` (the loan's currency, CNY by default). No I/O, no
 * clock. @throws ProductsError `asset_invalid`.
 */
export const collateralDecider = (asset: Asset = CNY): CollateralDecider => {
  const checked = assetOf(asset);
  return { initialState: initialCollateralState, decide: decideCollateral(checked), evolve: evolveCollateral(checked) };
};
