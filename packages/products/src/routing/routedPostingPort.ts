/**
 * One posting port over several books: each request goes, whole, to the one book all its items
 * belong to. A request whose items span books is refused before anything is sent: its items could
 * not be atomic across two writers, so a movement between books goes through the cross-book
 * transfer saga (`crossBookTransfer/`).
 *
 * Posts and voids name only their hold: the router finds the book that holds it (the book of the
 * request's other items first, then each book in turn).
 */
import { QueryArgumentError, type TransferInput } from '@ecoledger/ledger';
import { ProductsError, isProductsError } from '../errors.js';
import type { PostingAnswer, PostingPort } from '../posting/postingPort.js';
import type { BookRouter } from './bookRouter.js';

type Routed = { readonly book: string } | { readonly refusal: PostingAnswer };

const refusal = (code: 'cross_book_request' | 'account_unroutable'): Routed => ({ refusal: { requestError: code, results: [] } });

const CURSOR = /^(0|[1-9][0-9]{0,2}):([0-9]{0,16})$/;

/**
 * The posting port that routes by account.
 * @throws ProductsError `book_router_invalid` unless `ports` has exactly one port per book of the router.
 */
export const routedPostingPort = (router: BookRouter, ports: Readonly<Record<string, PostingPort>>): PostingPort => {
  const portNames = Object.keys(ports);
  const missing = router.books.filter((book) => !Object.hasOwn(ports, book));
  const extra = portNames.filter((book) => !router.books.includes(book));
  if (missing.length > 0 || extra.length > 0) {
    throw new ProductsError('book_router_invalid', `ports must match the router's books: missing [${missing.join(', ')}], unknown [${extra.join(', ')}]`, 'ports');
  }
  const portOf = (book: string): PostingPort => ports[book]!;

  // A known book for one account id, or the refusal that ends the request.
  const bookOfAccount = (accountId: string): string | undefined => {
    try {
      return router.bookOf(accountId);
    } catch (error) {
      if (isProductsError(error) && error.code === 'account_unroutable') return undefined;
      throw error;
    }
  };

  const holderOf = async (pendingId: string, likely: string | undefined): Promise<string | undefined> => {
    const order = likely === undefined ? router.books : [likely, ...router.books.filter((book) => book !== likely)];
    for (const book of order) if ((await portOf(book).findTransfer(pendingId)) !== undefined) return book;
    return undefined;
  };

  const route = async (accountIds: readonly string[], pendingIds: readonly string[]): Promise<Routed> => {
    const books = new Set<string>();
    for (const id of accountIds) {
      const book = bookOfAccount(id);
      if (book === undefined) return refusal('account_unroutable');
      books.add(book);
    }
    if (books.size > 1) return refusal('cross_book_request');
    for (const id of pendingIds) {
      const book = await holderOf(id, [...books][0]);
      // A hold no book knows: its own book (if the request names one) answers pending_transfer_not_found.
      if (book === undefined) {
        if (books.size === 0) return refusal('account_unroutable');
        continue;
      }
      books.add(book);
      if (books.size > 1) return refusal('cross_book_request');
    }
    const [book] = books;
    return book === undefined ? refusal('account_unroutable') : { book };
  };

  const accountsOfTransfer = (item: TransferInput): string[] =>
    [item.debitAccountId, item.creditAccountId].filter((id): id is string => id !== undefined);

  return {
    openAccounts: async (accounts, context) => {
      if (accounts.length === 0) return { results: [] };
      const routed = await route(
        accounts.map((account) => account.id),
        [],
      );
      return 'refusal' in routed ? routed.refusal : portOf(routed.book).openAccounts(accounts, context);
    },
    createTransfers: async (items, context) => {
      if (items.length === 0) return { results: [] };
      const accountIds = items.flatMap(accountsOfTransfer);
      const pendingIds = items.filter((item) => accountsOfTransfer(item).length === 0 && item.pendingId !== undefined).map((item) => item.pendingId!);
      const routed = await route(accountIds, pendingIds);
      return 'refusal' in routed ? routed.refusal : portOf(routed.book).createTransfers(items, context);
    },
    findTransfer: async (id) => {
      for (const book of router.books) {
        const found = await portOf(book).findTransfer(id);
        if (found !== undefined) return found;
      }
      return undefined;
    },
    isHoldPending: async (id) => {
      const book = await holderOf(id, undefined);
      return book !== undefined && portOf(book).isHoldPending(id);
    },
    // Book by book: the cursor is `<book index>:<that book's cursor>`.
    openHoldsPage: async (page) => {
      const match = page?.after === undefined ? null : CURSOR.exec(page.after);
      if (page?.after !== undefined && (match === null || Number(match[1]) >= router.books.length)) throw new QueryArgumentError('page.after', 'is not a cursor this list returned');
      const index = match === null ? 0 : Number(match[1]);
      const inner = match === null || match[2] === '' ? undefined : match[2]!;
      const found = await portOf(router.books[index]!).openHoldsPage({ ...(page?.limit === undefined ? {} : { limit: page.limit }), ...(inner === undefined ? {} : { after: inner }) });
      const nextCursor = found.nextCursor !== undefined ? `${index}:${found.nextCursor}` : index + 1 < router.books.length ? `${index + 1}:` : undefined;
      return nextCursor === undefined ? { items: found.items } : { items: found.items, nextCursor };
    },
  };
};
