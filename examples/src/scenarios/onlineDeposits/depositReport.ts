/** How the online-deposits scenario prints: one line per command, interest explained segment by segment, the trial balance. */
import type { TrialBalance } from '@ecoledger/ledger';
import type { DemandDepositCommand, TimeDepositCommand } from '@ecoledger/products';
import Table from 'cli-table3';

/** One command and its answer: `ok`, or the refusal's code. */
export const movementLine = (contractId: string, command: DemandDepositCommand, channel: string, answer: string): string => {
  const what =
    command.type === 'Open'
      ? `opens a Class ${command.accountClass} account`
      : command.type === 'Deposit'
        ? `deposit ${command.amount} from ${command.source.replace('_', ' ')}`
        : command.type === 'Withdraw'
          ? `withdraw ${command.amount} to ${command.destination.replace('_', ' ')}`
          : command.type;
  return `  ${contractId.padEnd(12)} ${`(${channel})`.padEnd(9)} ${what.padEnd(42)} ${answer === 'ok' ? 'ok' : `refused: ${answer}`}`;
};

/** One time-deposit command and its answer. */
export const timeLine = (contractId: string, command: TimeDepositCommand, answer: string): string => {
  const what =
    command.type === 'Place'
      ? `places ${command.principal} for ${command.termMonths} months`
      : command.type === 'WithdrawEarly'
        ? `withdraws ${command.amount ?? 'everything'} early`
        : command.type;
  return `  ${contractId.padEnd(12)} ${'(app)'.padEnd(9)} ${what.padEnd(42)} ${answer === 'ok' ? 'ok' : `refused: ${answer}`}`;
};

/** A segment of an interest figure, as events carry it. */
interface Segment {
  readonly from: string;
  readonly to: string;
  readonly days: number;
  readonly balance: string;
  readonly rate: string;
  readonly dayCount: string;
  readonly yearFraction: string;
  readonly rawInterest: string;
}

/** The explanation of an interest figure from its record: each segment, then the one rounding step. */
export const explainInterest = (title: string, segments: readonly Segment[], rounding: { readonly mode: string; readonly raw: string; readonly rounded: string }): string[] => {
  const table = new Table({
    head: ['from', 'to', 'days', 'balance', 'rate %', 'day count', 'year fraction', 'interest (unrounded)'],
    colAligns: ['left', 'left', 'right', 'right', 'right', 'left', 'left', 'right'],
    style: { head: [], border: [] },
  });
  for (const s of segments) table.push([s.from, s.to, String(s.days), s.balance, s.rate, s.dayCount, s.yearFraction, trimmed(s.rawInterest)]);
  return [`  ${title}`, ...table.toString().split('\n').map((line) => `  ${line}`), `  rounded ${rounding.mode}: ${trimmed(rounding.raw)} -> ${rounding.rounded}`];
};

// Unrounded figures carry many decimals; eight are enough to follow the arithmetic on screen.
const trimmed = (raw: string): string => {
  const [whole, fraction = ''] = raw.split('.');
  return fraction.length <= 8 ? raw : `${whole}.${fraction.slice(0, 8)}…`;
};

/** The trial balance per asset: total debits and credits, and whether they agree. */
export const trialBalanceTable = (trial: TrialBalance): string[] => {
  const table = new Table({ head: ['asset', 'debits posted', 'credits posted', 'balanced'], colAligns: ['left', 'right', 'right', 'left'], style: { head: [], border: [] } });
  for (const asset of trial.assets) table.push([asset.assetCode, asset.totalDebits, asset.totalCredits, asset.balanced ? 'yes' : 'NO']);
  return ['Trial balance', ...table.toString().split('\n')];
};
