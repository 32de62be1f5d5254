/**
 * Demand (savings, 活期) deposit accounts: product data, the pure decider, event schemas, daily
 * exact accrual with one rounding per credit, PBoC class limits and the ledger effects.
 */
export { demandDepositDecider, type DemandDepositDecider } from './decider.js';
export { demandDepositSchemas, type DemandDepositEvent } from './events.js';
export type {
  DemandDepositClosedData,
  DemandDepositOpenedData,
  DepositMadeData,
  FundsFrozenData,
  FundsUnfrozenData,
  InterestAccruedData,
  InterestPostedData,
  WithdrawalMadeData,
} from './events.js';
export {
  CHANNELS,
  MOVEMENT_DESTINATIONS,
  MOVEMENT_SOURCES,
  type AccrueInterestCommand,
  type Channel,
  type CloseCommand,
  type DemandDepositCommand,
  type DepositCommand,
  type FreezeCommand,
  type MovementDestination,
  type MovementSource,
  type OpenCommand,
  type PostInterestCommand,
  type UnfreezeCommand,
  type WithdrawCommand,
} from './commands.js';
export {
  DEMAND_DAY_COUNTS,
  demandDepositProduct,
  type DemandDayCount,
  type DemandDepositProduct,
  type DemandDepositProductInput,
  type DemandTransferCodes,
} from './product.js';
export { ACCOUNT_CLASSES, DEFAULT_CLASS_LIMITS, type AccountClass, type ClassLimit, type ClassLimits } from './classLimits.js';
export { initialDemandDepositState, type AccrualState, type BalanceChange, type DemandDepositState, type FreezeInForce } from './state.js';
export { demandLedgerEffects, demandPostingRules, type DemandRole, type DemandRoleResolver } from './postingRules.js';
