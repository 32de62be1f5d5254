import { openReadOnlyClosedIndex, verifyLedgerStore, type VerifiedBook, type VerifyReport } from '@ecoledger/ledger';
import type { CliIo } from '../io.js';
import { readHeadFile, readKeyFile } from '../keyFile.js';
import { openStore } from '../storeUrl.js';

/** Options of {@link verify}. */
export interface VerifyCommandOptions {
  readonly store: string;
  /** JSON file with seal keys and head public keys (see keyFile.ts). */
  readonly keyFile?: string;
  /** Signed heads kept outside the database. */
  readonly headFile?: string;
}

/** Exit code when the log could not be read whole: nothing was vouched for; rerun. */
export const EXIT_INCOMPLETE = 3;

const printLimits = (report: VerifyReport, options: VerifyCommandOptions, io: CliIo): void => {
  if (!report.tamperEvident) {
    io.out(
      'NOT TAMPER-EVIDENT against a database writer: the chains were not checked under seal keys (no --key-file, unkeyed books, or an unkeyed prefix nothing vouches for). ' +
        'A plain SHA-256 chain catches accidental corruption only; anyone who can write the database can recompute it.',
    );
  }
  if (options.headFile === undefined) {
    io.out('No --head-file: deleting the newest events, or a whole book, is not detectable without signed heads kept outside the database.');
  }
};

/** How a book is sealed, and what vouches for the unkeyed prefix of a book keyed later. */
const sealOf = (book: VerifiedBook): string => {
  if (!book.keyed) return 'unkeyed chain';
  const prefix = book.unkeyedPrefix;
  if (prefix === undefined) return 'keyed seal';
  const vouched =
    prefix.vouchedBy === undefined
      ? 'NOT tamper-evident: no adoption record and no signed head at its last revision'
      : prefix.vouchedBy === 'adoption'
        ? 'adopted at its head (adoption record sealed in the first keyed event)'
        : 'vouched for by a signed head at its last revision';
  return `keyed seal from revision ${prefix.lastRevision + 1n}; unkeyed prefix 0..${prefix.lastRevision} ${vouched}`;
};

/**
 * `ecoledger verify --store <url> [--key-file keys.json] [--head-file heads.json]`: opens the store
 * read-only and walks the whole log: every book's hash chain (keyed seals under the key file's
 * keys), schemas, replay invariants, snapshot bindings, the signed heads, no posting id stored twice
 * across closed periods and, when the store is SQL and holds the closed-posting index tables, that
 * index (read-only) against every closed period. Exit 0 when all hold,
 * 1 at the first problem (named by stream and revision), 2 when the store (or a key or heads file)
 * is missing or unusable, 3 when the log could not be read whole.
 */
export const verify = async (options: VerifyCommandOptions, io: CliIo): Promise<number> => {
  // Key or heads files that cannot be used, and stores that cannot be opened, throw errors that
  // main() words as one line with exit 2 (userErrors.ts).
  const keys = options.keyFile === undefined ? { sealKeys: [], headKeys: [] } : readKeyFile(options.keyFile);
  const heads = options.headFile === undefined ? [] : readHeadFile(options.headFile);
  const store = await openStore(options.store, { readOnly: true });
  let closedIndex: Awaited<ReturnType<typeof openReadOnlyClosedIndex>>;
  try {
    closedIndex = await openReadOnlyClosedIndex(options.store);
  } catch (error) {
    await store.close();
    throw error;
  }
  try {
    const report = await verifyLedgerStore(store, {
      sealKeys: keys.sealKeys,
      heads,
      headKeys: keys.headKeys,
      ...(closedIndex === undefined ? {} : { closedPostings: closedIndex.index }),
    });
    for (const book of report.books) {
      io.out(
        `${book.stream}: ${book.events} events, ${book.snapshots} snapshots, ${book.accounts} accounts, ${book.postings} transfers, ${sealOf(book)}` +
          (book.head === undefined ? '' : `; head revision ${book.head.revision} hash ${book.head.hash}`),
      );
    }
    if (report.incomplete !== undefined) {
      io.err(`verify INCOMPLETE after ${report.eventsRead} events: ${report.incomplete}. Nothing is vouched for.`);
      return EXIT_INCOMPLETE;
    }
    if (report.problem !== undefined) {
      const { stream, revision, reason } = report.problem;
      io.err(`verify FAILED at ${stream} revision ${revision}: ${reason}`);
      return 1;
    }
    io.out(
      `verify OK: ${report.eventsRead} events read, ${report.books.length} book(s); hash chains${report.tamperEvident ? ' (keyed seals)' : ''}, schemas, invariants and snapshots hold; ${report.headsChecked} signed head(s) matched; ${closedIndex === undefined ? 'no closed-posting index in the store' : 'closed-posting index matches the log'}`,
    );
    printLimits(report, options, io);
    return 0;
  } finally {
    await closedIndex?.close();
    await store.close();
  }
};
