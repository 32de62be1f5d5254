/**
 * Untimed setup of the loan bench: a bank (deposit service and loan service on one book) with N
 * active internet consumer loans, each paying out into its borrower's demand account, disbursed on
 * one of 30 consecutive days so that every later date is a due date for about one loan in 30.
 * The borrower spends the payout; what is left for the auto-debit is a cash deposit made at
 * opening: 5,000.00 for 8 loans in 10, 200.00 (less than an installment: a partial debit and a
 * shortfall) for one in ten, nothing (a shortfall, nothing taken) for one in ten.
 *
 * The commands are those the real service runs (`loanService.decideCredit`, `disburse`, the
 * demand handler), written in rounds by `writeRound`; {@link checkLoansAgainstService} runs a
 * sample both ways, then closes a due date on both, and requires equal streams and balances.
 */
import { v5 } from 'uuid';
import { Book, type CommandContext, type DomainEvent, type EventStore } from '@ecoledger/ledger';
import {
  DEFAULT_SCORECARD,
  INTERNET_CONSUMER_LOAN_TEMPLATE,
  LPR_HISTORY,
  addDays,
  businessDate,
  demandDepositProduct,
  demandDepositSchemas,
  depositService,
  loanEventSchemas,
  loanService,
  scorecardPolicy,
  setUpDepositBook,
  timeDepositProduct,
  type LoanCommand,
  type LoanContext,
  type LoanService,
  type DepositService,
} from '@ecoledger/products';
import { writeRound, type BatchedCommand, type StreamPositions, type Wiring } from './batchedCommands.js';

/** The first business date closed: a due date of the loans disbursed on the first of the 30 days. */
export const FIRST_CLOSE = '2026-01-31';
const FIRST_PAYOUT = '2025-12-31';
const OPENED_ON = '2025-12-30';
const CLOCK = '2026-01-31T09:00:00.000Z';
const at = (date: string): string => `${date}T09:00:00.000Z`;
const LOAN = '12000.00';

/** The loan context of the bench: the internet consumer template on the published LPR history. */
/**
 * The internet consumer template with the per-borrower cap switched off: the batched setup writes
 * only loan and demand events, not the borrower exposure streams a capped product reserves through
 * (one handler call per decision and per settlement). So this measures accrual, auto-debit and
 * assessment; the cap's settlement at close of business is not in these numbers.
 */
export const BENCH_LOAN_CONTEXT: LoanContext = { product: { ...INTERNET_CONSUMER_LOAN_TEMPLATE, internetConsumerCapApplies: false }, lpr: LPR_HISTORY, policy: scorecardPolicy(DEFAULT_SCORECARD) };

/** The bank: its book, deposits and loans on one store. */
export interface LoanBench {
  readonly store: EventStore;
  readonly book: Book;
  readonly deposits: DepositService;
  readonly loans: LoanService;
}

/** Opens the bank on a store (ledger, general-ledger accounts, both services). */
export const openLoanBench = async (store: EventStore): Promise<LoanBench> => {
  const clock = () => new Date(CLOCK);
  const book = await Book.open({ store, snapshotEvery: 0, clock });
  await setUpDepositBook(book, { id: 'CNY', code: 'CNY', scale: 2 });
  const deposits = depositService({
    store,
    book,
    clock,
    demandProduct: demandDepositProduct({
      code: 'DD-CNY-SAVINGS', rates: [{ from: '2015-10-24', ratePercent: '0.35' }], dayCount: 'ACT/360', postingSchedule: { frequency: 'quarterly', day: 20 },
      accountingBasis: 'accrual', ledger: 'CNY', customerAccountCode: 2011,
      transferCodes: { deposit: 1001, withdrawal: 1002, interestAccrual: 1003, interestPayment: 1004, withholdingTax: 1005 },
    }),
    timeProduct: timeDepositProduct({
      code: 'TD-CNY-FIXED', ledger: 'CNY', depositAccountCode: 2012, terms: [{ months: 12, rates: [{ from: '2015-10-24', ratePercent: '1.50' }] }],
      demandRates: [{ from: '2015-10-24', ratePercent: '0.35' }], dayCount: 'ACT/365', minimumPrincipal: '50.00', minimumRemainingPrincipal: '50.00', maxPartialWithdrawals: 1,
      accountingBasis: 'accrual', transferCodes: { place: 2001, interest: 2002, payout: 2003, withholding: 2004 },
    }),
  });
  const loans = loanService({ store, book, deposits, context: BENCH_LOAN_CONTEXT, clock });
  return { store, book, deposits, loans };
};

