import { ledgerResultMessages, type LedgerErrorCode, type LedgerResultCode, type MoneyErrorCode } from '../errors.js';

/** The outcome of one item of a batch: its index, its id (when it had one) and its result code. */
export interface ItemResult {
  readonly index: number;
  readonly id: string;
  readonly result: LedgerResultCode;
  /** For an item rejected for its shape: the JSON path and reason, e.g. `$.transfers[2].amount: expected ...`. */
  readonly detail?: string;
  /**
   * The path, inside the item, of the field the result is about: for `unknown_field` the field the
   * book does not know (`flag`, `asset.scal`, `legs[1].amout`), for `reserved_flag` the flag
   * (`flags.pendng`), for `amount_invalid` and `overdraft_limit_invalid` the amount (`amount`,
   * `legs[0].amount`, `overdraftLimit`).
   */
  readonly field?: string;
  /**
   * For `amount_invalid` and `overdraft_limit_invalid`: the money module's specific reason
   * (`amount_too_many_decimals`, `amount_exponent_notation`, `amount_is_number`,
   * `amount_out_of_range`, `amount_negative`, `amount_malformed`, ...); its message is
   * `moneyErrorMessages[reason]`.
   */
  readonly reason?: MoneyErrorCode;
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
