/**
 * "Consumer loan": an internet consumer loan from application to recovery. Alice applies in the
 * app; the default scorecard decides at once (each rule's points printed); she e-signs the terms
 * (their SHA-256 recorded) and the loan is paid into her demand account. Close of business runs
 * every day: it bills installments, auto-debits them from her account and assesses the loan. She
 * spends the money; the second installment is taken in part, later ones find nothing: penalty
 * interest runs (explained), the class moves to special-mention and, past 90 days, substandard
 * (interest goes off balance sheet), and the provision follows. In December she pays the arrears
 * (the loan stays substandard, since an upgrade waits for its observation period, and the provision
 * follows the smaller principal), then pays the loan off. The 200,000
 * per-borrower cap on internet consumer credit cuts a second loan and refuses a third. It ends
 * with the invariant checks of the deposits scenario, for loans too.
 *
 * Each run on a store opens its own contracts (suffix `-r<n>`), so a durable store can run it again.
 */
import { createHash } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { createInMemoryEventStore, minorToDecimal, type EventStore } from '@ecoledger/ledger';
import { INTERNET_CONSUMER_LOAN_TEMPLATE, payoffQuote, businessDate, type LoanCommand, type LoanEvent } from '@ecoledger/products';
import { checkBook } from '../bookChecks.js';
import type { ScenarioReport } from '../catalog.js';
import { customerContext } from '../onlineDeposits/depositBank.js';
import { trialBalanceTable } from '../onlineDeposits/depositReport.js';
import { checkLoans, closeDay, closeTwiceIsOnce } from './loanChecks.js';
import { nextRun, openLoanBank } from './loanBank.js';
import { decisionLines, eventLine, explainPenalty, loanEventsFrom } from './loanReport.js';

const RUNS_STREAM = 'scenario-consumer-loan-runs';
/** What Alice is shown and signs; its hash is recorded with the signature. */
const TERMS = 'Internet consumer loan: 12,000.00 CNY over 12 months, equal installments, LPR1Y + spread, penalty +50 % on overdue amounts, auto-debit from the linked account.';
const APPLICANT = { monthlyIncome: '25000.00', monthlyDebtPayments: '2000.00', existingExposure: '0.00', overdueCount24Months: 0, currentlyOverdue: false, birthDate: '1990-03-15' };

const nextDay = (date: string): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

