/** The events of a loan's warning stream and their io-ts schemas (version 1 each). */
import * as t from 'io-ts';
import type { EventSchemas } from '@ecoledger/ledger';
import { IdText, InstantText, closed } from '../../codecs/eventCodecs.js';
import { TextCodec } from '../collateral/text.js';
import { EarlyWarningCodec } from './warning.js';

/** Streams of warnings start with this; a loan's warning stream is the prefix and its contract id. */
export const WARNING_STREAM_PREFIX = 'loan-warnings-';
/** The warning stream of loan `loanContractId`. */
export const warningStream = (loanContractId: string): string => `${WARNING_STREAM_PREFIX}${loanContractId}`;

const Acknowledged = closed('EarlyWarningAcknowledged', { loanContractId: IdText, warningId: IdText, by: IdText, note: TextCodec, at: InstantText });
const Resolved = closed('EarlyWarningResolved', { loanContractId: IdText, warningId: IdText, by: IdText, reason: TextCodec, at: InstantText });

/** Data of each event type. */
export type EarlyWarningRaisedData = t.TypeOf<typeof EarlyWarningCodec>;
export type EarlyWarningAcknowledgedData = t.TypeOf<typeof Acknowledged>;
export type EarlyWarningResolvedData = t.TypeOf<typeof Resolved>;

/** Every event of a warning stream. */
export type EarlyWarningEvent =
  | { readonly type: 'EarlyWarningRaised'; readonly data: EarlyWarningRaisedData }
  | { readonly type: 'EarlyWarningAcknowledged'; readonly data: EarlyWarningAcknowledgedData }
  | { readonly type: 'EarlyWarningResolved'; readonly data: EarlyWarningResolvedData };

/** The schema registry of the warning events: validated on write and on read. */
export const earlyWarningEventSchemas: EventSchemas<EarlyWarningEvent> = {
  EarlyWarningRaised: { version: 1, codec: EarlyWarningCodec },
  EarlyWarningAcknowledged: { version: 1, codec: Acknowledged },
  EarlyWarningResolved: { version: 1, codec: Resolved },
};
