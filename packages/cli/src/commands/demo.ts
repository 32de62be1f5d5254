import { scenarios as catalog, type Scenario, type ScenarioReport } from '@ecoledger/examples';
import type { EventStore } from '@ecoledger/ledger';
import { progressOn } from '../demo/progress.js';
import { durationText, summaryTable, type ScenarioOutcome } from '../demo/summary.js';
import type { CliIo } from '../io.js';
import { openStore } from '../storeUrl.js';

/** Options of `ecoledger demo`. */
export interface DemoOptions {
  /** One store for every scenario; without it each scenario gets a fresh in-memory store. */
  readonly store?: string;
  /** Also print each scenario's own report (statements, trial balance, checks). */
  readonly verbose?: boolean;
}

/** Runs one scenario on `shared`, or on a store of its own that is closed afterwards. */
const runOn = async (scenario: Scenario, shared: EventStore | undefined): Promise<ScenarioReport> => {
  if (shared !== undefined) return scenario.run({ store: shared });
  const store = await openStore('memory:');
  try {
    return await scenario.run({ store });
  } finally {
    await store.close();
  }
};

/**
 * `ecoledger demo [--store <url>] [--verbose]`: runs every scenario in order with a progress
 * display, then prints a summary table; exit 1 when an invariant of any scenario fails (the failures
 * are listed on `io.err`). `scenarios` is the catalog; tests pass others (a failing one).
 */
export const demo = async (options: DemoOptions, io: CliIo, scenarios: readonly Scenario[] = catalog): Promise<number> => {
  const shared = options.store === undefined ? undefined : await openStore(options.store);
  const progress = progressOn(io);
  const outcomes: ScenarioOutcome[] = [];
  try {
    for (const [index, scenario] of scenarios.entries()) {
      const label = `scenario ${index + 1}/${scenarios.length}: ${scenario.name} (${scenario.title})`;
      const step = progress.start(label);
      const started = performance.now();
      let report: ScenarioReport;
      try {
        report = await runOn(scenario, shared);
      } catch (error) {
        // Keep the display tidy; main() words the error (exit 2) or reports the bug.
        step.finish(false, `${label}: stopped by an error`);
        throw error;
      }
      const elapsedMs = performance.now() - started;
      step.finish(report.ok, `${label}: ${report.ok ? 'ok' : 'FAILED'} in ${durationText(elapsedMs)}`);
      // After the step has ended, so that the report never interleaves with a spinner.
      if (options.verbose === true) for (const line of report.lines) io.out(line);
      outcomes.push({ name: scenario.name, report, elapsedMs });
    }
  } finally {
    await shared?.close();
  }
  io.out(summaryTable(outcomes));
  const failed = outcomes.filter(({ report }) => !report.ok);
  if (failed.length === 0) {
    io.out(`All invariants hold in ${outcomes.length} of ${outcomes.length} scenarios.`);
    return 0;
  }
  for (const { name, report } of failed) {
    io.err(`ecoledger demo: ${name} FAILED`);
    for (const failure of report.failures) io.err(`  ${failure}`);
  }
  return 1;
};
