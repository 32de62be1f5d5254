import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '@ecoledger/ledger';
import { runConsumerLoan } from './runConsumerLoan.js';

describe('consumer loan scenario', () => {
  it('runs on a fresh store and again on the same store, every invariant holding', async () => {
    const store = createInMemoryEventStore();
    const first = await runConsumerLoan({ store });
    expect(first.failures).toEqual([]);
    expect(first.ok).toBe(true);
    expect(first.trialBalance['CNY']?.debits).toBe(first.trialBalance['CNY']?.credits);
    const second = await runConsumerLoan({ store });
    expect(second.failures).toEqual([]);
    expect(second.lines.join('\n')).toContain('alice-loan-1-r2: closed on 2026-01-05');
  });

  it('prints the known figures, from decision to payoff', async () => {
    const text = (await runConsumerLoan()).lines.join('\n');
    // 50 (income) + 40 (DTI 8 %) + 20 (no exposure) + 40 (no overdue) + 20 (age 35) = 170: the best band, LPR1Y 3.00 % + 50 bp.
    expect(text).toMatch(/score 170: approved, limit 12000\.00 at LPR1Y \+ 50 bp/);
    expect(text).toMatch(/terms hash [0-9a-f]{64}/);
    // 12,000.00 at 3.50 % over 12 months: first period 12,000 × 3.5 % × 31/360 = 36.1667 -> 36.17; 1,019.06 − 36.17 = 982.89.
    expect(text).toContain('disbursed 12000.00 on 2025-07-01 at 3.50 %, 12 installments of 1019.06, maturity 2026-07-01');
    expect(text).toContain('installment 1 billed: principal 982.89 + interest 36.17, due 2025-08-01');
    // The cap: 200,000 − 12,000 outstanding = 188,000; then 200,000 counted (12,000 lent + 188,000 approved): nothing left.
    expect(text).toMatch(/score 170: approved, limit 188000\.00 at LPR1Y \+ 50 bp \(limit_reduced_by_consumer_cap\)/);
    expect(text).toMatch(/outstanding 200000\.00\)[\s\S]*score 170: declined \(consumer_credit_cap_exceeded\)/);
    // 1,100.00 − 1,019.06 = 80.94 left for September: 938.12 short.
    expect(text).toContain('auto-debit on 2025-09-01 took 80.94 of 1019.06 due (penalty 0.00, interest 33.20, principal 47.74); shortfall 938.12');
    // Penalty: 938.12 × (3.50 % × 1.5 = 5.25 %) ÷ 360 = 0.13680916… -> 0.14 half-up.
    expect(text).toMatch(/│ 2025-09-03 │ 2025-09-04 │\s+1 │\s+938\.12 │\s+5\.25 │ ACT\/360\s+│ 1\/360\s+│\s+0\.13680916… │/);
    expect(text).toContain('rounded half-up: 0.13680916… -> 0.14');
    // Special-mention the day after the due date; 2 % of 10,969.37 (11,017.11 − 47.74) = 219.3874 -> 219.39.
    expect(text).toContain('2025-09-02: class normal -> special-mention at 1 days past due');
    expect(text).toContain('2025-09-02: provision (special-mention) 10969.37 x 2 % = 219.3874 -> 219.39 (half-up); was 109.69, charge 109.70');
    // 91 days after 1 September: substandard, accrual stops, 25 % provision = 2,742.3425 -> 2,742.34.
    expect(text).toContain('2025-12-01: class special-mention -> substandard at 91 days past due');
    expect(text).toMatch(/2025-12-01: non-performing, interest accrues off balance sheet/);
    expect(text).toContain('2025-12-01: provision (substandard) 10969.37 x 25 % = 2742.3425 -> 2742.34 (half-up); was 219.39, charge 2522.95');
    // The arrears paid: still substandard (an upgrade waits for 2 installments / 6 months on time), 25 % of the smaller principal.
    expect(text).not.toContain('class substandard -> normal');
    expect(text).toContain('2025-12-10: provision (substandard) 7054.06 x 25 % = 1763.515 -> 1763.52 (half-up); was 2742.34, release 978.82');
    expect(text).toMatch(/paid off on 2026-01-05: quote (\d+\.\d{2}), paid \1, refunded 0\.00/);
    expect(text).toContain('All invariants hold');
  });
});
