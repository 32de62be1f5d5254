/**
 * What the early-warning processor reads of the loan aggregate's events (streams
 * `loan-<contractId>`, see `loanService`), decoded with the loan's own schemas
 * (`loanEventSchemas`): `LoanClassified {previous, riskClass}` is a class change; an auto-debit is
 * either `AutoDebitShortfall {due}` (nothing could be taken: the whole amount due is short) or
 * `RepaymentReceived {source: 'auto-debit', amount, due, shortfall}` (taken in part, a shortfall;
 * or in full, shortfall 0, which ends a run of shortfalls). A manual repayment is no auto-debit.
 */
import * as E from 'fp-ts/lib/Either.js';
import { decimalToMinor, decodeEvent, minorToDecimal, type Asset, type EventStore, type RecordedEvent } from '@ecoledger/ledger';
import { ProductsError } from '../../errors.js';
import { MAX_SHORTFALL_LOOKBACK } from '../../limits.js';
import type { RiskClass } from '../classification/riskClass.js';
import { COLLATERAL_STREAM_PREFIX } from '../collateral/events.js';
import { loanEventSchemas, type LoanEvent } from '../contract/events.js';
import { LOAN_STREAM_PREFIX } from '../loanService.js';
import { exposureStreamOf } from '../loanServiceExposureStream.js';
import { WARNING_STREAM_PREFIX } from './events.js';

/** The loan event types the processor reads for class changes and auto-debits. */
export const LOAN_CLASSIFIED = 'LoanClassified';
export const AUTO_DEBIT_SHORTFALL = 'AutoDebitShortfall';
export const REPAYMENT_RECEIVED = 'RepaymentReceived';
/** Every loan event type a signal is read from (besides the LTV's outstanding-change types). */
export const LOAN_SIGNAL_TYPES: readonly string[] = Object.freeze([LOAN_CLASSIFIED, AUTO_DEBIT_SHORTFALL, REPAYMENT_RECEIVED]);

/** A classification, as the class-change rule reads it. */
export interface LoanClassifiedSignal {
  readonly kind: 'class-change';
  readonly previousClass: RiskClass;
  readonly nextClass: RiskClass;
}
/** An auto-debit on a due date: what was due, what was taken, what fell short (canonical decimals, and the shortfall in minor units). */
export interface AutoDebitSignal {
  readonly kind: 'auto-debit';
  readonly due: string;
  readonly taken: string;
  readonly shortfall: string;
  readonly shortfallMinor: bigint;
}
/** What one loan event says to the early-warning rules. */
export type LoanSignal = LoanClassifiedSignal | AutoDebitSignal;

/** The loan of a loan stream, or undefined for another stream (collateral and warning streams share the `loan-` prefix). */
export const loanContractIdOf = (streamName: string): string | undefined => {
  if (!streamName.startsWith(LOAN_STREAM_PREFIX) || streamName.startsWith(COLLATERAL_STREAM_PREFIX) || streamName.startsWith(WARNING_STREAM_PREFIX)) return undefined;
  // The borrower's exposure stream (`loan-borrower-<id>`) shares the prefix too.
  if (streamName.startsWith(exposureStreamOf(LOAN_STREAM_PREFIX, ''))) return undefined;
  const id = streamName.slice(LOAN_STREAM_PREFIX.length);
  return id.length === 0 ? undefined : id;
};

/** A recorded loan event, decoded with the loan's schemas. @throws `signal_event_invalid` naming the stream, revision and schema issue. */
export const decodeLoanEvent = (event: RecordedEvent): LoanEvent => {
  const decoded = decodeEvent(loanEventSchemas, event);
  if (E.isLeft(decoded)) throw new ProductsError('signal_event_invalid', `${event.type} at ${event.streamName}@${event.revision}: ${decoded.left.message}`);
  return decoded.right;
};

/** The signal a loan event carries, amounts in `asset`; undefined for an event that carries none (a manual repayment, an accrual). */
export const loanSignalOf = (event: LoanEvent, asset: Asset): LoanSignal | undefined => {
  const minor = (text: string): bigint => decimalToMinor(text, asset.scale);
  const autoDebit = (due: bigint, taken: bigint): AutoDebitSignal => {
    const shortfall = due > taken ? due - taken : 0n;
    const text = (value: bigint): string => minorToDecimal(value, asset.scale);
    return { kind: 'auto-debit', due: text(due), taken: text(taken), shortfall: text(shortfall), shortfallMinor: shortfall };
  };
  switch (event.type) {
    case 'LoanClassified':
      return { kind: 'class-change', previousClass: event.data.previous, nextClass: event.data.riskClass };
    case 'AutoDebitShortfall':
      return autoDebit(minor(event.data.due), 0n);
    case 'RepaymentReceived': {
      if (event.data.source !== 'auto-debit') return undefined;
      const taken = minor(event.data.amount);
      // The aggregate records `due` on every auto-debit; without it the debit covered what it took.
      const due = event.data.due === undefined ? taken : minor(event.data.due);
      return autoDebit(due, taken);
    }
    default:
      return undefined;
  }
};

/**
 * How many auto-debits in a row fell short, ending with `event` (0 when it did not fall short):
 * the loan stream is read back from the event (at most MAX_SHORTFALL_LOOKBACK events); the run
 * ends at an auto-debit that took everything due, or at an event of a `runBreakingTypes` type
 * (say, a manual repayment) that is not itself an auto-debit. Deterministic: it depends only on the
 * stream up to the event, so a re-delivery counts the same run.
 * @throws `signal_event_invalid` for an auto-debit event that does not decode.
 */
export const shortfallRunAt = async (store: EventStore, event: RecordedEvent, asset: Asset, runBreakingTypes: readonly string[]): Promise<number> => {
  const history = await store.readStream(event.streamName, { direction: 'backwards', fromRevision: event.revision, maxCount: MAX_SHORTFALL_LOOKBACK });
  let run = 0;
  for (const earlier of history) {
    const signal = earlier.type === AUTO_DEBIT_SHORTFALL || earlier.type === REPAYMENT_RECEIVED ? loanSignalOf(decodeLoanEvent(earlier), asset) : undefined;
    if (signal?.kind === 'auto-debit') {
      if (signal.shortfallMinor === 0n) break;
      run++;
    } else if (runBreakingTypes.includes(earlier.type)) break;
  }
  return run;
};
