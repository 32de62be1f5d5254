/** The double-entry ledger core: a TigerBeetle-style book with multi-leg journal entries. */
export { accountBalanceOf, availableBalance, postedBalance, type AccountBalance, type AccountFields as AccountViewFields, type BalanceFields } from './accountView.js';
export { Book, BOOK_EVENT_NAMESPACE, bookStreams, type OpenBookOptions, type PeriodCloseResult, type RequestContext } from './book.js';
export * from './periods/index.js';
export type { SnapshotStatus } from './snapshotSchedule.js';
export { bookDecider, decideBook, type BookCommand, type BookDecision } from './bookDecider.js';
export { canonicalJson, chainBreak, eventHash, GENESIS_HASH, sealBatch } from './hashChain.js';
export { verifyLedgerStore, type VerifiedBook, type VerifyProblem, type VerifyReport } from './verifyLedger.js';
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
export { bookSnapshotSchemas, restoreSnapshot, snapshotOf, type BookSnapshotData, type BookSnapshotEvent } from './snapshot.js';
