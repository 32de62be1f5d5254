/**
 * A borrower's reserved and drawn internet consumer exposure, kept in one stream per borrower
 * (`loan-borrower-<borrowerId>`): the single writer of the figures the consumer cap is checked
 * against. A credit decision reserves its limit there with the outstanding it read as its basis;
 * the stream's optimistic concurrency (and the basis check) make two concurrent decisions for one
 * borrower serialize: the later one is told its basis is stale and decides again. Disbursement,
 * repayment, write-off, closure and decline only settle a loan's figures downwards.
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { minorToDecimal, type Asset, type Decider, type EventSchemas } from '@ecoledger/ledger';
import { DecimalText, IdText, closed } from '../codecs/eventCodecs.js';
import { ProductsError, isProductsError } from '../errors.js';
import { identifierOf, positiveAmountOf } from '../input/fields.js';
import { closedRecord, principalOf, requiredString } from '../interest/input.js';
import { MAX_EXPOSURE_CONTRACTS } from '../limits.js';

/** Reserves a decision's limit for a contract; `basis` is the borrower's exposure without it, as read. */
export interface ReserveExposure {
  readonly type: 'Reserve';
  readonly contractId: string;
  readonly amount: string;
  readonly basis: string;
  readonly cap: string;
}
/** Sets a contract's reserved (undrawn) and drawn figures; their sum may only fall. */
export interface SettleExposure {
  readonly type: 'Settle';
  readonly contractId: string;
  readonly reserved: string;
  readonly drawn: string;
}
/** Every command of a borrower exposure stream. */
export type ExposureCommand = ReserveExposure | SettleExposure;

const Reserved = closed('ExposureReserved', { contractId: IdText, amount: DecimalText, basis: DecimalText, cap: DecimalText });
const Settled = closed('ExposureSettled', { contractId: IdText, reserved: DecimalText, drawn: DecimalText });
/** Every event of a borrower exposure stream. */
export type ExposureEvent = { readonly type: 'ExposureReserved'; readonly data: t.TypeOf<typeof Reserved> } | { readonly type: 'ExposureSettled'; readonly data: t.TypeOf<typeof Settled> };
/** Schemas of the exposure events (version 1). */
export const exposureEventSchemas: EventSchemas<ExposureEvent> = { ExposureReserved: { version: 1, codec: Reserved }, ExposureSettled: { version: 1, codec: Settled } };

/** One contract's figures, minor units. */
export interface ContractExposure {
  readonly reserved: bigint;
  readonly drawn: bigint;
}
/** The borrower's figures by contract. */
export type ExposureState = Readonly<Record<string, ContractExposure>>;

/** Reserved + drawn over every contract but `except`, minor units. */
export const exposureTotal = (state: ExposureState, except?: string): bigint =>
  Object.entries(state).reduce((sum, [id, c]) => (id === except ? sum : sum + c.reserved + c.drawn), 0n);

/** The stream of a borrower's exposure. */
export const exposureStreamOf = (prefix: string, borrowerId: string): string => `${prefix}borrower-${borrowerId}`;

const decide = (asset: Asset) => (command: ExposureCommand, state: ExposureState): E.Either<ProductsError, readonly ExposureEvent[]> => {
  try {
    const text = (minor: bigint): string => minorToDecimal(minor, asset.scale);
    const type = (command as { type?: unknown }).type;
    if (type === 'Reserve') {
      const r = closedRecord(command, ['type', 'contractId', 'amount', 'basis', 'cap']);
      const contractId = identifierOf(r, 'contractId');
      const amount = positiveAmountOf(r, 'amount', asset);
      const basis = principalOf(requiredString(r, 'basis'), asset, 'basis');
      const cap = principalOf(requiredString(r, 'cap'), asset, 'cap');
      const now = exposureTotal(state, contractId);
      if (now !== basis) throw new ProductsError('exposure_basis_stale', `decided on ${text(basis)}, now ${text(now)}`, 'basis');
      if (basis + amount > cap) throw new ProductsError('consumer_credit_cap_exceeded', `${text(basis)} + ${text(amount)} > ${text(cap)}`, 'amount');
      if (state[contractId] === undefined && Object.keys(state).length >= MAX_EXPOSURE_CONTRACTS) throw new ProductsError('count_invalid', `more than ${MAX_EXPOSURE_CONTRACTS} loans`, 'contractId');
      return E.right([{ type: 'ExposureReserved', data: { contractId, amount: text(amount), basis: text(basis), cap: text(cap) } }]);
    }
    if (type === 'Settle') {
      const r = closedRecord(command, ['type', 'contractId', 'reserved', 'drawn']);
      const contractId = identifierOf(r, 'contractId');
      const reserved = principalOf(requiredString(r, 'reserved'), asset, 'reserved');
      const drawn = principalOf(requiredString(r, 'drawn'), asset, 'drawn');
      const before = state[contractId] ?? { reserved: 0n, drawn: 0n };
      if (before.reserved === reserved && before.drawn === drawn) return E.right([]);
      if (reserved + drawn > before.reserved + before.drawn) throw new ProductsError('exposure_settlement_invalid', `${text(reserved + drawn)} > ${text(before.reserved + before.drawn)}`, 'drawn');
      return E.right([{ type: 'ExposureSettled', data: { contractId, reserved: text(reserved), drawn: text(drawn) } }]);
    }
    throw new ProductsError('command_unknown', String(type).slice(0, 40), 'type');
  } catch (error) {
    if (isProductsError(error)) return E.left(error);
    throw error;
  }
};

/** The decider of a borrower's exposure stream, amounts in `asset`. */
export const exposureDecider = (asset: Asset): Decider<ExposureCommand, ExposureEvent, ExposureState, ProductsError> => ({
  initialState: () => ({}),
  decide: decide(asset),
  evolve: (state, event) => {
    const m = (text: string): bigint => principalOf(text, asset, 'amount');
    const { contractId } = event.data;
    const next = event.type === 'ExposureReserved' ? { reserved: m(event.data.amount), drawn: 0n } : { reserved: m(event.data.reserved), drawn: m(event.data.drawn) };
    const { [contractId]: _gone, ...others } = state;
    return next.reserved + next.drawn === 0n ? others : { ...others, [contractId]: next };
  },
});
