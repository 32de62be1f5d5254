/** The demo's closing table: one row per scenario, with its result, trial balance and time. */
import { decimalToMinor } from '@ecoledger/ledger';
import type { ScenarioReport } from '@ecoledger/examples';
import Table from 'cli-table3';

/** One scenario as the demo ran it. */
export interface ScenarioOutcome {
  readonly name: string;
  readonly report: ScenarioReport;
  /** Wall-clock time the scenario took, in milliseconds (shown, never compared). */
  readonly elapsedMs: number;
}

const fractionDigits = (value: string): number => value.split('.')[1]?.length ?? 0;

/** Whether two decimal strings are the same amount, compared exactly in minor units. */
const sameAmount = (a: string, b: string): boolean => {
  const scale = Math.max(fractionDigits(a), fractionDigits(b));
  return decimalToMinor(a, scale) === decimalToMinor(b, scale);
};

/** `CNY 1500.00 = 1500.00` per asset, one per line; `≠` where debits and credits differ. */
export const trialBalanceCell = (trialBalance: ScenarioReport['trialBalance']): string => {
  const assets = Object.entries(trialBalance);
  if (assets.length === 0) return '(nothing posted)';
  return assets.map(([asset, { debits, credits }]) => `${asset} ${debits} ${sameAmount(debits, credits) ? '=' : '≠'} ${credits}`).join('\n');
};

/** A duration for people: `850 ms`, `2.4 s`. */
export const durationText = (ms: number): string => (ms < 1_000 ? `${Math.round(ms)} ms` : `${(ms / 1_000).toFixed(1)} s`);

/** The summary table, as text. */
export const summaryTable = (outcomes: readonly ScenarioOutcome[]): string => {
  const table = new Table({ head: ['scenario', 'result', 'trial balance: debits = credits', 'time'], style: { head: [], border: [] }, colAligns: ['left', 'left', 'left', 'right'] });
  for (const { name, report, elapsedMs } of outcomes) table.push([name, report.ok ? 'ok' : 'FAILED', trialBalanceCell(report.trialBalance), durationText(elapsedMs)]);
  return table.toString();
};
