import { minorToDecimal, roundToScale } from '@ecoledger/ledger';
import { isProductsError, productsErrorMessages, quoteTermDeposit, type TermDepositQuote, type TermDepositQuoteInput } from '@ecoledger/products';
import Table from 'cli-table3';
import type { CliIo } from '../io.js';
import { UsageError } from '../usageError.js';

/** The options of `ecoledger deposit quote`, as commander hands them over (all strings). */
export interface DepositQuoteOptions {
  readonly principal: string;
  readonly annualRate: string;
  readonly months: string;
  readonly compounding?: string;
  readonly dayCount?: string;
  readonly start?: string;
  readonly rounding?: string;
  readonly json?: boolean;
}

/** The flag that carries each input field, so that an error names what the user typed. */
const FLAGS: Readonly<Record<string, string>> = {
  principal: '--principal',
  annualRate: '--annual-rate',
  months: '--months',
  compounding: '--compounding',
  dayCount: '--day-count',
  start: '--start',
  rounding: '--rounding',
};

// Segment figures are unrounded; the table shows them to this many places, rounded half-up.
const SHOWN_PLACES = 6;
const shown = (raw: string): string => minorToDecimal(roundToScale(raw, SHOWN_PLACES, 'half-up'), SHOWN_PLACES);

const quoteOf = (options: DepositQuoteOptions): TermDepositQuote => {
  const input = {
    principal: options.principal,
    annualRate: options.annualRate,
    months: options.months,
    ...(options.compounding === undefined ? {} : { compounding: options.compounding }),
    ...(options.dayCount === undefined ? {} : { dayCount: options.dayCount }),
    ...(options.start === undefined ? {} : { start: options.start }),
    ...(options.rounding === undefined ? {} : { rounding: options.rounding }),
  } as TermDepositQuoteInput; // strings from the command line: quoteTermDeposit checks them at run time
  try {
    return quoteTermDeposit(input);
  } catch (error) {
    if (!isProductsError(error)) throw error;
    const flag = error.field === undefined ? undefined : FLAGS[error.field];
    throw new UsageError(`${flag === undefined ? '' : `${flag} ${error.detail}: `}${productsErrorMessages[error.code]} (${error.code})`);
  }
};

/**
 * `ecoledger deposit quote`: the maturity amount and interest of a term deposit with one line per
 * compounding period; `--json` prints the quote itself, amounts as strings.
 */
export const depositQuote = (options: DepositQuoteOptions, io: CliIo): number => {
  const quote = quoteOf(options);
  if (options.json === true) {
    io.out(JSON.stringify(quote));
    return 0;
  }
  const dated = quote.segments[0]?.from !== undefined;
  const counted = quote.segments[0]?.days !== undefined;
  const head = ['Period', ...(dated ? ['From', 'To'] : []), 'Months', ...(counted ? ['Days'] : []), 'Opening balance', 'Rate %', 'Year fraction', 'Interest', 'Closing balance'];
  const table = new Table({
    head,
    style: { head: [], border: [], compact: true },
    colAligns: head.map((name) => (['Period', 'Months', 'Days', 'Opening balance', 'Rate %', 'Interest', 'Closing balance'].includes(name) ? 'right' : 'left')),
  });
  for (const s of quote.segments) {
    table.push([
      String(s.period),
      ...(dated ? [s.from ?? '', s.to ?? ''] : []),
      String(s.months),
      ...(counted ? [String(s.days ?? '')] : []),
      shown(s.openingBalance),
      s.rate,
      `${s.yearFraction} (${s.dayCount})`,
      shown(s.interest),
      shown(s.closingBalance),
    ]);
  }
  io.out(`Term deposit of ${options.principal} at ${options.annualRate} % a year for ${options.months} months, compounding ${options.compounding ?? 'none'}`);
  io.out(table.toString());
  io.out(`Period figures are unrounded, shown to ${SHOWN_PLACES} places (half-up); --json gives them in full.`);
  io.out(`Interest:        ${quote.interest}  (${shown(quote.rounding.raw)} rounded ${quote.rounding.mode} to the minor unit, once)`);
  io.out(`Maturity amount: ${quote.maturityAmount}`);
  return 0;
};
