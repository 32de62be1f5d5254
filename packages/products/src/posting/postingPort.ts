/**
 * The one port products post through. Today it is a book in the same process; later a book
 * service. Products never open books of their own: a book has one writer, and several writers on
 * one book stream fall into conflict-and-retry loops, so every product in a process shares the
 * port (and through it the book's group commit).
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Book, ItemResult, Page, PageRequest, PostingRecord, RequestContext, TransferInput } from '@ecoledger/ledger';
import type { AccountIntent } from './ledgerEffects.js';

/** Who is posting: the request context the book records with the postings. */
export interface PostingContext {
  /** Idempotency key of the ledger request: derived from the product event, so a retry repeats it. */
  readonly commandId: string;
  readonly correlationId?: string;
  readonly actor?: string;
}

/** The book's answer: one result per item (`ok`, `exists` or a result code), or a rejection of the whole request. */
export interface PostingAnswer {
  /** The request-level code when the book refused the request as a whole (`book_overloaded`, `command_id_reused`, ...). */
  readonly requestError?: string;
  readonly results: readonly ItemResult[];
}

/** What products need from a book. */
export interface PostingPort {
  /** Opens accounts; an account that already exists with the same fields answers `exists`. */
  openAccounts(accounts: readonly AccountIntent[], context: PostingContext): Promise<PostingAnswer>;
  /** Submits transfers (holds, posts, voids) in one atomic batch. */
  createTransfers(items: readonly TransferInput[], context: PostingContext): Promise<PostingAnswer>;
  /** A posting of any period, or `undefined`. */
  findTransfer(id: string): Promise<PostingRecord | undefined>;
  /** Whether a hold is still pending (not posted, voided or expired). */
  isHoldPending(id: string): Promise<boolean>;
  /** Pending holds in the order they were made, for the repair process. */
  openHoldsPage(page?: PageRequest): Promise<Page<PostingRecord>>;
}

const answerOf = (outcome: E.Either<{ readonly code: string; readonly results: readonly ItemResult[] }, readonly ItemResult[]>): PostingAnswer =>
  E.isRight(outcome)
    ? { results: outcome.right }
    : outcome.left.results.length > 0
      ? { results: outcome.left.results }
      : { requestError: outcome.left.code, results: [] };

const contextOf = (context: PostingContext): RequestContext => ({
  commandId: context.commandId,
  channel: 'system',
  ...(context.correlationId === undefined ? {} : { correlationId: context.correlationId }),
  ...(context.actor === undefined ? {} : { actor: context.actor }),
});

const accountInputOf = (intent: AccountIntent) => ({
  id: intent.id,
  ledger: intent.ledger,
  code: intent.code,
  type: intent.type,
  ...(intent.metadata === undefined ? {} : { metadata: intent.metadata }),
  ...(intent.guard === undefined
    ? {}
    : { flags: intent.guard === 'debits_must_not_exceed_credits' ? { debitsMustNotExceedCredits: true } : { creditsMustNotExceedDebits: true } }),
});

/** The posting port over a book in this process: the embedded default. */
export const bookPostingPort = (book: Book): PostingPort => ({
  openAccounts: async (accounts, context) => answerOf(await book.openAccounts(accounts.map(accountInputOf), contextOf(context))),
  createTransfers: async (items, context) => answerOf(await book.createTransfers(items, contextOf(context))),
  findTransfer: (id) => book.findTransfer(id),
  isHoldPending: async (id) => book.holdStatus(id) === 'pending',
  openHoldsPage: async (page) => book.openHoldsPage(page),
});

