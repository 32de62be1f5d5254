/** The double-entry ledger core: a TigerBeetle-style book with multi-leg journal entries. */
export { accountBalanceOf, availableBalance, postedBalance, type AccountBalance, type AccountFields as AccountViewFields, type BalanceFields } from './accountView.js';
export { Book, bookStreams, type OpenBookOptions, type PeriodCloseResult, type RequestContext } from './book.js';
export * from './periods/index.js';
export type { SnapshotStatus } from './snapshotSchedule.js';
export { assertSealKey, MIN_SEAL_KEY_BYTES, sealKeyRing, type SealKey, type SealKeyRing } from './hashChain.js';
export { isLedgerIntegrityError, LedgerIntegrityError } from './integrity/ledgerIntegrityError.js';
export { isLedgerInvariantError, LedgerInvariantError, ledgerInvariants, type LedgerInvariant } from './invariants/invariantError.js';
export type { SealOptions } from './integrity/bookIntegrity.js';
export type { AdoptedHead } from './integrity/unkeyedAdoption.js';
export { assertBookId, MAX_BOOK_ID_LENGTH } from './integrity/bookId.js';
export {
  BOOK_HEAD_FORMAT,
  headPublicKeyRing,
  parseBookHeads,
  signBookHead,
  type BookHead,
  type HeadPublicKey,
  type HeadSigningKey,
  type SignedBookHead,
} from './integrity/bookHead.js';
export { verifyLedgerStore, type VerifiedBook, type VerifyOptions, type VerifyProblem, type VerifyReport } from './verifyLedger.js';
export type {
  AccountState,
  BookState,
  PendingStatus,
  StoredJournal,
  StoredLeg,
  StoredPosting,
  StoredTransfer,
} from './bookState.js';
export { MAX_BATCH_SIZE } from './decideTransfers.js';
export { sameDecimal } from './decideJournal.js';
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
export { isSuccess, LedgerError, type ItemResult } from './ledgerError.js';
export type { ExpiredHold, ExpiryResult } from './expiredHolds.js';
export type { Page, PageRequest } from './page.js';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../limits.js';
export { isQueryArgumentError, QueryArgumentError } from './queryArgumentError.js';
export { DEFAULT_MAX_WAITING_ITEMS, DEFAULT_MAX_WAITING_REQUESTS, MAX_GROUP_REQUESTS } from './groupCommit.js';
export { MAX_CONTEXT_STRING_LENGTH } from './requestContext.js';
export { MAX_ITEM_DEPTH, MAX_ITEM_FANOUT, MAX_ITEM_NODES } from './requestBody.js';
