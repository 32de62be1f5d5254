/**
 * Checking a cross-book transfer request given at run time, and resolving it through the router
 * into the `TransferRequested` data: the books and clearing accounts are chosen once, when the
 * transfer is asked, and recorded, so a later change of the routing never redirects a saga.
 */
import { ProductsError, describeValue } from '../../errors.js';
import { closedRecord, requiredString } from '../../interest/input.js';
import { MAX_DECIMAL_LENGTH, MAX_TRANSFER_ID_LENGTH } from '../../limits.js';
import { clearingAccountId, type BookRouter } from '../bookRouter.js';
import type { TransferRequestedData } from './transferEvents.js';

/** What a caller asks for. */
export interface CrossBookTransferInput {
  /** The caller's idempotency key: the same id always names the same transfer. */
  readonly transferId: string;
  readonly fromAccountId: string;
  readonly toAccountId: string;
  /** Decimal string in the ledger's major unit, more than zero ("12.34"). */
  readonly amount: string;
  readonly ledger: string;
}

/** Transfer code of both sides' postings (a movement between the bank's own books). */
export const CROSS_BOOK_TRANSFER_CODE = 8001;

const TRANSFER_ID = new RegExp(`^[A-Za-z0-9._-]{1,${MAX_TRANSFER_ID_LENGTH}}$`);
const DECIMAL = /^(0|[1-9][0-9]*)(\.[0-9]+)?$/;
const FIELDS = ['transferId', 'fromAccountId', 'toAccountId', 'amount', 'ledger'];

/** Checks a transfer id. @throws ProductsError `transfer_id_invalid`. */
export const checkedTransferId = (value: unknown): string => {
  if (typeof value !== 'string' || !TRANSFER_ID.test(value)) throw new ProductsError('transfer_id_invalid', describeValue(value), 'transferId');
  return value;
};

/**
 * The request's recorded form.
 * @throws ProductsError `input_not_object`, `field_unknown`, `field_missing`, `field_not_string`,
 *   `transfer_id_invalid`, `amount_invalid`, `amount_negative`, `account_unroutable`, `transfer_same_book`.
 */
export const resolveTransferRequest = (router: BookRouter, input: CrossBookTransferInput): TransferRequestedData => {
  const record = closedRecord(input, FIELDS);
  const transferId = checkedTransferId(record['transferId']);
  const fromAccountId = requiredString(record, 'fromAccountId');
  const toAccountId = requiredString(record, 'toAccountId');
  const amount = requiredString(record, 'amount');
  const ledger = requiredString(record, 'ledger');
  if (amount.startsWith('-')) throw new ProductsError('amount_negative', describeValue(amount), 'amount');
  // The scale is the book's to check (it knows the ledger's asset); zero moves nothing and is refused here.
  if (amount.length > MAX_DECIMAL_LENGTH || !DECIMAL.test(amount) || /^[0.]+$/.test(amount)) {
    throw new ProductsError('amount_invalid', `${describeValue(amount)} is not a decimal string above zero`, 'amount');
  }
  const fromBook = router.bookOf(fromAccountId);
  const toBook = router.bookOf(toAccountId);
  if (fromBook === toBook) throw new ProductsError('transfer_same_book', `${fromAccountId} and ${toAccountId} both live in ${fromBook}`);
  return {
    transferId,
    fromAccountId,
    toAccountId,
    amount,
    ledger,
    code: CROSS_BOOK_TRANSFER_CODE,
    fromBook,
    toBook,
    fromClearingAccountId: clearingAccountId(fromBook, toBook),
    toClearingAccountId: clearingAccountId(toBook, fromBook),
  };
};
