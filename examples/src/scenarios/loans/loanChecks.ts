/**
 * The loan invariants the loan scenarios end with, on top of the book's and the deposits': every
 * loan's state (folded from its stream) equals its ledger accounts — principal, interest, penalty
 * and fee receivable, allowance — and close of business run again for the last date writes nothing.
 */
import { decimalToMinor } from '@ecoledger/ledger';
import { loanAccountId, type LoanRole, type LoanState } from '@ecoledger/products';
import { checkDeposits } from '../onlineDeposits/depositChecks.js';
import { LEDGER } from '../onlineDeposits/depositBank.js';
import type { LoanBank } from './loanBank.js';

const MIRRORS: readonly [LoanRole, (state: LoanState) => bigint][] = [
  ['principal', (s) => s.principalReceivable],
  ['interestReceivable', (s) => s.interestReceivable],
  ['penaltyReceivable', (s) => s.penaltyReceivable],
  ['allowance', (s) => s.allowance],
  ['feeReceivable', (s) => s.feeReceivable],
];

/** Checks the loans and demand accounts of a run; returns the failures in words. */
export const checkLoans = async (bank: LoanBank, loans: readonly string[], demand: readonly { stream: string; contractId: string }[]): Promise<string[]> => {
  const failures: string[] = [];
  for (const contractId of loans) {
    const state = await bank.loans.state(contractId);
    for (const [role, mirror] of MIRRORS) {
      const account = bank.book.account(loanAccountId(LEDGER, role, contractId));
      const ledger = account === undefined ? 0n : decimalToMinor(account.balance, 2);
      if (mirror(state) !== ledger) failures.push(`loan ${contractId} ${role}: state ${mirror(state)} fen, ledger ${ledger} fen`);
    }
  }
  failures.push(...(await checkDeposits(bank, { demand, time: [] })));
  return failures;
};

/**
 * Close of business for one date: loans first (accrue, auto-debit, assess), then demand accounts.
 * The order matters: the auto-debit withdraws with the date as value date, which a demand account
 * already accrued through that date refuses (`value_date_already_accrued`). Refusals are failures.
 */
export const closeDay = async (bank: LoanBank, date: string, loans: readonly string[], demand: readonly { contractId: string }[], failures: string[]): Promise<void> => {
  const report = await bank.loans.closeLoans(date, loans);
  const deposits = await bank.closeDemand(date, demand.map((d) => d.contractId));
  for (const refused of [...deposits.refused, ...report.accrual.refused, ...report.assessment.refused]) failures.push(`close of business ${date}: ${refused.stream} refused: ${refused.error.code}`);
};

/** Close of business run again for `date` must write nothing. */
export const closeTwiceIsOnce = async (bank: LoanBank, date: string, loans: readonly string[], demand: readonly { contractId: string }[], failures: string[]): Promise<void> => {
  const before = (await bank.store.readAll()).length;
  await closeDay(bank, date, loans, demand, failures);
  if ((await bank.store.readAll()).length !== before) failures.push(`running close of business again for ${date} wrote events`);
};
