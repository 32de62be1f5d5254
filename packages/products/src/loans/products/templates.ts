/**
 * The bank's four loan lines as product templates, with Chinese-market data as of mid-2025. The
 * figures are documented assumptions, not advice: a bank copies a template, checks it against its
 * own credit policy and the rules in force, and changes what differs. Common to all four:
 * - Day count ACT/360: Chinese banks quote a daily rate of annual ÷ 360 (日利率 = 年利率 / 360).
 * - Penalty interest of the contract rate plus 50 %: the PBoC's 2003 rules set overdue penalty
 *   interest at 30–50 % above the contract rate; banks commonly charge the top of the range, and
 *   charge it on unpaid interest too (复利).
 * - Floating rates reset yearly: the PBoC's 2019 LPR reform made every new loan LPR-based with a
 *   repricing cycle of at least a year, on the anniversary or on 1 January.
 * - Transfer codes sit in the loan block 3000–3999 of the default chart, a hundred per line, ten
 *   named codes each (base + 1..10: disbursement, principal repayment, interest accrual, interest
 *   repayment, penalty interest, write-off, provision, non-accrual, recovery, credit refund);
 *   principal is booked on subject 1301 (loans receivable).
 */
import { loanProduct, type LoanProduct } from './loanProduct.js';

const LEDGER = 'CNY';
const PRINCIPAL_ACCOUNT_CODE = 1301;
const transferCodesFrom = (base: number) => ({
  disbursement: base + 1,
  principalRepayment: base + 2,
  interestAccrual: base + 3,
  interestRepayment: base + 4,
  penaltyInterest: base + 5,
  writeOff: base + 6,
  provision: base + 7,
  nonAccrual: base + 8,
  recovery: base + 9,
  creditRefund: base + 10,
  fee: base + 11,
});

/**
 * Residential mortgage (个人住房贷款): priced on the over-5-year LPR (the benchmark the PBoC ties
 * housing loans to); since the 2024 removal of national floors, first-home spreads in large cities
 * run around LPR5Y − 45 bp, so spreads −50..+100 bp cover first and second homes. Terms up to 30
 * years; 等额本息 or 等额本金. Max LTV 85 %: the May 2024 PBoC/NFRA minimum down payment of 15 %
 * for a first home (25 % for a second). Reset each 1 January, the date most 2020 LPR conversions chose.
 */
export const MORTGAGE_TEMPLATE: LoanProduct = loanProduct({
  code: 'mortgage',
  kind: 'mortgage',
  ledger: LEDGER,
  principalAccountCode: PRINCIPAL_ACCOUNT_CODE,
  minAmount: '100000.00',
  maxAmount: '10000000.00',
  minTermMonths: 12,
  maxTermMonths: 360,
  repaymentMethods: ['equal-installment', 'equal-principal'],
  repaymentFrequency: 'monthly',
  dayCount: 'ACT/360',
  rounding: 'half-up',
  pricing: { benchmark: 'LPR5Y', spreadBpsMin: '-50', spreadBpsMax: '100' },
  reset: { frequency: 'annual', on: 'jan1' },
  penaltyUpliftPercent: '50',
  compoundOverdueInterest: true,
  gracePeriods: { overdueDays: 3, principalMonths: 0 },
  channels: ['branch', 'app'],
  internetConsumerCapApplies: false,
  transferCodes: transferCodesFrom(3000),
  collateral: { required: true, maxLtvPercent: '85' },
});

/**
 * Car loan (汽车贷款): priced on the 1-year LPR (terms of five years at most, per the PBoC/CBIRC
 * Auto Loan Administrative Measures of 2017); spreads 50..300 bp. Max LTV 80 %: the 2017 ceiling
 * for new conventional cars (85 % new-energy, 70 % used); a bank may set its own since 2024.
 */
