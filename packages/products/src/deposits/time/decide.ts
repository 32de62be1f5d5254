/**
 * `decide` of the time deposit: checks the command at run time, then against the product and the
 * state, and answers the events to record or a specific ProductsError. Pure: no clock, no ids.
 */
import { minorToDecimal } from '@ecoledger/ledger';
import * as E from 'fp-ts/lib/Either.js';
import { addMonths, type BusinessDate } from '../../calendar/businessDate.js';
import { ProductsError, isProductsError } from '../../errors.js';
import { principalOf } from '../../interest/input.js';
import { MAX_MATURITIES_PER_COMMAND } from '../../limits.js';
import { rateOn } from '../../rates/rateTable.js';
import { accrueThrough } from './accrual.js';
import { withdrawAfterMaturity } from './afterMaturity.js';
import { parseTimeDepositCommand, type ParsedTimeDepositCommand } from './commands.js';
import { withdrawEarly } from './earlyWithdrawal.js';
import { evolveTimeDeposit } from './evolve.js';
import type { TimeDepositEvent } from './events.js';
import { matureTerm } from './maturity.js';
import { offeredTerm, type TimeDepositProduct } from './product.js';
import type { TimeDepositState } from './state.js';

const notActive = (state: TimeDepositState): ProductsError => new ProductsError('deposit_not_active', `the deposit is ${state.status}`);

const place = (product: TimeDepositProduct, command: Extract<ParsedTimeDepositCommand, { readonly type: 'Place' }>, state: TimeDepositState): TimeDepositEvent[] => {
  if (state.status !== 'none') throw new ProductsError('deposit_already_placed', command.contractId, 'contractId');
  const principal = principalOf(command.principal, product.asset);
  const minimum = principalOf(product.minimumPrincipal, product.asset, 'minimumPrincipal');
  if (principal === 0n || principal < minimum) throw new ProductsError('principal_below_minimum', `${command.principal} < ${product.minimumPrincipal}`, 'principal');
  const term = offeredTerm(product, command.termMonths);
  if (term === undefined) throw new ProductsError('term_not_offered', `${command.termMonths} months`, 'termMonths');
  const data = {
    contractId: command.contractId,
    customerId: command.customerId,
    productCode: product.code,
    // One spelling per amount: "10000" is recorded as "10000.00".
    principal: minorToDecimal(principal, product.asset.scale),
    termMonths: command.termMonths,
    rate: rateOn(term.rates, command.placedOn),
    placedOn: command.placedOn,
    maturityDate: addMonths(command.placedOn, command.termMonths),
    maturityInstruction: command.maturityInstruction,
    channel: command.channel,
  };
  return [{ type: 'TimeDepositPlaced', data }];
};

/**
 * Every term maturing on or before `on`, in order (a late close of business catches up on
 * rollovers). A deposit already matured, or a term already rolled over, gives no events.
 */
const mature = (product: TimeDepositProduct, on: BusinessDate, state: TimeDepositState): TimeDepositEvent[] => {
  if (state.status === 'none' || (state.status === 'closed' && state.closedBy === 'early_withdrawal')) throw notActive(state);
  if (state.status !== 'active') return [];
  if (on < state.term.maturityDate) {
    // After a rollover the previous maturity was processed: repeating it is not an error.
    if (state.term.number > 1) return [];
    throw new ProductsError('not_yet_mature', `${on} is before the maturity date ${state.term.maturityDate}`, 'on');
  }
  const evolve = evolveTimeDeposit(product.asset);
  const events: TimeDepositEvent[] = [];
  let current: TimeDepositState = state;
  while (current.status === 'active' && current.term.maturityDate <= on) {
    if (events.length >= 2 * MAX_MATURITIES_PER_COMMAND) throw new ProductsError('maturity_backlog_too_long', `more than ${MAX_MATURITIES_PER_COMMAND} terms matured by ${on}`, 'on');
    for (const event of matureTerm(product, current.contract, current.term, on)) {
      events.push(event);
      current = evolve(current, event);
    }
  }
  return events;
};

const decideOrThrow = (product: TimeDepositProduct, input: unknown, state: TimeDepositState): TimeDepositEvent[] => {
  const command = parseTimeDepositCommand(input);
  switch (command.type) {
    case 'Place':
      return place(product, command, state);
    case 'Mature':
      return mature(product, command.on, state);
    case 'WithdrawEarly':
      if (state.status !== 'active') throw notActive(state);
      return [{ type: 'TimeDepositWithdrawnEarly', data: withdrawEarly(product, state.contract, state.term, command.on, command.amount) }];
    case 'WithdrawAfterMaturity':
      if (state.status !== 'held') throw new ProductsError('deposit_not_held', `the deposit is ${state.status}`);
      return [{ type: 'TimeDepositWithdrawnAfterMaturity', data: withdrawAfterMaturity(product, state.contract.contractId, state.balance, state.since, command.on) }];
    case 'AccrueInterest': {
      if (product.accountingBasis !== 'accrual') throw new ProductsError('accrual_basis_required', `product ${product.code} is on the ${product.accountingBasis} basis`);
      if (state.status === 'none') throw notActive(state);
      // Held or closed: nothing earns the contracted rate any more; a COB accrual run passes by.
      if (state.status !== 'active') return [];
      const accrued = accrueThrough(product, state.contract.contractId, state.term, command.through);
      return accrued === undefined ? [] : [{ type: 'TimeDepositInterestAccrued', data: accrued }];
    }
  }
};

/**
 * The decide function for one product. Bad input and refused commands are a Left with a specific
 * {@link ProductsError} code, and nothing is recorded; any other exception is a bug and is thrown.
 */
export const decideTimeDeposit =
  (product: TimeDepositProduct) =>
  (command: unknown, state: TimeDepositState): E.Either<ProductsError, readonly TimeDepositEvent[]> => {
    try {
      return E.right(decideOrThrow(product, command, state));
    } catch (error) {
      if (isProductsError(error)) return E.left(error);
      throw error;
    }
  };
