/**
 * The commands of one pledged collateral (its own stream, `loan-collateral-<collateralId>`), as
 * callers send them (JSON: valuations are decimal strings of the loan's asset, dates
 * `YYYY-MM-DD`), and their run-time parsing. Only `Pledge` names the collateral and its loan.
 */
import type { Asset } from '@ecoledger/ledger';
import type { BusinessDate } from '../../calendar/businessDate.js';
import { ProductsError, describeValue } from '../../errors.js';
import { choiceOf, dateOf, identifierOf, positiveAmountOf } from '../../input/fields.js';
import { closedRecord } from '../../interest/input.js';
import { haircutUnitsOf } from './haircut.js';
import { textOf } from './text.js';

/** What is pledged: real estate, a vehicle, a deposit at the bank, or securities. */
export type CollateralKind = 'property' | 'vehicle' | 'deposit' | 'securities';
/** Every collateral kind, for validation. */
export const COLLATERAL_KINDS: readonly CollateralKind[] = Object.freeze(['property', 'vehicle', 'deposit', 'securities']);

/** Pledges a collateral to a loan with its first valuation. */
export interface PledgeCommand {
  readonly type: 'Pledge';
  readonly collateralId: string;
  readonly loanContractId: string;
  readonly kind: CollateralKind;
  readonly description: string;
  readonly valuation: string;
  readonly valuedOn: string;
  /** Who valued it (an appraiser's id, a market-data feed). */
  readonly valuer: string;
  /** Percent of the valuation not counted on (default "0"). */
  readonly haircutPercent?: string;
}
/** Records a new valuation (a correction is a revaluation too: events are never edited). */
export interface RevalueCommand {
  readonly type: 'Revalue';
  readonly valuation: string;
  readonly valuedOn: string;
  readonly valuer: string;
  readonly reason: string;
}
/** Releases the pledge (loan repaid, collateral substituted). */
export interface ReleaseCommand {
  readonly type: 'Release';
  readonly on: string;
  readonly reason: string;
}

/** Every command of a collateral. */
export type CollateralCommand = PledgeCommand | RevalueCommand | ReleaseCommand;

/** A command after run-time checks: dates typed, amounts in minor units. @internal */
export type ParsedCollateralCommand =
  | (Omit<PledgeCommand, 'valuation' | 'valuedOn' | 'haircutPercent'> & { readonly valuation: bigint; readonly valuedOn: BusinessDate; readonly haircutPercent: string })
  | (Omit<RevalueCommand, 'valuation' | 'valuedOn'> & { readonly valuation: bigint; readonly valuedOn: BusinessDate })
  | (Omit<ReleaseCommand, 'on'> & { readonly on: BusinessDate });

/**
 * Checks an untyped command: known type, no unknown field, every field well formed.
 * @throws ProductsError with the specific code of the first bad field.
 */
export function parseCollateralCommand(command: unknown, asset: Asset): ParsedCollateralCommand {
  if (typeof command !== 'object' || command === null || Array.isArray(command)) throw new ProductsError('input_not_object', describeValue(command));
  const type = (command as Record<string, unknown>)['type'];
  switch (type) {
    case 'Pledge': {
      const r = closedRecord(command, ['type', 'collateralId', 'loanContractId', 'kind', 'description', 'valuation', 'valuedOn', 'valuer', 'haircutPercent']);
      const haircut = r['haircutPercent'];
      if (haircut !== undefined) haircutUnitsOf(haircut);
      return {
        type,
        collateralId: identifierOf(r, 'collateralId'),
        loanContractId: identifierOf(r, 'loanContractId'),
        kind: choiceOf(r, 'kind', COLLATERAL_KINDS, 'collateral_kind_unknown'),
        description: textOf(r, 'description'),
        valuation: positiveAmountOf(r, 'valuation', asset),
        valuedOn: dateOf(r, 'valuedOn'),
        valuer: identifierOf(r, 'valuer'),
        haircutPercent: haircut === undefined ? '0' : (haircut as string),
      };
    }
    case 'Revalue': {
      const r = closedRecord(command, ['type', 'valuation', 'valuedOn', 'valuer', 'reason']);
      return { type, valuation: positiveAmountOf(r, 'valuation', asset), valuedOn: dateOf(r, 'valuedOn'), valuer: identifierOf(r, 'valuer'), reason: textOf(r, 'reason') };
    }
    case 'Release': {
      const r = closedRecord(command, ['type', 'on', 'reason']);
      return { type, on: dateOf(r, 'on'), reason: textOf(r, 'reason') };
    }
    default:
      throw new ProductsError('command_unknown', describeValue(type), 'type');
  }
}
