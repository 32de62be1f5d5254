import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore, decimalToMinor } from '@ecoledger/ledger';
import { runOnlineDeposits } from './runOnlineDeposits.js';

describe('online deposits scenario', () => {
  it('runs end to end with every invariant holding', async () => {
    const report = await runOnlineDeposits();
    expect(report.failures).toEqual([]);
    expect(report.ok).toBe(true);
    const { CNY } = report.trialBalance;
    expect(CNY?.debits).toBe(CNY?.credits);
  });

  it('refuses what the PBoC class limits and the ledger guard must refuse', async () => {
    const text = (await runOnlineDeposits()).lines.join('\n');
    expect(text).toMatch(/bob-2-r1 .*deposit 3000\.00 from unbound account\s+refused: class_ii_daily_in_limit_exceeded/);
    expect(text).toMatch(/bob-2-r1 .*withdraw 1000\.00 to unbound account\s+refused: class_ii_daily_out_limit_exceeded/);
    expect(text).toMatch(/carol-3-r1 .*deposit 500\.00 from bound account\s+refused: class_iii_balance_limit_exceeded/);
    expect(text).toMatch(/alice-1-r1 .*withdraw 1000000\.00 to cash\s+refused: insufficient_funds/);
  });

  it('credits the quarter’s interest on 20 March across the rate change, explained segment by segment', async () => {
    const text = (await runOnlineDeposits()).lines.join('\n');
    // Alice: 80,000.00 until the time deposit on 5 March, 50,000.00 until her transfers on 10 March (1,200.00 to Bob;
    // 500.00 to Carol, returned), then 48,800.00, with the rate change on 16 March:
    //   80,000.00 × 0.35 % × 3/360 + 50,000.00 × 0.35 % × 5/360 + 48,800.00 × 0.35 % × 6/360 + 48,800.00 × 0.30 % × 5/360
    //   = 2.3333… + 2.4305… + 2.8466… + 2.0333… = 9.6438… -> 9.64 (half-up).
    expect(text).toContain('alice-1-r1: credited 9.64');
    expect(text).toContain('rounded half-up: 9.64388888… -> 9.64');
    // Bob's Class I keeps 5,000.00 after funding his Class II, gets Alice's 1,200.00 on 10 March, then 2,000.00
    // value-dated Friday 13 March (after the cut-off: business date Monday 16 March, but interest counts from the value date):
    //   5,000.00 × 0.35 % × 8/360 + 6,200.00 × 0.35 % × 3/360 + 8,200.00 × 0.35 % × 3/360 + 8,200.00 × 0.30 % × 5/360
    //   = 0.3888… + 0.1808… + 0.2391… + 0.3416… = 1.1505… -> 1.15.
    expect(text).toContain('bob-1-r1: credited 1.15');
    expect(text).toContain('a deposit after the cut-off belongs to business date 2026-03-16, and earns from value date 2026-03-13');
  });

  it('settles transfers between customers through the reactor, returning what the payee refuses', async () => {
    const text = (await runOnlineDeposits()).lines.join('\n');
    expect(text).toContain('bob-1-r1     (reactor) received 1200.00 from alice-1-r1 (rent-march)');
    // Carol's Class III account holds 1,800.00: 500.00 more would pass its 2,000.00 cap.
    expect(text).toContain('alice-1-r1   (reactor) got 500.00 back: the payee refused it (return:gift)');
  });

  it('breaks the time deposit early at the demand rate posted that day', async () => {
    const text = (await runOnlineDeposits()).lines.join('\n');
    // 30,000.00 × 0.30 % × 20/365 = 4.9315… -> 4.93; principal and interest return to the demand account.
    expect(text).toContain('rounded half-up: 4.93150684… -> 4.93');
    expect(text).toMatch(/alice-1-r1 .*deposit 30004\.93 from internal\s+ok/);
  });

  it('runs again on the same store with its own contracts, the books still balancing', async () => {
    const store = createInMemoryEventStore();
    const first = await runOnlineDeposits({ store });
    const second = await runOnlineDeposits({ store });
    expect(first.failures).toEqual([]);
    expect(second.failures).toEqual([]);
    expect(second.lines[0]).toContain('run 2');
    const debits = (value: string | undefined) => decimalToMinor(value ?? '0', 2);
    expect(debits(second.trialBalance['CNY']?.debits)).toBeGreaterThan(debits(first.trialBalance['CNY']?.debits));
  });
});
