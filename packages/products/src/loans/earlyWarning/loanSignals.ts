/**
 * What the early-warning processor reads of the loan aggregate's events (streams
 * `loan-<contractId>`, built elsewhere): `LoanClassified {previousClass, nextClass}` and
 * `AutoDebitShortfall {due, taken, shortfall}`. Read defensively by type name: only the fields
 * named here are read (others are ignored, so the loan events may grow), and each is checked.
 */
import type { Asset, EventStore, RecordedEvent } from '@ecoledger/ledger';
import { ProductsError, describeValue } from '../../errors.js';
import { MAX_SHORTFALL_LOOKBACK } from '../../limits.js';
import { principalOf } from '../../interest/input.js';
import { minorToDecimal } from '@ecoledger/ledger';
import { riskClassOf, type RiskClass } from '../classification/riskClass.js';
import { COLLATERAL_STREAM_PREFIX } from '../collateral/events.js';
import { WARNING_STREAM_PREFIX } from './events.js';

// Streams of loans start with the loan service's prefix (`loan-`).
import { LOAN_STREAM_PREFIX } from '../loanService.js';
/** The loan event types the processor consumes. */
export const LOAN_CLASSIFIED = 'LoanClassified';
export const AUTO_DEBIT_SHORTFALL = 'AutoDebitShortfall';

/** What is read of `LoanClassified`. */
export interface LoanClassifiedSignal {
  readonly previousClass: RiskClass;
  readonly nextClass: RiskClass;
}
/** What is read of `AutoDebitShortfall` (canonical decimal strings, and the shortfall in minor units). */
export interface AutoDebitShortfallSignal {
  readonly due: string;
  readonly taken: string;
  readonly shortfall: string;
  readonly shortfallMinor: bigint;
}

const invalid = (event: RecordedEvent, why: string): ProductsError =>
  new ProductsError('signal_event_invalid', `${event.type} at ${event.streamName}@${event.revision}: ${why}`);

/** The loan of a loan stream, or undefined for another stream (collateral and warning streams share the `loan-` prefix). */
export const loanContractIdOf = (streamName: string): string | undefined => {
  if (!streamName.startsWith(LOAN_STREAM_PREFIX) || streamName.startsWith(COLLATERAL_STREAM_PREFIX) || streamName.startsWith(WARNING_STREAM_PREFIX)) return undefined;
  const id = streamName.slice(LOAN_STREAM_PREFIX.length);
  return id.length === 0 ? undefined : id;
};

const fieldsOf = (event: RecordedEvent): Readonly<Record<string, unknown>> => {
  const data = event.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw invalid(event, 'data is not an object');
  return data as Record<string, unknown>;
};

/** The classes of a `LoanClassified` event. @throws `signal_event_invalid`. */
export const readLoanClassified = (event: RecordedEvent): LoanClassifiedSignal => {
  const data = fieldsOf(event);
  try {
    return { previousClass: riskClassOf(data['previousClass'], 'previousClass'), nextClass: riskClassOf(data['nextClass'], 'nextClass') };
  } catch (error) {
    throw invalid(event, error instanceof Error ? error.message : describeValue(error));
  }
};

/** The amounts of an `AutoDebitShortfall` event, in `asset`. @throws `signal_event_invalid`. */
export const readAutoDebitShortfall = (event: RecordedEvent, asset: Asset): AutoDebitShortfallSignal => {
  const data = fieldsOf(event);
  const amount = (field: string): bigint => {
    const value = data[field];
    if (typeof value !== 'string') throw invalid(event, `${field} is ${describeValue(value)}, not a decimal string`);
    try {
      return principalOf(value, asset, field);
    } catch (error) {
      throw invalid(event, error instanceof Error ? error.message : describeValue(error));
    }
  };
  const [due, taken, shortfall] = [amount('due'), amount('taken'), amount('shortfall')];
  const text = (minor: bigint): string => minorToDecimal(minor, asset.scale);
  return { due: text(due), taken: text(taken), shortfall: text(shortfall), shortfallMinor: shortfall };
};

/**
 * How many auto-debits in a row fell short, ending with `event` (0 when it did not fall short):
 * the loan stream is read back from the event (at most MAX_SHORTFALL_LOOKBACK events); the run
 * ends at a shortfall of 0 or at an event of a `runBreakingTypes` type (a successful debit, a
 * repayment). Deterministic: it depends only on the stream up to the event, so a re-delivery
 * counts the same run.
 */
export const shortfallRunAt = async (store: EventStore, event: RecordedEvent, asset: Asset, runBreakingTypes: readonly string[]): Promise<number> => {
  const history = await store.readStream(event.streamName, { direction: 'backwards', fromRevision: event.revision, maxCount: MAX_SHORTFALL_LOOKBACK });
  let run = 0;
  for (const earlier of history) {
    if (runBreakingTypes.includes(earlier.type)) break;
    if (earlier.type !== AUTO_DEBIT_SHORTFALL) continue;
    if (readAutoDebitShortfall(earlier, asset).shortfallMinor === 0n) break;
    run++;
  }
  return run;
};
