import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './main.js';
import { capture } from '../test-kit/cliTestSupport.js';

const cli = async (...args: string[]) => {
  const run = capture();
  const code = await main(args, run.io);
  return { code, out: run.out, err: run.err };
};

describe('ecoledger scenario', () => {
  it('list --json names every scenario', async () => {
    const { code, out, err } = await cli('scenario', 'list', '--json');
    expect({ code, err }).toEqual({ code: 0, err: [] });
    const listed = JSON.parse(out[0]!) as { scenarios: { name: string; title: string }[] };
    expect(listed.scenarios.map((s) => s.name)).toEqual(['bank-day', 'online-deposits', 'consumer-loan', 'car-loan-collateral']);
  });

  it('list prints a table', async () => {
    const { code, out } = await cli('scenario', 'list');
    expect(code).toBe(0);
    expect(out.join('\n')).toMatch(/online-deposits/);
  });

  it('run online-deposits --json prints one object: the trial balance per asset and invariants ok', async () => {
    const { code, out, err } = await cli('scenario', 'run', 'online-deposits', '--json');
    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(out).toHaveLength(1);
    const report = JSON.parse(out[0]!) as { scenario: string; trialBalance: Record<string, { debits: string; credits: string }>; invariants: unknown };
    expect(report.scenario).toBe('online-deposits');
    expect(report.invariants).toBe('ok');
    expect(report.trialBalance['CNY']?.debits).toMatch(/^\d+\.\d{2}$/);
    expect(report.trialBalance['CNY']?.debits).toBe(report.trialBalance['CNY']?.credits);
  });

  it('run consumer-loan --json prints the trial balance and invariants ok', async () => {
    const { code, out, err } = await cli('scenario', 'run', 'consumer-loan', '--json');
    expect({ code, err }).toEqual({ code: 0, err: [] });
    const report = JSON.parse(out[0]!) as { scenario: string; trialBalance: Record<string, { debits: string; credits: string }>; invariants: unknown };
    expect(report).toMatchObject({ scenario: 'consumer-loan', invariants: 'ok' });
    expect(report.trialBalance['CNY']?.debits).toBe(report.trialBalance['CNY']?.credits);
  });

  it('run online-deposits on a SQLite file, twice', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ecoledger-scenario-'));
    try {
      const store = `sqlite:${join(dir, 'deposits.db')}`;
      for (const round of [1, 2]) {
        const { code, out, err } = await cli('scenario', 'run', 'online-deposits', '--store', store);
        expect({ code, err }, `round ${round}`).toEqual({ code: 0, err: [] });
        expect(out.join('\n')).toContain(`run ${round}`);
        expect(out.join('\n')).toContain('All invariants hold');
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('an unknown scenario is a usage error naming the scenarios', async () => {
    const { code, out, err } = await cli('scenario', 'run', 'no-such');
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^ecoledger scenario run: unknown scenario "no-such" \(scenarios: bank-day, online-deposits, consumer-loan, car-loan-collateral\)/);
  });
});
