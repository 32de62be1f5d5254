import { describe, it } from 'vitest';
import { DeciderSpecification } from '@ecoledger/ledger/testing';
import { transferDecider } from './transferDecider.js';
import type { TransferEvent, TransferRequestedData } from './transferEvents.js';
import { transferIdsOf } from './transferIds.js';

const request: TransferRequestedData = {
  transferId: 't1',
  fromAccountId: 'wallet:alice',
  toAccountId: 'wallet:bob',
  amount: '10.00',
  ledger: 'cny',
  code: 8001,
  fromBook: 'b1',
  toBook: 'b2',
  fromClearingAccountId: 'bank:b1:clearing:b2',
  toClearingAccountId: 'bank:b2:clearing:b1',
};
const ids = transferIdsOf('t1');
const requested: TransferEvent = { type: 'TransferRequested', data: request };
const debited: TransferEvent = { type: 'TransferDebited', data: { holdId: ids.holdId } };
const credited: TransferEvent = { type: 'TransferCredited', data: { creditId: ids.creditId } };
const refused: TransferEvent = { type: 'TransferCreditRefused', data: { code: 'credit_account_not_found' } };
const completed: TransferEvent = { type: 'TransferCompleted', data: { postId: ids.postId } };
const given = DeciderSpecification.for(transferDecider);

describe('cross-book transfer decider', () => {
  it('records a request once, and refuses another request under the same id or within one book', () => {
    given([]).when({ type: 'RequestTransfer', request }).then([requested]);
    given([requested]).when({ type: 'RequestTransfer', request }).thenNothingHappened();
    given([requested]).when({ type: 'RequestTransfer', request: { ...request, amount: '11.00' } }).thenFails('transfer_id_reused');
    given([]).when({ type: 'RequestTransfer', request: { ...request, toBook: 'b1' } }).thenFails('transfer_same_book');
  });

  it('walks requested -> debited -> credited -> completed', () => {
    given([requested]).when({ type: 'RecordDebit' }).then([debited]);
    given([requested, debited]).when({ type: 'RecordCredit' }).then([credited]);
    given([requested, debited, credited]).when({ type: 'RecordCompletion' }).then([completed]);
    given([requested, debited, credited]).when({ type: 'RecordCompletion' }).thenState({ status: 'completed', request });
  });

  it('fails at the debit when the paying book refuses the hold', () => {
    given([requested]).when({ type: 'RecordDebitRefused', code: 'insufficient_funds' }).then([{ type: 'TransferFailed', data: { stage: 'debit', code: 'insufficient_funds' } }]);
  });

  it('fails at the credit, with the receiving book’s code, once the hold is released', () => {
    given([requested, debited]).when({ type: 'RecordCreditRefused', code: 'credit_account_not_found' }).then([refused]);
    given([requested, debited, refused]).when({ type: 'RecordRelease' }).then([{ type: 'TransferFailed', data: { stage: 'credit', code: 'credit_account_not_found' } }]);
  });

  it('decides nothing for a step already recorded (a resumed runner repeats it)', () => {
    given([requested, debited]).when({ type: 'RecordDebit' }).thenNothingHappened();
    given([requested, debited, credited, completed]).when({ type: 'RecordCredit' }).thenNothingHappened();
    given([requested, debited, refused]).when({ type: 'RecordCreditRefused', code: 'x' }).thenNothingHappened();
  });

  it('refuses steps out of order', () => {
    given([]).when({ type: 'RecordDebit' }).thenFails('transfer_step_out_of_order');
    given([requested]).when({ type: 'RecordCredit' }).thenFails('transfer_step_out_of_order');
    given([requested]).when({ type: 'RecordCompletion' }).thenFails('transfer_step_out_of_order');
    given([requested, debited]).when({ type: 'RecordRelease' }).thenFails('transfer_step_out_of_order');
    given([requested, debited, credited]).when({ type: 'RecordCreditRefused', code: 'x' }).thenFails('transfer_step_out_of_order');
    given([requested, { type: 'TransferFailed', data: { stage: 'debit', code: 'insufficient_funds' } }]).when({ type: 'RecordDebit' }).thenFails('transfer_step_out_of_order');
  });
});
