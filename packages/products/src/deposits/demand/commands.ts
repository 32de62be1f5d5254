/**
 * The commands of a demand-deposit account, as callers send them (JSON: amounts are decimal
 * strings, dates `YYYY-MM-DD`, instants ISO-8601 UTC), and their run-time parsing. The contract is
 * the stream: only `Open` names it. Every money command carries its value date `on` and the
 * instant `at` it was taken: the aggregate reads no clock.
 */
import type { Asset } from '@ecoledger/ledger';
import type { BusinessDate } from '../../calendar/businessDate.js';
import { ProductsError, describeValue } from '../../errors.js';
import { closedRecord } from '../../interest/input.js';
import { ACCOUNT_CLASSES, type AccountClass } from './classLimits.js';
import { choiceOf, dateOf, identifierOf, instantOf, positiveAmountOf } from '../../input/fields.js';

/**
 * Where a deposit comes from. `internal`: another of the customer's products at this bank (a time
 * deposit paid out, a wealth product redeemed), through internal clearing; like the bound account
 * it is not counted against class limits (PBoC counts money from and to other banks' unbound
 * accounts, cash and spending).
 */
export type MovementSource = 'cash' | 'bound_account' | 'unbound_account' | 'internal' | 'customer_account';
/*
 * `customer_account`: another customer's demand account at this bank (`counterpartyContractId`), a
 * transfer: the money leaves through internal clearing and `demandTransferReactor` deposits it in
 * the other account (or returns it). Counted against class limits like an unbound account.
 */
/** Where a withdrawal goes (`spending`: a card or QR payment to a merchant; `internal`: see {@link MovementSource}). */
export type MovementDestination = 'cash' | 'bound_account' | 'unbound_account' | 'spending' | 'internal' | 'customer_account';
/** Where the account was opened. */
export type Channel = 'app' | 'web' | 'branch' | 'partner-api';

/** The sources, destinations and channels, for validation. */
export const MOVEMENT_SOURCES: readonly MovementSource[] = Object.freeze(['cash', 'bound_account', 'unbound_account', 'internal', 'customer_account']);
export const MOVEMENT_DESTINATIONS: readonly MovementDestination[] = Object.freeze(['cash', 'bound_account', 'unbound_account', 'spending', 'internal', 'customer_account']);
export const CHANNELS: readonly Channel[] = Object.freeze(['app', 'web', 'branch', 'partner-api']);

/** Opens the account. Class II and III need `boundAccountId`, the customer's Class I account. */
export interface OpenCommand {
  readonly type: 'Open';
  readonly contractId: string;
  readonly customerId: string;
  readonly kycReference: string;
  readonly channel: Channel;
  readonly accountClass: AccountClass;
  readonly boundAccountId?: string;
  readonly openedOn: string;
  readonly at: string;
}
/** Money in. */
export interface DepositCommand {
  readonly type: 'Deposit';
  readonly amount: string;
  readonly source: MovementSource;
  /** With source `customer_account` (and only then): the paying demand account. */
  readonly counterpartyContractId?: string;
  readonly reference: string;
  readonly on: string;
  readonly at: string;
}
/** Money out (the ledger's guard, not the aggregate, decides whether the balance covers it). */
export interface WithdrawCommand {
  readonly type: 'Withdraw';
  readonly amount: string;
  readonly destination: MovementDestination;
  /** With destination `customer_account` (and only then): the receiving demand account. */
  readonly counterpartyContractId?: string;
  readonly reference: string;
  readonly on: string;
  readonly at: string;
}
/** A judicial freeze of `amount`, or of the whole account when `amount` is omitted. */
export interface FreezeCommand {
  readonly type: 'Freeze';
  readonly freezeId: string;
  readonly amount?: string;
  readonly authority: string;
  readonly reference: string;
  readonly at: string;
}
/** Lifts a freeze. */
export interface UnfreezeCommand {
  readonly type: 'Unfreeze';
  readonly freezeId: string;
  readonly at: string;
}
/** Close of business: accrue every day not yet accrued through `through` (and credit posting dates reached). */
export interface AccrueInterestCommand {
  readonly type: 'AccrueInterest';
  readonly through: string;
}
/** Credit the period's interest on a posting date (accruing through it first if needed). */
export interface PostInterestCommand {
  readonly type: 'PostInterest';
  readonly on: string;
}
/** Pays the interest up to the day before `on`, pays the whole balance out to `destination`, closes. */
export interface CloseCommand {
  readonly type: 'Close';
  readonly on: string;
  readonly at: string;
  readonly destination: MovementDestination;
  readonly reference: string;
}

/** Every command of a demand-deposit account. */
export type DemandDepositCommand =
  | OpenCommand
  | DepositCommand
  | WithdrawCommand
  | FreezeCommand
  | UnfreezeCommand
  | AccrueInterestCommand
  | PostInterestCommand
  | CloseCommand;

