/**
 * What the SQLite crash test writes, shared by the writer (child process) and the verifier (the
 * test): the book, its ledgers and accounts, and each batch's transfer ids. A batch's size depends
 * only on its number, so the verifier knows how many transfers any batch must have, even one it
 * never saw acknowledged.
 */

/** Book written by the crash writer. */
export const crashBookId = 'crash';

/** Two assets, so that balancing is checked per asset. */
export const crashLedgers = [
  { id: 'cny', asset: { code: 'CNY', scale: 2 } },
  { id: 'jpy', asset: { code: 'JPY', scale: 0 } },
] as const;

/** Accounts per ledger; none is guarded, so every generated transfer must succeed. */
export const crashAccounts = [
  { id: 'cash', ledger: 'cny', code: 1001, type: 'asset' },
  { id: 'alice', ledger: 'cny', code: 2011, type: 'liability' },
  { id: 'bob', ledger: 'cny', code: 2011, type: 'liability' },
  { id: 'carol', ledger: 'cny', code: 2011, type: 'liability' },
  { id: 'fees', ledger: 'cny', code: 6021, type: 'income' },
  { id: 'vault', ledger: 'jpy', code: 1001, type: 'asset' },
  { id: 'dave', ledger: 'jpy', code: 2011, type: 'liability' },
  { id: 'erin', ledger: 'jpy', code: 2011, type: 'liability' },
] as const;

/** Smallest and largest batch. */
export const minBatchSize = 50;
export const maxBatchSize = 500;

export { seededRandom } from '../support/seededRandom.js';
import { seededRandom } from '../support/seededRandom.js';

/** How many items batch `batch` has: deterministic, from 50 to 500. */
export const batchSizeOf = (batch: number): number =>
  minBatchSize + Math.floor(seededRandom(batch * 7_919 + 17)() * (maxBatchSize - minBatchSize + 1));

/** Id of item `index` of batch `batch`. */
export const itemIdOf = (batch: number, index: number): string => `b${batch}-${index}`;

/** The batch number and index of an item id, or `undefined` for ids the writer does not make. */
export const parseItemId = (id: string): { readonly batch: number; readonly index: number } | undefined => {
  const match = /^b(\d+)-(\d+)$/.exec(id);
  return match === null ? undefined : { batch: Number(match[1]), index: Number(match[2]) };
};

/**
 * The writer's audit stream: after each book batch it appends one small event per item in a single
 * `append`, so that a kill during that multi-row transaction tests all-or-nothing appends (the
 * book itself stores a whole batch as one event).
 */
export const crashAuditStream = 'crash-audit';

/** Type of the audit events; their data is {@link AuditData}. */
export const auditEventType = 'CrashBatchItemAudited';

/** Data of an audit event. */
export interface AuditData {
  readonly batch: number;
  readonly index: number;
}
