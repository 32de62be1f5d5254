/**
 * "Car loan with collateral": a secured car loan. Bob applies in the app for 120,000.00 over 36
 * months on a car valued 160,000.00 (the car-loan template allows 80 % LTV); the scorecard approves;
 * he signs, the car is pledged and the loan is paid into his account and on to the dealer. Close
 * of business collects the installments. In October the car is revalued (depreciation): the LTV
 * rises above 80 % and the early-warning processor raises a warning, which the risk read model
 * lists. Bob then prepays 30,000.00 keeping his installment: the term shortens (printed before and
 * after) and the LTV falls back under the limit. It ends with the invariant checks.
 *
 * Each run on a store opens its own contracts (suffix `-r<n>`), so a durable store can run it again.
 */
import { createHash } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { createInMemoryEventStore, minorToDecimal, type EventStore } from '@ecoledger/ledger';
import { CAR_LOAN_TEMPLATE, loanToValue, type LoanCommand, type LoanState } from '@ecoledger/products';
import { checkBook } from '../bookChecks.js';
import type { ScenarioReport } from '../catalog.js';
import { customerContext } from '../onlineDeposits/depositBank.js';
import { trialBalanceTable } from '../onlineDeposits/depositReport.js';
import { checkLoans, closeDay, closeTwiceIsOnce } from './loanChecks.js';
import { nextRun, openLoanBank, type LoanBank } from './loanBank.js';
import { decisionLines, eventLine, loanEventsFrom } from './loanReport.js';

const RUNS_STREAM = 'scenario-car-loan-collateral-runs';
const TERMS = 'Car loan: 120,000.00 CNY over 36 months, equal installments, LPR1Y + spread reset yearly, secured on the vehicle pledged, auto-debit from the linked account.';
const APPLICANT = { monthlyIncome: '30000.00', monthlyDebtPayments: '2000.00', existingExposure: '0.00', overdueCount24Months: 0, currentlyOverdue: false, birthDate: '1985-09-02', collateralValue: '160000.00' };

const nextDay = (date: string): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

/** The remaining term: installments not yet billed, and the last due date. */
const termOf = (state: LoanState): string => {
  const left = state.installments.filter((i) => !i.billed);
  return `${left.length} installments left, last due ${left.at(-1)?.dueDate ?? '-'}, installment ${state.scheduledAmount === undefined ? '-' : minorToDecimal(state.scheduledAmount, 2)}`;
};

/** The loan's LTV now, from its outstanding principal and the collateral the risk read model holds. */
const ltvLine = async (bank: LoanBank, loan: string): Promise<string> => {
  const outstanding = minorToDecimal((await bank.loans.state(loan)).principalReceivable, 2);
  const ltv = loanToValue(outstanding, bank.model.collateralOf(loan).map(({ valuation, haircutPercent }) => ({ valuation, ...(haircutPercent === undefined ? {} : { haircutPercent }) })));
  return `  ${loan}: LTV ${outstanding} / ${ltv.collateralValue} = ${ltv.ltvPercent ?? 'uncovered'} % (maximum ${bank.product.collateral.required ? bank.product.collateral.maxLtvPercent : '-'} %)`;
};

