/** The double-entry ledger core: a TigerBeetle-style book with multi-leg journal entries. */
export { accountBalanceOf, availableBalance, postedBalance, type AccountBalance, type AccountFields as AccountViewFields, type BalanceFields } from './accountView.js';
export { Book, BOOK_EVENT_NAMESPACE, bookStreams, type OpenBookOptions, type PeriodCloseResult, type RequestContext } from './book.js';
export * from './periods/index.js';
export type { SnapshotStatus } from './snapshotSchedule.js';
export { bookDecider, decideBook, type BookCommand, type BookDecision } from './bookDecider.js';
export {
  assertSealKey,
  canonicalJson,
  chainBreak,
  eventHash,
  GENESIS_HASH,
  MIN_SEAL_KEY_BYTES,
  sealBatch,
  sealKeyRing,
  sealSnapshot,
  snapshotHash,
  snapshotSealBreak,
  type SealKey,
  type SealKeyRing,
} from './hashChain.js';
export { isLedgerIntegrityError, LedgerIntegrityError } from './integrity/ledgerIntegrityError.js';
export type { SealOptions } from './integrity/bookIntegrity.js';
export type { AdoptedHead } from './integrity/unkeyedAdoption.js';
export { assertBookId, BOOK_STREAM_PREFIX, bookIdProblem, classifyBookStream, MAX_BOOK_ID_LENGTH, SNAPSHOT_STREAM_SUFFIX, type BookStreamKind } from './integrity/bookId.js';
export {
  BOOK_HEAD_FORMAT,
  headPublicKeyRing,
  headSignatureProblem,
  parseBookHeads,
  signBookHead,
  type BookHead,
  type HeadPublicKey,
  type HeadSigningKey,
  type SignedBookHead,
} from './integrity/bookHead.js';
export { verifyLedgerStore, type VerifiedBook, type VerifyOptions, type VerifyProblem, type VerifyReport } from './verifyLedger.js';
export {
  evolveBook,
  initialBookState,
  type AccountState,
  type BookState,
  type PendingStatus,
  type StoredJournal,
  type StoredLeg,
  type StoredPosting,
  type StoredTransfer,
} from './bookState.js';
export { MAX_BATCH_SIZE } from './decideTransfers.js';
export {
  AccountRecord,
  JournalRecord,
  LedgerRecord,
  LegRecord,
  ledgerEventSchemas,
  PostingRecord,
  TransferRecord,
  type LedgerEvent,
} from './events.js';
export { AccountFlag, TransferFlag, type AccountFlagName, type TransferFlagName } from './flags.js';
export {
  normalSideOf,
  type AccountInput,
  type AccountType,
  type JournalEntryInput,
  type LedgerInput,
  type LegInput,
  type ReversalInput,
  type Side,
  type TransferBatchItem,
  type TransferFlagsInput,
  type TransferInput,
} from './inputs.js';
export {
  AccountInputCodec,
  BookCommandCodec,
  itemCodecOf,
  JournalEntryInputCodec,
  LedgerInputCodec,
  ReversalInputCodec,
  TransferInputCodec,
} from './inputCodecs.js';
export { isSuccess, LedgerError, type ItemResult } from './ledgerError.js';
export type { ExpiredHold, ExpiryResult } from './expiredHolds.js';
export type { Page, PageRequest } from './page.js';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../limits.js';
export { isQueryArgumentError, QueryArgumentError } from './queryArgumentError.js';
export { bookSnapshotSchemas, restoreSnapshot, snapshotOf, type BookSnapshotData, type BookSnapshotEvent } from './snapshot.js';
export { DEFAULT_MAX_WAITING_ITEMS, DEFAULT_MAX_WAITING_REQUESTS, MAX_GROUP_REQUESTS } from './groupCommit.js';
export { MAX_CONTEXT_STRING_LENGTH } from './requestContext.js';
export { MAX_ITEM_DEPTH, MAX_ITEM_FANOUT, MAX_ITEM_NODES } from './requestBody.js';
export { requestFingerprint } from './requestFingerprint.js';
