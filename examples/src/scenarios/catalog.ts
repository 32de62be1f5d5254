/**
 * The runnable scenarios, by name: what `ecoledger scenario list` shows and `ecoledger scenario
 * run <name>` runs. Each ends with the invariant checks of `bookChecks.ts` and says whether they held.
 */
import type { EventStore } from '@ecoledger/ledger';
import { runBankDay } from '../bankDay.js';
import type { AssetTotals } from './bookChecks.js';
import { runCarLoanCollateral } from './loans/runCarLoanCollateral.js';
import { runConsumerLoan } from './loans/runConsumerLoan.js';
import { runOnlineDeposits } from './onlineDeposits/runOnlineDeposits.js';

/** Where a scenario runs and prints. */
export interface ScenarioOptions {
  /** The store (default: a fresh in-memory store). */
  readonly store?: EventStore;
  /** Where report lines go (default: collected only). */
  readonly print?: (line: string) => void;
}

/** What a scenario found. */
export interface ScenarioReport {
  /** Every invariant held. */
  readonly ok: boolean;
  /** Invariants that failed, in words. */
  readonly failures: readonly string[];
  readonly lines: readonly string[];
  /** Per asset code: total posted debits and credits. */
  readonly trialBalance: Readonly<Record<string, AssetTotals>>;
}

/** A runnable scenario. */
export interface Scenario {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly run: (options: ScenarioOptions) => Promise<ScenarioReport>;
}

/** Every scenario, in the order `scenario list` shows them. */
export const scenarios: readonly Scenario[] = [
  {
    name: 'bank-day',
    title: "A bank's day",
    description: 'Deposits, transfers, a card hold, an online payment with a fee, a refused overdraft and a reversal, with statements and a trial balance.',
    run: (options) => runBankDay(options),
  },
  {
    name: 'online-deposits',
    title: 'Online deposits',
    description:
      'Demand accounts opened through app, web and branch; PBoC class II and III limits refusing what they must; daily accrual and quarterly interest posting across a quarter end; a time deposit broken early.',
    run: (options) => runOnlineDeposits(options),
  },
  {
    name: 'consumer-loan',
    title: 'Internet consumer loan',
    description:
      'An app application decided by the default scorecard, e-signed and paid into a demand account; daily auto-debits, missed payments, penalty interest, classification to substandard, provisioning, then recovery and payoff; the 200,000 per-borrower cap cutting and refusing further loans.',
    run: (options) => runConsumerLoan(options),
  },
  {
    name: 'car-loan-collateral',
    title: 'Car loan with collateral',
    description: 'A secured car loan with the vehicle pledged; a depreciation revaluation lifting the LTV above 80 % raises an early warning listed by the risk read model; a prepayment shortening the term.',
    run: (options) => runCarLoanCollateral(options),
  },
];

/** The scenario of that name, or `undefined`. */
export const scenarioNamed = (name: string): Scenario | undefined => scenarios.find((scenario) => scenario.name === name);