/** A command after run-time checks: dates typed, amounts in minor units. @internal */
export type ParsedCommand =
  | (Omit<OpenCommand, 'openedOn'> & { readonly openedOn: BusinessDate })
  | { readonly type: 'Deposit'; readonly amount: bigint; readonly source: MovementSource; readonly counterpartyContractId?: string; readonly reference: string; readonly on: BusinessDate; readonly at: string }
  | { readonly type: 'Withdraw'; readonly amount: bigint; readonly destination: MovementDestination; readonly counterpartyContractId?: string; readonly reference: string; readonly on: BusinessDate; readonly at: string }
  | { readonly type: 'Freeze'; readonly freezeId: string; readonly amount?: bigint; readonly authority: string; readonly reference: string; readonly at: string }
  | UnfreezeCommand
  | { readonly type: 'AccrueInterest'; readonly through: BusinessDate }
  | { readonly type: 'PostInterest'; readonly on: BusinessDate }
  | { readonly type: 'Close'; readonly on: BusinessDate; readonly at: string; readonly destination: MovementDestination; readonly reference: string };

/**
 * The other demand account of a transfer: required with `customer_account`, refused otherwise.
 * @throws ProductsError `counterparty_contract_invalid`, `identifier_invalid`.
 */
const counterpartyOf = (r: Readonly<Record<string, unknown>>, counterparty: MovementSource | MovementDestination): { readonly counterpartyContractId?: string } => {
  const given = r['counterpartyContractId'];
  if (counterparty !== 'customer_account') {
    if (given !== undefined) throw new ProductsError('counterparty_contract_invalid', `only a customer_account movement names another account`, 'counterpartyContractId');
    return {};
  }
  if (given === undefined) throw new ProductsError('counterparty_contract_invalid', 'a customer_account movement must name the other account', 'counterpartyContractId');
  return { counterpartyContractId: identifierOf(r, 'counterpartyContractId') };
};

/**
 * Checks an untyped command: known type, no unknown field, every field well formed.
 * @throws ProductsError with the specific code of the first bad field.
 */
export function parseCommand(command: unknown, asset: Asset): ParsedCommand {
  if (typeof command !== 'object' || command === null || Array.isArray(command)) throw new ProductsError('input_not_object', describeValue(command));
  const type = (command as Record<string, unknown>)['type'];
  switch (type) {
    case 'Open': {
      const r = closedRecord(command, ['type', 'contractId', 'customerId', 'kycReference', 'channel', 'accountClass', 'boundAccountId', 'openedOn', 'at']);
      return {
        type,
        contractId: identifierOf(r, 'contractId'),
        customerId: identifierOf(r, 'customerId'),
        kycReference: identifierOf(r, 'kycReference'),
        channel: choiceOf(r, 'channel', CHANNELS, 'channel_unknown'),
        accountClass: choiceOf(r, 'accountClass', ACCOUNT_CLASSES, 'account_class_unknown'),
        ...(r['boundAccountId'] === undefined ? {} : { boundAccountId: identifierOf(r, 'boundAccountId') }),
        openedOn: dateOf(r, 'openedOn'),
        at: instantOf(r, 'at'),
      };
    }
    case 'Deposit': {
      const r = closedRecord(command, ['type', 'amount', 'source', 'counterpartyContractId', 'reference', 'on', 'at']);
      const amount = positiveAmountOf(r, 'amount', asset);
      const source = choiceOf(r, 'source', MOVEMENT_SOURCES, 'movement_source_unknown');
      return { type, amount, source, ...counterpartyOf(r, source), reference: identifierOf(r, 'reference'), on: dateOf(r, 'on'), at: instantOf(r, 'at') };
    }
    case 'Withdraw': {
      const r = closedRecord(command, ['type', 'amount', 'destination', 'counterpartyContractId', 'reference', 'on', 'at']);
      const amount = positiveAmountOf(r, 'amount', asset);
      const destination = choiceOf(r, 'destination', MOVEMENT_DESTINATIONS, 'movement_destination_unknown');
      return { type, amount, destination, ...counterpartyOf(r, destination), reference: identifierOf(r, 'reference'), on: dateOf(r, 'on'), at: instantOf(r, 'at') };
    }
    case 'Freeze': {
      const r = closedRecord(command, ['type', 'freezeId', 'amount', 'authority', 'reference', 'at']);
      return {
        type,
        freezeId: identifierOf(r, 'freezeId'),
        ...(r['amount'] === undefined ? {} : { amount: positiveAmountOf(r, 'amount', asset) }),
        authority: identifierOf(r, 'authority'),
        reference: identifierOf(r, 'reference'),
        at: instantOf(r, 'at'),
      };
    }
    case 'Unfreeze': {
      const r = closedRecord(command, ['type', 'freezeId', 'at']);
      return { type, freezeId: identifierOf(r, 'freezeId'), at: instantOf(r, 'at') };
    }
    case 'AccrueInterest':
      return { type, through: dateOf(closedRecord(command, ['type', 'through']), 'through') };
    case 'PostInterest':
      return { type, on: dateOf(closedRecord(command, ['type', 'on']), 'on') };
    case 'Close': {
      const r = closedRecord(command, ['type', 'on', 'at', 'destination', 'reference']);
      return {
        type,
        on: dateOf(r, 'on'),
        at: instantOf(r, 'at'),
        destination: choiceOf(r, 'destination', MOVEMENT_DESTINATIONS, 'movement_destination_unknown'),
        reference: identifierOf(r, 'reference'),
      };
    }
    default:
      throw new ProductsError('command_unknown', describeValue(type), 'type');
  }
}
