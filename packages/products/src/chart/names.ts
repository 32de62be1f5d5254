/**
 * The grammar of product names, account roles and contract ids: each is one segment of a ledger
 * account id, so none may hold the separator `:` (product names and roles not even `.`), which is
 * what makes the ids built from them unambiguous.
 */
import { ProductsError, describeValue } from '../errors.js';
import { MAX_CONTRACT_ID_LENGTH, MAX_PRODUCT_NAME_LENGTH } from '../limits.js';

const NAME = new RegExp(`^[a-z][a-z0-9-]{0,${MAX_PRODUCT_NAME_LENGTH - 1}}$`);
const CONTRACT_ID = new RegExp(`^[A-Za-z0-9._-]{1,${MAX_CONTRACT_ID_LENGTH}}$`);

/** Checks a product name (`demand-deposit`). @throws ProductsError `product_invalid`. */
export function assertProductName(value: unknown, field = 'product'): asserts value is string {
  if (typeof value !== 'string' || !NAME.test(value)) throw new ProductsError('product_name_invalid', describeValue(value), field);
}

/** Checks an account role or bank account name (`customer`, `interest-payable`). @throws ProductsError `account_role_invalid`. */
export function assertRoleName(value: unknown, field = 'role'): asserts value is string {
  if (typeof value !== 'string' || !NAME.test(value)) throw new ProductsError('account_role_invalid', describeValue(value), field);
}

/** Checks a contract id (`DD-2026-000123`). @throws ProductsError `contract_id_invalid`. */
export function assertContractId(value: unknown, field = 'contractId'): asserts value is string {
  if (typeof value !== 'string' || !CONTRACT_ID.test(value)) throw new ProductsError('contract_id_invalid', describeValue(value), field);
}
