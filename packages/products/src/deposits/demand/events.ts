/**
 * The events of a demand-deposit account and their io-ts schemas (version 1 each). Event data is
 * plain JSON: amounts are decimal strings of the asset's major unit, exact interest is a fraction
 * of minor units as digit strings, dates `YYYY-MM-DD`. Every interest event carries its
 * explanation: the segments it was computed from and its one rounding step.
 */
import * as t from 'io-ts';
import type { EventSchemas } from '@ecoledger/ledger';
import { DateText, DigitsText, IdText, InstantText, DecimalText, PositiveDigitsText, closed, oneOfCodec } from '../../codecs/eventCodecs.js';
import { ACCOUNT_CLASSES } from './classLimits.js';
import { CHANNELS, MOVEMENT_DESTINATIONS, MOVEMENT_SOURCES } from './commands.js';
import { InterestSegmentCodec, RoundingStepCodec } from '../../codecs/interestCodecs.js';
import { withFastPath } from '../../codecs/fastPath.js';
import { isInterestAccruedData } from './accruedFastCheck.js';

const Channel = oneOfCodec('channel', CHANNELS);
const AccountClassCodec = oneOfCodec('account class', ACCOUNT_CLASSES);
const Source = oneOfCodec('movement source', MOVEMENT_SOURCES);
const Destination = oneOfCodec('movement destination', MOVEMENT_DESTINATIONS);

/** An exact non-negative fraction of minor units. */
export const RatioCodec = closed('Ratio', { num: DigitsText, den: PositiveDigitsText });

const Opened = closed(
  'DemandDepositOpened',
  { contractId: IdText, productCode: IdText, customerId: IdText, kycReference: IdText, channel: Channel, accountClass: AccountClassCodec, openedOn: DateText, at: InstantText },
  { boundAccountId: IdText },
);
const Deposited = closed('DepositMade', { contractId: IdText, amount: DecimalText, source: Source, reference: IdText, on: DateText, at: InstantText }, { counterpartyContractId: IdText });
const Withdrawn = closed('WithdrawalMade', { contractId: IdText, amount: DecimalText, destination: Destination, reference: IdText, on: DateText, at: InstantText }, { counterpartyContractId: IdText });
const Frozen = closed('FundsFrozen', { contractId: IdText, freezeId: IdText, authority: IdText, reference: IdText, at: InstantText }, { amount: DecimalText });
const Unfrozen = closed('FundsUnfrozen', { contractId: IdText, freezeId: IdText, at: InstantText });
const AccruedCodec = closed('InterestAccrued', {
  contractId: IdText,
  /** First and last day accrued by this event (both included). */
  from: DateText,
  through: DateText,
  segments: t.array(InterestSegmentCodec),
  /** The period's exact interest so far, in minor units (cumulative since the last posting). */
  periodInterest: RatioCodec,
  /** Rounding of `periodInterest` to the minor unit. */
  rounding: RoundingStepCodec,
  /** What the ledger receives today under the accrual basis: rounded cumulative minus already posted. */
  ledgerAmount: DecimalText,
});
// The hot event of close of business: a hand-written check in front of the codec (accruedFastCheck.ts).
const Accrued = withFastPath(AccruedCodec, isInterestAccruedData);
/** `InterestAccrued`'s codec without its fast path: the reference its fast check is tested against. @internal */
export const InterestAccruedCodecWithoutFastPath = AccruedCodec;
const Posted = closed(
  'InterestPosted',
  {
    contractId: IdText,
    /** The value date of the credit. */
    on: DateText,
    /** The period credited (both days included). */
    periodFrom: DateText,
    periodThrough: DateText,
    segments: t.array(InterestSegmentCodec),
    /** The period's exact interest rounded once, with the product's mode: `rounded` is the gross. */
    rounding: RoundingStepCodec,
    gross: DecimalText,
    tax: DecimalText,
    net: DecimalText,
  },
  {
    taxPercent: DecimalText,
    taxRounding: RoundingStepCodec,
    /**
     * At close: the net interest is paid straight to where the balance goes, not credited to the
     * account first (a credit and a debit of one account in one command would make the ledger's
     * guard see only the debit, since both are held before either is posted).
     */
    paidTo: Destination,
  },
);
const Closed = closed('DemandDepositClosed', { contractId: IdText, on: DateText, at: InstantText });

/** Data of each event type. */
export type DemandDepositOpenedData = t.TypeOf<typeof Opened>;
export type DepositMadeData = t.TypeOf<typeof Deposited>;
export type WithdrawalMadeData = t.TypeOf<typeof Withdrawn>;
export type FundsFrozenData = t.TypeOf<typeof Frozen>;
export type FundsUnfrozenData = t.TypeOf<typeof Unfrozen>;
export type InterestAccruedData = t.TypeOf<typeof Accrued>;
export type InterestPostedData = t.TypeOf<typeof Posted>;
export type DemandDepositClosedData = t.TypeOf<typeof Closed>;

/** Every event of a demand-deposit account. */
export type DemandDepositEvent =
  | { readonly type: 'DemandDepositOpened'; readonly data: DemandDepositOpenedData }
  | { readonly type: 'DepositMade'; readonly data: DepositMadeData }
  | { readonly type: 'WithdrawalMade'; readonly data: WithdrawalMadeData }
  | { readonly type: 'FundsFrozen'; readonly data: FundsFrozenData }
  | { readonly type: 'FundsUnfrozen'; readonly data: FundsUnfrozenData }
  | { readonly type: 'InterestAccrued'; readonly data: InterestAccruedData }
  | { readonly type: 'InterestPosted'; readonly data: InterestPostedData }
  | { readonly type: 'DemandDepositClosed'; readonly data: DemandDepositClosedData };

/** The schema registry of the demand-deposit events: validated on write and on read. */
export const demandDepositSchemas: EventSchemas<DemandDepositEvent> = {
  DemandDepositOpened: { version: 1, codec: Opened },
  DepositMade: { version: 1, codec: Deposited },
  WithdrawalMade: { version: 1, codec: Withdrawn },
  FundsFrozen: { version: 1, codec: Frozen },
  FundsUnfrozen: { version: 1, codec: Unfrozen },
  InterestAccrued: { version: 1, codec: Accrued },
  InterestPosted: { version: 1, codec: Posted },
  DemandDepositClosed: { version: 1, codec: Closed },
};
