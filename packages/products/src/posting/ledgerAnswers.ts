/** Reading the book's answers to what products submit. */
import { ProductsError } from '../errors.js';
import type { PostingAnswer } from './postingPort.js';

// A post that settles a hold already settled by the same id answers `exists`; by a repair or an
// earlier finisher under the same derived id it is the same object, so these are all "done".
const DONE: ReadonlySet<string> = new Set(['ok', 'exists']);

/** The first real failure of an answer (a linked chain fails with one cause and `linked_event_failed` elsewhere). */
export const failureOf = (answer: PostingAnswer): string | undefined => {
  if (answer.requestError !== undefined) return answer.requestError;
  const failed = answer.results.filter((result) => !DONE.has(result.result));
  return (failed.find((result) => result.result !== 'linked_event_failed') ?? failed[0])?.result;
};

/**
 * The products error for a refused hold: the ledger's guards decide whether the money is there, so
 * `exceeds_credits` on a customer's account is `insufficient_funds`; anything else names the code.
 *
 * `id_already_failed` is a retry of the same command at the same revision (hold ids derive from
 * both) whose holds the guards refused before: the ledger remembers that refusal, and no money was
 * freed since (a hold of another attempt is released only once the revision moves), so the answer
 * is the refusal again, not a ledger fault. (The contract's accounts are opened before the holds,
 * so the other remembered failures, accounts not found, cannot be the earlier cause.)
 */
export const holdRefusal = (code: string): ProductsError =>
  code === 'exceeds_credits' || code === 'exceeds_debits'
    ? new ProductsError('insufficient_funds', `the ledger answered ${code}`)
    : code === 'id_already_failed'
      ? new ProductsError('insufficient_funds', 'the ledger refused these holds before (id_already_failed): a retry at the same revision')
      : new ProductsError('ledger_rejected', `the ledger answered ${code}`);
