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
    // Alice: 80,000.00 × 0.35 % × 3/360 + 50,000.00 × 0.35 % × 11/360 + 50,000.00 × 0.30 % × 5/360
    //      = 2.3333… + 5.3472… + 2.0833… = 9.7638… -> 9.76 (half-up).
    expect(text).toContain('alice-1-r1: credited 9.76');
    expect(text).toContain('rounded half-up: 9.76388888… -> 9.76');
    // Bob's Class I keeps 5,000.00 after funding his Class II, then gets 2,000.00 value-dated Friday 13 March (after the
    // cut-off: business date Monday 16 March, but interest counts from the value date):
    //   5,000.00 × 0.35 % × 11/360 + 7,000.00 × 0.35 % × 3/360 + 7,000.00 × 0.30 % × 5/360
    //   = 0.5347… + 0.2041… + 0.2916… = 1.0305… -> 1.03.
    expect(text).toContain('bob-1-r1: credited 1.03');
    expect(text).toContain('a deposit after the cut-off belongs to business date 2026-03-16, and earns from value date 2026-03-13');
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
