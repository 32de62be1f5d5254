/**
 * A bank for early-warning tests: an in-memory store with the collateral and warning command
 * handlers, the risk read model, loans' outstanding amounts and products' maximum LTV held in
 * maps, real loan events (`loanEventSchemas`, validated on write) appended to the loan's stream as
 * the loan aggregate would, and the early-warning processor wired
 * to all of it. Every id is derived from the scenario, so two banks fed the same steps hold the
 * same events.
 */
import * as E from 'fp-ts/lib/Either.js';
import { v5 } from 'uuid';
import {
  createCommandHandler,
  createInMemoryCheckpointStore,
  createInMemoryEventStore,
  encodeEvent,
  runProcessorOnce,
  type CheckpointStore,
  type EventStore,
  type Processor,
} from '@ecoledger/ledger';
import type { CollateralCommand } from '../../src/loans/collateral/commands.js';
import { collateralDecider } from '../../src/loans/collateral/decider.js';
import { collateralEventSchemas, collateralStream } from '../../src/loans/collateral/events.js';
import { loanEventSchemas, type LoanEvent } from '../../src/loans/contract/events.js';
import { earlyWarningDecider } from '../../src/loans/earlyWarning/decider.js';
import { earlyWarningEventSchemas, WARNING_STREAM_PREFIX } from '../../src/loans/earlyWarning/events.js';
import { RiskReadModel } from '../../src/loans/earlyWarning/riskReadModel.js';
import { earlyWarningProcessor, type EarlyWarningProcessorOptions } from '../../src/loans/earlyWarning/warningProcessor.js';

const NAMESPACE = '5d0c2b7a-1e3f-4a6b-8c9d-0e1f2a3b4c5d';
const AT = '2026-07-01T08:00:00.000Z';
const context = (commandId: string) => ({ commandId, metadata: { correlationId: 'c-1', tenant: 'bank-a', actor: 'risk-officer', channel: 'branch' as const } });

const metadataOf = (key: string) => ({ correlationId: 'c-1', causationId: key, tenant: 'bank-a', actor: 'loan-servicing', channel: 'system' as const, occurredAt: AT });

/** The test bank. */
export interface CollateralBank {
  readonly store: EventStore;
  readonly model: RiskReadModel;
  /** Outstanding amount per loan (missing: the loan has no LTV limit). */
  readonly outstanding: Map<string, string>;
  readonly maxLtvPercent: string;
  /** Sends a collateral command; returns 'ok' or the error code. */
  collateral(collateralId: string, command: CollateralCommand, commandId: string): Promise<string>;
  /** Appends a loan event (validated by its schema) to `loan-<its contractId>` with an id derived from `key`. */
  loanEvent(event: LoanEvent, key: string): Promise<void>;
  /** Appends any data under a type name to `loan-<contractId>`, unvalidated: a malformed or foreign event. */
  rawLoanEvent(loanContractId: string, type: string, data: Record<string, string>, key: string): Promise<void>;
  /** The early-warning processor over this bank (options override). */
  processor(overrides?: Partial<EarlyWarningProcessorOptions>): Processor;
  /** Catches the read model up, then runs `processor` over the whole log once. */
  runWarnings(processor?: Processor, checkpoints?: CheckpointStore): Promise<void>;
  /** Every warning event, as (stream, type, data), in global order. */
  warningEvents(): Promise<{ stream: string; type: string; data: unknown }[]>;
}

/** A fresh bank: loans with a 70 % maximum LTV. */
export const openCollateralBank = (): CollateralBank => {
  const store = createInMemoryEventStore();
  const clock = () => new Date(AT);
  const collateralHandler = createCommandHandler({ store, decider: collateralDecider(), schemas: collateralEventSchemas, clock });
  const warningHandler = createCommandHandler({ store, decider: earlyWarningDecider(), schemas: earlyWarningEventSchemas, clock });
  const model = new RiskReadModel();
  const outstanding = new Map<string, string>();
  const maxLtvPercent = '70';
  const processor = (overrides: Partial<EarlyWarningProcessorOptions> = {}): Processor =>
    earlyWarningProcessor({
      store,
      handler: warningHandler,
      ltvInputsOf: async (loan) => {
        const owed = outstanding.get(loan);
        return owed === undefined ? undefined : { outstanding: owed, maxLtvPercent, collateral: model.collateralOf(loan) };
      },
      ...overrides,
    });
  return {
    store,
    model,
    outstanding,
    maxLtvPercent,
    collateral: async (collateralId, command, commandId) => {
      const outcome = await collateralHandler(collateralStream(collateralId), command, context(commandId));
      return E.isRight(outcome) ? 'ok' : String((outcome.left as { code?: unknown }).code);
    },
    loanEvent: async (event, key) => {
      await store.append(`loan-${event.data.contractId}`, [encodeEvent(loanEventSchemas, event, { id: v5(key, NAMESPACE), metadata: metadataOf(key) })], 'any');
    },
    rawLoanEvent: async (loanContractId, type, data, key) => {
      await store.append(`loan-${loanContractId}`, [{ id: v5(key, NAMESPACE), type, version: 1, data, metadata: metadataOf(key) }], 'any');
    },
    processor,
    runWarnings: async (chosen = processor(), checkpoints = createInMemoryCheckpointStore()) => {
      model.applyAll(await store.readAll());
      await runProcessorOnce({ source: store, checkpoints, processor: chosen, batchSize: 7 });
      model.applyAll(await store.readAll());
    },
    warningEvents: async () =>
      (await store.readAll()).filter((e) => e.streamName.startsWith(WARNING_STREAM_PREFIX)).map((e) => ({ stream: e.streamName, type: e.type, data: e.data })),
  };
};
