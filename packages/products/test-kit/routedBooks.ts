/**
 * Books behind a router, for tests of routing and the cross-book transfer saga: each book defines
 * the CNY ledger and opens its settlement account and its clearing accounts with every other
 * book; customers get a guarded wallet account in their book, funded from that book's settlement.
 * Every setup request has a fixed command id, so a restarted process runs it again harmlessly.
 */
import * as E from 'fp-ts/lib/Either.js';
import { Book, type EventStore, type ItemResult, type LedgerError } from '@ecoledger/ledger';
import { bookBankAccountId, type BookRouter } from '../src/routing/bookRouter.js';
import { clearingAccountsOf } from '../src/routing/clearingAccounts.js';
import { bookTransferStepPort, type TransferStepPort } from '../src/routing/crossBookTransfer/transferStepPort.js';

export const ROUTED_LEDGER = 'cny';
export const ROUTED_SCALE = 2;
export const settlementOf = (bookId: string): string => bookBankAccountId(bookId, 'settlement');
export const walletOf = (customer: string): string => `wallet:${customer}`;

const expectDone = (what: string, outcome: E.Either<LedgerError, readonly ItemResult[]>): void => {
  if (E.isLeft(outcome)) throw new Error(`${what}: ${outcome.left.message}`);
  const bad = outcome.right.find((item) => item.result !== 'ok' && item.result !== 'exists');
  if (bad !== undefined) throw new Error(`${what}: ${bad.id} -> ${bad.result}`);
};

/** Opens (or reopens) one book of the router with its bank accounts. */
export const openRoutedBook = async (store: EventStore, router: BookRouter, bookId: string, clock?: () => Date): Promise<{ readonly book: Book; readonly port: TransferStepPort }> => {
  const book = await Book.open({ store, bookId, snapshotEvery: 0, ...(clock === undefined ? {} : { clock }) });
  expectDone('ledgers', await book.defineLedgers([{ id: ROUTED_LEDGER, asset: { code: 'CNY', scale: ROUTED_SCALE } }], { commandId: `setup-ledgers-${bookId}` }));
  const clearing = clearingAccountsOf(router, bookId, ROUTED_LEDGER).map(({ id, ledger, code, type }) => ({ id, ledger, code, type }));
  expectDone('bank accounts', await book.openAccounts([{ id: settlementOf(bookId), ledger: ROUTED_LEDGER, code: 1002, type: 'asset' }, ...clearing], { commandId: `setup-accounts-${bookId}` }));
  return { book, port: bookTransferStepPort(book) };
};

/** Opens a customer's wallet in its book and funds it from the book's settlement (skip funding with "0"). */
export const openFundedWallet = async (book: Book, bookId: string, customer: string, funding: string): Promise<void> => {
  const id = walletOf(customer);
  expectDone('wallet', await book.openAccounts([{ id, ledger: ROUTED_LEDGER, code: 2011, type: 'liability', flags: { debitsMustNotExceedCredits: true } }], { commandId: `open-${customer}` }));
  if (funding === '0') return;
  const settlement = settlementOf(bookId);
  expectDone('funding', await book.createTransfers([{ id: `fund-${customer}`, debitAccountId: settlement, creditAccountId: id, amount: funding, ledger: ROUTED_LEDGER, code: 1 }], { commandId: `fund-${customer}` }));
};

/** Opens a customer's wallet and closes it at once: transfers to it are refused. */
export const openClosedWallet = async (book: Book, bookId: string, customer: string): Promise<void> => {
  await openFundedWallet(book, bookId, customer, '0');
  expectDone('close', await book.closeAccounts([walletOf(customer)], { commandId: `close-${customer}` }));
};
