import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scenarios } from '@ecoledger/examples';
import { describe, expect, it } from 'vitest';
import { demo } from './commands/demo.js';
import { main } from './main.js';
import { capture } from '../test-kit/cliTestSupport.js';
import { throwingScenario, unbalancedScenario } from '../test-kit/demoScenarios.js';

const names = scenarios.map((scenario) => scenario.name);

/** The summary table's row of a scenario: its name and result cells. */
const rowOf = (out: readonly string[], name: string) => new RegExp(`│ ${name} +│ (ok|FAILED) +│`).exec(out.join('\n'))?.[1];

describe('ecoledger demo', () => {
  it('runs every scenario of the catalog in order, with a progress line when each starts and ends, then the summary', async () => {
    const run = capture();
    expect(await main(['demo'], run.io)).toBe(0);
    expect(run.err).toEqual([]);
    const progress = run.out.filter((line) => /^[-✔✖] scenario /.test(line));
    expect(progress).toEqual(
      scenarios.flatMap((s, i) => [
        `- scenario ${i + 1}/${scenarios.length}: ${s.name} (${s.title})`,
        expect.stringMatching(new RegExp(`^✔ scenario ${i + 1}/${scenarios.length}: ${s.name} \\(.*\\): ok in \\d+(\\.\\d)? m?s$`)),
      ]),
    );
    for (const name of names) expect(rowOf(run.out, name), name).toBe('ok');
    // The summary comes after the last progress line; every asset balances.
    const text = run.out.join('\n');
    expect(text.indexOf('trial balance: debits = credits')).toBeGreaterThan(text.lastIndexOf('✔ scenario'));
    expect(text).toMatch(/CNY (\d+\.\d{2}) = \1/);
    expect(text).not.toContain('≠');
    expect(run.out.at(-1)).toBe(`All invariants hold in ${names.length} of ${names.length} scenarios.`);
    // Without --verbose, the scenarios' own reports are not printed.
    expect(text).not.toContain('Statement of alice');
  });

  it("--verbose also prints each scenario's report, after its progress line", async () => {
    const run = capture();
    expect(await main(['demo', '--verbose'], run.io)).toBe(0);
    const text = run.out.join('\n');
    expect(text).toMatch(/✔ scenario 1\/\d+: bank-day[^\n]*\n[\s\S]*Statement of alice[\s\S]*- scenario 2\/\d+: online-deposits/);
    expect(text).toContain('Online deposits (run 1)');
  });

  it('--store sqlite: runs every scenario on that file, twice: the second run continues from what it holds; verify passes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ecoledger-demo-'));
    try {
      const url = `sqlite:${join(dir, 'demo.db')}`;
      for (const round of [1, 2]) {
        const run = capture();
        expect(await main(['demo', '--store', url, '--verbose'], run.io), `round ${round}`).toBe(0);
        expect(run.err).toEqual([]);
        for (const name of names) expect(rowOf(run.out, name), `${name}, round ${round}`).toBe('ok');
        expect(run.out.join('\n')).toContain(`Online deposits (run ${round})`);
        expect(run.out.join('\n')).toMatch(round === 1 ? /cash deposit 10,000\.00 to Alice: ok \(dep-001\)/ : /cash deposit 10,000\.00 to Alice: exists \(dep-001\)/);
      }
      const checked = capture();
      expect(await main(['verify', '--store', url], checked.io)).toBe(0);
      expect(checked.out.join('\n')).toContain('verify OK');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('--help names --store and --verbose and says what the summary holds', async () => {
    const run = capture();
    expect(await main(['demo', '--help'], run.io)).toBe(0);
    // Commander wraps lines to the width: compare with the whitespace collapsed.
    const text = run.out.join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('Usage: ecoledger demo [options]');
    expect(text).toMatch(/--store <url> +run every scenario on this store/);
    expect(text).toMatch(/--verbose +also print each scenario's own report/);
    expect(text).toMatch(/Run every scenario[\s\S]*trial balance per asset[\s\S]*Exit 1 if any invariant fails/);
  });

  it('a scenario whose invariants fail: every scenario still runs, the row says FAILED, the failures go to stderr, exit 1', async () => {
    const run = capture();
    const lineup = [scenarios[0]!, unbalancedScenario, ...scenarios.slice(1)];
    expect(await demo({}, run.io, lineup)).toBe(1);
    expect(run.out).toContainEqual(expect.stringMatching(/^✖ scenario 2\/\d+: unbalanced \(Unbalanced on purpose\): FAILED in /));
    expect(rowOf(run.out, 'unbalanced')).toBe('FAILED');
    for (const name of names) expect(rowOf(run.out, name), name).toBe('ok');
    expect(run.out.join('\n')).toContain('CNY 100.00 ≠ 99.99');
    expect(run.out.join('\n')).not.toContain('All invariants hold');
    expect(run.err).toEqual(['ecoledger demo: unbalanced FAILED', '  trial balance of CNY does not sum to zero']);
  });

  it('a scenario that throws ends its progress line with ✖ and the error propagates, no summary', async () => {
    const run = capture();
    await expect(demo({}, run.io, [throwingScenario])).rejects.toThrow('the store went away');
    expect(run.out).toEqual(['- scenario 1/1: throwing (Throws on purpose)', '✖ scenario 1/1: throwing (Throws on purpose): stopped by an error']);
  });
});