/** Runs the scenario; see the module comment. */
export const runCarLoanCollateral = async (options: { readonly store?: EventStore; readonly print?: (line: string) => void } = {}): Promise<ScenarioReport> => {
  const store = options.store ?? createInMemoryEventStore();
  const lines: string[] = [];
  const say = (line: string) => {
    lines.push(line);
    options.print?.(line);
  };
  const failures: string[] = [];
  const run = await nextRun(store, RUNS_STREAM);
  const bank = await openLoanBank(store, run, 'car-loans', CAR_LOAN_TEMPLATE);
  const id = (name: string) => `${name}-r${run}`;
  const [account, loan, car] = [id('bob-dd'), id('bob-car-loan'), id('bob-car')];
  const demandStreams = [{ stream: bank.demand.streamOf(account), contractId: account }];
  let step = 0;
  const cmd = () => `${id('cmd')}-${++step}`;
  const at = () => bank.now().toISOString();
  const expectOk = (what: string, outcome: E.Either<unknown, unknown>): void => {
    if (E.isLeft(outcome)) failures.push(`${what}: ${(outcome.left as { code?: string }).code ?? String(outcome.left)}`);
  };
  const demand = (command: Parameters<LoanBank['demand']['handle']>[1]) => bank.demand.handle(bank.demand.streamOf(account), command, customerContext(cmd(), 'bob', 'app'));
  const loanCommand = (command: LoanCommand) => bank.loans.handle(bank.loans.streamOf(loan), command, customerContext(cmd(), 'bob', 'app'));
  const warningsShown = new Set<string>();
  const warnings = async () => {
    await bank.runWarnings();
    for (const w of bank.model.openWarnings({ loanContractId: loan }).items) {
      if (warningsShown.has(w.warningId)) continue;
      warningsShown.add(w.warningId);
      say(`  risk read model: open ${w.severity} warning ${w.rule} on ${w.loanContractId}: ${JSON.stringify(w.detail)}`);
    }
  };
  let revision = 0n;
  const printLoanEvents = async () => {
    const { events, next } = await loanEventsFrom(bank, loan, revision);
    revision = next;
    for (const event of events) {
      const line = eventLine(loan, event);
      if (line !== undefined) say(line);
    }
  };

  say(`Car loan with collateral (run ${run}): the bank's CNY book "${bank.book.bookId}", the car-loan template (LPR1Y + 50..300 bp, maximum LTV 80 %), the default scorecard; close of business every day.`);
  for (let date = '2025-06-30'; date <= '2025-11-03'; date = nextDay(date)) {
    bank.setNow(`${date}T02:00:00.000Z`);
    if (date === '2025-06-30') {
      say('');
      say(`${date}: Bob opens an account, applies for 120,000.00 over 36 months on a car valued 160,000.00, signs, and pledges the car`);
      expectOk('open', await demand({ type: 'Open', contractId: account, customerId: id('bob'), kycReference: `kyc-${account}`, channel: 'app', accountClass: 'I', openedOn: date, at: at() }));
      expectOk('deposit', await demand({ type: 'Deposit', amount: '20000.00', source: 'unbound_account', reference: 'savings', on: date, at: at() }));
      expectOk('apply', await loanCommand({ type: 'Apply', contractId: loan, borrowerId: id('bob'), productCode: 'car-loan', amount: '120000.00', termMonths: 36, repaymentMethod: 'equal-installment', purpose: 'a new electric car', channel: 'app', linkedAccountId: account, applicant: APPLICANT, on: date, at: at() }));
      const decided = await bank.loans.decideCredit(loan, date, cmd());
      expectOk('decide', decided);
      const event = E.isRight(decided) ? decided.right.events.find((e) => e.type === 'CreditDecided') : undefined;
      if (event?.type === 'CreditDecided') for (const line of decisionLines(loan, event.data.decision, event.data.internetConsumerOutstanding)) say(line);
      expectOk('approve', await loanCommand({ type: 'Approve', on: date, at: at(), approvedBy: 'credit-officer-3' }));
      expectOk('sign', await loanCommand({ type: 'Sign', termsHash: createHash('sha256').update(TERMS).digest('hex'), channel: 'app', at: at() }));
      const pledged = await bank.collateral(car, { type: 'Pledge', collateralId: car, loanContractId: loan, kind: 'vehicle', description: 'BYD Seal 2025, plate 沪A·D12345', valuation: '160000.00', valuedOn: date, valuer: 'dealer-appraisal' }, cmd());
      if (pledged !== 'ok') failures.push(`pledge: ${pledged}`);
    }
    if (date === '2025-07-01') {
      say('');
      say(`${date}: the loan is paid into Bob's account and on to the dealer`);
      expectOk('disburse', await bank.loans.disburse(loan, { amount: '120000.00', on: date, at: at(), reference: `payout-${loan}` }, cmd()));
      expectOk('dealer', await demand({ type: 'Withdraw', amount: '120000.00', destination: 'spending', reference: 'dealer', on: date, at: at() }));
      await printLoanEvents();
      await warnings();
      say(await ltvLine(bank, loan));
    }
    if (date === '2025-10-02') {
      say('');
      say(`${date}: the car is revalued at 130,000.00 (depreciation)`);
      const revalued = await bank.collateral(car, { type: 'Revalue', valuation: '130000.00', valuedOn: date, valuer: 'market-data', reason: 'depreciation' }, cmd());
      if (revalued !== 'ok') failures.push(`revalue: ${revalued}`);
      await warnings();
      say(await ltvLine(bank, loan));
      if (bank.model.openWarnings({ loanContractId: loan, rule: 'ltv-above-threshold' }).items.length !== 1) failures.push('the revaluation raised no LTV warning');
    }
    if (date === '2025-10-10') {
      say('');
      say(`${date}: Bob prepays 30,000.00 and keeps his installment: the term shortens`);
      say(`  before: ${termOf(await bank.loans.state(loan))}`);
      expectOk('bonus', await demand({ type: 'Deposit', amount: '30000.00', source: 'unbound_account', reference: 'bonus', on: date, at: at() }));
      expectOk('prepay', await bank.loans.prepay(loan, { amount: '30000.00', option: 'reduce-term', reference: 'prepay-1', on: date, at: at() }, cmd()));
      await printLoanEvents();
      say(`  after:  ${termOf(await bank.loans.state(loan))}`);
      await warnings();
      say(await ltvLine(bank, loan));
    }
    await closeDay(bank, date, [loan], demandStreams, failures);
    await printLoanEvents();
  }

  await closeTwiceIsOnce(bank, '2025-11-03', [loan], demandStreams, failures);
  const check = await checkBook(store, bank.book);
  say('');
  for (const line of trialBalanceTable(check.trialBalance)) say(line);
  failures.push(...check.failures, ...(await checkLoans(bank, [loan], demandStreams)));
  say('');
  if (failures.length === 0) say('All invariants hold: debits = credits, read model = book, replay = live, the loan and account = their ledger accounts, no pending hold, clearing nets to zero, close of business twice = once.');
  else for (const failure of failures) say(`INVARIANT FAILED: ${failure}`);
  return { ok: failures.length === 0, failures, lines, trialBalance: check.totals };
};
