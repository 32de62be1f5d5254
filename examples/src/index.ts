/** Runnable ecoledger scenarios. */
export { runBankDay, type BankDayOptions, type BankDayReport } from './bankDay.js';
export { scenarios, scenarioNamed, type Scenario, type ScenarioOptions, type ScenarioReport } from './scenarios/catalog.js';
export { runOnlineDeposits, type OnlineDepositsOptions, type OnlineDepositsReport } from './scenarios/onlineDeposits/runOnlineDeposits.js';
export { runConsumerLoan } from './scenarios/loans/runConsumerLoan.js';
export { runCarLoanCollateral } from './scenarios/loans/runCarLoanCollateral.js';