export const CAR_LOAN_TEMPLATE: LoanProduct = loanProduct({
  code: 'car-loan',
  kind: 'car',
  ledger: LEDGER,
  principalAccountCode: PRINCIPAL_ACCOUNT_CODE,
  minAmount: '10000.00',
  maxAmount: '1000000.00',
  minTermMonths: 6,
  maxTermMonths: 60,
  repaymentMethods: ['equal-installment', 'equal-principal'],
  repaymentFrequency: 'monthly',
  dayCount: 'ACT/360',
  rounding: 'half-up',
  pricing: { benchmark: 'LPR1Y', spreadBpsMin: '50', spreadBpsMax: '300' },
  reset: { frequency: 'annual', on: 'anniversary' },
  penaltyUpliftPercent: '50',
  compoundOverdueInterest: true,
  gracePeriods: { overdueDays: 3, principalMonths: 0 },
  channels: ['branch', 'app', 'partner-api'],
  internetConsumerCapApplies: false,
  transferCodes: transferCodesFrom(3100),
  collateral: { required: true, maxLtvPercent: '80' },
});

/**
 * Education loan (助学贷款): modelled on the national student loan rules of 2023, which price at the
 * same-term LPR minus 60 bp (LPR5Y for these long terms) and defer principal for up to five years
 * after graduation; terms up to 22 years. Unsecured. Amounts cover several years of study.
 */
export const EDUCATION_LOAN_TEMPLATE: LoanProduct = loanProduct({
  code: 'education-loan',
  kind: 'education',
  ledger: LEDGER,
  principalAccountCode: PRINCIPAL_ACCOUNT_CODE,
  minAmount: '1000.00',
  maxAmount: '200000.00',
  minTermMonths: 12,
  maxTermMonths: 264,
  repaymentMethods: ['equal-installment', 'equal-principal', 'interest-only'],
  repaymentFrequency: 'monthly',
  dayCount: 'ACT/360',
  rounding: 'half-up',
  pricing: { benchmark: 'LPR5Y', spreadBpsMin: '-60', spreadBpsMax: '0' },
  reset: { frequency: 'annual', on: 'jan1' },
  penaltyUpliftPercent: '50',
  compoundOverdueInterest: false,
  gracePeriods: { overdueDays: 7, principalMonths: 60 },
  channels: ['branch', 'app', 'web'],
  internetConsumerCapApplies: false,
  transferCodes: transferCodesFrom(3200),
  collateral: { required: false },
});

/**
 * Internet consumer loan (互联网个人消费贷款): LPR1Y plus a risk-based spread of 0..2,100 bp (rates
 * up to about 24 %, the ceiling courts protect). The 2020 CBIRC Interim Measures for Internet Loans
 * of Commercial Banks cap unsecured consumer credit through internet channels at 200,000 CNY per
 * borrower and limit bullet repayment to one year; this template offers instalments only, up to
 * 36 months, and counts every loan against the borrower's cap (loans/exposure).
 */
export const INTERNET_CONSUMER_LOAN_TEMPLATE: LoanProduct = loanProduct({
  code: 'consumer-loan',
  kind: 'consumer',
  ledger: LEDGER,
  principalAccountCode: PRINCIPAL_ACCOUNT_CODE,
  minAmount: '500.00',
  maxAmount: '200000.00',
  minTermMonths: 1,
  maxTermMonths: 36,
  repaymentMethods: ['equal-installment', 'equal-principal'],
  repaymentFrequency: 'monthly',
  dayCount: 'ACT/360',
  rounding: 'half-up',
  pricing: { benchmark: 'LPR1Y', spreadBpsMin: '0', spreadBpsMax: '2100' },
  reset: { frequency: 'none' },
  penaltyUpliftPercent: '50',
  compoundOverdueInterest: true,
  gracePeriods: { overdueDays: 1, principalMonths: 0 },
  channels: ['app', 'web', 'partner-api'],
  internetConsumerCapApplies: true,
  transferCodes: transferCodesFrom(3300),
  collateral: { required: false },
});

/** The four templates by kind. */
export const LOAN_TEMPLATES: Readonly<Record<LoanProduct['kind'], LoanProduct>> = Object.freeze({
  mortgage: MORTGAGE_TEMPLATE,
  car: CAR_LOAN_TEMPLATE,
  education: EDUCATION_LOAN_TEMPLATE,
  consumer: INTERNET_CONSUMER_LOAN_TEMPLATE,
});
