/**
 * The benchmark runner: `npm run bench [-- --quick] [-- --json] [-- --only <suite>]`.
 * Prints the machine, then a table of median throughput and latency per case (or one JSON array
 * with `--json`). Speed is measured here, never asserted in tests.
 */
import type { BenchResult } from './harness.js';
import { machine } from './harness.js';
import { baselineSuite } from './suites/baseline.js';
import { boundedSuite } from './suites/bounded.js';
import { eventStoreSuite } from './suites/eventStores.js';
import { ledgerSuite } from './suites/ledger.js';
import { loansSuite } from './suites/loans.js';
import { moneySuite } from './suites/money.js';
import { peerSuite } from './suites/peer.js';
import { productsSuite } from './suites/products.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const json = args.includes('--json');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const log = (line: string) => {
  if (!json) process.stdout.write(`${line}\n`);
  else process.stderr.write(`${line}\n`);
};

const suites: Record<string, (quick: boolean, log: (line: string) => void) => Promise<BenchResult[]>> = {
  eventStores: eventStoreSuite,
  baseline: baselineSuite,
  money: moneySuite,
  peer: peerSuite,
  ledger: ledgerSuite,
  bounded: boundedSuite,
  products: productsSuite,
  loans: loansSuite,
};

const results: BenchResult[] = [];
const host = machine();
log(`ecoledger bench${quick ? ' (quick)' : ''}: ${host.cpu}, ${host.cores} cores, ${host.memoryGiB} GiB, Node ${host.node}, commit ${host.commit}`);
for (const [name, suite] of Object.entries(suites)) {
  if (only !== undefined && only !== name) continue;
  log(`${name}`);
  results.push(...(await suite(quick, log)));
}
if (json) process.stdout.write(`${JSON.stringify(results.map((r) => ({ ...r, machine: host })))}\n`);
else {
  log('');
  log('| suite | case | ops/s | p50 ms | p99 ms |');
  log('| --- | --- | ---: | ---: | ---: |');
  for (const r of results) log(`| ${r.suite} | ${r.case} | ${r.opsPerSec.toLocaleString('en-US')} | ${r.p50Ms} | ${r.p99Ms} |`);
}
