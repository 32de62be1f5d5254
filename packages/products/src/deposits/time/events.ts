/**
 * The events of a time deposit, with their io-ts schemas (version 1 each). Every interest figure
 * carries the segments it was computed from and its one rounding step, so a statement or an
 * auditor can recompute it by hand. Amounts are decimal strings in major units of the product's
 * asset; counts (days, months, term numbers) are integers.
 */
import type { Channel, DomainEvent, EventSchemas, RoundingMode } from '@ecoledger/ledger';
import { ROUNDING_MODES } from '@ecoledger/ledger';
import * as t from 'io-ts';
import type { BusinessDate } from '../../calendar/businessDate.js';
import { DAY_COUNTS, type DayCount } from '../../calendar/dayCount.js';
import type { InterestSegment, RoundingStep } from '../../interest/accrue.js';
import { COMPOUNDINGS, type Compounding, type CompoundingSegment } from '../../interest/termDeposit.js';
import { MATURITY_INSTRUCTIONS, type MaturityInstruction } from './commands.js';
import { Amount, Count, DateCodec, closed, oneOfCodec } from './eventCodecs.js';

/** The deposit was placed: the contracted rate is fixed here for the whole first term. */
export interface TimeDepositPlacedData {
  readonly contractId: string;
  readonly customerId: string;
  readonly productCode: string;
  readonly principal: string;
  readonly termMonths: number;
  /** The term's rate posted on `placedOn`, percent a year. */
  readonly rate: string;
  readonly placedOn: BusinessDate;
  readonly maturityDate: BusinessDate;
  readonly maturityInstruction: MaturityInstruction;
  readonly channel: Channel;
}

/**
 * Accrual basis: interest earned from `from` to `to` (exclusive) at the contracted rate. `interest`
 * is the rounded cumulative of the term minus what was accrued before, so daily postings add up to
 * the rounded total; `segment` and `rounding` show the cumulative, from the term's start.
 */
export interface TimeDepositInterestAccruedData {
  readonly contractId: string;
  readonly term: number;
  readonly from: BusinessDate;
  readonly to: BusinessDate;
  readonly interest: string;
  readonly cumulative: string;
  readonly segment: InterestSegment;
  readonly rounding: RoundingStep;
}

/**
 * How one interest payment settles: gross interest, tax withheld, the net and where it goes, and
 * (accrual basis) how the interest accrued so far on the settled money is topped up or released.
 */
export interface InterestSettlement {
  readonly interest: string;
  readonly withholdingTaxPercent: string;
  readonly withholdingTax: string;
  readonly netInterest: string;
  /** Accrued (and posted to interest payable) on the money settled; "0" on the cash basis. */
  readonly accruedSettled: string;
  /** interest − accruedSettled when positive: accrued now, then paid. */
  readonly accrualTopUp: string;
  /** accruedSettled − interest when positive: released back to interest expense. */
  readonly accrualRelease: string;
  /** Principal leaving the deposit account for the funding account. */
  readonly principalPaidOut: string;
  /** Net interest paid to the funding account. */
  readonly interestPaidOut: string;
  /** Net interest credited to the deposit account (rolled over or held). */
  readonly interestCapitalised: string;
}

/** What happened to the money at maturity. */
export type MaturityOutcome = 'paid_out' | 'rolled_over' | 'held';

/** A term matured: its interest by the term deposit quote (compounding segments), and the outcome. */
export interface TimeDepositMaturedData {
  readonly contractId: string;
  readonly term: number;
  readonly maturityDate: BusinessDate;
  /** The close-of-business date that processed it (on or after the maturity date). */
  readonly on: BusinessDate;
  readonly principal: string;
  readonly rate: string;
  readonly compounding: Compounding;
  readonly segments: readonly CompoundingSegment[];
  readonly rounding: RoundingStep;
  readonly settlement: InterestSettlement;
  readonly outcome: MaturityOutcome;
}

/** A new term opened at maturity, at the term's rate posted on the maturity date. */
export interface TimeDepositRolledOverData {
  readonly contractId: string;
  readonly term: number;
  readonly start: BusinessDate;
  readonly months: number;
  readonly rate: string;
  readonly principal: string;
  readonly maturityDate: BusinessDate;
}

/** Money taken out before maturity, earning the demand rate posted on `on` for the days held. */
export interface TimeDepositWithdrawnEarlyData {
  readonly contractId: string;
  readonly term: number;
  readonly on: BusinessDate;
  readonly kind: 'full' | 'partial';
  readonly withdrawn: string;
  readonly remaining: string;
  readonly demandRate: string;
  readonly segments: readonly InterestSegment[];
  readonly rounding: RoundingStep;
  readonly settlement: InterestSettlement;
  /** Partial withdrawals in this term, this one included. */
  readonly partialWithdrawals: number;
}

