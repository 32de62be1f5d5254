/**
 * How the bank-day scenario prints: in a bank engineer's terms. One sign convention everywhere:
 * every balance carries its side, Dr or Cr, in statements and in the trial balance alike, so the
 * same account reads the same in both. Times are UTC and say so. Refusals carry their result code
 * and its meaning. Amounts stay decimal strings (grouped by text, never through a JS number).
 */
import Table from 'cli-table3';
import {
  decimalToMinor,
  ledgerResultMessages,
  minorToDecimal,
  type AccountBalance,
  type AccountStatement,
  type AssetTrialBalance,
  type ItemResult,
  type LedgerResultCode,
  type StatementLine,
} from '@ecoledger/ledger';

/** `1234567.50` → `1,234,567.50`; the sign, if any, stays in front. */
export const grouped = (amount: string): string => {
  const [, sign = '', whole = '', fraction] = /^(-?)(\d+)(?:\.(\d+))?$/.exec(amount) ?? [];
  if (whole === '') return amount;
  return `${sign}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction === undefined ? '' : `.${fraction}`}`;
};

/**
 * A balance given on the account's normal side, shown with the side it is on: `-302.50` on a
 * credit-normal account is `302.50 Dr` (an overdrawn deposit). Zero has no side.
 */
export const withSide = (onNormalSide: string, normalSide: 'debit' | 'credit'): string => {
  if (/^-?0(\.0+)?$/.test(onNormalSide)) return onNormalSide.replace(/^-/, '');
  const negative = onNormalSide.startsWith('-');
  const side = (normalSide === 'debit') !== negative ? 'Dr' : 'Cr';
  return `${grouped(onNormalSide.replace(/^-/, ''))} ${side}`;
};

/** A table without colours or the terminal's width: the same bytes in a log file as on a screen. */
const table = (head: readonly string[], alignRight: readonly number[]): Table.Table =>
  new Table({
    head: [...head],
    style: { head: [], border: [], compact: true },
    colAligns: head.map((_, i) => (alignRight.includes(i) ? 'right' : 'left')),
  });

/** `2026-01-05T09:03:00.000Z` → `2026-01-05T09:03:00Z`: the instant, with its zone, to the second. */
const instant = (iso: string): string => iso.replace(/\.\d+Z$/, 'Z');

/** The line a step prints, then one explained line per refused item. */
export const stepLines = (title: string, results: readonly ItemResult[]): readonly string[] => {
  const done = results.filter((r) => r.result === 'ok' || r.result === 'exists');
  const refused = results.filter((r) => r.result !== 'ok' && r.result !== 'exists');
  const summary = [...done.map((r) => `${r.result} (${r.id})`), ...(refused.length === 0 ? [] : [`${refused.length} refused`])].join(', ');
  return [`  ${title}: ${summary}`, ...refused.map((r) => `    refused ${r.id}: ${refusal(r.result, r.detail)}`)];
};

/** `exceeds_credits — debits would exceed credits ...`: the code and what it means. */
export const refusal = (code: LedgerResultCode, detail?: string): string =>
  `${code} — ${ledgerResultMessages[code]}${detail === undefined ? '' : ` (${detail})`}`;

const entryOf = (line: StatementLine): string => {
  switch (line.kind) {
    case 'posted':
      return line.reversalOf === undefined ? 'posted' : `reversal of ${line.reversalOf}`;
    case 'pending':
      return `hold placed ${grouped(line.amount)}`;
    case 'pending_posted':
      return `captures hold ${line.pendingId ?? ''}`;
    case 'pending_voided':
      return `voids hold ${line.pendingId ?? ''}`;
    case 'expired':
      return 'hold expired';
  }
};

/** What an account holds back for open holds: pending outflows, on the side that would leave. */
const heldOf = (account: AccountBalance): string => (account.normalSide === 'credit' ? account.debitsPending : account.creditsPending);

/** A statement: one row per movement, then ledger balance, held and available. */
export const statementLines = (name: string, type: string, statement: AccountStatement, account: AccountBalance | undefined): readonly string[] => {
  const side = statement.normalSide;
  const rows = table(['Time (UTC)', 'Transfer', 'Entry', 'Debit', 'Credit', 'Balance', 'Pending'], [3, 4, 5, 6]);
  for (const line of statement.lines) {
    const posted = line.kind === 'posted' || line.kind === 'pending_posted' ? grouped(line.amount) : '';
    rows.push([
      instant(line.occurredAt),
      line.transferId,
      entryOf(line),
      line.side === 'debit' ? posted : '',
      line.side === 'credit' ? posted : '',
      withSide(line.runningBalance, side),
      withSide(line.runningPending, side),
    ]);
  }
  const summary =
    account === undefined
      ? []
      : [
          `  Ledger balance ${withSide(account.balance, side)} · held ${grouped(heldOf(account))} · available ${grouped(account.available)}` +
            (/^0(\.0+)?$/.test(account.overdraftLimit) ? '' : ` (includes the overdraft limit of ${grouped(account.overdraftLimit)})`),
        ];
  return [`Statement of ${statement.accountId} (${name}) · ${type}, normal side ${side === 'debit' ? 'Dr' : 'Cr'} · ${statement.assetCode}`, ...rows.toString().split('\n'), ...summary];
};

/** A trial balance: posted turnover, then each balance in the Dr or the Cr column; both columns total the same. */
export const trialBalanceLines = (asset: AssetTrialBalance): readonly string[] => {
  const rows = table(['Code', 'Account', 'Type', 'Debits posted', 'Credits posted', 'Balance Dr', 'Balance Cr'], [3, 4, 5, 6]);
  let debitBalances = 0n;
  let creditBalances = 0n;
  for (const line of asset.lines) {
    // signedBalance is debits minus credits: positive sits in the Dr column, negative in the Cr column.
    const signed = decimalToMinor(line.signedBalance, asset.scale);
    if (signed > 0n) debitBalances += signed;
    else creditBalances -= signed;
    rows.push([
      String(line.code),
      line.accountId,
      line.type,
      grouped(line.debitsPosted),
      grouped(line.creditsPosted),
      signed > 0n ? grouped(minorToDecimal(signed, asset.scale)) : '',
      signed < 0n ? grouped(minorToDecimal(-signed, asset.scale)) : '',
    ]);
  }
  const show = (minor: bigint) => grouped(minorToDecimal(minor, asset.scale));
  rows.push(['', `Total ${asset.assetCode}`, '', grouped(asset.totalDebits), grouped(asset.totalCredits), show(debitBalances), show(creditBalances)]);
  return [
    `Trial balance · ${asset.assetCode} · posted amounts; open holds are not balances`,
    ...rows.toString().split('\n'),
    `  ${asset.balanced ? 'Balanced' : 'NOT BALANCED'}: Dr balances ${show(debitBalances)} ${debitBalances === creditBalances ? '=' : '≠'} Cr balances ${show(creditBalances)}; signed sum ${asset.signedTotal}` +
      `; open holds Dr ${grouped(asset.totalDebitsPending)} / Cr ${grouped(asset.totalCreditsPending)}`,
  ];
};
