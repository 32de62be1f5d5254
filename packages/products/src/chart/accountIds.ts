/**
 * Ledger account ids of the chart's accounts. A contract's account is
 * `<product>:<contractId>:<role>`, a general-ledger account `gl.<ledger>.<name>`. Products and
 * roles hold no `:` or `.`, contract ids no `:`, so each id splits back into its parts only one
 * way: two different inputs never give the same id (property-tested), and a contract id never
 * collides with a bank id (a bank id's text before its first `:`, if any, contains `.`).
 * Every id satisfies the ledger's id grammar (1..128 of `A-Za-z0-9._:-`).
 */
import { ProductsError, describeValue } from '../errors.js';
import { LEDGER_ID_PATTERN } from '../limits.js';
import { assertContractId, assertProductName, assertRoleName } from './names.js';

/**
 * The ledger id of `contractId`'s account in `role` (`demand-deposit:DD-2026-0001:customer`).
 * Deterministic: the same contract and role always give the same id.
 * @throws ProductsError `product_invalid`, `contract_id_invalid`, `account_role_invalid`.
 */
export function contractAccountId(productPrefix: string, contractId: string, role: string): string {
  assertProductName(productPrefix, 'productPrefix');
  assertContractId(contractId);
  assertRoleName(role);
  return `${productPrefix}:${contractId}:${role}`;
}

/**
 * The ledger id of the bank's general-ledger account `name` in `ledger` (`gl.CNY.interest-payable`).
 * The ledger is part of the id because account ids are unique across a book's ledgers, and every
 * ledger needs its own settlement, interest and tax accounts.
 * @throws ProductsError `account_role_invalid`, `ledger_id_invalid` (also when the id would exceed 128 characters).
 */
export function bankAccountId(ledger: string, name: string): string {
  assertLedgerId(ledger);
  assertRoleName(name, 'name');
  const id = `gl.${ledger}.${name}`;
  if (!LEDGER_ID_PATTERN.test(id)) throw new ProductsError('ledger_id_invalid', `${describeValue(ledger)} is too long for a bank account id`, 'ledger');
  return id;
}

/** Checks a ledger id against the ledger's id grammar. @throws ProductsError `ledger_id_invalid`. */
export function assertLedgerId(value: unknown, field = 'ledger'): asserts value is string {
  if (typeof value !== 'string' || !LEDGER_ID_PATTERN.test(value)) throw new ProductsError('ledger_id_invalid', describeValue(value), field);
}
