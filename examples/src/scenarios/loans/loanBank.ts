/**
 * The bank the loan scenarios run: the online-deposits bank (one CNY book, the default chart, the
 * demand product, the deposit service) with the products' `loanService` for one loan product
 * sharing its posting port, the collateral and early-warning command handlers on the same store,
 * the risk read model and the early-warning processor. Its LTV inputs are the loan's outstanding
 * principal (folded from its stream), the product's maximum LTV and the collateral in force.
 */
import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { createCommandHandler, createInMemoryCheckpointStore, minorToDecimal, runProcessorOnce, type CheckpointStore, type EventStore } from '@ecoledger/ledger';
import {
  collateralDecider,
  collateralEventSchemas,
  collateralStream,
  DEFAULT_SCORECARD,
  earlyWarningDecider,
  earlyWarningEventSchemas,
  earlyWarningProcessor,
  LPR_HISTORY,
  loanService,
  RiskReadModel,
  scorecardPolicy,
  type CollateralCommand,
  type LoanContext,
  type LoanProduct,
  type LoanService,
} from '@ecoledger/products';
import { customerContext, openDepositBank, type DepositBank } from '../onlineDeposits/depositBank.js';

/** The bank, wired for one loan product. */
export interface LoanBank extends DepositBank {
  readonly loans: LoanService;
  readonly product: LoanProduct;
  /** The loan decider's configuration (for quotes). */
  readonly context: LoanContext;
  readonly model: RiskReadModel;
  /** Sends a collateral command; 'ok' or the refusal's code. */
  readonly collateral: (collateralId: string, command: CollateralCommand, commandId: string) => Promise<string>;
  /** Catches the risk read model up, runs the early-warning processor once over the new events, catches the model up again. */
  readonly runWarnings: () => Promise<void>;
}

/** Opens the bank on `store` (book `bookId`); `run` names its close-of-business runs. */
export const openLoanBank = async (store: EventStore, run: number, bookId: string, product: LoanProduct): Promise<LoanBank> => {
  const bank = await openDepositBank(store, run, bookId);
  const context: LoanContext = { product, lpr: LPR_HISTORY, policy: scorecardPolicy(DEFAULT_SCORECARD) };
  const loans = loanService({ store, book: bank.book, deposits: bank, context, clock: bank.now, cobName: `run-${run}` });
  const collateralHandler = createCommandHandler({ store, decider: collateralDecider(), schemas: collateralEventSchemas, clock: bank.now });
  const warningHandler = createCommandHandler({ store, decider: earlyWarningDecider(), schemas: earlyWarningEventSchemas, clock: bank.now });
  const model = new RiskReadModel();
  const limit = product.collateral;
  const name = `loan-early-warnings-${bookId}`;
  const processor = earlyWarningProcessor({
    name,
    store,
    handler: warningHandler,
    ltvInputsOf: async (loan) => {
      if (!limit.required) return undefined;
      const state = await loans.state(loan);
      if (state.status !== 'active') return undefined;
      return { outstanding: minorToDecimal(state.principalReceivable, product.asset.scale), maxLtvPercent: limit.maxLtvPercent, collateral: model.collateralOf(loan) };
    },
    outstandingChangeTypes: ['LoanDisbursed', 'PrepaymentMade'],
  });
  // The processor starts at the log's end: earlier runs on a reused store had their own warnings.
  const checkpoints: CheckpointStore = createInMemoryCheckpointStore();
  const last = (await store.readAll()).at(-1);
  if (last !== undefined) await checkpoints.save(name, last.position);
  return {
    ...bank,
    loans,
    product,
    context,
    model,
    collateral: async (collateralId, command, commandId) => {
      const outcome = await collateralHandler(collateralStream(collateralId), command, customerContext(commandId, 'risk-officer', 'branch'));
      return E.isRight(outcome) ? 'ok' : String((outcome.left as { code?: unknown }).code);
    },
    runWarnings: async () => {
      model.applyAll(await store.readAll());
      await runProcessorOnce({ source: store, checkpoints, processor });
      model.applyAll(await store.readAll());
    },
  };
};

/** The number of this run of a scenario on the store (1 for the first), recorded in `stream` so a durable store can run it again. */
export const nextRun = async (store: EventStore, stream: string): Promise<number> => {
  const previous = await store.readStream(stream);
  const run = previous.length + 1;
  await store.append(
    stream,
    [{ id: randomUUID(), type: 'ScenarioRunStarted', version: 1, data: { run }, metadata: { correlationId: `run-${run}`, causationId: `run-${run}`, tenant: 'bank', actor: 'scenario', channel: 'system', occurredAt: new Date().toISOString() } }],
    previous.length === 0 ? 'no_stream' : BigInt(previous.length - 1),
  );
  return run;
};
