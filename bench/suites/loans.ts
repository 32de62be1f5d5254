/**
 * Loans: (1) `generateSchedule` for 1,000,000 at 4.9 % over 360 months, equal installment and
 * equal principal (schedules per second); (2) loan close of business (`loanService.closeLoans`:
 * accrual, the due-date auto-debit workflow, assessment and classification) over N active loans
 * (N = 100,000; 2,000 with `--quick`; `ECOLEDGER_BENCH_LOANS` overrides), in memory and on SQLite
 * (a temp file; `ECOLEDGER_BENCH_COB_STORES` picks one). Each timed first run closes the next date, a due date for about one loan in 30
 * (one in five of those is short of money, see loanBank.ts); the second run repeats a closed date
 * and must change nothing. Throughput is loans per second.
 */
import { createInMemoryEventStore, type EventStore } from '@ecoledger/ledger';
import { addDays, businessDate, generateSchedule, type ScheduleMethod } from '@ecoledger/products';
import { makeBenchStore } from './benchStores.js';
import { measure, type BenchResult, type MeasureOptions } from '../harness.js';
import { FIRST_CLOSE, checkLoansAgainstService, openLoanBench, originateLoans } from './loanBank.js';

const SUITE = 'loans';

const scheduleCase = (method: ScheduleMethod, quick: boolean): Promise<BenchResult> => {
  const count = quick ? 20 : 200;
  const input = { principal: '1000000', annualRate: '4.9', months: 360, method, start: '2026-01-01' };
  const expected = method === 'equal-installment' ? '5307.27' : undefined;
  return measure(SUITE, `generateSchedule 1,000,000 at 4.9 % over 360 months, ${method}`, quick ? { warmup: 0, runs: 1 } : { warmup: 1, runs: 5 }, async () => ({
    ops: count,
    steps: Array.from({ length: count }, () => () => {
      const schedule = generateSchedule(input);
      if (schedule.installments.length !== 360 || (expected !== undefined && schedule.scheduledAmount !== expected)) throw new Error(`unexpected schedule ${schedule.scheduledAmount}`);
    }),
  }));
};

const makeStore = (kind: 'memory' | 'sqlite') => makeBenchStore(kind, 'loans');

const cobCases = async (kind: 'memory' | 'sqlite', count: number, runs: MeasureOptions, log: (line: string) => void): Promise<BenchResult[]> => {
  const started = Date.now();
  const { store, dispose } = await makeStore(kind);
  const bank = await openLoanBench(store);
  const ids = await originateLoans(bank, count);
  log(`  ${kind}: ${count.toLocaleString('en-US')} loans originated and paid out in ${((Date.now() - started) / 1000).toFixed(1)} s (untimed)`);
  const notes = { loans: count, store: kind, target: '>= 20,000 loans/s' };
  let next = businessDate(FIRST_CLOSE);
  const closed: string[] = [];
  const tallies: string[] = [];
  const first = await measure(SUITE, `close of business, ${kind}, first run of a date, ${count.toLocaleString('en-US')} loans`, runs, async () => {
    const date = next;
    next = addDays(next, 1);
    return {
      ops: count,
      steps: [
        async () => {
          const report = await bank.loans.closeLoans(date, ids);
          if (report.accrual.refused.length > 0 || report.assessment.refused.length > 0 || report.accrual.events === 0 || report.autoDebited.length === 0) throw new Error(`unexpected report for ${date}`);
          tallies.push(`${date}: ${report.accrual.events} accrual events, ${report.autoDebited.length} debited, ${report.shortfalls.length} short, ${report.assessment.events} assessment events`);
          closed.push(date);
        },
      ],
    };
  }, notes);
  for (const line of tallies) log(`    ${line}`);
  const again = await measure(SUITE, `close of business, ${kind}, second run of a closed date, ${count.toLocaleString('en-US')} loans`, runs, async () => {
    const date = closed[closed.length - 1]!;
    // Loans 0..59 cover every due day of the month: their streams and their accounts' streams must not move.
    const sample = ids.slice(0, 60).flatMap((id, i) => [bank.loans.streamOf(id), bank.deposits.demand.streamOf(`DD${String(i).padStart(7, '0')}`)]);
    const revisions = async () => JSON.stringify(await Promise.all(sample.map((s) => store.streamRevision(s).then(String))));
    const before = await revisions();
    return {
      ops: count,
      steps: [
        async () => {
          const report = await bank.loans.closeLoans(date, ids);
          if (!report.accrual.alreadyCompleted || !report.assessment.alreadyCompleted || report.autoDebited.length + report.shortfalls.length > 0) throw new Error(`the second run of ${date} did something`);
          if (before !== (await revisions())) throw new Error('the second run wrote');
        },
      ],
    };
  }, notes);
  await dispose();
  return [first, again];
};

/** The loan cases; see the module comment. */
export const loansSuite = async (quick: boolean, log: (line: string) => void): Promise<BenchResult[]> => {
  const results = [await scheduleCase('equal-installment', quick), await scheduleCase('equal-principal', quick)];
  await checkLoansAgainstService(() => createInMemoryEventStore(), 300);
  log('  setup checked against the loan and deposit services (300 loans, origination and one close of business)');
  const fromEnv = process.env.ECOLEDGER_BENCH_LOANS;
  const count = fromEnv !== undefined && /^[1-9][0-9]{0,6}$/.test(fromEnv) ? Number(fromEnv) : quick ? 2_000 : 100_000;
  const runs: MeasureOptions = quick ? { warmup: 0, runs: 1 } : { warmup: 1, runs: 3 };
  // `ECOLEDGER_BENCH_COB_STORES=memory` (or `sqlite`) runs one store only, as in the products suite.
  const stores = (process.env['ECOLEDGER_BENCH_COB_STORES'] ?? 'memory,sqlite').split(',');
  for (const kind of ['memory', 'sqlite'] as const) if (stores.includes(kind)) results.push(...(await cobCases(kind, count, runs, log)));
  return results;
};
