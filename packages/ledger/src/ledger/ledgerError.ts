import { ledgerResultMessages, type LedgerErrorCode, type LedgerResultCode } from '../errors.js';

/** The outcome of one item of a batch: its index, its id (when it had one) and its result code. */
export interface ItemResult {
  readonly index: number;
  readonly id: string;
  readonly result: LedgerResultCode;
  /** For an item rejected for its shape: the JSON path and reason, e.g. `$.transfers[2].amount: expected ...`. */
  readonly detail?: string;
}

/**
 * A rejected ledger command: nothing was written. `code` is the first failing item's code (or a
 * batch-level code); `results` lists every item's outcome.
 */
export class LedgerError extends Error {
  override readonly name = 'LedgerError';

  constructor(
    readonly code: LedgerErrorCode,
    readonly results: readonly ItemResult[] = [],
    detail?: string,
  ) {
    super(detail === undefined ? `${code}: ${ledgerResultMessages[code]}` : `${code}: ${ledgerResultMessages[code]} (${detail})`);
  }
}

/** True for `ok` and `exists`. */
export const isSuccess = (result: LedgerResultCode): result is 'ok' | 'exists' => result === 'ok' || result === 'exists';
