/**
 * The commands of a time deposit. Amounts are decimal strings, dates `YYYY-MM-DD` value dates:
 * the aggregate reads no clock, so every date arrives in its command. {@link parseTimeDepositCommand}
 * checks an untyped command at run time; `decide` calls it before anything else.
 */
import type { Channel } from '@ecoledger/ledger';
import type { BusinessDate } from '../../calendar/businessDate.js';
import { ProductsError, describeValue } from '../../errors.js';
import { closedRecord, optionalString, requiredString } from '../../interest/input.js';
import { MAX_TERM_MONTHS } from '../../limits.js';
import { choiceOf, dateOf, identifierOf, integerOf } from '../../input/fields.js';

/**
 * What happens at maturity: pay principal and interest out; roll the principal over (interest paid
 * out) or principal and interest (interest capitalised) into a new term at the rate posted on the
 * maturity date; or hold the money, earning the demand rate, until the customer withdraws it.
 */
export type MaturityInstruction = 'payout' | 'rollover_principal' | 'rollover_principal_and_interest' | 'hold_at_maturity';

/** Every maturity instruction, for validation. */
export const MATURITY_INSTRUCTIONS: readonly MaturityInstruction[] = Object.freeze(['payout', 'rollover_principal', 'rollover_principal_and_interest', 'hold_at_maturity']);

/** The channels a time deposit may be placed through (every ledger channel), for validation and its event schema. */
export const TIME_DEPOSIT_CHANNELS: readonly Channel[] = Object.freeze(['app', 'web', 'branch', 'partner-api', 'batch', 'system']);

/** Open the deposit: money arrives from the funding account; the rate is the term's rate posted on `placedOn`. */
export interface PlaceTimeDeposit {
  readonly type: 'Place';
  readonly contractId: string;
  readonly customerId: string;
  readonly principal: string;
  readonly termMonths: number;
  readonly maturityInstruction: MaturityInstruction;
  readonly placedOn: string;
  readonly channel: Channel;
}

/** Close of business on or after the maturity date: pay out, roll over or hold. Idempotent. */
export interface MatureTimeDeposit {
  readonly type: 'Mature';
  readonly on: string;
}

/** Break the deposit before maturity, wholly (`amount` omitted or the whole principal) or in part. */
export interface WithdrawTimeDepositEarly {
  readonly type: 'WithdrawEarly';
  readonly on: string;
  readonly amount?: string;
}

/** Withdraw money held past maturity (`hold_at_maturity`), with demand interest since maturity. */
export interface WithdrawTimeDepositAfterMaturity {
  readonly type: 'WithdrawAfterMaturity';
  readonly on: string;
}

/** Accrual basis: record interest earned at the contracted rate through the end of `through`. Idempotent per date. */
export interface AccrueTimeDepositInterest {
  readonly type: 'AccrueInterest';
  /** The last day that earns interest in this accrual (the close-of-business date). */
  readonly through: string;
}

/** Any time-deposit command. */
export type TimeDepositCommand = PlaceTimeDeposit | MatureTimeDeposit | WithdrawTimeDepositEarly | WithdrawTimeDepositAfterMaturity | AccrueTimeDepositInterest;

/** A command after {@link parseTimeDepositCommand}: its dates checked and typed. */
export type ParsedTimeDepositCommand = {
  [C in TimeDepositCommand as C['type']]: { readonly [K in keyof C]: K extends 'on' | 'through' | 'placedOn' ? BusinessDate : C[K] };
}[TimeDepositCommand['type']];

/**
 * Checks an untyped command: its `type`, its fields (unknown ones refused), ids, dates and the
 * shape of amounts (their value against the product and state is `decide`'s job).
 * @throws ProductsError `command_unknown` and the field codes.
 */
export function parseTimeDepositCommand(input: unknown): ParsedTimeDepositCommand {
  const type = closedRecord(input, ['type', 'contractId', 'customerId', 'principal', 'termMonths', 'maturityInstruction', 'placedOn', 'channel', 'on', 'amount', 'through'])['type'];
  switch (type) {
    case 'Place': {
      const record = closedRecord(input, ['type', 'contractId', 'customerId', 'principal', 'termMonths', 'maturityInstruction', 'placedOn', 'channel']);
      return {
        type,
        contractId: identifierOf(record, 'contractId'),
        customerId: identifierOf(record, 'customerId'),
        principal: requiredString(record, 'principal'),
        termMonths: integerOf(record['termMonths'], 'termMonths', 1, MAX_TERM_MONTHS),
        maturityInstruction: choiceOf(record, 'maturityInstruction', MATURITY_INSTRUCTIONS, 'maturity_instruction_unknown'),
        placedOn: dateOf(record, 'placedOn'),
        channel: choiceOf(record, 'channel', TIME_DEPOSIT_CHANNELS, 'channel_unknown'),
      };
    }
    case 'Mature':
    case 'WithdrawAfterMaturity':
      return { type, on: dateOf(closedRecord(input, ['type', 'on']), 'on') };
    case 'WithdrawEarly': {
      const record = closedRecord(input, ['type', 'on', 'amount']);
      const amount = optionalString(record, 'amount');
      return { type, on: dateOf(record, 'on'), ...(amount === undefined ? {} : { amount }) };
    }
    case 'AccrueInterest':
      return { type, through: dateOf(closedRecord(input, ['type', 'through']), 'through') };
    default:
      throw new ProductsError('command_unknown', describeValue(type), 'type');
  }
}
