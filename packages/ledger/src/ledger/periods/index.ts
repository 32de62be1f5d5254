/** Closing periods: what leaves a book's state, and where its ids are kept (see closedPostingIndex.ts). */
export type { ClosedCommands } from './closedCommands.js';
export type { ClosedEntry, ClosedFailure, ClosedPosting, ClosedRecord } from './closedEntry.js';
export { createInMemoryClosedPostingIndex, MAX_LOOKUP_IDS, type ClosedIndexSize, type ClosedPostingIndex, type PeriodClosing } from './closedPostingIndex.js';
export { CLOSED_INDEX_TABLES, createSqlClosedPostingIndex } from './sqlClosedPostingIndex.js';
export { openReadOnlyClosedIndex, type ReadOnlyClosedIndex } from './readOnlyClosedIndex.js';
