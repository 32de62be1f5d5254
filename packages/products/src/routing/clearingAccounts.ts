/** The clearing accounts a book needs to take part in cross-book transfers. */
import type { AccountIntent } from '../posting/ledgerEffects.js';
import { clearingAccountId, type BookRouter } from './bookRouter.js';

/**
 * Chart-of-accounts code of a clearing account: 3001, clearing funds with other units of the bank
 * (清算资金往来). Its balance is a due-from when debit, a due-to when credit.
 */
export const CLEARING_ACCOUNT_CODE = 3001;

/**
 * A book's clearing account with every other book of the router, in one ledger. Unguarded: a
 * clearing account goes either way, and the saga, not a guard, keeps it honest.
 */
export const clearingAccountsOf = (router: BookRouter, bookId: string, ledger: string): AccountIntent[] =>
  router.books
    .filter((other) => other !== bookId)
    .map((other) => ({ id: clearingAccountId(bookId, other), ledger, code: CLEARING_ACCOUNT_CODE, type: 'asset' as const }));
