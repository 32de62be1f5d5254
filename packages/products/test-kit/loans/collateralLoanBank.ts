/**
 * A bank for end-to-end early-warning tests on real loans: the deposit bank with the loan service
 * for secured car loans (the car-loan template, maximum LTV 80 %), the collateral and warning
 * command handlers on the same store, the risk read model, and the early-warning processor whose
 * LTV inputs are the loan's outstanding principal (folded from its stream) and the product's
 * maximum LTV. Loans are originated through the service like any other.
 */
import * as E from 'fp-ts/lib/Either.js';
import { createCommandHandler, createInMemoryCheckpointStore, minorToDecimal, runProcessorOnce, type CheckpointStore, type Processor } from '@ecoledger/ledger';
import type { CollateralCommand } from '../../src/loans/collateral/commands.js';
import { collateralDecider } from '../../src/loans/collateral/decider.js';
import { collateralEventSchemas, collateralStream } from '../../src/loans/collateral/events.js';
import type { LoanContext } from '../../src/loans/contract/context.js';
import { DEFAULT_SCORECARD } from '../../src/loans/credit/defaultScorecard.js';
import { scorecardPolicy } from '../../src/loans/credit/scorecardPolicy.js';
import { earlyWarningDecider } from '../../src/loans/earlyWarning/decider.js';
import { earlyWarningEventSchemas } from '../../src/loans/earlyWarning/events.js';
import { RiskReadModel } from '../../src/loans/earlyWarning/riskReadModel.js';
import { earlyWarningProcessor } from '../../src/loans/earlyWarning/warningProcessor.js';
import { loanService, type LoanService } from '../../src/loans/loanService.js';
import { LPR_HISTORY } from '../../src/loans/pricing/lprHistory.js';
import { CAR_LOAN_TEMPLATE } from '../../src/loans/products/templates.js';
import { bankContext, openDepositBank, type DepositBank } from '../deposits/depositBank.js';
import { LOAN_AT } from './loanFixtures.js';

/** The car-loan context: the template, the published LPR history, the default scorecard. */
export const CAR_LOAN_CONTEXT: LoanContext = { product: CAR_LOAN_TEMPLATE, lpr: LPR_HISTORY, policy: scorecardPolicy(DEFAULT_SCORECARD) };

/** The bank under test. */
export interface CollateralLoanBank extends DepositBank {
  readonly loans: LoanService;
  readonly model: RiskReadModel;
  /** Sends a collateral command; returns 'ok' or the error code. */
  collateral(collateralId: string, command: CollateralCommand, commandId: string): Promise<string>;
  /** Catches the read model up, runs the early-warning processor over the log once (from `checkpoints`), catches the model up again. */
  runWarnings(checkpoints: CheckpointStore): Promise<void>;
  readonly processor: Processor;
}

/** Opens the bank (in memory). */
export const openCollateralLoanBank = async (): Promise<CollateralLoanBank> => {
  const bank = await openDepositBank({ clock: () => new Date(LOAN_AT) });
  const clock = () => new Date(LOAN_AT);
  const loans = loanService({ store: bank.store, book: bank.book, deposits: bank, context: CAR_LOAN_CONTEXT, clock, retry: { maxAttempts: 5, baseDelayMs: 0, jitter: () => 0, sleep: async () => undefined } });
  const collateralHandler = createCommandHandler({ store: bank.store, decider: collateralDecider(), schemas: collateralEventSchemas, clock });
  const warningHandler = createCommandHandler({ store: bank.store, decider: earlyWarningDecider(), schemas: earlyWarningEventSchemas, clock });
  const model = new RiskReadModel();
  const { collateral } = CAR_LOAN_TEMPLATE;
  const processor = earlyWarningProcessor({
    store: bank.store,
    handler: warningHandler,
    ltvInputsOf: async (loan) => {
      const state = await loans.state(loan);
      if (!collateral.required || state.status !== 'active') return undefined;
      return { outstanding: minorToDecimal(state.principalReceivable, 2), maxLtvPercent: collateral.maxLtvPercent, collateral: model.collateralOf(loan) };
    },
    outstandingChangeTypes: ['LoanDisbursed'],
  });
  return {
    ...bank,
    loans,
    model,
    processor,
    collateral: async (collateralId, command, commandId) => {
      const outcome = await collateralHandler(collateralStream(collateralId), command, bankContext(commandId));
      return E.isRight(outcome) ? 'ok' : String((outcome.left as { code?: unknown }).code);
    },
    runWarnings: async (checkpoints = createInMemoryCheckpointStore()) => {
      model.applyAll(await bank.store.readAll());
      await runProcessorOnce({ source: bank.store, checkpoints, processor });
      model.applyAll(await bank.store.readAll());
    },
  };
};
