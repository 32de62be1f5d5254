/**
 * The trial balance: per asset code, every account's posted totals and balances, the column totals,
 * and whether the book balances (posted debits equal posted credits, and pending debits equal
 * pending credits). Double entry guarantees it; the projection shows it.
 *
 * Assets group ledgers by asset code, since journal entries balance per asset, not per ledger.
 * Should two ledgers give one asset different scales, the asset's figures use the largest scale.
 */
import type { BalanceFields } from '../ledger/accountView.js';
import { postedBalance } from '../ledger/accountView.js';
import type { AccountType, Side } from '../ledger/inputs.js';
import { minorToDecimal } from '../money/decimalString.js';
import { AccountBalancesProjection } from './accountBalances.js';
import { zeroCounters, type IndexedAccount } from './ledgerIndex.js';

/** One account's row. Amounts are decimal strings at the asset's scale. */
export interface TrialBalanceLine {
  readonly accountId: string;
  readonly ledger: string;
  readonly code: number;
  readonly type: AccountType;
  readonly normalSide: Side;
  readonly debitsPosted: string;
  readonly creditsPosted: string;
  readonly debitsPending: string;
  readonly creditsPending: string;
  /** Posted balance on the account's normal side. */
  readonly balance: string;
  /** `debitsPosted - creditsPosted`: debit-normal balances count positive, credit-normal negative. */
  readonly signedBalance: string;
}

/** The trial balance of one asset. */
export interface AssetTrialBalance {
  readonly assetCode: string;
  /** Scale of every amount below. */
  readonly scale: number;
  /** Ledgers holding the asset, sorted. */
  readonly ledgers: readonly string[];
  /** Rows sorted by account code, then ledger, then id. */
  readonly lines: readonly TrialBalanceLine[];
  readonly totalDebits: string;
  readonly totalCredits: string;
  readonly totalDebitsPending: string;
  readonly totalCreditsPending: string;
  /** Sum of the signed balances: zero when the asset balances. */
  readonly signedTotal: string;
  /** Posted debits equal posted credits and pending debits equal pending credits. */
  readonly balanced: boolean;
}

/** The trial balance of a book. */
export interface TrialBalance {
  /** One entry per asset code, sorted by code. */
  readonly assets: readonly AssetTrialBalance[];
  /** Every asset balances. */
  readonly balanced: boolean;
}

/** An account with its balance fields, in minor units of its own ledger's scale. */
export interface AccountFields {
  readonly account: IndexedAccount;
  readonly fields: BalanceFields;
}

const compareLines = (a: TrialBalanceLine, b: TrialBalanceLine): number =>
  a.code - b.code || compareStrings(a.ledger, b.ledger) || compareStrings(a.accountId, b.accountId);
// Code-unit order rather than localeCompare: the same on every machine.
const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Builds a trial balance from accounts and their fields. */
export const trialBalanceOf = (entries: Iterable<AccountFields>): TrialBalance => {
  const byAsset = new Map<string, AccountFields[]>();
  for (const entry of entries) {
    const group = byAsset.get(entry.account.assetCode);
    if (group === undefined) byAsset.set(entry.account.assetCode, [entry]);
    else group.push(entry);
  }
  const assets = [...byAsset].sort(([a], [b]) => compareStrings(a, b)).map(([code, group]) => assetTrialBalanceOf(code, group));
  return { assets, balanced: assets.every((asset) => asset.balanced) };
};

const assetTrialBalanceOf = (assetCode: string, group: readonly AccountFields[]): AssetTrialBalance => {
  const scale = Math.max(...group.map(({ account }) => account.scale));
  const totals = zeroCounters();
  const lines: TrialBalanceLine[] = [];
  for (const { account, fields } of group) {
    // Rescale exactly (multiplying by a power of ten) when ledgers of the asset differ in scale.
    const factor = 10n ** BigInt(scale - account.scale);
    const f: BalanceFields = {
      debitsPending: fields.debitsPending * factor,
      debitsPosted: fields.debitsPosted * factor,
      creditsPending: fields.creditsPending * factor,
      creditsPosted: fields.creditsPosted * factor,
    };
    totals.debitsPending += f.debitsPending;
    totals.debitsPosted += f.debitsPosted;
    totals.creditsPending += f.creditsPending;
    totals.creditsPosted += f.creditsPosted;
    const show = (minor: bigint): string => minorToDecimal(minor, scale);
    lines.push({
      accountId: account.id,
      ledger: account.ledger.id,
      code: account.record.code,
      type: account.record.type,
      normalSide: account.normalSide,
      debitsPosted: show(f.debitsPosted),
      creditsPosted: show(f.creditsPosted),
      debitsPending: show(f.debitsPending),
      creditsPending: show(f.creditsPending),
      balance: show(postedBalance(account.normalSide, f)),
      signedBalance: show(f.debitsPosted - f.creditsPosted),
    });
  }
  return {
    assetCode,
    scale,
    ledgers: [...new Set(group.map(({ account }) => account.ledger.id))].sort(compareStrings),
    lines: lines.sort(compareLines),
    totalDebits: minorToDecimal(totals.debitsPosted, scale),
    totalCredits: minorToDecimal(totals.creditsPosted, scale),
    totalDebitsPending: minorToDecimal(totals.debitsPending, scale),
    totalCreditsPending: minorToDecimal(totals.creditsPending, scale),
    signedTotal: minorToDecimal(totals.debitsPosted - totals.creditsPosted, scale),
    balanced: totals.debitsPosted === totals.creditsPosted && totals.debitsPending === totals.creditsPending,
  };
};

/** Maintains the current trial balance: the balance counters, read per asset. */
export class TrialBalanceProjection extends AccountBalancesProjection {
  /** Projection name. */
  override readonly name = 'ledger.trialBalance';

  /** The trial balance now. */
  trialBalance(): TrialBalance {
    const entries: AccountFields[] = [];
    for (const account of this.index.accounts()) {
      const fields = this.counters.get(account.id);
      if (fields !== undefined) entries.push({ account, fields });
    }
    return trialBalanceOf(entries);
  }
}
