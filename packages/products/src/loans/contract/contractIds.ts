/**
 * Loan contract ids: a loan's stream is `loan-<contractId>`, and the loan's collateral, early
 * warnings and the borrower's exposure live in `loan-collateral-…`, `loan-warnings-…` and
 * `loan-borrower-…`. A contract id starting with one of those words would make its stream read as
 * another kind, so such ids are refused when the loan is applied for.
 */
import { ProductsError, describeValue } from '../../errors.js';
import { identifierOf } from '../../input/fields.js';

/** Words a loan contract id may not start with. */
export const RESERVED_LOAN_ID_PREFIXES: readonly string[] = Object.freeze(['collateral-', 'warnings-', 'borrower-']);

/** The contract id of an application. @throws ProductsError `identifier_invalid`, `contract_id_reserved`. */
export const applicationContractIdOf = (record: Readonly<Record<string, unknown>>): string => {
  const id = identifierOf(record, 'contractId');
  if (RESERVED_LOAN_ID_PREFIXES.some((prefix) => id.startsWith(prefix))) {
    throw new ProductsError('contract_id_reserved', describeValue(id), 'contractId');
  }
  return id;
};
