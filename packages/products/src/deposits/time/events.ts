/**
 * The events of a time deposit, with their io-ts schemas (version 1 each). Every interest figure
 * carries the segments it was computed from and its one rounding step, so a statement or an
 * auditor can recompute it by hand. Amounts are decimal strings in major units of the product's
 * asset; counts (days, months, term numbers) are integers.
 */
import type { Channel, DomainEvent, EventSchemas } from '@ecoledger/ledger';
import * as t from 'io-ts';
import type { BusinessDate } from '../../calendar/businessDate.js';
import { DAY_COUNTS, type DayCount } from '../../calendar/dayCount.js';
import type { InterestSegment, RoundingStep } from '../../interest/accrue.js';
import { COMPOUNDINGS, type Compounding, type CompoundingSegment } from '../../interest/termDeposit.js';
import { MATURITY_INSTRUCTIONS, TIME_DEPOSIT_CHANNELS, type MaturityInstruction } from './commands.js';
import { DateText, Count, IdText, DecimalText, closed, oneOfCodec } from '../../codecs/eventCodecs.js';
import { InterestSegmentCodec, RoundingStepCodec } from '../../codecs/interestCodecs.js';

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

const CompoundingSegmentCodec = closed(
  'compounding segment',
  { period: Count, months: Count, openingBalance: DecimalText, rate: DecimalText, dayCount: oneOfCodec<DayCount | 'months'>('day count or months', [...DAY_COUNTS, 'months']), yearFraction: t.string, interest: DecimalText, closingBalance: DecimalText },
  { from: DateText, to: DateText, days: Count },
);
const Settlement = closed('interest settlement', {
  interest: DecimalText, withholdingTaxPercent: DecimalText, withholdingTax: DecimalText, netInterest: DecimalText, accruedSettled: DecimalText,
  accrualTopUp: DecimalText, accrualRelease: DecimalText, principalPaidOut: DecimalText, interestPaidOut: DecimalText, interestCapitalised: DecimalText,
});

/** The schema registry of the time-deposit events: validated on write and on read. */
export const timeDepositEventSchemas: EventSchemas<TimeDepositEvent> = {
  TimeDepositPlaced: {
    version: 1,
    codec: closed('TimeDepositPlaced', {
      contractId: IdText, customerId: IdText, productCode: IdText, principal: DecimalText, termMonths: Count, rate: DecimalText, placedOn: DateText, maturityDate: DateText,
      maturityInstruction: oneOfCodec('maturity instruction', MATURITY_INSTRUCTIONS),
      channel: oneOfCodec('channel', TIME_DEPOSIT_CHANNELS),
    }),
  },
  TimeDepositInterestAccrued: {
    version: 1,
    codec: closed('TimeDepositInterestAccrued', { contractId: IdText, term: Count, from: DateText, to: DateText, interest: DecimalText, cumulative: DecimalText, segment: InterestSegmentCodec, rounding: RoundingStepCodec }),
  },
  TimeDepositMatured: {
    version: 1,
    codec: closed('TimeDepositMatured', {
      contractId: IdText, term: Count, maturityDate: DateText, on: DateText, principal: DecimalText, rate: DecimalText, compounding: oneOfCodec('compounding', COMPOUNDINGS),
      segments: t.readonlyArray(CompoundingSegmentCodec), rounding: RoundingStepCodec, settlement: Settlement, outcome: oneOfCodec<MaturityOutcome>('maturity outcome', ['paid_out', 'rolled_over', 'held']),
    }),
  },
  TimeDepositRolledOver: {
    version: 1,
    codec: closed('TimeDepositRolledOver', { contractId: IdText, term: Count, start: DateText, months: Count, rate: DecimalText, principal: DecimalText, maturityDate: DateText }),
  },
  TimeDepositWithdrawnEarly: {
    version: 1,
    codec: closed('TimeDepositWithdrawnEarly', {
      contractId: IdText, term: Count, on: DateText, kind: oneOfCodec<'full' | 'partial'>('withdrawal kind', ['full', 'partial']), withdrawn: DecimalText, remaining: DecimalText,
      demandRate: DecimalText, segments: t.readonlyArray(InterestSegmentCodec), rounding: RoundingStepCodec, settlement: Settlement, partialWithdrawals: Count,
    }),
  },
  TimeDepositWithdrawnAfterMaturity: {
    version: 1,
    codec: closed('TimeDepositWithdrawnAfterMaturity', {
      contractId: IdText, on: DateText, heldSince: DateText, balance: DecimalText, demandRate: DecimalText, segments: t.readonlyArray(InterestSegmentCodec), rounding: RoundingStepCodec, settlement: Settlement,
    }),
  },
};
