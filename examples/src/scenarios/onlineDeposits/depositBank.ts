/**
 * The bank the online-deposits scenario runs: one book in CNY with the default chart's general
 * ledger, a demand-deposit and a time-deposit product, wired by the products' `depositService`
 * (real command handlers over one posting port, close of business, the transfer reactor), and the
 * bank's business calendar.
 */
import { Book, type CommandContext, type EventStore } from '@ecoledger/ledger';
import {
  businessCalendar,
  demandDepositProduct,
  depositService,
  setUpDepositBook,
  timeDepositProduct,
  valueDateOf,
  type BusinessCalendar,
  type DemandDepositProduct,
  type DepositService,
  type TimeDepositProduct,
} from '@ecoledger/products';

export const LEDGER = 'CNY';

/**
 * The bank's calendar: weekends closed (March 2026 has no public holiday in China), a 17:00
 * cut-off in Beijing time. Online deposits take money every day; close of business runs on
 * business days, and Monday's run accrues Saturday and Sunday too.
 */
export const calendar: BusinessCalendar = businessCalendar({ holidays: [], cutOff: '17:00', timeZone: 'Asia/Shanghai' });

/** The demand rate: 0.35 % a year, lowered to 0.30 % from 16 March (a posted rate change mid-quarter). */
const DEMAND_RATES = [
  { from: '2025-01-01', ratePercent: '0.35' },
  { from: '2026-03-16', ratePercent: '0.30' },
];

/** Personal demand deposits: ACT/360, credited quarterly on the 20th, accrual accounting, no withholding tax (suspended in China since 2008). */
export const demandProduct: DemandDepositProduct = demandDepositProduct({
  code: 'DD-CNY-PERSONAL',
  rates: DEMAND_RATES,
  dayCount: 'ACT/360',
  postingSchedule: { frequency: 'quarterly', day: 20 },
  rounding: 'half-up',
  accountingBasis: 'accrual',
  ledger: LEDGER,
  customerAccountCode: 2011,
  transferCodes: { deposit: 1001, withdrawal: 1002, interestAccrual: 1003, interestPayment: 1004, withholdingTax: 1005 },
});

/** Personal time deposits (整存整取): 3 months to 5 years, ACT/365, simple interest, accrual accounting. */
export const timeProduct: TimeDepositProduct = timeDepositProduct({
  code: 'TD-CNY-PERSONAL',
  ledger: LEDGER,
  depositAccountCode: 2012,
  terms: [
    { months: 3, rates: [{ from: '2025-01-01', ratePercent: '1.05' }] },
    { months: 6, rates: [{ from: '2025-01-01', ratePercent: '1.25' }] },
    { months: 12, rates: [{ from: '2025-01-01', ratePercent: '1.45' }] },
    { months: 24, rates: [{ from: '2025-01-01', ratePercent: '1.65' }] },
    { months: 36, rates: [{ from: '2025-01-01', ratePercent: '1.95' }] },
    { months: 60, rates: [{ from: '2025-01-01', ratePercent: '2.00' }] },
  ],
  demandRates: DEMAND_RATES,
  dayCount: 'ACT/365',
  minimumPrincipal: '50.00',
  minimumRemainingPrincipal: '50.00',
  maxPartialWithdrawals: 1,
  accountingBasis: 'accrual',
  transferCodes: { place: 2001, interest: 2002, payout: 2003, withholding: 2004 },
});

/** The bank, wired. */
export interface DepositBank extends DepositService {
  readonly store: EventStore;
  readonly book: Book;
  /** The scenario's clock: set to each step's instant. */
  readonly setNow: (instant: string) => void;
  readonly now: () => Date;
}

/** Opens the bank's book (the ledger and general-ledger accounts idempotently) and the deposit service; `run` names its close-of-business runs. */
export const openDepositBank = async (store: EventStore, run: number, bookId = 'deposits'): Promise<DepositBank> => {
  let now = new Date('2026-03-02T01:00:00.000Z');
  const clock = () => now;
  const book = await Book.open({ store, bookId, clock });
  await setUpDepositBook(book, { id: LEDGER, code: 'CNY', scale: 2 });
  const service = depositService({ store, book, clock, demandProduct, timeProduct, today: () => valueDateOf(calendar, clock()), cobName: `run-${run}` });
  return {
    ...service,
    store,
    book,
    setNow: (instant) => {
      now = new Date(instant);
    },
    now: clock,
  };
};

/** The context of a customer's command through a channel. */
export const customerContext = (commandId: string, customerId: string, channel: 'app' | 'web' | 'branch' | 'partner-api'): CommandContext => ({
  commandId,
  metadata: { correlationId: commandId, tenant: 'bank', actor: customerId, channel },
});