/** Runs the scenario; see the module comment. */
export const runConsumerLoan = async (options: { readonly store?: EventStore; readonly print?: (line: string) => void } = {}): Promise<ScenarioReport> => {
  const store = options.store ?? createInMemoryEventStore();
  const lines: string[] = [];
  const say = (line: string) => {
    lines.push(line);
    options.print?.(line);
  };
  const failures: string[] = [];
  const run = await nextRun(store, RUNS_STREAM);
  const bank = await openLoanBank(store, run, 'consumer-loans', INTERNET_CONSUMER_LOAN_TEMPLATE);
  const id = (name: string) => `${name}-r${run}`;
  const [account, loan, big, third] = [id('alice-dd'), id('alice-loan-1'), id('alice-loan-2'), id('alice-loan-3')];
  const demandStreams = [{ stream: bank.demand.streamOf(account), contractId: account }];
  const loans = [loan, big, third];
  let step = 0;
  const cmd = () => `${id('cmd')}-${++step}`;
  const expectOk = (what: string, outcome: E.Either<unknown, unknown>): boolean => {
    if (E.isRight(outcome)) return true;
    failures.push(`${what}: ${(outcome.left as { code?: string }).code ?? String(outcome.left)}`);
    return false;
  };
  const at = () => bank.now().toISOString();
  const deposit = async (amount: string, on: string, reference: string) =>
    expectOk(`deposit ${amount}`, await bank.demand.handle(bank.demand.streamOf(account), { type: 'Deposit', amount, source: 'unbound_account', reference, on, at: at() }, customerContext(cmd(), 'alice', 'app')));
  const loanCommand = (contractId: string, command: LoanCommand) => bank.loans.handle(bank.loans.streamOf(contractId), command, customerContext(cmd(), 'alice', 'app'));
  const decided = async (contractId: string, on: string): Promise<Extract<LoanEvent, { type: 'CreditDecided' }>['data'] | undefined> => {
    const outcome = await bank.loans.decideCredit(contractId, on, cmd());
    if (!expectOk(`decide ${contractId}`, outcome) || E.isLeft(outcome)) return undefined;
    const event = outcome.right.events.find((e) => e.type === 'CreditDecided');
    if (event?.type !== 'CreditDecided') return undefined;
    for (const line of decisionLines(contractId, event.data.decision, event.data.internetConsumerOutstanding)) say(line);
    return event.data;
  };
  const apply = (contractId: string, amount: string, termMonths: number, on: string): Promise<boolean> =>
    loanCommand(contractId, { type: 'Apply', contractId, borrowerId: id('alice'), productCode: 'consumer-loan', amount, termMonths, repaymentMethod: 'equal-installment', purpose: 'home appliances', channel: 'app', linkedAccountId: account, applicant: APPLICANT, on, at: at() }).then((o) => expectOk(`apply ${contractId}`, o));

  let revision = 0n;
  let penaltiesShown = 0;
  const printLoanEvents = async () => {
    const { events, next } = await loanEventsFrom(bank, loan, revision);
    revision = next;
    for (const event of events) {
      // The first penalty accrual is explained; later days repeat the arithmetic (rounded cumulatively since disbursement).
      if (event.type === 'PenaltyAccrued' && penaltiesShown < 1 && event.data.ledgerAmount !== '0.00') {
        penaltiesShown++;
        for (const line of explainPenalty(loan, event)) say(line);
      }
      const line = eventLine(loan, event);
      if (line !== undefined) say(line);
    }
  };

  say(`Consumer loan (run ${run}): the bank's CNY book "${bank.book.bookId}", the internet consumer loan template (LPR1Y + risk spread, ACT/360, penalty +50 %), the default scorecard; close of business every day.`);
  for (let date = '2025-06-30'; date <= '2026-01-05'; date = nextDay(date)) {
    bank.setNow(`${date}T02:00:00.000Z`);
    if (date === '2025-06-30') {
      say('');
      say(`${date}: Alice opens a Class I account in the app and applies for 12,000.00 over 12 months`);
      expectOk('open', await bank.demand.handle(bank.demand.streamOf(account), { type: 'Open', contractId: account, customerId: id('alice'), kycReference: `kyc-${account}`, channel: 'app', accountClass: 'I', openedOn: date, at: at() }, customerContext(cmd(), 'alice', 'app')));
      await deposit('1100.00', date, 'salary-june');
      await apply(loan, '12000.00', 12, date);
      await decided(loan, date);
      expectOk('approve', await loanCommand(loan, { type: 'Approve', on: date, at: at(), approvedBy: 'scorecard-auto' }));
      const termsHash = createHash('sha256').update(TERMS).digest('hex');
      expectOk('sign', await loanCommand(loan, { type: 'Sign', termsHash, channel: 'app', at: at() }));
      say(`  ${loan}: approved automatically; e-signed in the app, terms hash ${termsHash}`);
    }
    if (date === '2025-07-01') {
      say('');
      say(`${date}: the loan is paid into Alice's account`);
      expectOk('disburse', await bank.loans.disburse(loan, { amount: '12000.00', on: date, at: at(), reference: `payout-${loan}` }, cmd()));
      await printLoanEvents();
    }
    if (date === '2025-07-02') {
      say('');
      say(`${date}: Alice spends the 12,000.00; 1,100.00 stays for the installments`);
      expectOk('spend', await bank.demand.handle(bank.demand.streamOf(account), { type: 'Withdraw', amount: '12000.00', destination: 'spending', reference: 'appliances', on: date, at: at() }, customerContext(cmd(), 'alice', 'app')));
    }
    if (date === '2025-07-03') {
      say('');
      say(`${date}: the 200,000.00 internet consumer cap per borrower (counting approved limits and outstanding principal)`);
      await apply(big, '195000.00', 36, date);
      const second = await decided(big, date);
      if (second?.decision.limit !== '188000.00') failures.push(`the second loan's limit is ${second?.decision.limit}, not 200,000.00 - 12,000.00`);
      expectOk('approve 2', await loanCommand(big, { type: 'Approve', on: date, at: at(), approvedBy: 'scorecard-auto' }));
      await apply(third, '5000.00', 12, date);
      const refused = await decided(third, date);
      if (refused?.decision.outcome !== 'declined' || !refused.decision.reasons.includes('consumer_credit_cap_exceeded')) failures.push('the third loan was not refused by the consumer cap');
    }
    if (date === '2025-12-10') {
      say('');
      say(`${date}: Alice's salary arrives; she pays the arrears (the loan takes what is due, penalty first; the rest comes back)`);
      await deposit('8000.00', date, 'salary-december');
      expectOk('repay arrears', await bank.loans.repay(loan, { amount: '8000.00', overpayment: 'refund', reference: 'arrears', on: date, at: at() }, cmd()));
    }
    if (date === '2026-01-05') {
      say('');
      const quote = payoffQuote(bank.context, await bank.loans.state(loan), businessDate(date));
      say(`${date}: Alice pays the loan off: quote ${minorToDecimal(quote, 2)} (principal and interest through yesterday)`);
      await deposit('10000.00', date, 'bonus');
      expectOk('pay off', await bank.loans.payOff(loan, { amount: minorToDecimal(quote, 2), reference: 'payoff', on: date, at: at() }, cmd()));
    }
    await closeDay(bank, date, loans, demandStreams, failures);
    await printLoanEvents();
  }
  const state = await bank.loans.state(loan);
  if (state.status !== 'closed') failures.push(`the loan is ${state.status}, not closed`);

  await closeTwiceIsOnce(bank, '2026-01-05', loans, demandStreams, failures);
  const check = await checkBook(store, bank.book);
  say('');
  for (const line of trialBalanceTable(check.trialBalance)) say(line);
  failures.push(...check.failures, ...(await checkLoans(bank, loans, demandStreams)));
  say('');
  if (failures.length === 0) say('All invariants hold: debits = credits, read model = book, replay = live, every loan and account = its ledger accounts, no pending hold, clearing nets to zero, close of business twice = once.');
  else for (const failure of failures) say(`INVARIANT FAILED: ${failure}`);
  return { ok: failures.length === 0, failures, lines, trialBalance: check.totals };
};
