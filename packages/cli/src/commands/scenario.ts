import { scenarioNamed, scenarios } from '@ecoledger/examples';
import Table from 'cli-table3';
import type { CliIo } from '../io.js';
import { openStore } from '../storeUrl.js';
import { UsageError } from '../usageError.js';

/** `ecoledger scenario list [--json]`: the scenarios, by name. */
export const scenarioList = (options: { readonly json?: boolean }, io: CliIo): number => {
  if (options.json === true) {
    io.out(JSON.stringify({ scenarios: scenarios.map(({ name, title, description }) => ({ name, title, description })) }));
    return 0;
  }
  const table = new Table({ head: ['name', 'scenario'], style: { head: [], border: [] }, wordWrap: true, colWidths: [18, 72] });
  for (const scenario of scenarios) table.push([scenario.name, `${scenario.title}: ${scenario.description}`]);
  io.out(table.toString());
  return 0;
};

/**
 * `ecoledger scenario run <name> [--store <url>] [--json]`: runs a scenario; exit 1 when an
 * invariant fails. With `--json` the report is one JSON object: the trial balance per asset
 * (debits and credits as strings) and `"invariants": "ok"` or the list of failures.
 */
export const scenarioRun = async (name: string, options: { readonly store: string; readonly json?: boolean }, io: CliIo): Promise<number> => {
  const scenario = scenarioNamed(name);
  if (scenario === undefined) throw new UsageError(`unknown scenario "${name}" (scenarios: ${scenarios.map((s) => s.name).join(', ')})`);
  const store = await openStore(options.store);
  try {
    const json = options.json === true;
    const report = await scenario.run({ store, ...(json ? {} : { print: io.out }) });
    if (json) {
      io.out(JSON.stringify({ scenario: name, trialBalance: report.trialBalance, invariants: report.ok ? 'ok' : report.failures }));
    }
    return report.ok ? 0 : 1;
  } finally {
    await store.close();
  }
};
