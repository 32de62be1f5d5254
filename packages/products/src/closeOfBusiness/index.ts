/** Close of business: one idempotent, resumable run per product and business date. */
export { runCloseOfBusiness, type CloseOfBusinessOptions, type CloseOfBusinessReport } from './runCloseOfBusiness.js';
export { cobStream } from './cobProgress.js';
export type { RefusedContract } from './decideContracts.js';
export { contractStateCache, type CachedContract, type ContractStateCache } from './contractStateCache.js';