/** Money held past maturity withdrawn, with the demand rate posted on `on` since the maturity date. */
export interface TimeDepositWithdrawnAfterMaturityData {
  readonly contractId: string;
  readonly on: BusinessDate;
  readonly heldSince: BusinessDate;
  readonly balance: string;
  readonly demandRate: string;
  readonly segments: readonly InterestSegment[];
  readonly rounding: RoundingStep;
  readonly settlement: InterestSettlement;
}

/** Any time-deposit event. */
export type TimeDepositEvent =
  | DomainEvent<'TimeDepositPlaced', TimeDepositPlacedData>
  | DomainEvent<'TimeDepositInterestAccrued', TimeDepositInterestAccruedData>
  | DomainEvent<'TimeDepositMatured', TimeDepositMaturedData>
  | DomainEvent<'TimeDepositRolledOver', TimeDepositRolledOverData>
  | DomainEvent<'TimeDepositWithdrawnEarly', TimeDepositWithdrawnEarlyData>
  | DomainEvent<'TimeDepositWithdrawnAfterMaturity', TimeDepositWithdrawnAfterMaturityData>;

const Id = new t.Type<string, string, unknown>('id', (u): u is string => typeof u === 'string' && u.length > 0 && u.length <= 128, (u, c) => (typeof u === 'string' && u.length > 0 && u.length <= 128 ? t.success(u) : t.failure(u, c)), (a) => a);
const DayCountCodec = oneOfCodec<DayCount>('day count', DAY_COUNTS);
const Rounding = closed('rounding step', { mode: oneOfCodec<RoundingMode>('rounding mode', ROUNDING_MODES), raw: Amount, rounded: Amount });
const Segment = closed('interest segment', { from: DateCodec, to: DateCodec, days: Count, balance: Amount, rate: Amount, dayCount: DayCountCodec, yearFraction: t.string, rawInterest: Amount });
const CompoundingSegmentCodec = closed(
  'compounding segment',
  { period: Count, months: Count, openingBalance: Amount, rate: Amount, dayCount: oneOfCodec<DayCount | 'months'>('day count or months', [...DAY_COUNTS, 'months']), yearFraction: t.string, interest: Amount, closingBalance: Amount },
  { from: DateCodec, to: DateCodec, days: Count },
);
const Settlement = closed('interest settlement', {
  interest: Amount, withholdingTaxPercent: Amount, withholdingTax: Amount, netInterest: Amount, accruedSettled: Amount,
  accrualTopUp: Amount, accrualRelease: Amount, principalPaidOut: Amount, interestPaidOut: Amount, interestCapitalised: Amount,
});

/** The schema registry of the time-deposit events: validated on write and on read. */
export const timeDepositEventSchemas: EventSchemas<TimeDepositEvent> = {
  TimeDepositPlaced: {
    version: 1,
    codec: closed('TimeDepositPlaced', {
      contractId: Id, customerId: Id, productCode: Id, principal: Amount, termMonths: Count, rate: Amount, placedOn: DateCodec, maturityDate: DateCodec,
      maturityInstruction: oneOfCodec('maturity instruction', MATURITY_INSTRUCTIONS),
      channel: oneOfCodec<Channel>('channel', ['app', 'web', 'branch', 'partner-api', 'batch', 'system']),
    }),
  },
  TimeDepositInterestAccrued: {
    version: 1,
    codec: closed('TimeDepositInterestAccrued', { contractId: Id, term: Count, from: DateCodec, to: DateCodec, interest: Amount, cumulative: Amount, segment: Segment, rounding: Rounding }),
  },
  TimeDepositMatured: {
    version: 1,
    codec: closed('TimeDepositMatured', {
      contractId: Id, term: Count, maturityDate: DateCodec, on: DateCodec, principal: Amount, rate: Amount, compounding: oneOfCodec('compounding', COMPOUNDINGS),
      segments: t.readonlyArray(CompoundingSegmentCodec), rounding: Rounding, settlement: Settlement, outcome: oneOfCodec<MaturityOutcome>('maturity outcome', ['paid_out', 'rolled_over', 'held']),
    }),
  },
  TimeDepositRolledOver: {
    version: 1,
    codec: closed('TimeDepositRolledOver', { contractId: Id, term: Count, start: DateCodec, months: Count, rate: Amount, principal: Amount, maturityDate: DateCodec }),
  },
  TimeDepositWithdrawnEarly: {
    version: 1,
    codec: closed('TimeDepositWithdrawnEarly', {
      contractId: Id, term: Count, on: DateCodec, kind: oneOfCodec<'full' | 'partial'>('withdrawal kind', ['full', 'partial']), withdrawn: Amount, remaining: Amount,
      demandRate: Amount, segments: t.readonlyArray(Segment), rounding: Rounding, settlement: Settlement, partialWithdrawals: Count,
    }),
  },
  TimeDepositWithdrawnAfterMaturity: {
    version: 1,
    codec: closed('TimeDepositWithdrawnAfterMaturity', {
      contractId: Id, on: DateCodec, heldSince: DateCodec, balance: Amount, demandRate: Amount, segments: t.readonlyArray(Segment), rounding: Rounding, settlement: Settlement,
    }),
  },
};
