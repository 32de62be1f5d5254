/**
 * Which book an account lives in. A book is the unit of consistency with one writer, so a
 * deployment spreads over several writers by giving each a book and routing every request to it.
 *
 * Account ids say what they are:
 * - a bank account is `bank:<book>:<role>` (`bank:b1:settlement`, `bank:b1:clearing:b2`): each book
 *   has its own settlement, interest and clearing accounts, so a bank-side leg never leaves the
 *   book of the customer leg it pairs with;
 * - any other account is a customer's, `<product>:<customer>[:<more>]` (`wallet:c42`,
 *   `deposit:c42:term-3`), and all of one customer's accounts live in one book: the book the
 *   assignment table pins the customer to, else the customer id's hash over the books.
 *
 * The hash moves customers when the list of books changes: pin the existing customers in the
 * assignment table before adding a book.
 */
import { v5 } from 'uuid';
import { ProductsError, describeValue } from '../errors.js';
import { MAX_BOOKS, MAX_BOOK_ASSIGNMENTS, MAX_ROUTED_BOOK_ID_LENGTH } from '../limits.js';

/** What a router is built from (validated at run time: it usually comes from a configuration file). */
export interface BookRouterConfig {
  /** The book ids, in a fixed order (the hash indexes it). */
  readonly books: readonly string[];
  /** Customer id -> book id: pins customers; wins over the hash. */
  readonly assignments?: Readonly<Record<string, string>>;
}

/** Maps accounts to books; see the module comment. */
export interface BookRouter {
  readonly books: readonly string[];
  /** The book of all of a customer's accounts. @throws ProductsError `account_unroutable` for an invalid customer id. */
  bookOfCustomer(customerId: string): string;
  /** The book an account lives in. @throws ProductsError `account_unroutable`. */
  bookOf(accountId: string): string;
}

const BOOK_ID = new RegExp(`^[A-Za-z0-9._-]{1,${MAX_ROUTED_BOOK_ID_LENGTH}}$`);
const CUSTOMER_ID = /^[A-Za-z0-9._-]{1,64}$/;
const ACCOUNT_ID = /^([A-Za-z0-9._-]+):([A-Za-z0-9._-]+)(?::[A-Za-z0-9._:-]+)?$/;
const BANK = 'bank';
// Fixed forever: changing it would move every customer placed by the hash.
const CUSTOMER_HASH_NAMESPACE = '0d4f8f0e-51c6-5d2b-a7f2-9b7f3b1c6e20';

/**
 * The id of a book's own bank account for `role` in a deployment spread over several books: it names
 * its book, so the router can place it. (In one book the chart's `bankAccountId(ledger, name)` is enough.)
 */
export const bookBankAccountId = (bookId: string, role: string): string => `${BANK}:${bookId}:${role}`;

/** The id of book `bookId`'s clearing account with `counterpartyBookId` (its due-to/due-from with that book). */
export const clearingAccountId = (bookId: string, counterpartyBookId: string): string => bookBankAccountId(bookId, `clearing:${counterpartyBookId}`);

const CLEARING = /^bank:([A-Za-z0-9._-]+):clearing:([A-Za-z0-9._-]+)$/;

/** The two books of a clearing account id, or `undefined` for any other account. */
export const parseClearingAccountId = (accountId: string): { readonly book: string; readonly counterparty: string } | undefined => {
  const match = CLEARING.exec(accountId);
  return match === null ? undefined : { book: match[1]!, counterparty: match[2]! };
};

const invalid = (detail: string, field: string): ProductsError => new ProductsError('book_router_invalid', detail, field);

const booksOf = (value: unknown): readonly string[] => {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_BOOKS) throw invalid(`expected 1..${MAX_BOOKS} book ids, got ${describeValue(value)}`, 'books');
  const seen = new Set<string>();
  for (const [index, book] of value.entries()) {
    if (typeof book !== 'string' || !BOOK_ID.test(book)) throw invalid(`not a book id: ${describeValue(book)}`, `books[${index}]`);
    if (seen.has(book)) throw invalid(`${book} is listed twice`, `books[${index}]`);
    seen.add(book);
  }
  return Object.freeze([...seen]);
};

const assignmentsOf = (value: unknown, books: ReadonlySet<string>): ReadonlyMap<string, string> => {
  const table = new Map<string, string>();
  if (value === undefined) return table;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(`expected an object of customer ids to book ids, got ${describeValue(value)}`, 'assignments');
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > MAX_BOOK_ASSIGNMENTS) throw invalid(`${entries.length} assignments exceed ${MAX_BOOK_ASSIGNMENTS}`, 'assignments');
  for (const [customer, book] of entries) {
    if (!CUSTOMER_ID.test(customer)) throw invalid(`not a customer id: ${describeValue(customer)}`, 'assignments');
    if (typeof book !== 'string' || !books.has(book)) throw invalid(`${customer} is assigned to ${describeValue(book)}, not a listed book`, `assignments.${customer}`);
    table.set(customer, book);
  }
  return table;
};

/**
 * Builds a router from its configuration.
 * @throws ProductsError `input_not_object`, `field_unknown`, `book_router_invalid`.
 */
export const createBookRouter = (config: BookRouterConfig): BookRouter => {
  const input: unknown = config;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new ProductsError('input_not_object', describeValue(input));
  for (const key of Object.keys(input)) if (key !== 'books' && key !== 'assignments') throw new ProductsError('field_unknown', JSON.stringify(key.slice(0, 40)), key.slice(0, 40));
  const books = booksOf(config.books);
  const known = new Set(books);
  const assignments = assignmentsOf(config.assignments, known);
  const count = BigInt(books.length);

  const bookOfCustomer = (customerId: string): string => {
    if (typeof customerId !== 'string' || !CUSTOMER_ID.test(customerId)) throw new ProductsError('account_unroutable', `not a customer id: ${describeValue(customerId)}`);
    const pinned = assignments.get(customerId);
    if (pinned !== undefined) return pinned;
    // 48 bits of the customer id's uuid v5: uniform enough over at most 256 books, and stable forever.
    const hash = BigInt(`0x${v5(customerId, CUSTOMER_HASH_NAMESPACE).replace(/-/g, '').slice(0, 12)}`);
    return books[Number(hash % count)]!;
  };

  const bookOf = (accountId: string): string => {
    const match = typeof accountId === 'string' ? ACCOUNT_ID.exec(accountId) : null;
    if (match === null) throw new ProductsError('account_unroutable', describeValue(accountId));
    if (match[1] !== BANK) return bookOfCustomer(match[2]!);
    if (match[0].length === match[1].length + match[2]!.length + 1) throw new ProductsError('account_unroutable', `${accountId} names a book but no role`);
    if (!known.has(match[2]!)) throw new ProductsError('account_unroutable', `${accountId} names the book ${match[2]!}, which this router does not list`);
    return match[2]!;
  };

  return Object.freeze({ books, bookOfCustomer, bookOf });
};
