/**
 * The invariant checks every scenario ends with, on what it stored: the trial balance of each
 * asset sums to zero, a read model built from the stored events agrees with the book, and
 * replaying the log rebuilds the book's live balances.
 */
import { Book, decimalToMinor, LedgerReadModel, type AccountBalance, type EventStore, type TrialBalance } from '@ecoledger/ledger';

/** Debits and credits posted on one asset, as decimal strings. */
export interface AssetTotals {
  readonly debits: string;
  readonly credits: string;
}

/** What the checks found. */
export interface BookCheck {
  readonly trialBalance: TrialBalance;
  /** Per asset code: total posted debits and credits. */
  readonly totals: Readonly<Record<string, AssetTotals>>;
  /** Invariants that failed, in words (empty when all hold). */
  readonly failures: readonly string[];
}

const PAGE = 1_000;

/** Every account of a book, page by page. */
export const allAccounts = (book: Book): AccountBalance[] => {
  const accounts: AccountBalance[] = [];
  let after: string | undefined;
  do {
    const page = book.accountsPage(after === undefined ? { limit: PAGE } : { limit: PAGE, after });
    accounts.push(...page.items);
    after = page.nextCursor;
  } while (after !== undefined);
  return accounts;
};

/** Runs the checks on a book and the store it lives in. */
export const checkBook = async (store: EventStore, book: Book): Promise<BookCheck> => {
  const failures: string[] = [];
  // Read models from the stored events, exactly as a separate reporting process would build them.
  const model = new LedgerReadModel({ streams: (name) => name === book.streamName });
  model.applyAll(await store.readStream(book.streamName));
  const trialBalance = model.trialBalance();
  const totals: Record<string, AssetTotals> = {};
  for (const asset of trialBalance.assets) {
    totals[asset.assetCode] = { debits: asset.totalDebits, credits: asset.totalCredits };
    if (!asset.balanced || decimalToMinor(asset.signedTotal, asset.scale) !== 0n) failures.push(`trial balance of ${asset.assetCode} does not sum to zero`);
  }
  const live = allAccounts(book);
  for (const account of live) {
    const projected = model.balance(account.id);
    if (projected?.balance !== account.balance || projected.available !== account.available) failures.push(`read model and book disagree on ${account.id}`);
  }
  const replayed = await Book.open({ store, bookId: book.bookId, snapshotEvery: 0 });
  if (JSON.stringify(allAccounts(replayed)) !== JSON.stringify(live)) failures.push('replay does not rebuild the live balances');
  return { trialBalance, totals, failures };
};
