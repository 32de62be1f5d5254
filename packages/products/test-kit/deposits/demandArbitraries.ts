/** fast-check arbitraries of demand-deposit command sequences (typechecked with the sources, never built). */
import fc from 'fast-check';
import { addDays, businessDate } from '../../src/calendar/businessDate.js';
import type { AccountClass } from '../../src/deposits/demand/classLimits.js';
import type { DemandDepositCommand, MovementDestination, MovementSource } from '../../src/deposits/demand/commands.js';
import { AT, openCommand } from './demandFixtures.js';

/** One step of a random account history; `gap` days pass before it. */
export type DemandStep =
  | { readonly kind: 'deposit'; readonly gap: number; readonly cents: number; readonly source: MovementSource }
  | { readonly kind: 'withdraw'; readonly gap: number; readonly cents: number; readonly destination: MovementDestination }
  | { readonly kind: 'accrue'; readonly gap: number }
  | { readonly kind: 'freeze'; readonly gap: number; readonly cents: number | undefined }
  | { readonly kind: 'unfreeze'; readonly gap: number };

// Amounts up to 3,000.00 straddle the Class III limits; counts of cents are plain integers here
// only to generate decimal strings, never to compute money.
const cents = fc.oneof(fc.integer({ min: 1, max: 300_000 }), fc.constantFrom(1, 100, 200_000, 1_000_000));
const gap = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 5, max: 40 }));

/** A random step. */
export const arbitraryDemandStep = (): fc.Arbitrary<DemandStep> =>
  fc.oneof(
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('deposit' as const), gap, cents, source: fc.constantFrom<MovementSource>('cash', 'bound_account', 'unbound_account') }) },
    {
      weight: 4,
      arbitrary: fc.record({ kind: fc.constant('withdraw' as const), gap, cents, destination: fc.constantFrom<MovementDestination>('cash', 'bound_account', 'unbound_account', 'spending') }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('accrue' as const), gap }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('freeze' as const), gap, cents: fc.option(cents, { nil: undefined }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('unfreeze' as const), gap }) },
  );

const decimal = (n: number): string => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`;

/** The commands of a random history: Open on `openedOn`, then the steps on advancing value dates. */
export function demandCommands(accountClass: AccountClass, steps: readonly DemandStep[], openedOn = '2025-11-01'): DemandDepositCommand[] {
  const commands: DemandDepositCommand[] = [openCommand({ accountClass, openedOn, ...(accountClass === 'I' ? {} : { boundAccountId: 'class-i-1' }) })];
  let date = businessDate(openedOn);
  let freezes = 0;
  for (const [index, step] of steps.entries()) {
    date = addDays(date, step.gap);
    const reference = `ref-${index}`;
    switch (step.kind) {
      case 'deposit':
        commands.push({ type: 'Deposit', amount: decimal(step.cents), source: step.source, reference, on: date, at: AT });
        break;
      case 'withdraw':
        commands.push({ type: 'Withdraw', amount: decimal(step.cents), destination: step.destination, reference, on: date, at: AT });
        break;
      case 'accrue':
        // Close of business of the day before: today's movements are still to come.
        commands.push({ type: 'AccrueInterest', through: addDays(date, -1) });
        break;
      case 'freeze':
        freezes += 1;
        commands.push({ type: 'Freeze', freezeId: `f${freezes}`, authority: 'court', reference, at: AT, ...(step.cents === undefined ? {} : { amount: decimal(step.cents) }) });
        break;
      case 'unfreeze':
        commands.push({ type: 'Unfreeze', freezeId: `f${freezes}`, at: AT });
        break;
    }
  }
  return commands;
}
