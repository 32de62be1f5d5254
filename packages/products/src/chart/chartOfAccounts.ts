/**
 * A bank's chart of accounts as data: the account and transfer code ranges of each product, and
 * the named accounts with their code, type and normal balance side. Products name accounts by
 * role (`customer`), the bank's general ledger by name (`interest-payable`); the chart says what
 * each one is.
 */
import { normalSideOf, type AccountType, type Side } from '@ecoledger/ledger';
import { ProductsError, describeValue } from '../errors.js';
import { closedRecord } from '../interest/input.js';
import { MAX_CODE_RANGES } from '../limits.js';
import { assertCodeOf, assertRegistry, type CodeRegistry } from './codeRegistry.js';
import { assertProductName, assertRoleName } from './names.js';

/** The ledger guard a chart account is opened with (see `AccountIntent.guard`). */
export type AccountGuard = 'debits_must_not_exceed_credits' | 'credits_must_not_exceed_debits';

/** A named account of the chart: a contract role of a product, or a general-ledger account of `bank`. */
export interface ChartAccount {
  readonly product: string;
  /** The role (for a product's contract accounts) or the bank account's name. */
  readonly name: string;
  readonly code: number;
  readonly type: AccountType;
  /** The side its balance normally lies on, from its type. */
  readonly normalSide: Side;
  readonly guard?: AccountGuard;
  readonly description: string;
}

/** What {@link chartOfAccounts} takes: the accounts without their normal side (the type fixes it). */
export interface ChartOfAccountsInput {
  readonly accountCodes: CodeRegistry;
  readonly transferCodes: CodeRegistry;
  readonly accounts: readonly Omit<ChartAccount, 'normalSide'>[];
}

/** A checked chart of accounts. */
export interface ChartOfAccounts {
  readonly accountCodes: CodeRegistry;
  readonly transferCodes: CodeRegistry;
  readonly accounts: readonly ChartAccount[];
}

/** The product that owns the bank's general-ledger accounts. */
export const BANK_PRODUCT = 'bank';

const ACCOUNT_TYPES: readonly string[] = Object.keys(normalSideOf);
const GUARDS: readonly string[] = ['debits_must_not_exceed_credits', 'credits_must_not_exceed_debits'];

const checkedAccount = (value: unknown, accountCodes: CodeRegistry, field: string): ChartAccount => {
  const record = closedRecord(value, ['product', 'name', 'code', 'type', 'guard', 'description']);
  assertProductName(record.product, `${field}.product`);
  assertRoleName(record.name, `${field}.name`);
  assertCodeOf(accountCodes, record.product, record.code as number);
  const { type, guard, description } = record;
  if (typeof type !== 'string' || !ACCOUNT_TYPES.includes(type)) throw new ProductsError('chart_invalid', `type ${describeValue(type)}`, `${field}.type`);
  if (guard !== undefined && (typeof guard !== 'string' || !GUARDS.includes(guard))) throw new ProductsError('chart_invalid', `guard ${describeValue(guard)}`, `${field}.guard`);
  if (typeof description !== 'string' || description.length === 0 || description.length > 1_024) {
    throw new ProductsError('chart_invalid', `description ${describeValue(description)}`, `${field}.description`);
  }
  const accountType = type as AccountType;
  return Object.freeze({
    product: record.product,
    name: record.name,
    code: record.code as number,
    type: accountType,
    normalSide: normalSideOf[accountType],
    ...(guard === undefined ? {} : { guard: guard as AccountGuard }),
    description,
  });
};

/**
 * Checks a chart: registries of the right kinds, every named account inside its product's
 * account codes, no product role or code named twice.
 * @throws ProductsError `chart_invalid`, `code_out_of_range`, `product_unknown`, `product_invalid`,
 * `account_role_invalid`, `input_not_object`, `field_unknown`, `code_range_invalid`.
 */
export function chartOfAccounts(input: ChartOfAccountsInput): ChartOfAccounts {
  const record = closedRecord(input, ['accountCodes', 'transferCodes', 'accounts']);
  const { accountCodes, transferCodes, accounts } = record;
  assertRegistry(accountCodes);
  assertRegistry(transferCodes);
  if (accountCodes.kind !== 'account' || transferCodes.kind !== 'transfer') throw new ProductsError('chart_invalid', 'accountCodes must hold account codes and transferCodes transfer codes');
  // Named accounts are a handful per product: as many as the code ranges, ten times over, is plenty.
  if (!Array.isArray(accounts) || accounts.length > 10 * MAX_CODE_RANGES) throw new ProductsError('chart_invalid', `accounts ${describeValue(accounts)}`, 'accounts');
  const checked = accounts.map((account: unknown, index) => checkedAccount(account, accountCodes, `accounts[${index}]`));
  const names = new Set<string>();
  const codes = new Set<number>();
  for (const account of checked) {
    const key = `${account.product}:${account.name}`;
    if (names.has(key)) throw new ProductsError('chart_invalid', `${key} is named twice`, 'accounts');
    if (codes.has(account.code)) throw new ProductsError('chart_invalid', `code ${account.code} is used twice`, 'accounts');
    names.add(key);
    codes.add(account.code);
  }
  return Object.freeze({ accountCodes, transferCodes, accounts: Object.freeze(checked) });
}

/** The chart account `name` of `product`. @throws ProductsError `account_role_invalid` when the chart does not name it. */
export function chartAccount(chart: ChartOfAccounts, product: string, name: string): ChartAccount {
  assertProductName(product);
  assertRoleName(name, 'name');
  const found = chart.accounts.find((account) => account.product === product && account.name === name);
  if (found === undefined) throw new ProductsError('account_role_invalid', `the chart names no account ${name} of ${product}`, 'name');
  return found;
}
