/** Measuring: warm-up, several timed runs, medians and latency percentiles, and the machine. */
import { execSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';

/** One benchmark result row (the `--json` output is an array of these). */
export interface BenchResult {
  readonly suite: string;
  readonly case: string;
  /** Median throughput over the timed runs, in operations (transfers, events) per second. */
  readonly opsPerSec: number;
  /** Median and 99th-percentile latency of one operation batch, in milliseconds. */
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly runs: number;
  /** Free-form facts: batch size, accounts, ratios. */
  readonly notes?: Record<string, string | number>;
}

/** Options of {@link measure}. */
export interface MeasureOptions {
  /** Untimed runs first (JIT, caches). */
  readonly warmup: number;
  /** Timed runs; the median is reported. */
  readonly runs: number;
}

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/**
 * Times `run` (which performs `ops` operations in `batches` calls of `step` and returns nothing)
 * `warmup + runs` times. Throughput is ops / elapsed per run (median over runs); latency is per
 * step call, pooled over the timed runs.
 */
export const measure = async (
  suite: string,
  name: string,
  options: MeasureOptions,
  setUp: () => Promise<{ ops: number; steps: (() => Promise<void> | void)[]; tearDown?: () => Promise<void> }>,
  notes?: Record<string, string | number>,
): Promise<BenchResult> => {
  const throughputs: number[] = [];
  const latencies: number[] = [];
  for (let i = 0; i < options.warmup + options.runs; i++) {
    const { ops, steps, tearDown } = await setUp();
    const started = process.hrtime.bigint();
    for (const step of steps) {
      const t0 = process.hrtime.bigint();
      await step();
      if (i >= options.warmup) latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
    if (i >= options.warmup) throughputs.push(ops / elapsed);
    await tearDown?.();
  }
  throughputs.sort((a, b) => a - b);
  latencies.sort((a, b) => a - b);
  return {
    suite,
    case: name,
    opsPerSec: Math.round(percentile(throughputs, 50)),
    p50Ms: Number(percentile(latencies, 50).toFixed(3)),
    p99Ms: Number(percentile(latencies, 99).toFixed(3)),
    runs: options.runs,
    ...(notes === undefined ? {} : { notes }),
  };
};

/** The machine, Node version and commit the numbers were taken on. */
export const machine = () => {
  const commit = (() => {
    try {
      return execSync('git rev-parse --short HEAD', { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    } catch {
      return 'unknown';
    }
  })();
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    commit,
  };
};