/** Contract id of the `i`-th loan, and of its demand account. */
export const loanIdOf = (i: number): string => `LN${String(i).padStart(7, '0')}`;
const accountIdOf = (i: number): string => `DD${String(i).padStart(7, '0')}`;
/** The day loan `i` is paid out (so its due dates fall on that day of the month). */
export const payoutDateOf = (i: number): string => addDays(businessDate(FIRST_PAYOUT), i % 30);
// Loans i, i + 30, i + 60, ... share a due day; every tenth group of 30 is short, the next has nothing.
const cashOf = (i: number): string | undefined => (Math.floor(i / 30) % 10 === 9 ? undefined : Math.floor(i / 30) % 10 === 8 ? '200.00' : '5000.00');

// The service's derived step ids and request contexts (loanService.ts), as a caller sees them.
const SERVICE_NAMESPACE = '6b0d9f3e-55a1-5e0e-9d43-7f1f1f0c7a21';
const stepId = (commandId: string, step: string): string => v5(`${commandId}\n${step}`, SERVICE_NAMESPACE);
const contextOf = (commandId: string, actor = 'customer'): CommandContext => ({ commandId, metadata: { correlationId: commandId, tenant: 'bank', actor, channel: actor === 'customer' ? 'app' : 'batch' } });

interface Step {
  readonly product: 'loan' | 'demand';
  readonly contractId: string;
  readonly command: unknown;
  readonly context: CommandContext;
  /** Run through the service's workflow instead of its handler (check only). */
  readonly via?: 'decideCredit' | 'disburse';
  /** Made by the service's `disburse` workflow (the payout), not called on its own. */
  readonly madeByWorkflow?: true;
}

/** Loan `i`'s commands in two rounds: everything up to the payout, then the borrower spending it. */
const stepsOf = (i: number): [Step[], Step[]] => {
  const loanId = loanIdOf(i);
  const accountId = accountIdOf(i);
  const on = payoutDateOf(i);
  const cash = cashOf(i);
  const apply: LoanCommand = {
    type: 'Apply', contractId: loanId, borrowerId: `B${loanId}`, productCode: 'consumer-loan', amount: LOAN, termMonths: 12,
    repaymentMethod: i % 2 === 0 ? 'equal-installment' : 'equal-principal', purpose: 'home appliances', channel: 'app', linkedAccountId: accountId,
    applicant: { monthlyIncome: '25000.00', monthlyDebtPayments: '2000.00', existingExposure: '0.00', overdueCount24Months: 0, currentlyOverdue: false, birthDate: '1990-03-15' },
    on, at: at(on),
  };
  const disburse = `disburse-${loanId}`;
  const first: Step[] = [
    { product: 'demand', contractId: accountId, command: { type: 'Open', contractId: accountId, customerId: `B${loanId}`, kycReference: 'kyc', channel: 'app', accountClass: 'I', openedOn: OPENED_ON, at: at(OPENED_ON) }, context: contextOf(`open-${accountId}`) },
    ...(cash === undefined ? [] : [{ product: 'demand' as const, contractId: accountId, command: { type: 'Deposit', amount: cash, source: 'cash', reference: 'cash-in', on: OPENED_ON, at: at(OPENED_ON) }, context: contextOf(`fund-${accountId}`) }]),
    { product: 'loan', contractId: loanId, command: apply, context: contextOf(`apply-${loanId}`) },
    { product: 'loan', contractId: loanId, command: { type: 'DecideCredit', on, internetConsumerOutstanding: '0.00' }, context: contextOf(`decide-${loanId}`, 'credit-engine'), via: 'decideCredit' },
    { product: 'loan', contractId: loanId, command: { type: 'Approve', on, at: at(on), approvedBy: 'officer-1' }, context: contextOf(`approve-${loanId}`) },
    { product: 'loan', contractId: loanId, command: { type: 'Sign', termsHash: 'a'.repeat(64), channel: 'app', at: at(on) }, context: contextOf(`sign-${loanId}`) },
    { product: 'loan', contractId: loanId, command: { type: 'Disburse', amount: LOAN, on, at: at(on), reference: `payout-${loanId}` }, context: contextOf(disburse), via: 'disburse' },
    { product: 'demand', contractId: accountId, command: { type: 'Deposit', amount: LOAN, source: 'internal', reference: `payout-${loanId}`, on, at: at(on) }, context: contextOf(stepId(disburse, 'payout')), madeByWorkflow: true },
  ];
  const spend: Step[] = [{ product: 'demand', contractId: accountId, command: { type: 'Withdraw', amount: LOAN, destination: 'spending', reference: `spend-${loanId}`, on, at: at(on) }, context: contextOf(`spend-${accountId}`) }];
  return [first, spend];
};

const wiringOf = (bank: LoanBench) => ({
  loan: { decider: bank.loans.decider, schemas: loanEventSchemas, effects: bank.loans.effects } as unknown as Wiring<unknown, DomainEvent, unknown>,
  demand: { decider: bank.deposits.demand.decider, schemas: demandDepositSchemas, effects: bank.deposits.demand.effects } as unknown as Wiring<unknown, DomainEvent, unknown>,
});

