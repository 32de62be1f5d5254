/**
 * The early-warning processor: a ledger `Processor` over the global log that turns triggering
 * events into warnings. It reacts to collateral revaluations and releases (the loan's LTV moved),
 * to loan events that change the outstanding amount (types named in the options), to
 * `LoanClassified` (a downgrade) and to auto-debits (`AutoDebitShortfall`, and `RepaymentReceived`
 * from an auto-debit: a run of shortfalls), all decoded with the loan's schemas. For each
 * warning the rules raise it sends `Raise` to the loan's warning stream with a command id derived
 * from the processor, the event and the warning's index: a re-delivered event (a lost checkpoint,
 * a crash mid-page) is replayed by the command handler, and the warning id is derived too, so each
 * warning is recorded exactly once.
 */
import * as E from 'fp-ts/lib/Either.js';
import {
  CNY,
  ProcessorOptionsError,
  decodeEvent,
  deriveReactorCommandId,
  type Asset,
  type CommandHandler,
  type EventStore,
  type Processor,
  type RecordedEvent,
} from '@ecoledger/ledger';
import type { ProductsError } from '../../errors.js';
import { DEFAULT_SHORTFALL_RUN } from '../../limits.js';
import { COLLATERAL_STREAM_PREFIX, collateralEventSchemas } from '../collateral/events.js';
import type { CollateralValue } from '../collateral/loanToValue.js';
import type { EarlyWarningCommand } from './commands.js';
import { warningStream, type EarlyWarningEvent } from './events.js';
import { LOAN_SIGNAL_TYPES, decodeLoanEvent, loanContractIdOf, loanSignalOf, shortfallRunAt } from './loanSignals.js';
import { earlyWarningsFor } from './rules.js';
import { shortfallRunOf, type EarlyWarningSignal } from './signals.js';

/** One collateral in force for the LTV, named so that the triggering collateral's new value replaces it. */
export interface CollateralInForce extends CollateralValue {
  readonly collateralId: string;
}
/** What the LTV of a loan needs besides the triggering event: today's outstanding, the product's maximum LTV, the collateral in force. */
export interface LtvInputs {
  readonly outstanding: string;
  readonly maxLtvPercent: string;
  readonly collateral: readonly CollateralInForce[];
}

/** Options of {@link earlyWarningProcessor}. */
export interface EarlyWarningProcessorOptions {
  /** Checkpoint key and part of every derived command id (default `loan-early-warnings`). */
  readonly name?: string;
  /** Where the loan streams are read to count shortfall runs. */
  readonly store: EventStore;
  /** The command handler of the warning streams (decider: `earlyWarningDecider()`). */
  readonly handler: CommandHandler<EarlyWarningCommand, EarlyWarningEvent, ProductsError>;
  /**
   * The LTV inputs of a loan, or undefined when it has no LTV limit (no collateral required, or
   * closed). The collateral may come from the risk read model (`collateralOf`); the triggering
   * collateral's own event overrides its entry, so a read model one event behind does not matter.
   */
  readonly ltvInputsOf: (loanContractId: string) => Promise<LtvInputs | undefined>;
  /** The loans' asset (default CNY). */
  readonly asset?: Asset;
  /** Consecutive shortfalls that raise a warning (default 2). */
  readonly shortfallRun?: number;
  /** Loan event types after which the LTV is checked again (the outstanding changed: disbursement, capitalised interest). */
  readonly outstandingChangeTypes?: readonly string[];
  /** Loan event types, besides auto-debits, that end a shortfall run (say `RepaymentReceived`: a manual repayment). */
  readonly runBreakingTypes?: readonly string[];
}

const OPTION_KEYS = ['name', 'store', 'handler', 'ltvInputsOf', 'asset', 'shortfallRun', 'outstandingChangeTypes', 'runBreakingTypes'];
const COLLATERAL_TRIGGERS = ['CollateralRevalued', 'CollateralReleased'];
const stringList = (name: string, field: string, value: unknown): readonly string[] => {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > 64 || !value.every((v) => typeof v === 'string' && v.length > 0)) {
    throw new ProcessorOptionsError(name, `$.options.${field}`, 'expected up to 64 event type names');
  }
  return value as string[];
};

/**
 * The early-warning processor; run it with `runProcessorOnce` or `startProcessor`.
 * @throws ProcessorOptionsError for bad options; ProductsError `shortfall_run_invalid`.
 */
