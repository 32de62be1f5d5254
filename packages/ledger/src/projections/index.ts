/** Read-model projections of a ledger book: balances, statements, trial balance, balances as of an instant. */
export {
  AccountBalancesProjection,
  projectedBalanceOf,
  type ProjectedAccountBalance,
} from './accountBalances.js';
export {
  AccountStatementProjection,
  type AccountStatement,
  type StatementLine,
  type StatementRange,
} from './accountStatement.js';
export { BalancesAsOfProjection } from './balancesAsOf.js';
export { countAtOrBefore, nanosOf, type Instant } from './instant.js';
export {
  applyMovement,
  LedgerIndex,
  snapshotCounters,
  zeroCounters,
  type BalanceCounters,
  type IndexedAccount,
  type IndexedProjectionOptions,
  type Movement,
  type MovementKind,
} from './ledgerIndex.js';
export { decodeLedgerEvent, LedgerReadModel, type LedgerReadModelOptions } from './ledgerReadModel.js';
export {
  isLedgerEventType,
  Projection,
  ProjectionConsistencyError,
  type EventPosition,
  type LedgerEventType,
  type LogEvent,
  type ProjectedEvent,
} from './projection.js';
export {
  trialBalanceOf,
  TrialBalanceProjection,
  type AccountFields,
  type AssetTrialBalance,
  type TrialBalance,
  type TrialBalanceLine,
} from './trialBalance.js';
export * from './runner/index.js';
export * from './sql/index.js';