/** Opens, funds and pays out loans `0..count-1` in rounds of 10,000 loans. */
export const originateLoans = async (bank: LoanBench, count: number): Promise<string[]> => {
  const wiring = wiringOf(bank);
  const streamOf = (step: Step) => (step.product === 'loan' ? bank.loans.streamOf(step.contractId) : bank.deposits.demand.streamOf(step.contractId));
  const batched = (step: Step): BatchedCommand => ({ wiring: wiring[step.product], stream: streamOf(step), command: step.command, context: step.context });
  for (let start = 0; start < count; start += 10_000) {
    const positions: StreamPositions = new Map();
    const rounds = Array.from({ length: Math.min(10_000, count - start) }, (_, k) => stepsOf(start + k));
    await writeRound(bank.store, bank.book, bank.deposits.port, positions, rounds.flatMap(([first]) => first.map(batched)), CLOCK, `payout-${start}`);
    await writeRound(bank.store, bank.book, bank.deposits.port, positions, rounds.flatMap(([, spend]) => spend.map(batched)), CLOCK, `spend-${start}`);
  }
  return Array.from({ length: count }, (_, i) => loanIdOf(i));
};

/** The same loans, one command at a time through the real services (what a bank's app would do). */
const originateThroughService = async (bank: LoanBench, count: number): Promise<void> => {
  const ok = (what: string, outcome: { _tag: string; left?: unknown }) => {
    if (outcome._tag === 'Left') throw new Error(`bench check: the service refused ${what}: ${String(outcome.left)}`);
  };
  for (let i = 0; i < count; i++) {
    for (const round of stepsOf(i)) {
      for (const step of round) {
        if (step.via === 'decideCredit') ok(step.context.commandId, await bank.loans.decideCredit(step.contractId, (step.command as { on: string }).on, step.context.commandId));
        else if (step.via === 'disburse') {
          const { type: _type, ...money } = step.command as Extract<LoanCommand, { type: 'Disburse' }>;
          ok(step.context.commandId, await bank.loans.disburse(step.contractId, money, step.context.commandId));
        } else if (step.product === 'loan') ok(step.context.commandId, await bank.loans.handle(bank.loans.streamOf(step.contractId), step.command as LoanCommand, step.context));
        else if (step.madeByWorkflow !== true) {
          ok(step.context.commandId, await bank.deposits.demand.handle(bank.deposits.demand.streamOf(step.contractId), step.command as never, step.context));
        }
      }
    }
  }
};

const everything = async (bank: LoanBench) => {
  const events = (await bank.store.readAll()).filter((e) => !e.streamName.startsWith('ledger') && !e.streamName.startsWith('book'));
  const streams = events.map(({ streamName, id, type, version, data, metadata, revision }) => JSON.stringify({ streamName, id, type, version, data, metadata, revision: String(revision) })).sort();
  const balances: string[] = [];
  let after: string | undefined;
  do {
    const page = bank.book.accountsPage(after === undefined ? { limit: 1000 } : { limit: 1000, after });
    for (const a of page.items) balances.push(`${a.id} ${a.debitsPosted}/${a.creditsPosted}/${a.debitsPending}/${a.creditsPending}`);
    after = page.nextCursor;
  } while (after !== undefined);
  return { streams, balances: balances.sort() };
};

/**
 * Originates `count` loans both ways on two fresh banks, compares every product stream and every
 * account, closes `FIRST_CLOSE` on both with `closeLoans` and compares again.
 * @throws when anything differs.
 */
export const checkLoansAgainstService = async (makeStore: () => EventStore, count: number): Promise<void> => {
  const real = await openLoanBench(makeStore());
  await originateThroughService(real, count);
  const fast = await openLoanBench(makeStore());
  await originateLoans(fast, count);
  const compare = async (when: string) => {
    const [a, b] = [await everything(real), await everything(fast)];
    if (a.streams.length !== b.streams.length) throw new Error(`bench check (${when}): ${a.streams.length} product events by the service, ${b.streams.length} by the setup`);
    a.streams.forEach((line, k) => {
      if (line !== b.streams[k]) throw new Error(`bench check (${when}): events differ:\n${line}\n${b.streams[k]}`);
    });
    if (JSON.stringify(a.balances) !== JSON.stringify(b.balances)) throw new Error(`bench check (${when}): balances differ`);
  };
  await compare('originated');
  const ids = Array.from({ length: count }, (_, i) => loanIdOf(i));
  const reports = [await real.loans.closeLoans(FIRST_CLOSE, ids), await fast.loans.closeLoans(FIRST_CLOSE, ids)];
  if (JSON.stringify(reports[0]) !== JSON.stringify(reports[1]) || reports[0]!.autoDebited.length === 0 || reports[0]!.shortfalls.length === 0) {
    throw new Error(`bench check: close of business differs or misses a case: ${JSON.stringify(reports)}`);
  }
  await compare('closed');
};
