/**
 * The consumer cap under concurrency: credit decisions that reserve their limit in the borrower's
 * exposure stream (see loanServiceExposureStream.ts) and loan workflows that settle it.
 *
 * A decision reads the borrower's reserved + drawn exposure (without this contract), decides
 * purely on it, reserves the approved limit with that exposure as its basis, and only then records
 * the loan's `CreditDecided`. A concurrent decision that reserved first makes the basis stale: the
 * decision is taken again on the new figures (cut or declined by the policy), so two decisions can
 * never both pass on the same headroom.
 */
import * as E from 'fp-ts/lib/Either.js';
import { createCommandHandler, decodeEvent, foldState, minorToDecimal, type CommandContext, type EventStore, type RetryPolicy } from '@ecoledger/ledger';
import { ProductsError, isProductsError } from '../errors.js';
import type { ProductCommandError, ProductCommandOutcome } from '../posting/productCommandHandler.js';
import { MAX_EXPOSURE_RESERVE_ATTEMPTS } from '../limits.js';
import type { LoanCommand } from './contract/commands.js';
import type { LoanContext } from './contract/context.js';
import type { LoanDecider } from './contract/decider.js';
import type { LoanEvent } from './contract/events.js';
import type { LoanState } from './contract/state.js';
import { capMinorOf } from './exposure/consumerCap.js';
import { exposureDecider, exposureEventSchemas, exposureStreamOf, exposureTotal, type ContractExposure, type ExposureState } from './loanServiceExposureStream.js';

/** What a loan command gave. */
type Result = E.Either<ProductCommandError<ProductsError>, ProductCommandOutcome<LoanEvent>>;

/** What the exposure workflows build on (the loan service's parts). */
export interface ExposureWorkflowOptions {
  readonly store: EventStore;
  readonly clock: () => Date;
  readonly retry?: RetryPolicy;
  readonly context: LoanContext;
  readonly decider: LoanDecider;
  readonly streamPrefix: string;
  readonly loanState: (contractId: string) => Promise<LoanState>;
  readonly handleLoan: (contractId: string, command: LoanCommand, commandId: string) => Promise<Result>;
  readonly commandContext: (commandId: string) => CommandContext;
  readonly stepId: (commandId: string, step: string) => string;
}

/** The figures a loan's recorded state implies, or `undefined` when they stay as reserved. */
const targetOf = (s: LoanState): ContractExposure | undefined => {
  if (s.status === 'active') return { reserved: 0n, drawn: s.principalReceivable };
  if (s.status === 'closed' || s.status === 'written-off' || (s.status === 'decided' && s.decision?.outcome !== 'approved')) return { reserved: 0n, drawn: 0n };
  return undefined;
};

/** The exposure workflows of a loan service. */
export const exposureWorkflows = (options: ExposureWorkflowOptions) => {
  const { store, context, decider } = options;
  const { asset, internetConsumerCapApplies } = context.product;
  const exposure = exposureDecider(asset);
  const handle = createCommandHandler({ store, clock: options.clock, decider: exposure, schemas: exposureEventSchemas, ...(options.retry === undefined ? {} : { retry: options.retry }) });
  const streamOf = (borrowerId: string): string => exposureStreamOf(options.streamPrefix, borrowerId);
  const text = (minor: bigint): string => minorToDecimal(minor, asset.scale);

  /** A borrower's figures by contract. */
  const read = async (borrowerId: string): Promise<ExposureState> => {
    const events = (await store.readStream(streamOf(borrowerId))).map((recorded) => {
      const decoded = decodeEvent(exposureEventSchemas, recorded);
      if (E.isLeft(decoded)) throw decoded.left;
      return decoded.right;
    });
    return foldState(exposure, events);
  };

  /**
   * Brings a tracked contract's figures down to what its loan state implies (converting a
   * reservation into drawn principal, releasing it). `known` is the loan's current state when the
   * caller already has it (close of business, from its state cache), so the loan is not read whole.
   */
  const settle = async (contractId: string, commandId: string, known?: LoanState): Promise<void> => {
    if (!internetConsumerCapApplies) return;
    const s = known ?? (await options.loanState(contractId));
    const target = targetOf(s);
    if (s.application === undefined || target === undefined) return;
    const recorded = (await read(s.application.borrowerId))[contractId];
    // Loans never reserved here (originated before the stream, or not capped) are not tracked; figures already right need no command.
    if (recorded === undefined || (recorded.reserved === target.reserved && recorded.drawn === target.drawn)) return;
    const settled = await handle(streamOf(s.application.borrowerId), { type: 'Settle', contractId, reserved: text(target.reserved), drawn: text(target.drawn) }, options.commandContext(options.stepId(commandId, 'exposure')));
    if (E.isLeft(settled)) throw settled.left;
  };

  /** The credit decision with its limit reserved first; see the module comment. */
  const decideCredit = async (contractId: string, on: string, commandId: string): Promise<Result> => {
    const application = (await options.loanState(contractId)).application;
    if (application === undefined) return E.left(new ProductsError('loan_status_invalid', 'the contract has no application'));
    for (let attempt = 0; attempt < MAX_EXPOSURE_RESERVE_ATTEMPTS; attempt++) {
      const basis = exposureTotal(await read(application.borrowerId), contractId);
      const command: LoanCommand = { type: 'DecideCredit', on, internetConsumerOutstanding: text(basis) };
      if (!internetConsumerCapApplies) return options.handleLoan(contractId, command, commandId);
      const decided = decider.decide(command, await options.loanState(contractId));
      const event = E.isRight(decided) ? decided.right[0] : undefined;
      // A refusal (or a decision already recorded under this id) is the loan handler's to report.
      if (event?.type !== 'CreditDecided') return options.handleLoan(contractId, command, commandId);
      const { decision } = event.data;
      if (decision.outcome === 'approved' && decision.limit !== undefined) {
        const reserve = { type: 'Reserve' as const, contractId, amount: decision.limit, basis: text(basis), cap: text(capMinorOf(undefined, asset)) };
        const reserved = await handle(streamOf(application.borrowerId), reserve, options.commandContext(options.stepId(commandId, `reserve-${attempt}`)));
        if (E.isLeft(reserved)) {
          const code = isProductsError(reserved.left) ? reserved.left.code : (reserved.left as { code?: string }).code;
          if (code === 'exposure_basis_stale' || code === 'command_id_reused') continue;
          return E.left(isProductsError(reserved.left) ? reserved.left : new ProductsError('exposure_basis_stale', String(reserved.left)));
        }
      }
      const done = await options.handleLoan(contractId, command, commandId);
      // Refused after reserving (a concurrent decision of the same contract): the figures follow what the loan recorded.
      if (E.isLeft(done)) await settle(contractId, options.stepId(commandId, 'release'));
      return done;
    }
    return E.left(new ProductsError('exposure_basis_stale', `the borrower's exposure kept moving over ${MAX_EXPOSURE_RESERVE_ATTEMPTS} attempts`));
  };

  return { read, settle, decideCredit, streamOf };
};
