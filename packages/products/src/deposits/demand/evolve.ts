/**
 * Folds one event into the state. Pure and total over valid events: it trusts the event (it was
 * decided and schema-checked) and recomputes nothing the event already states.
 */
import { decimalToMinor } from '@ecoledger/ledger';
import { addDays, type BusinessDate } from '../../calendar/businessDate.js';
import { afterAccrued, afterPosted, withBalanceDelta } from './accrual.js';
import { countMovement, isCountedCounterparty } from './classLimits.js';
import type { DemandDepositEvent } from './events.js';
import type { DemandDepositProduct } from './product.js';
import type { DemandDepositState } from './state.js';

const moved = (product: DemandDepositProduct, state: DemandDepositState, on: BusinessDate, delta: bigint, direction: 'in' | 'out', counted: boolean): DemandDepositState => ({
  ...state,
  balance: state.balance + delta,
  lastActivity: on,
  usage: countMovement(state.usage, { on, direction, amount: delta < 0n ? -delta : delta, counted, balanceAfter: state.balance + delta }),
  accrual: withBalanceDelta(state.accrual, on, delta),
});

/** The state after `event`, for the product the account was opened under. */
export const evolveDemandDeposit =
  (product: DemandDepositProduct) =>
  (state: DemandDepositState, event: DemandDepositEvent): DemandDepositState => {
    const { scale } = product.asset;
    switch (event.type) {
      case 'DemandDepositOpened': {
        const openedOn = event.data.openedOn as BusinessDate;
        return {
          ...state,
          status: 'open',
          contractId: event.data.contractId,
          accountClass: event.data.accountClass,
          boundAccountId: event.data.boundAccountId,
          lastActivity: openedOn,
          // The opening day is the first day that earns interest, on its end-of-day balance.
          accrual: { ...state.accrual, lastAccrued: addDays(openedOn, -1), periodStart: openedOn },
        };
      }
      case 'DepositMade':
        return moved(product, state, event.data.on as BusinessDate, decimalToMinor(event.data.amount, scale), 'in', isCountedCounterparty(event.data.source));
      case 'WithdrawalMade':
        return moved(product, state, event.data.on as BusinessDate, -decimalToMinor(event.data.amount, scale), 'out', isCountedCounterparty(event.data.destination));
      case 'FundsFrozen':
        return {
          ...state,
          freezes: [...state.freezes, { freezeId: event.data.freezeId, amount: event.data.amount === undefined ? undefined : decimalToMinor(event.data.amount, scale) }],
        };
      case 'FundsUnfrozen':
        return { ...state, freezes: state.freezes.filter((f) => f.freezeId !== event.data.freezeId) };
      case 'InterestAccrued':
        return { ...state, accrual: afterAccrued(product, state.accrual, event.data) };
      case 'InterestPosted':
        // Interest paid out at close never reaches the balance.
        return {
          ...state,
          balance: event.data.paidTo === undefined ? state.balance + decimalToMinor(event.data.net, scale) : state.balance,
          accrual: afterPosted(product, state.accrual, event.data),
        };
      case 'DemandDepositClosed':
        return { ...state, status: 'closed', lastActivity: event.data.on as BusinessDate };
    }
  };
