/**
 * The events of a cross-book transfer saga, in its own stream `transfer-<id>`: what was asked,
 * and each step the books took. The stream is the saga's memory: a runner that crashed reads it
 * and resumes at the step after the last one recorded.
 */
import * as t from 'io-ts';
import type { EventSchemas } from '@ecoledger/ledger';

/** Streams of cross-book transfers start with this. */
export const TRANSFER_STREAM_PREFIX = 'transfer-';

/** The saga stream of a transfer. */
export const transferStream = (transferId: string): string => `${TRANSFER_STREAM_PREFIX}${transferId}`;

/** What a transfer moves, with the books and clearing accounts the router chose when it was asked. */
export interface TransferRequestedData {
  readonly transferId: string;
  readonly fromAccountId: string;
  readonly toAccountId: string;
  /** Decimal string in the ledger's major unit. */
  readonly amount: string;
  readonly ledger: string;
  /** Transfer code of the postings on both sides. */
  readonly code: number;
  readonly fromBook: string;
  readonly toBook: string;
  /** The paying book's clearing account with the receiving book (credited by the hold). */
  readonly fromClearingAccountId: string;
  /** The receiving book's clearing account with the paying book (debited by the credit). */
  readonly toClearingAccountId: string;
}

/** Which side refused a failed transfer. */
export type TransferFailureStage = 'debit' | 'credit';

/** Every event of the saga. */
export type TransferEvent =
  | { readonly type: 'TransferRequested'; readonly data: TransferRequestedData }
  | { readonly type: 'TransferDebited'; readonly data: { readonly holdId: string } }
  | { readonly type: 'TransferCredited'; readonly data: { readonly creditId: string } }
  | { readonly type: 'TransferCreditRefused'; readonly data: { readonly code: string } }
  | { readonly type: 'TransferCompleted'; readonly data: { readonly postId: string } }
  | { readonly type: 'TransferFailed'; readonly data: { readonly stage: TransferFailureStage; readonly code: string } };

const Requested = t.type({
  transferId: t.string,
  fromAccountId: t.string,
  toAccountId: t.string,
  amount: t.string,
  ledger: t.string,
  code: t.number,
  fromBook: t.string,
  toBook: t.string,
  fromClearingAccountId: t.string,
  toClearingAccountId: t.string,
});

/** Codecs of the saga's events, checked on write and on read. */
export const transferEventSchemas: EventSchemas<TransferEvent> = {
  TransferRequested: { version: 1, codec: Requested },
  TransferDebited: { version: 1, codec: t.type({ holdId: t.string }) },
  TransferCredited: { version: 1, codec: t.type({ creditId: t.string }) },
  TransferCreditRefused: { version: 1, codec: t.type({ code: t.string }) },
  TransferCompleted: { version: 1, codec: t.type({ postId: t.string }) },
  TransferFailed: { version: 1, codec: t.type({ stage: t.keyof({ debit: null, credit: null }), code: t.string }) },
};
