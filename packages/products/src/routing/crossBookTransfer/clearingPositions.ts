/**
 * The check that clearing nets to zero across books. A transfer from book X to book Y credits X's
 * clearing account with Y (X now owes Y) and debits Y's clearing account with X (Y is owed by X),
 * both by the amount; one the other way does the opposite. So for every pair of books the two
 * clearing accounts' posted balances, each taken debit minus credit, sum to zero once every saga
 * between them is terminal, and no clearing account has anything pending.
 */
import { decimalToMinor, minorToDecimal, type AccountBalance } from '@ecoledger/ledger';
import { parseClearingAccountId } from '../bookRouter.js';

/** One pair of books' clearing, as decimal strings of the ledger's major unit (debit minus credit, posted). */
export interface ClearingPosition {
  readonly book: string;
  readonly counterparty: string;
  /** `book`'s clearing account with `counterparty`: positive when `counterparty` owes `book`. */
  readonly position: string;
  /** `counterparty`'s clearing account with `book`. */
  readonly counterpartyPosition: string;
  /** Pending debits plus credits on both accounts (holds of sagas still running). */
  readonly pending: string;
  /** Positions sum to zero and nothing is pending. */
  readonly nets: boolean;
}

/** Every pair's clearing, and whether all of them net. */
export interface ClearingReport {
  readonly pairs: readonly ClearingPosition[];
  readonly nets: boolean;
}

/**
 * Checks the clearing accounts of one ledger across books. `balances` holds each book's accounts
 * (`book.accounts()`), `ledger` and `scale` name the ledger and its asset's scale. A clearing
 * account missing on one side counts as zero.
 */
export const clearingPositions = (balances: Readonly<Record<string, readonly AccountBalance[]>>, ledger: string, scale: number): ClearingReport => {
  const accounts = new Map<string, { position: bigint; pending: bigint }>();
  for (const [book, list] of Object.entries(balances)) {
    for (const account of list) {
      const clearing = parseClearingAccountId(account.id);
      if (clearing === undefined || clearing.book !== book || account.ledger !== ledger) continue;
      const minor = (field: 'debitsPosted' | 'creditsPosted' | 'debitsPending' | 'creditsPending'): bigint => decimalToMinor(account[field], scale);
      accounts.set(`${clearing.book}\n${clearing.counterparty}`, {
        position: minor('debitsPosted') - minor('creditsPosted'),
        pending: minor('debitsPending') + minor('creditsPending'),
      });
    }
  }
  const pairs: ClearingPosition[] = [];
  const seen = new Set<string>();
  for (const key of [...accounts.keys()].sort()) {
    const [book, counterparty] = key.split('\n') as [string, string];
    if (seen.has(key)) continue;
    const reverse = `${counterparty}\n${book}`;
    seen.add(key).add(reverse);
    const own = accounts.get(key)!;
    const other = accounts.get(reverse) ?? { position: 0n, pending: 0n };
    const pending = own.pending + other.pending;
    pairs.push({
      book,
      counterparty,
      position: minorToDecimal(own.position, scale),
      counterpartyPosition: minorToDecimal(other.position, scale),
      pending: minorToDecimal(pending, scale),
      nets: own.position + other.position === 0n && pending === 0n,
    });
  }
  return { pairs, nets: pairs.every((pair) => pair.nets) };
};
