/**
 * The events of a pledged collateral and their io-ts schemas (version 1 each). Valuations are
 * canonical decimal strings of the loan's asset; every event names its loan, so that a read model
 * or the early-warning processor needs no other stream to place it.
 */
import * as t from 'io-ts';
import type { EventSchemas } from '@ecoledger/ledger';
import { DateText, DecimalText, IdText, closed, oneOfCodec } from '../../codecs/eventCodecs.js';
import { COLLATERAL_KINDS } from './commands.js';
import { TextCodec } from './text.js';

/** Streams of collaterals start with this; a collateral's stream is the prefix and its id. */
export const COLLATERAL_STREAM_PREFIX = 'loan-collateral-';
/** The stream of collateral `collateralId`. */
export const collateralStream = (collateralId: string): string => `${COLLATERAL_STREAM_PREFIX}${collateralId}`;

const Pledged = closed('CollateralPledged', {
  collateralId: IdText,
  loanContractId: IdText,
  kind: oneOfCodec('collateral kind', COLLATERAL_KINDS),
  description: TextCodec,
  valuation: DecimalText,
  valuedOn: DateText,
  valuer: IdText,
  haircutPercent: DecimalText,
});
const Revalued = closed('CollateralRevalued', {
  collateralId: IdText,
  loanContractId: IdText,
  previousValuation: DecimalText,
  valuation: DecimalText,
  valuedOn: DateText,
  valuer: IdText,
  reason: TextCodec,
  /** The pledge's haircut, repeated so that the event alone gives the value counted on. */
  haircutPercent: DecimalText,
});
const Released = closed('CollateralReleased', { collateralId: IdText, loanContractId: IdText, on: DateText, reason: TextCodec });

/** Data of each event type. */
export type CollateralPledgedData = t.TypeOf<typeof Pledged>;
export type CollateralRevaluedData = t.TypeOf<typeof Revalued>;
export type CollateralReleasedData = t.TypeOf<typeof Released>;

/** Every event of a collateral. */
export type CollateralEvent =
  | { readonly type: 'CollateralPledged'; readonly data: CollateralPledgedData }
  | { readonly type: 'CollateralRevalued'; readonly data: CollateralRevaluedData }
  | { readonly type: 'CollateralReleased'; readonly data: CollateralReleasedData };

/** The schema registry of the collateral events: validated on write and on read. */
export const collateralEventSchemas: EventSchemas<CollateralEvent> = {
  CollateralPledged: { version: 1, codec: Pledged },
  CollateralRevalued: { version: 1, codec: Revalued },
  CollateralReleased: { version: 1, codec: Released },
};
