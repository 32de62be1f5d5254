/**
 * The chart's accounts as ledger account intents: the bank's general ledger, opened once per
 * ledger at setup, and a contract's accounts, opened when the contract is.
 */
import type { AccountIntent } from '../posting/ledgerEffects.js';
import { ProductsError } from '../errors.js';
import { assertLedgerId, bankAccountId, contractAccountId } from './accountIds.js';
import { BANK_PRODUCT, chartAccount, type ChartAccount, type ChartOfAccounts } from './chartOfAccounts.js';

const intentOf = (id: string, ledger: string, account: ChartAccount): AccountIntent =>
  Object.freeze({
    id,
    ledger,
    code: account.code,
    type: account.type,
    ...(account.guard === undefined ? {} : { guard: account.guard }),
    metadata: Object.freeze({ product: account.product, name: account.name }),
  });

/**
 * The general-ledger accounts the bank needs in `ledger` (one per `bank` account of the chart, in
 * the chart's order). Opening them is idempotent, so setup may run again.
 * @throws ProductsError `ledger_id_invalid`.
 */
export function bankAccounts(ledger: string, chart: ChartOfAccounts): AccountIntent[] {
  return chart.accounts.filter((account) => account.product === BANK_PRODUCT).map((account) => intentOf(bankAccountId(ledger, account.name), ledger, account));
}

/**
 * The account `role` of a product contract in `ledger`, with the code, type and guard the chart
 * gives that role. @throws ProductsError `account_role_invalid` (a role the chart does not name),
 * `product_invalid` (also for `bank`), `contract_id_invalid`, `ledger_id_invalid`.
 */
export function contractAccount(chart: ChartOfAccounts, ledger: string, product: string, contractId: string, role: string): AccountIntent {
  assertLedgerId(ledger);
  // The bank's accounts are one per ledger, never per contract: bankAccounts() opens them.
  if (product === BANK_PRODUCT) throw new ProductsError('product_name_invalid', 'the bank has general-ledger accounts, not contracts', 'product');
  const account = chartAccount(chart, product, role);
  return intentOf(contractAccountId(product, contractId, role), ledger, account);
}
