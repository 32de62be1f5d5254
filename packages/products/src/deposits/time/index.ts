/** Time deposits (定期存款): product data, commands, events, the decider and its ledger effects. */
export { timeDepositProduct, offeredTerm, type TimeDepositProduct, type TimeDepositTerm, type TimeDepositTransferCodes, type TermInterestBasis } from './product.js';
export {
  MATURITY_INSTRUCTIONS,
  parseTimeDepositCommand,
  type ParsedTimeDepositCommand,
  type AccrueTimeDepositInterest,
  type MatureTimeDeposit,
  type MaturityInstruction,
  type PlaceTimeDeposit,
  type TimeDepositCommand,
  type WithdrawTimeDepositAfterMaturity,
  type WithdrawTimeDepositEarly,
} from './commands.js';
export {
  timeDepositEventSchemas,
  type InterestSettlement,
  type MaturityOutcome,
  type TimeDepositEvent,
  type TimeDepositInterestAccruedData,
  type TimeDepositMaturedData,
  type TimeDepositPlacedData,
  type TimeDepositRolledOverData,
  type TimeDepositWithdrawnAfterMaturityData,
  type TimeDepositWithdrawnEarlyData,
} from './events.js';
export { depositBalance, initialTimeDepositState, type TimeDepositClosure, type TimeDepositContract, type TimeDepositState, type TimeDepositTermState } from './state.js';
export { timeDepositDecider } from './decider.js';
export { timeDepositLedgerEffects, timeDepositPostingRules, type TimeDepositRole, type TimeDepositRoleResolver } from './postingRules.js';
