/**
 * Every ledger id of a cross-book transfer derives (uuid v5) from its transfer id, so a resumed
 * runner, a second process or a retry names the same hold, credit, post and void, and each book's
 * idempotency makes each step happen once. The namespace is fixed forever.
 */
import { v5 } from 'uuid';

const TRANSFER_NAMESPACE = '9a3e6b1d-7c2f-5e84-b0d1-4f6a2c8e9b37';

/** The ledger items of one transfer and the requests that carry them. */
export interface TransferIds {
  /** Hold in the paying book: customer account -> its clearing account. */
  readonly holdId: string;
  /** Transfer in the receiving book: its clearing account -> customer account. */
  readonly creditId: string;
  /** Post of the hold once the receiving book credited. */
  readonly postId: string;
  /** Void of the hold when the receiving book refused. */
  readonly voidId: string;
}

/** The derived ids of a transfer's ledger items. */
export const transferIdsOf = (transferId: string): TransferIds => ({
  holdId: v5(`hold\n${transferId}`, TRANSFER_NAMESPACE),
  creditId: v5(`credit\n${transferId}`, TRANSFER_NAMESPACE),
  postId: v5(`post\n${transferId}`, TRANSFER_NAMESPACE),
  voidId: v5(`void\n${transferId}`, TRANSFER_NAMESPACE),
});

/** Command id of the ledger request of one step (the book's idempotency key for it). */
export const transferRequestIdOf = (step: 'hold' | 'credit' | 'post' | 'void', transferId: string): string =>
  v5(`request\n${step}\n${transferId}`, TRANSFER_NAMESPACE);

/** Id of a saga event: each type occurs at most once in a transfer's stream. */
export const transferEventIdOf = (transferId: string, type: string): string => v5(`event\n${type}\n${transferId}`, TRANSFER_NAMESPACE);

/** User data of the saga's ledger items: ties each posting back to its transfer. */
export const transferReference = (transferId: string): string => `x1:${transferId}`;
