/**
 * The bare-loop baseline: the same workload applied to two plain `Map<string, bigint>` (debits and
 * credits per account id) with no validation, events, persistence or read models. It is the
 * ceiling a ledger on this machine and Node version cannot beat; the ledger suite reports its
 * throughput as a ratio of this.
 */
import { measure, type BenchResult, type MeasureOptions } from '../harness.js';
import { accountId, transferWorkload, type WorkloadTransfer } from './workload.js';

/** Transfers applied per step, like the ledger's batches. */
export const BASELINE_CHUNK = 8_000;

/** The seed of the baseline's own workloads (the ledger suite uses the same default). */
export const BASELINE_SEED = 1;

/** A workload item with its account ids resolved up front (the ledger receives string ids too). */
interface Prepared {
  readonly debitId: string;
  readonly creditId: string;
  readonly amount: bigint;
}

/** Options of {@link bareLoopCase}. */
interface BareLoopOptions {
  readonly accounts: number;
  /** A transfer count (a workload is generated with {@link BASELINE_SEED}) or the exact workload. */
  readonly transfers: number | readonly WorkloadTransfer[];
  readonly hotAccount?: boolean;
  readonly runs: MeasureOptions;
  readonly name?: string;
}

/** Measures the bare loop over one workload: accounts opened untimed, transfers applied in chunks. */
const bareLoopCase = async ({ accounts, transfers, hotAccount = false, runs, name }: BareLoopOptions): Promise<BenchResult> => {
  const workload =
    typeof transfers === 'number' ? transferWorkload({ accounts, transfers, seed: BASELINE_SEED, hotAccount }) : transfers;
  const prepared: Prepared[] = workload.map((t) => ({ debitId: accountId(t.debit), creditId: accountId(t.credit), amount: t.amount }));
  const ids = Array.from({ length: accounts }, (_, i) => accountId(i));
  const chunks: Prepared[][] = [];
  for (let start = 0; start < prepared.length; start += BASELINE_CHUNK) chunks.push(prepared.slice(start, start + BASELINE_CHUNK));
  let check = 0n;
  const result = await measure(
    'baseline',
    name ?? `bare loop ${accounts.toLocaleString('en-US')} accounts${hotAccount ? ', hot account' : ''}`,
    runs,
    async () => {
      const debits = new Map<string, bigint>();
      const credits = new Map<string, bigint>();
      for (const id of ids) {
        debits.set(id, 0n);
        credits.set(id, 0n);
      }
      return {
        ops: prepared.length,
        steps: chunks.map((chunk) => () => {
          for (const t of chunk) {
            debits.set(t.debitId, debits.get(t.debitId)! + t.amount);
            credits.set(t.creditId, credits.get(t.creditId)! + t.amount);
          }
        }),
        tearDown: async () => {
          // Read the result so the work cannot be optimised away, and prove it balanced.
          let d = 0n;
          let c = 0n;
          for (const v of debits.values()) d += v;
          for (const v of credits.values()) c += v;
          if (d !== c) throw new Error(`bare loop unbalanced: ${d} vs ${c}`);
          check = d;
        },
      };
    },
    { accounts, transfers: prepared.length, chunk: BASELINE_CHUNK, ...(hotAccount ? { hotAccount: 'account 0 on every transfer' } : {}) },
  );
  if (prepared.length > 0 && check <= 0n) throw new Error('bare loop moved nothing');
  return result;
};

/**
 * Median transfers per second of the bare loop over `transfers` (a count, generated with
 * {@link BASELINE_SEED}, or the exact workload the caller also gives the ledger) among `accounts`
 * accounts, in chunks of 8,000. For ratios computed in the same run as the ledger's numbers.
 */
export const bareLoopTransfersPerSec = async (
  accounts: number,
  transfers: number | readonly WorkloadTransfer[],
  options: { readonly hotAccount?: boolean; readonly runs?: MeasureOptions } = {},
): Promise<number> => {
  const runs = options.runs ?? { warmup: 2, runs: 5 };
  const result = await bareLoopCase({ accounts, transfers, runs, ...(options.hotAccount === undefined ? {} : { hotAccount: options.hotAccount }) });
  return result.opsPerSec;
};

/** Runs the baseline suite: 100,000 and 20,000 accounts, uniform and with a hot account. */
export const baselineSuite = async (quick: boolean, log: (line: string) => void): Promise<BenchResult[]> => {
  const runs = quick ? { warmup: 0, runs: 1 } : { warmup: 2, runs: 7 };
  const transfers = quick ? 16_000 : 400_000;
  const results: BenchResult[] = [];
  for (const [accounts, hotAccount] of [
    [100_000, false],
    [20_000, false],
    [100_000, true],
  ] as const) {
    results.push(await bareLoopCase({ accounts, transfers, hotAccount, runs }));
    log(`  ${results.at(-1)!.case}: ${results.at(-1)!.opsPerSec.toLocaleString('en-US')} transfers/s`);
  }
  return results;
};
