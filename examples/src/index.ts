/** Runnable ecoledger scenarios. */
export { runBankDay, type BankDayOptions, type BankDayReport } from './bankDay.js';
