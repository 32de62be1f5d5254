/**
 * The cross-book transfer saga as a pure decider: requested -> debited -> credited -> completed,
 * or -> failed when the paying book refuses the hold, or (debited -> creditRefused -> failed) when
 * the receiving book refuses the credit and the hold is voided. `creditRefused` exists because
 * each book has one writer: the receiving book's process records the refusal, and the paying
 * book's process voids the hold and records the failure.
 *
 * Commands only record what a book already did (the runner does the ledger work first, with
 * derived ids). A step recorded already decides nothing (a resumed runner may repeat it); a step
 * that does not follow the current state is `transfer_step_out_of_order`.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Decider } from '@ecoledger/ledger';
import { ProductsError } from '../../errors.js';
import type { TransferEvent, TransferFailureStage, TransferRequestedData } from './transferEvents.js';
import { transferIdsOf } from './transferIds.js';

/** Where a transfer stands. `completed` and `failed` are terminal. */
export type TransferStatus = 'none' | 'requested' | 'debited' | 'credited' | 'creditRefused' | 'completed' | 'failed';

/** The saga's state, folded from its stream. */
export interface TransferState {
  readonly status: TransferStatus;
  readonly request?: TransferRequestedData;
  /** The receiving book's refusal code, from `creditRefused` on. */
  readonly refusal?: string;
  readonly failure?: { readonly stage: TransferFailureStage; readonly code: string };
}

/** What the runner records. */
export type TransferCommand =
  | { readonly type: 'RequestTransfer'; readonly request: TransferRequestedData }
  | { readonly type: 'RecordDebit' }
  | { readonly type: 'RecordDebitRefused'; readonly code: string }
  | { readonly type: 'RecordCredit' }
  | { readonly type: 'RecordCreditRefused'; readonly code: string }
  | { readonly type: 'RecordCompletion' }
  | { readonly type: 'RecordRelease' };

/** True once a transfer can change no more. */
export const isTerminal = (state: TransferState): boolean => state.status === 'completed' || state.status === 'failed';

const failedAt = (state: TransferState, stage: TransferFailureStage): boolean => state.status === 'failed' && state.failure?.stage === stage;

/** Per command: the states it follows, and the states in which it is already recorded. */
const steps: Record<Exclude<TransferCommand['type'], 'RequestTransfer'>, { readonly from: TransferStatus; readonly done: (state: TransferState) => boolean }> = {
  RecordDebit: { from: 'requested', done: (s) => ['debited', 'credited', 'creditRefused', 'completed'].includes(s.status) || failedAt(s, 'credit') },
  RecordDebitRefused: { from: 'requested', done: (s) => failedAt(s, 'debit') },
  RecordCredit: { from: 'debited', done: (s) => s.status === 'credited' || s.status === 'completed' },
  RecordCreditRefused: { from: 'debited', done: (s) => s.status === 'creditRefused' || failedAt(s, 'credit') },
  RecordCompletion: { from: 'credited', done: (s) => s.status === 'completed' },
  RecordRelease: { from: 'creditRefused', done: (s) => failedAt(s, 'credit') },
};

const sameRequest = (a: TransferRequestedData, b: TransferRequestedData): boolean =>
  (Object.keys(a) as (keyof TransferRequestedData)[]).every((key) => a[key] === b[key]) && Object.keys(a).length === Object.keys(b).length;

const eventOf = (command: Exclude<TransferCommand, { readonly type: 'RequestTransfer' }>, state: TransferState): TransferEvent => {
  const ids = transferIdsOf(state.request!.transferId);
  switch (command.type) {
    case 'RecordDebit':
      return { type: 'TransferDebited', data: { holdId: ids.holdId } };
    case 'RecordDebitRefused':
      return { type: 'TransferFailed', data: { stage: 'debit', code: command.code } };
    case 'RecordCredit':
      return { type: 'TransferCredited', data: { creditId: ids.creditId } };
    case 'RecordCreditRefused':
      return { type: 'TransferCreditRefused', data: { code: command.code } };
    case 'RecordCompletion':
      return { type: 'TransferCompleted', data: { postId: ids.postId } };
    case 'RecordRelease':
      return { type: 'TransferFailed', data: { stage: 'credit', code: state.refusal! } };
  }
};

/** The saga's decider. */
export const transferDecider: Decider<TransferCommand, TransferEvent, TransferState, ProductsError> = {
  initialState: () => ({ status: 'none' }),
  decide: (command, state) => {
    if (command.type === 'RequestTransfer') {
      const { request } = command;
      if (request.fromBook === request.toBook) return E.left(new ProductsError('transfer_same_book', `${request.fromAccountId} and ${request.toAccountId} both live in ${request.fromBook}`));
      if (state.request === undefined) return E.right([{ type: 'TransferRequested', data: request }]);
      return sameRequest(state.request, request) ? E.right([]) : E.left(new ProductsError('transfer_id_reused', request.transferId));
    }
    const step = steps[command.type];
    if (step.done(state)) return E.right([]);
    if (state.status !== step.from) return E.left(new ProductsError('transfer_step_out_of_order', `${command.type} does not follow ${state.status}`));
    return E.right([eventOf(command, state)]);
  },
  evolve: (state, event) => {
    switch (event.type) {
      case 'TransferRequested':
        return { status: 'requested', request: event.data };
      case 'TransferDebited':
        return { ...state, status: 'debited' };
      case 'TransferCredited':
        return { ...state, status: 'credited' };
      case 'TransferCreditRefused':
        return { ...state, status: 'creditRefused', refusal: event.data.code };
      case 'TransferCompleted':
        return { ...state, status: 'completed' };
      case 'TransferFailed':
        return { ...state, status: 'failed', failure: event.data };
    }
  },
};