export const earlyWarningProcessor = (options: EarlyWarningProcessorOptions): Processor => {
  const name = options.name ?? 'loan-early-warnings';
  const unknown = Object.keys(options).find((key) => !OPTION_KEYS.includes(key));
  if (unknown !== undefined) throw new ProcessorOptionsError(name, `$.options.${unknown}`, 'unknown option');
  if (typeof options.handler !== 'function') throw new ProcessorOptionsError(name, '$.options.handler', 'expected a command handler');
  if (typeof options.ltvInputsOf !== 'function') throw new ProcessorOptionsError(name, '$.options.ltvInputsOf', 'expected a function');
  if (typeof options.store?.readStream !== 'function') throw new ProcessorOptionsError(name, '$.options.store', 'expected an event store');
  const asset = options.asset ?? CNY;
  const threshold = shortfallRunOf(options.shortfallRun ?? DEFAULT_SHORTFALL_RUN);
  const outstandingTypes = stringList(name, 'outstandingChangeTypes', options.outstandingChangeTypes);
  const breakers = stringList(name, 'runBreakingTypes', options.runBreakingTypes);

  const base = (event: RecordedEvent, loanContractId: string) => ({ loanContractId, triggeringEventId: event.id, at: event.metadata.occurredAt });

  const ltvSignal = async (event: RecordedEvent, loanContractId: string, own?: { collateralId: string; value?: CollateralValue }): Promise<EarlyWarningSignal | undefined> => {
    const inputs = await options.ltvInputsOf(loanContractId);
    if (inputs === undefined) return undefined;
    const others = inputs.collateral.filter((c) => c.collateralId !== own?.collateralId).map(({ valuation, haircutPercent }) => ({ valuation, ...(haircutPercent === undefined ? {} : { haircutPercent }) }));
    const collateral = own?.value === undefined ? others : [...others, own.value];
    const source = own === undefined ? 'outstanding' : own.value === undefined ? 'release' : 'revaluation';
    return { kind: 'ltv', ...base(event, loanContractId), source, outstanding: inputs.outstanding, maxLtvPercent: inputs.maxLtvPercent, collateral };
  };

  const signalsOf = async (event: RecordedEvent): Promise<EarlyWarningSignal[]> => {
    if (event.streamName.startsWith(COLLATERAL_STREAM_PREFIX) && COLLATERAL_TRIGGERS.includes(event.type)) {
      const decoded = decodeEvent(collateralEventSchemas, event);
      if (E.isLeft(decoded)) throw decoded.left;
      const collateral = decoded.right;
      const signal =
        collateral.type === 'CollateralRevalued'
          ? await ltvSignal(event, collateral.data.loanContractId, { collateralId: collateral.data.collateralId, value: { valuation: collateral.data.valuation, haircutPercent: collateral.data.haircutPercent } })
          : await ltvSignal(event, collateral.data.loanContractId, { collateralId: collateral.data.collateralId });
      return signal === undefined ? [] : [signal];
    }
    const loanContractId = loanContractIdOf(event.streamName);
    if (loanContractId === undefined) return [];
    const signals: EarlyWarningSignal[] = [];
    if (LOAN_SIGNAL_TYPES.includes(event.type)) {
      const read = loanSignalOf(decodeLoanEvent(event), asset);
      if (read?.kind === 'class-change') signals.push({ ...base(event, loanContractId), ...read });
      if (read?.kind === 'auto-debit') {
        const run = await shortfallRunAt(options.store, event, asset, breakers);
        const { due, taken, shortfall } = read;
        signals.push({ kind: 'auto-debit-shortfall', ...base(event, loanContractId), run, threshold, due, taken, shortfall });
      }
    }
    if (outstandingTypes.includes(event.type)) {
      const ltv = await ltvSignal(event, loanContractId);
      if (ltv !== undefined) signals.push(ltv);
    }
    return signals;
  };

  const react = async (event: RecordedEvent): Promise<void> => {
    const warnings = (await signalsOf(event)).flatMap((signal) => earlyWarningsFor(signal, asset));
    for (const [index, warning] of warnings.entries()) {
      const metadata = { correlationId: event.metadata.correlationId, causationId: event.id, tenant: event.metadata.tenant, actor: name, channel: 'system' as const };
      const result = await options.handler(warningStream(warning.loanContractId), { type: 'Raise', warning }, { commandId: deriveReactorCommandId(name, event.id, index), metadata });
      // A refusal or a store failure stops the page: it is delivered again, and replayed, not repeated.
      if (E.isLeft(result)) throw result.left;
    }
  };

  return {
    name,
    canHandle: (event) =>
      (event.streamName.startsWith(COLLATERAL_STREAM_PREFIX) && COLLATERAL_TRIGGERS.includes(event.type)) ||
      (loanContractIdOf(event.streamName) !== undefined && (LOAN_SIGNAL_TYPES.includes(event.type) || outstandingTypes.includes(event.type))),
    handle: async (events) => {
      for (const event of events) await react(event);
    },
  };
};
