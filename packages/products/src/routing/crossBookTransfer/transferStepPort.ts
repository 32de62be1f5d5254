/**
 * What the saga needs from a book beyond the posting port: why an item failed before. A book
 * remembers ids that failed with a code that depends on its state (`exceeds_credits`,
 * `credit_account_not_found`), and a retry of such an id answers `id_already_failed`, without the
 * reason. A saga step retried after a crash would then record that instead of the real refusal;
 * a port that can say the remembered code keeps the recorded failure the same whatever crashed.
 */
import type { Book } from '@ecoledger/ledger';
import { bookPostingPort, type PostingPort } from '../../posting/postingPort.js';

/** A posting port that may also tell the code an item id failed with. */
export interface TransferStepPort extends PostingPort {
  /** The code a failed item id answered the first time, while the book remembers it; `undefined` otherwise. */
  readonly failureCodeOf?: (id: string) => Promise<string | undefined>;
}

/** The step port over a book in this process. */
export const bookTransferStepPort = (book: Book): TransferStepPort => ({
  ...bookPostingPort(book),
  failureCodeOf: async (id) => book.bookState.failed.get(id),
});
