import type { PrincipalRule } from './amortize.js';

/** Interest-only: each installment pays the period's interest; the last one also repays all the principal. */
export const interestOnlyRule: PrincipalRule = () => 0n;
