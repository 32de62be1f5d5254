/** The state of one pledged collateral, rebuilt by folding its events. */
import { decimalToMinor, type Asset } from '@ecoledger/ledger';
import type { BusinessDate } from '../../calendar/businessDate.js';
import type { CollateralKind } from './commands.js';
import type { CollateralEvent } from './events.js';

/** The whole collateral; `valuation` in minor units of the loan's asset. */
export interface CollateralState {
  readonly status: 'unpledged' | 'pledged' | 'released';
  readonly collateralId: string | undefined;
  readonly loanContractId: string | undefined;
  readonly kind: CollateralKind | undefined;
  readonly valuation: bigint;
  readonly valuedOn: BusinessDate | undefined;
  readonly haircutPercent: string;
}

/** Before `Pledge`. */
export const initialCollateralState = (): CollateralState => ({
  status: 'unpledged',
  collateralId: undefined,
  loanContractId: undefined,
  kind: undefined,
  valuation: 0n,
  valuedOn: undefined,
  haircutPercent: '0',
});

/** The state after `event`. Pure and total over valid events: it trusts the (decided, schema-checked) event. */
export const evolveCollateral =
  (asset: Asset) =>
  (state: CollateralState, event: CollateralEvent): CollateralState => {
    switch (event.type) {
      case 'CollateralPledged': {
        const { collateralId, loanContractId, kind, valuation, valuedOn, haircutPercent } = event.data;
        return { status: 'pledged', collateralId, loanContractId, kind, valuation: decimalToMinor(valuation, asset.scale), valuedOn: valuedOn as BusinessDate, haircutPercent };
      }
      case 'CollateralRevalued':
        return { ...state, valuation: decimalToMinor(event.data.valuation, asset.scale), valuedOn: event.data.valuedOn as BusinessDate };
      case 'CollateralReleased':
        return { ...state, status: 'released' };
    }
  };
