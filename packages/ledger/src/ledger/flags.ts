/**
 * Flags as bit masks (TigerBeetle-style): cheap to test on the hot path, stored in events by name.
 * `linked` is a batch instruction, not a property of the stored object, so it is never stored.
 */

/** Transfer flag bits. */
export const TransferFlag = {
  linked: 1,
  pending: 2,
  post_pending_transfer: 4,
  void_pending_transfer: 8,
  balancing_debit: 16,
  balancing_credit: 32,
  /** A pending transfer that closes its debit account (voiding or expiring it reopens the account). */
  closing_debit: 64,
  /** A pending transfer that closes its credit account. */
  closing_credit: 128,
  /** Carries a user-given timestamp (migrating history from another core). */
  imported: 256,
} as const;

/** Account flag bits. */
export const AccountFlag = {
  linked: 1,
  debits_must_not_exceed_credits: 2,
  credits_must_not_exceed_debits: 4,
  /** Opened with a user-given timestamp (migrating history from another core). */
  imported: 8,
} as const;

/** Name of a stored transfer flag. */
export type TransferFlagName = Exclude<keyof typeof TransferFlag, 'linked'>;
/** Name of a stored account flag. */
export type AccountFlagName = Exclude<keyof typeof AccountFlag, 'linked'>;

const names = <T extends Record<string, number>>(table: T) =>
  Object.entries(table).filter(([name]) => name !== 'linked') as [Exclude<keyof T & string, 'linked'>, number][];

const transferFlagNames = names(TransferFlag);
const accountFlagNames = names(AccountFlag);

// Every stored mask fits in 9 bits: name lists are computed once and shared (they are frozen).
const transferNamesByMask = Array.from({ length: 512 }, (_, mask) =>
  Object.freeze(transferFlagNames.filter(([, bit]) => (mask & bit) !== 0).map(([name]) => name)),
);

/** Stored flag names of a transfer bit mask, in a fixed order (a shared, frozen array). */
export const transferFlagsToNames = (mask: number): TransferFlagName[] =>
  (transferNamesByMask[mask & 511] ?? transferFlagNames.filter(([, bit]) => (mask & bit) !== 0).map(([name]) => name)) as TransferFlagName[];

/** Bit mask of stored transfer flag names. */
export const transferFlagsFromNames = (flags: readonly string[]): number =>
  flags.reduce((mask, name) => mask | (Object.hasOwn(TransferFlag, name) ? TransferFlag[name as TransferFlagName] : 0), 0);

/** Stored flag names of an account bit mask, in a fixed order. */
export const accountFlagsToNames = (mask: number): AccountFlagName[] =>
  accountFlagNames.filter(([, bit]) => (mask & bit) !== 0).map(([name]) => name);

/** Bit mask of stored account flag names. */
export const accountFlagsFromNames = (flags: readonly string[]): number =>
  flags.reduce((mask, name) => mask | (Object.hasOwn(AccountFlag, name) ? AccountFlag[name as AccountFlagName] : 0), 0);
