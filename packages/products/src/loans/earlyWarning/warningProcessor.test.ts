import { createInMemoryCheckpointStore, type Processor } from '@ecoledger/ledger';
import { describe, expect, it } from 'vitest';
import { openCollateralBank, type CollateralBank } from '../../../test-kit/loans/collateralBank.js';
import { autoDebitEvent, classifiedEvent, manualRepaymentEvent, pledge, revalue, shortfallEvent } from '../../../test-kit/loans/collateralFixtures.js';
import { errorCodeOf } from '../../../test-kit/errorCode.js';

// An auto-debit of 3,000.00 due: nothing taken (the aggregate's AutoDebitShortfall), part taken, or all taken (RepaymentReceived).
const shortfall = (bank: CollateralBank, key: string, taken: '0' | 'part' | 'all' = '0') =>
  bank.loanEvent(taken === '0' ? shortfallEvent('loan-1', '3000.00') : taken === 'part' ? autoDebitEvent('loan-1', '3000.00', '1000.00', '2000.00') : autoDebitEvent('loan-1', '3000.00', '3000.00', '0.00'), key);

describe('early-warning processor', () => {
  it('raises an LTV warning when a revaluation lifts the LTV above the product’s maximum', async () => {
    const bank = openCollateralBank();
    bank.outstanding.set('loan-1', '700000.00');
    expect(await bank.collateral('col-1', pledge(), 'p-1')).toBe('ok');
    expect(await bank.collateral('col-1', revalue('1000000.00', '2026-03-31'), 'r-1')).toBe('ok');
    expect(await bank.collateral('col-1', revalue('900000.00'), 'r-2')).toBe('ok');
    await bank.runWarnings();
    const warnings = await bank.warningEvents();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ stream: 'loan-warnings-loan-1', type: 'EarlyWarningRaised', data: { rule: 'ltv-above-threshold', detail: { ltvPercent: '77.78', source: 'revaluation' } } });
    expect(bank.model.openWarnings({ loanContractId: 'loan-1' }).items.map((w) => w.rule)).toEqual(['ltv-above-threshold']);
  });

  it('checks a release against the remaining collateral, and ignores loans without an LTV limit', async () => {
    const bank = openCollateralBank();
    bank.outstanding.set('loan-1', '500000.00');
    expect(await bank.collateral('col-1', pledge(), 'p-1')).toBe('ok');
    expect(await bank.collateral('col-2', pledge({ collateralId: 'col-2', kind: 'vehicle', valuation: '200000' }), 'p-2')).toBe('ok');
    expect(await bank.collateral('col-9', pledge({ collateralId: 'col-9', loanContractId: 'loan-9', valuation: '1' }), 'p-9')).toBe('ok');
    expect(await bank.collateral('col-9', revalue('1'), 'r-9')).toBe('ok');
    expect(await bank.collateral('col-1', { type: 'Release', on: '2026-07-01', reason: 'substituted' }, 'x-1')).toBe('ok');
    await bank.runWarnings();
    // 500,000 over the vehicle's 200,000 alone: 250 %, uncovered beyond the collateral, high.
    expect((await bank.warningEvents()).map((w) => w.data)).toMatchObject([{ loanContractId: 'loan-1', severity: 'high', detail: { source: 'release', ltvPercent: '250.00' } }]);
    expect(bank.model.collateralOf('loan-1').map((c) => c.collateralId)).toEqual(['col-2']);
  });

  it('raises downgrades and shortfall runs from the loan’s own events', async () => {
    const bank = openCollateralBank();
    await bank.loanEvent(classifiedEvent('loan-1', 'normal', 'special-mention', 2), 'k-1');
    await bank.loanEvent(classifiedEvent('loan-1', 'special-mention', 'normal'), 'k-2');
    await shortfall(bank, 's-1');
    await bank.loanEvent(manualRepaymentEvent('loan-1', '10.00'), 'k-3');
    await shortfall(bank, 's-2', 'part');
    await shortfall(bank, 's-3', 'all');
    await shortfall(bank, 's-4', 'part');
    await shortfall(bank, 's-5');
    await shortfall(bank, 's-6');
    await bank.runWarnings();
    const warnings = (await bank.warningEvents()).map((w) => w.data as { rule: string; detail: Record<string, unknown> });
    // s-1, s-2 make a run of 2 (a manual repayment is no run breaker by default); s-3 took everything due; s-4, s-5 make another.
    expect(warnings.map((w) => w.rule)).toEqual(['class-downgrade', 'auto-debit-shortfalls', 'auto-debit-shortfalls']);
    expect(warnings[0]!.detail).toEqual({ previousClass: 'normal', nextClass: 'special-mention' });
    // The run's warning carries the auto-debit that completed it: s-2 took 1,000.00 of 3,000.00; s-5 took nothing.
    expect(warnings[1]!.detail).toEqual({ run: 2, threshold: 2, due: '3000.00', taken: '1000.00', shortfall: '2000.00' });
    expect(warnings[2]!.detail).toEqual({ run: 2, threshold: 2, due: '3000.00', taken: '0.00', shortfall: '3000.00' });
    const broken = openCollateralBank();
    await shortfall(broken, 's-1');
    await broken.loanEvent(manualRepaymentEvent('loan-1', '3000.00'), 'k-1');
    await shortfall(broken, 's-2');
    await broken.runWarnings(broken.processor({ runBreakingTypes: ['RepaymentReceived'] }));
    expect(await broken.warningEvents()).toEqual([]);
  });

  it('re-checks the LTV after outstanding changes of the named types', async () => {
    const bank = openCollateralBank();
    bank.outstanding.set('loan-1', '800000.00');
    expect(await bank.collateral('col-1', pledge(), 'p-1')).toBe('ok');
    await bank.rawLoanEvent('loan-1', 'InterestCapitalised', { amount: '100000.00' }, 'k-1');
    await bank.runWarnings(bank.processor({ outstandingChangeTypes: ['InterestCapitalised'] }));
    expect((await bank.warningEvents()).map((w) => w.data)).toMatchObject([{ detail: { source: 'outstanding', ltvPercent: '80.00' } }]);
  });

  it('stops on a malformed loan event (the page is delivered again), and on bad options', async () => {
    const bank = openCollateralBank();
    // The pre-aggregate shape (taken, shortfall) is no longer a loan event: refused by the loan's schema.
    await bank.rawLoanEvent('loan-1', 'AutoDebitShortfall', { due: '3000.00', taken: '1000.00', shortfall: '2000.00' }, 'k-1');
    await expect(bank.runWarnings()).rejects.toThrow(/signal_event_invalid/);
    expect(errorCodeOf(() => bank.processor({ shortfallRun: 0 }))).toBe('shortfall_run_invalid');
    expect(() => bank.processor({ extra: 1 } as never)).toThrow(/unknown option/);
    expect(() => bank.processor({ outstandingChangeTypes: 'Disbursed' as never })).toThrow(/event type names/);
  });

  it('records each warning once when redelivered or when it dies mid-page', async () => {
    const bank = openCollateralBank();
    await bank.loanEvent(classifiedEvent('loan-1', 'normal', 'doubtful', 181), 'k-1');
    await bank.loanEvent(classifiedEvent('loan-2', 'normal', 'substandard', 91), 'k-2');
    const inner = bank.processor();
    let calls = 0;
    const dying: Processor = {
      ...inner,
      handle: async (events, context) => {
        await inner.handle(events.slice(0, 1), context);
        if (++calls === 1) throw new Error('killed mid-page');
        await inner.handle(events, context);
      },
    };
    const checkpoints = createInMemoryCheckpointStore();
    await expect(bank.runWarnings(dying, checkpoints)).rejects.toThrow('killed mid-page');
    await bank.runWarnings(dying, checkpoints);
    await bank.runWarnings(inner);
    expect((await bank.warningEvents()).map((w) => (w.data as { loanContractId: string }).loanContractId)).toEqual(['loan-1', 'loan-2']);
  });
});
