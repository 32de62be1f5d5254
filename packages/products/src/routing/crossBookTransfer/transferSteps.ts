/**
 * The ledger work of each saga step, in the one book that step belongs to. Each step submits one
 * item with a derived id (see `transferIds.ts`), so doing a step twice (a resumed runner, a
 * redelivered event) answers `exists` and moves nothing twice; its answer says what to record.
 */
import type { ItemResult, TransferInput } from '@ecoledger/ledger';
import { ProductsError } from '../../errors.js';
import type { TransferCommand, TransferState } from './transferDecider.js';
import type { TransferRequestedData } from './transferEvents.js';
import { transferIdsOf, transferReference, transferRequestIdOf } from './transferIds.js';
import type { TransferStepPort } from './transferStepPort.js';

/** The book whose writer takes the next step, or `undefined` when the transfer is terminal or not requested. */
export const bookOfNextStep = (state: TransferState): string | undefined => {
  const request = state.request;
  if (request === undefined) return undefined;
  switch (state.status) {
    case 'requested':
    case 'credited':
    case 'creditRefused':
      return request.fromBook;
    case 'debited':
      return request.toBook;
    default:
      return undefined;
  }
};

const DONE: ReadonlySet<string> = new Set(['ok', 'exists']);

type Step = 'hold' | 'credit' | 'post' | 'void';

// One item, one answer: `undefined` when done, else the book's code for the item.
const submit = async (port: TransferStepPort, step: Step, request: TransferRequestedData, item: TransferInput): Promise<string | undefined> => {
  const answer = await port.createTransfers([item], { commandId: transferRequestIdOf(step, request.transferId), correlationId: request.transferId, actor: 'cross-book-transfer' });
  // A request refused as a whole (`book_overloaded`, ...) wrote nothing and decided nothing: the step is retried later.
  if (answer.requestError !== undefined) throw new ProductsError('posting_incomplete', `transfer ${request.transferId}, ${step}: the book answered ${answer.requestError}`);
  const result: ItemResult | undefined = answer.results[0];
  if (result === undefined) throw new ProductsError('posting_incomplete', `transfer ${request.transferId}, ${step}: the book gave no result`);
  if (DONE.has(result.result)) return undefined;
  // Refused before a crash: the first answer is the refusal to record (see `transferStepPort.ts`).
  if (result.result === 'id_already_failed') return (await port.failureCodeOf?.(item.id)) ?? result.result;
  return result.result;
};

// The ledger's guards decide whether the money is there: their refusal is the customer's shortfall.
const debitRefusalCode = (code: string): string => (code === 'exceeds_credits' || code === 'exceeds_debits' ? 'insufficient_funds' : code);

/**
 * Does the ledger work of the next step through `port` (the port of `bookOfNextStep(state)`) and
 * returns the command that records its outcome.
 * @throws ProductsError `posting_incomplete` when the book refused the request as a whole, or
 *   refused a post or void (those settle a hold the saga made, and only they can).
 */
export const takeStep = async (port: TransferStepPort, state: TransferState): Promise<TransferCommand> => {
  const request = state.request!;
  const ids = transferIdsOf(request.transferId);
  const userData = transferReference(request.transferId);
  const common = { amount: request.amount, ledger: request.ledger, code: request.code, userData };
  switch (state.status) {
    case 'requested': {
      const refused = await submit(port, 'hold', request, { id: ids.holdId, debitAccountId: request.fromAccountId, creditAccountId: request.fromClearingAccountId, ...common, flags: { pending: true } });
      return refused === undefined ? { type: 'RecordDebit' } : { type: 'RecordDebitRefused', code: debitRefusalCode(refused) };
    }
    case 'debited': {
      const refused = await submit(port, 'credit', request, { id: ids.creditId, debitAccountId: request.toClearingAccountId, creditAccountId: request.toAccountId, ...common });
      return refused === undefined ? { type: 'RecordCredit' } : { type: 'RecordCreditRefused', code: refused };
    }
    case 'credited':
    case 'creditRefused': {
      const posting = state.status === 'credited';
      const step = posting ? 'post' : 'void';
      const item: TransferInput = posting
        ? { id: ids.postId, pendingId: ids.holdId, flags: { postPendingTransfer: true } }
        : { id: ids.voidId, pendingId: ids.holdId, flags: { voidPendingTransfer: true } };
      const refused = await submit(port, step, request, item);
      if (refused !== undefined) throw new ProductsError('posting_incomplete', `transfer ${request.transferId}, ${step} of the hold: the book answered ${refused}`);
      return posting ? { type: 'RecordCompletion' } : { type: 'RecordRelease' };
    }
    default:
      throw new ProductsError('transfer_step_out_of_order', `no step follows ${state.status}`);
  }
};
