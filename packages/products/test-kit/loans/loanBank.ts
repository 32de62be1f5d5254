/**
 * A bank with deposits and internet consumer loans on one book, for end-to-end loan tests: the
 * deposit bank of the deposit tests plus the loan service sharing its posting port. Helpers open a
 * funded demand account and originate a loan up to a signed contract.
 */
import * as E from 'fp-ts/lib/Either.js';
import { decimalToMinor } from '@ecoledger/ledger';
import { loanAccountId, loanService, type LoanService } from '../../src/loans/loanService.js';
import type { LoanContext } from '../../src/loans/contract/context.js';
import type { LoanRole } from '../../src/loans/contract/postingRules.js';
import { BANK_LEDGER, bankContext, openDepositBank, type DepositBank } from '../deposits/depositBank.js';
import { checkProductPostings, trialBalanceGaps } from '../productPostingsCheck.js';
import { LOAN_AT, LOAN_CONTEXT, TERMS_HASH, applyCommand } from './loanFixtures.js';

/** The bank under test. */
export interface LoanBank extends DepositBank {
  readonly loans: LoanService;
}

/** Opens the bank (in memory), lending the fixture product or the one of `context`. */
export const openLoanBank = async (context: LoanContext = LOAN_CONTEXT): Promise<LoanBank> => {
  const bank = await openDepositBank({ clock: () => new Date('2025-07-01T09:00:00.000Z') });
  const loans = loanService({ store: bank.store, book: bank.book, deposits: bank, context, clock: () => new Date(LOAN_AT), retry: { maxAttempts: 5, baseDelayMs: 0, jitter: () => 0, sleep: async () => undefined }, chunkSize: 4 });
  return { ...bank, loans };
};

const ok = <T>(result: E.Either<unknown, T>): T => {
  if (E.isLeft(result)) throw result.left;
  return result.right;
};

/** Opens demand account `accountId` on 2025-06-30 and deposits `amount` in cash. */
export const openFundedAccount = async (bank: LoanBank, accountId: string, amount: string): Promise<void> => {
  const stream = bank.demand.streamOf(accountId);
  ok(await bank.demand.handle(stream, { type: 'Open', contractId: accountId, customerId: `c-${accountId}`, kycReference: 'kyc', channel: 'app', accountClass: 'I', openedOn: '2025-06-30', at: LOAN_AT }, bankContext(`open-${accountId}`)));
  if (decimalToMinor(amount, 2) > 0n) ok(await bank.demand.handle(stream, { type: 'Deposit', amount, source: 'cash', reference: 'cash-in', on: '2025-06-30', at: LOAN_AT }, bankContext(`fund-${accountId}`)));
};

/** Applies, decides, approves and signs loan `contractId` of `amount` for `borrowerId` with `accountId` linked. */
export const originate = async (bank: LoanBank, contractId: string, accountId: string, amount = '12000.00', borrowerId = 'b-1'): Promise<void> => {
  const stream = bank.loans.streamOf(contractId);
  ok(await bank.loans.handle(stream, applyCommand({ contractId, amount, borrowerId, linkedAccountId: accountId }), bankContext(`apply-${contractId}`)));
  ok(await bank.loans.decideCredit(contractId, '2025-06-30', `decide-${contractId}`));
  ok(await bank.loans.handle(stream, { type: 'Approve', on: '2025-06-30', at: LOAN_AT, approvedBy: 'officer-1' }, bankContext(`approve-${contractId}`)));
  ok(await bank.loans.handle(stream, { type: 'Sign', termsHash: TERMS_HASH, channel: 'app', at: LOAN_AT }, bankContext(`sign-${contractId}`)));
};

/** A loan account's posted balance on its normal side, in fen. */
export const loanBalance = (bank: LoanBank, role: LoanRole, contractId: string): bigint => {
  const account = bank.book.account(loanAccountId(BANK_LEDGER, role, contractId));
  return account === undefined ? 0n : decimalToMinor(account.balance, 2);
};

/**
 * What every loan test ends with: a zero trial balance, and every product event's postings made
 * exactly once, none missing, lost, unexpected or left pending. Returns the failures (empty: sound).
 */
export const unsoundnessOf = async (bank: LoanBank) => {
  const report = await checkProductPostings(bank.store, bank.book, [...bank.sources, bank.loans.source]);
  return { trialBalanceGaps: trialBalanceGaps(bank.book), ...report, events: 0, owedPostings: 0 };
};

/** {@link unsoundnessOf} with nothing wrong. */
export const SOUND = { trialBalanceGaps: [], events: 0, owedPostings: 0, missing: [], lost: [], mismatched: [], unexpected: [], pendingOwed: [], pendingOrphaned: [] };
