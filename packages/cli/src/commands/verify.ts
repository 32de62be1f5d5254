import { verifyLedgerStore } from '@ecoledger/ledger';
import type { CliIo } from '../io.js';
import { openStore } from '../storeUrl.js';

/**
 * `ecoledger verify --store <url>`: walks the whole log, checks every book's hash chain, schemas,
 * replay invariants and snapshots. Exit 0 when all hold, 1 at the first problem (named by stream
 * and revision).
 */
export const verify = async (options: { store: string }, io: CliIo): Promise<number> => {
  const store = await openStore(options.store);
  try {
    const report = await verifyLedgerStore(store);
    for (const book of report.books) {
      io.out(`${book.stream}: ${book.events} events, ${book.snapshots} snapshots, ${book.accounts} accounts, ${book.postings} transfers`);
    }
    if (report.problem !== undefined) {
      const { stream, revision, reason } = report.problem;
      io.err(`verify FAILED at ${stream} revision ${revision}: ${reason}`);
      return 1;
    }
    io.out(`verify OK: ${report.eventsRead} events read, ${report.books.length} book(s); hash chains, schemas, invariants and snapshots hold`);
    return 0;
  } finally {
    await store.close();
  }
};
