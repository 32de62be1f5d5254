/**
 * The one deterministic transfer workload every ledger-shaped benchmark case applies (our ledger,
 * the bare-loop baseline, the Emmett peer), so their numbers compare the same work.
 */
import { minorToDecimal } from '@ecoledger/ledger';

/** One transfer of the workload: account indexes and an amount in minor units. */
export interface WorkloadTransfer {
  readonly id: string;
  /** Index of the debited account (see {@link accountId}). */
  readonly debit: number;
  /** Index of the credited account; never equal to `debit`. */
  readonly credit: number;
  /** Minor units, 1..100_000. */
  readonly amount: bigint;
}

/** Options of {@link transferWorkload}. */
export interface WorkloadOptions {
  /** Number of accounts (indexes 0..accounts-1); at least 2. */
  readonly accounts: number;
  readonly transfers: number;
  /** PRNG seed: the same options always give the same workload. */
  readonly seed: number;
  /** When true every transfer has account 0 on one side (a contended hot account). */
  readonly hotAccount?: boolean;
}

/** Largest amount of one transfer, in minor units. */
export const MAX_WORKLOAD_AMOUNT = 100_000;

/** mulberry32: a tiny, fast 32-bit seeded PRNG; returns floats in [0, 1). */
export const mulberry32 = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/** The id of account `i`: 'acct-000123'. */
export const accountId = (i: number): string => `acct-${String(i).padStart(6, '0')}`;

/** The id of transfer `n` of the workload with `seed`: 't-7-00000042'. */
export const transferId = (seed: number, n: number): string => `t-${seed}-${String(n).padStart(8, '0')}`;

/** A deterministic list of transfers between distinct accounts with amounts of 1..100_000 minor units. */
export const transferWorkload = ({ accounts, transfers, seed, hotAccount = false }: WorkloadOptions): WorkloadTransfer[] => {
  if (!Number.isSafeInteger(accounts) || accounts < 2) throw new RangeError(`a workload needs at least 2 accounts, got ${accounts}`);
  if (!Number.isSafeInteger(transfers) || transfers < 0) throw new RangeError(`transfers must be a non-negative integer, got ${transfers}`);
  const random = mulberry32(seed);
  const pick = (n: number): number => Math.floor(random() * n);
  const items: WorkloadTransfer[] = new Array<WorkloadTransfer>(transfers);
  for (let n = 0; n < transfers; n++) {
    let debit: number;
    let credit: number;
    if (hotAccount) {
      // Account 0 on a random side; the other side is any other account.
      const other = 1 + pick(accounts - 1);
      const hotIsDebit = random() < 0.5;
      debit = hotIsDebit ? 0 : other;
      credit = hotIsDebit ? other : 0;
    } else {
      debit = pick(accounts);
      // Uniform over the accounts other than `debit`.
      credit = pick(accounts - 1);
      if (credit >= debit) credit++;
    }
    const amount = BigInt(1 + pick(MAX_WORKLOAD_AMOUNT));
    items[n] = { id: transferId(seed, n), debit, credit, amount };
  }
  return items;
};

/** Our library's transfer input for one workload item (the shape `TransferInput` accepts). */
export interface WorkloadTransferInput {
  readonly id: string;
  readonly debitAccountId: string;
  readonly creditAccountId: string;
  /** Decimal string of major units at scale 2 ("12.34"). */
  readonly amount: string;
  readonly code: 1;
}

/** Turns a workload item into our ledger's transfer input (amount as a decimal string at scale 2). */
export const toTransferInput = (item: WorkloadTransfer): WorkloadTransferInput => ({
  id: item.id,
  debitAccountId: accountId(item.debit),
  creditAccountId: accountId(item.credit),
  amount: minorToDecimal(item.amount, 2),
  code: 1,
});
