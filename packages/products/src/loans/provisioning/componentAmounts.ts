/** Amounts per loan component as checked input: the four components of the waterfall. @internal */
import type { Asset } from '@ecoledger/ledger';
import { ProductsError } from '../../errors.js';
import { closedRecord, principalOf, requiredString } from '../../interest/input.js';
import { LOAN_COMPONENTS, type LoanComponent } from '../waterfall/waterfall.js';

/** Minor units per component. @internal */
export type ComponentMinor = Readonly<Record<LoanComponent, bigint>>;

/** A record of the four components as non-negative minor units. @throws ProductsError field and amount codes. @internal */
export const componentMinorOf = (value: unknown, field: string, asset: Asset): ComponentMinor => {
  if (value === undefined) throw new ProductsError('field_missing', field, field);
  const record = closedRecord(value, LOAN_COMPONENTS);
  const result = {} as Record<LoanComponent, bigint>;
  for (const component of LOAN_COMPONENTS) result[component] = principalOf(requiredString(record, component), asset, `${field}.${component}`);
  return result;
};

/** The sum of the four components. @internal */
export const totalOf = (amounts: ComponentMinor): bigint => LOAN_COMPONENTS.reduce((sum, c) => sum + amounts[c], 0n);
