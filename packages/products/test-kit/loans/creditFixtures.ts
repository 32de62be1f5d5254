/** Applicants and contexts for the credit policy tests, and an arbitrary of applications. */
import fc from 'fast-check';
import { minorToDecimal } from '@ecoledger/ledger';
import type { CreditApplicationInput } from '../../src/loans/credit/application.js';
import type { CreditContext } from '../../src/loans/credit/decision.js';
import { INTERNET_CONSUMER_LOAN_TEMPLATE } from '../../src/loans/products/templates.js';

/** The decision date of the fixtures. */
export const DECISION_DATE = '2025-06-30';

/** A strong applicant for the internet consumer loan: scores 160 on the default scorecard. */
export const STRONG_APPLICANT: CreditApplicationInput = {
  applicationId: 'app-1',
  borrowerId: 'b-1',
  requestedAmount: '100000.00',
  termMonths: 36,
  repaymentMethod: 'equal-installment',
  channel: 'app',
  monthlyIncome: '25000.00',
  monthlyDebtPayments: '5000.00',
  existingExposure: '0.00',
  overdueCount24Months: 0,
  currentlyOverdue: false,
  birthDate: '1990-03-15',
};

/** The consumer-loan context with nothing outstanding. */
export const CONSUMER_CONTEXT: CreditContext = { decisionDate: DECISION_DATE, product: INTERNET_CONSUMER_LOAN_TEMPLATE, internetConsumerOutstanding: '0.00' };

const yuan = (max: bigint): fc.Arbitrary<string> => fc.bigInt({ min: 0n, max }).map((minor) => minorToDecimal(minor, 2));

/** Any well-formed application for the consumer template (some outside its ranges, some knocked out). */
export const arbitraryApplication = (): fc.Arbitrary<CreditApplicationInput> =>
  fc.record({
    applicationId: fc.constant('app-p'),
    borrowerId: fc.constant('b-p'),
    requestedAmount: fc.bigInt({ min: 1n, max: 30_000_000n }).map((minor) => minorToDecimal(minor, 2)),
    termMonths: fc.integer({ min: 1, max: 48 }),
    repaymentMethod: fc.constantFrom('equal-installment', 'equal-principal', 'bullet'),
    channel: fc.constantFrom('app', 'web', 'partner-api', 'branch'),
    monthlyIncome: yuan(10_000_000n),
    monthlyDebtPayments: yuan(5_000_000n),
    existingExposure: yuan(200_000_000n),
    overdueCount24Months: fc.integer({ min: 0, max: 8 }),
    currentlyOverdue: fc.boolean(),
    birthDate: fc.integer({ min: 1940, max: 2010 }).chain((year) => fc.constantFrom(`${year}-01-31`, `${year}-06-30`, `${year}-07-01`, `${year}-12-31`)),
  });

/** Applications the consumer template offers, with no knock-out: most score high enough to approve. */
export const arbitraryEligibleApplication = (): fc.Arbitrary<CreditApplicationInput> =>
  fc
    .record({
      application: arbitraryApplication(),
      requested: fc.bigInt({ min: 50_000n, max: 20_000_000n }),
      income: fc.bigInt({ min: 500_000n, max: 10_000_000n }),
      dtiPercent: fc.bigInt({ min: 0n, max: 50n }),
      termMonths: fc.integer({ min: 1, max: 36 }),
      channel: fc.constantFrom('app' as const, 'web' as const, 'partner-api' as const),
      overdueCount24Months: fc.integer({ min: 0, max: 1 }),
      birthYear: fc.integer({ min: 1965, max: 2000 }),
    })
    .map(({ application, requested, income, dtiPercent, termMonths, channel, overdueCount24Months, birthYear }) => ({
      ...application,
      requestedAmount: minorToDecimal(requested, 2),
      monthlyIncome: minorToDecimal(income, 2),
      monthlyDebtPayments: minorToDecimal((income * dtiPercent) / 100n, 2),
      termMonths,
      channel,
      repaymentMethod: 'equal-installment' as const,
      currentlyOverdue: false,
      overdueCount24Months,
      birthDate: `${birthYear}-05-05`,
    }));
