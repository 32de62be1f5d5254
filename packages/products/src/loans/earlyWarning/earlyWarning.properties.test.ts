import fc from 'fast-check';
import { createInMemoryCheckpointStore, type Processor } from '@ecoledger/ledger';
import { describe, expect, it } from 'vitest';
import { openCollateralBank, type CollateralBank } from '../../../test-kit/loans/collateralBank.js';
import { autoDebitEvent, classifiedEvent, pledge, revalue, shortfallEvent } from '../../../test-kit/loans/collateralFixtures.js';
import { RISK_CLASSES } from '../classification/riskClass.js';

/** One step of a scenario over three loans, each with one pledged collateral. */
type Step =
  | { readonly kind: 'revalue'; readonly loan: number; readonly valuation: number }
  | { readonly kind: 'classify'; readonly loan: number; readonly previous: number; readonly next: number }
  | { readonly kind: 'shortfall'; readonly loan: number; readonly taken: 'none' | 'part' | 'all' };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('revalue' as const), loan: fc.integer({ min: 0, max: 2 }), valuation: fc.integer({ min: 500, max: 2_000 }) }),
  fc.record({ kind: fc.constant('classify' as const), loan: fc.integer({ min: 0, max: 2 }), previous: fc.integer({ min: 0, max: 4 }), next: fc.integer({ min: 0, max: 4 }) }),
  fc.record({ kind: fc.constant('shortfall' as const), loan: fc.integer({ min: 0, max: 2 }), taken: fc.constantFrom('none' as const, 'part' as const, 'all' as const) }),
);

/** A bank holding the scenario: loans owe 700,000.00 against a 1,000,000.00 pledge each (70 %, at the limit). */
const bankWith = async (steps: readonly Step[]): Promise<CollateralBank> => {
  const bank = openCollateralBank();
  for (const loan of [0, 1, 2]) {
    bank.outstanding.set(`loan-${loan}`, '700000.00');
    await bank.collateral(`col-${loan}`, pledge({ collateralId: `col-${loan}`, loanContractId: `loan-${loan}` }), `p-${loan}`);
  }
  for (const [i, s] of steps.entries()) {
    if (s.kind === 'revalue') await bank.collateral(`col-${s.loan}`, revalue(`${s.valuation}000.00`, '2026-06-30'), `r-${i}`);
    else if (s.kind === 'classify') await bank.loanEvent(classifiedEvent(`loan-${s.loan}`, RISK_CLASSES[s.previous]!, RISK_CLASSES[s.next]!), `k-${i}`);
    else if (s.taken === 'none') await bank.loanEvent(shortfallEvent(`loan-${s.loan}`, '100.00'), `k-${i}`);
    else await bank.loanEvent(autoDebitEvent(`loan-${s.loan}`, '100.00', s.taken === 'part' ? '40.00' : '100.00', s.taken === 'part' ? '60.00' : '0.00'), `k-${i}`);
  }
  return bank;
};

/** A processor that handles only the first `survive` events of its first page, then dies before the checkpoint. */
const dyingOnce = (inner: Processor, survive: number): Processor => {
  let died = false;
  return {
    ...inner,
    handle: async (events, context) => {
      if (!died) {
        died = true;
        await inner.handle(events.slice(0, survive), context);
        throw new Error('killed mid-page');
      }
      await inner.handle(events, context);
    },
  };
};

describe('early warnings: properties', () => {
  it('are recorded exactly once under redelivery and crashes mid-page', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 25 }), fc.integer({ min: 0, max: 6 }), async (steps, survive) => {
        const clean = await bankWith(steps);
        await clean.runWarnings();
        const expected = await clean.warningEvents();
        const crashed = await bankWith(steps);
        const checkpoints = createInMemoryCheckpointStore();
        await crashed.runWarnings(dyingOnce(crashed.processor(), survive), checkpoints).catch(() => undefined);
        await crashed.runWarnings(crashed.processor(), checkpoints);
        // A lost checkpoint: everything delivered again from the start.
        await crashed.runWarnings();
        expect(await crashed.warningEvents()).toEqual(expected);
        const ids = expected.map((e) => (e.data as { warningId: string }).warningId);
        expect(new Set(ids).size).toBe(ids.length);
      }),
      { numRuns: 40 },
    );
  });

  it('read-model pages walk every open warning exactly once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 30 }), fc.integer({ min: 1, max: 5 }), fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }), async (steps, limit, loan) => {
        const bank = await bankWith(steps);
        await bank.runWarnings();
        const filter = loan === undefined ? {} : { loanContractId: `loan-${loan}` };
        const walked: string[] = [];
        let after: string | undefined;
        do {
          const page = bank.model.openWarnings(filter, after === undefined ? { limit } : { limit, after });
          expect(page.items.length).toBeLessThanOrEqual(limit);
          walked.push(...page.items.map((w) => w.warningId));
          after = page.nextCursor;
        } while (after !== undefined);
        const open = (await bank.warningEvents())
          .map((e) => e.data as { warningId: string; loanContractId: string })
          .filter((w) => loan === undefined || w.loanContractId === `loan-${loan}`)
          .map((w) => w.warningId);
        expect(walked).toEqual(open);
      }),
      { numRuns: 40 },
    );
  });
});
