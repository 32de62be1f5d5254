/** Scenarios for the demo's tests: never in the catalog, passed to `demo()` through its scenarios parameter. */
import type { Scenario } from '@ecoledger/examples';

/** A scenario whose invariant checks fail: its trial balance does not balance. */
export const unbalancedScenario: Scenario = {
  name: 'unbalanced',
  title: 'Unbalanced on purpose',
  description: 'Reports a trial balance whose debits and credits differ, and the failed invariant.',
  run: async (options) => {
    const lines = ['Unbalanced: debits 100.00, credits 99.99'];
    for (const line of lines) options.print?.(line);
    return { ok: false, failures: ['trial balance of CNY does not sum to zero'], lines, trialBalance: { CNY: { debits: '100.00', credits: '99.99' } } };
  },
};

/** A scenario that breaks like broken infrastructure: it throws. */
export const throwingScenario: Scenario = {
  name: 'throwing',
  title: 'Throws on purpose',
  description: 'Throws, as a scenario does when its store fails under it.',
  run: () => Promise.reject(new Error('the store went away')),
};
