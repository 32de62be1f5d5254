/**
 * An illustrative retail scorecard, as data, to start from: the points are round numbers chosen
 * to be read, not fitted to a portfolio. A bank replaces them with a scorecard it has developed and
 * validated on its own data (and versions it: the version is recorded in every decision).
 * Best possible score 180: income 60, DTI 40, exposure 20, overdue history 40, age 20.
 */
import type { ScorecardConfig } from './scorecard.js';
import { scorecardConfig } from './scorecard.js';

/** The default scorecard: approve at 110 or more, refer 80..109, decline below 80; knock-outs at age < 18, DTI > 60 %, overdue now. */
export const DEFAULT_SCORECARD: ScorecardConfig = scorecardConfig({
  name: 'retail-scorecard',
  version: '2025.1',
  rules: [
    {
      // Verified monthly income before tax, CNY.
      name: 'income',
      characteristic: 'monthlyIncome',
      direction: 'increasing',
      bins: [
        { from: '0', points: 0 },
        { from: '3000', points: 10 },
        { from: '5000', points: 20 },
        { from: '10000', points: 35 },
        { from: '20000', points: 50 },
        { from: '50000', points: 60 },
      ],
    },
    {
      // All monthly debt service (the new instalment included) over income, percent.
      name: 'debt-to-income',
      characteristic: 'debtToIncome',
      direction: 'decreasing',
      bins: [
        { from: '0', points: 40 },
        { from: '20', points: 30 },
        { from: '35', points: 15 },
        { from: '50', points: 0 },
      ],
    },
    {
      // Outstanding principal at all lenders, CNY (a mortgage-sized exposure weighs little but not nothing).
      name: 'existing-exposure',
      characteristic: 'existingExposure',
      direction: 'decreasing',
      bins: [
        { from: '0', points: 20 },
        { from: '50000', points: 15 },
        { from: '200000', points: 5 },
        { from: '1000000', points: 0 },
      ],
    },
    {
      // Overdue episodes in the last 24 months, from the credit bureau (征信).
      name: 'overdue-history',
      characteristic: 'overdueCount24Months',
      direction: 'decreasing',
      bins: [
        { from: '0', points: 40 },
        { from: '1', points: 20 },
        { from: '2', points: 5 },
        { from: '4', points: -20 },
      ],
    },
    {
      // Age in whole years: stability rises into mid-career; under 18 is a knock-out, not a bin.
      name: 'age',
      characteristic: 'ageYears',
      direction: 'any',
      bins: [
        { from: '0', points: 0 },
        { from: '22', points: 10 },
        { from: '30', points: 20 },
        { from: '55', points: 10 },
        { from: '65', points: 0 },
      ],
    },
  ],
  approveAtOrAbove: 110,
  declineBelow: 80,
  // Better scores, smaller spreads; the product's own spread range clamps them.
  bands: [
    { minScore: 110, spreadBps: '600' },
    { minScore: 130, spreadBps: '350' },
    { minScore: 150, spreadBps: '150' },
    { minScore: 170, spreadBps: '50' },
  ],
  knockOuts: { minAgeYears: 18, maxDebtToIncomePercent: '60', declineWhenCurrentlyOverdue: true },
});
