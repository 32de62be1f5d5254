/** Closing periods: what leaves a book's state, and where its ids are kept (see closedPostingIndex.ts). */
export type { ClosedCommands } from './closedCommands.js';
export type { ClosedEntry, ClosedFailure, ClosedPosting, ClosedRecord } from './closedEntry.js';
export { ClosedEntryCodec } from './closedEntry.js';
export { createInMemoryClosedPostingIndex, MAX_LOOKUP_IDS, type ClosedIndexSize, type ClosedPostingIndex, type PeriodClosing } from './closedPostingIndex.js';
export { closedViewsOf, idsToLookUp, type ClosedView, type ClosedViews } from './closedLookup.js';
export { CLOSED_INDEX_TABLES, createSqlClosedPostingIndex } from './sqlClosedPostingIndex.js';
export { openHoldCount, periodClosingOf, startPeriod } from './startPeriod.js';
export { ClosedIndexAudit, IDS_PER_SET, type ClosedIndexReader } from './closedIndexAudit.js';
export { entrySeal, reversalSeal, type IndexSeal } from './indexSeal.js';
export { openReadOnlyClosedIndex, type ReadOnlyClosedIndex } from './readOnlyClosedIndex.js';
