/**
 * `evolve` of the time deposit: folds one event into the state. Total and pure: it trusts the
 * events (they were decided against this state and validated on write and read) and leaves the
 * state unchanged for an event that cannot follow it.
 */
import { decimalToMinor, type Asset } from '@ecoledger/ledger';
import type { TimeDepositEvent } from './events.js';
import type { TimeDepositState } from './state.js';

/** The evolve function for deposits counted in `asset`. */
export const evolveTimeDeposit =
  (asset: Asset) =>
  (state: TimeDepositState, event: TimeDepositEvent): TimeDepositState => {
    const minor = (text: string): bigint => decimalToMinor(text, asset.scale);
    switch (event.type) {
      case 'TimeDepositPlaced': {
        const d = event.data;
        if (state.status !== 'none') return state;
        return {
          status: 'active',
          contract: { contractId: d.contractId, customerId: d.customerId, maturityInstruction: d.maturityInstruction },
          term: { number: 1, start: d.placedOn, months: d.termMonths, rate: d.rate, maturityDate: d.maturityDate, principal: minor(d.principal), partialWithdrawals: 0, accruedTo: d.placedOn, accrued: 0n },
        };
      }
      case 'TimeDepositInterestAccrued':
        if (state.status !== 'active') return state;
        return { ...state, term: { ...state.term, accruedTo: event.data.to, accrued: state.term.accrued + minor(event.data.interest) } };
      case 'TimeDepositMatured': {
        if (state.status !== 'active') return state;
        const { outcome, on, settlement } = event.data;
        if (outcome === 'paid_out') return { status: 'closed', contract: state.contract, term: state.term, closedBy: 'maturity', on };
        if (outcome === 'held') {
          return { status: 'held', contract: state.contract, term: state.term, balance: state.term.principal + minor(settlement.interestCapitalised), since: state.term.maturityDate };
        }
        // Rolled over: the next event opens the new term.
        return state;
      }
      case 'TimeDepositRolledOver': {
        if (state.status !== 'active') return state;
        const d = event.data;
        return {
          ...state,
          term: { number: d.term, start: d.start, months: d.months, rate: d.rate, maturityDate: d.maturityDate, principal: minor(d.principal), partialWithdrawals: 0, accruedTo: d.start, accrued: 0n },
        };
      }
      case 'TimeDepositWithdrawnEarly': {
        if (state.status !== 'active') return state;
        const d = event.data;
        if (d.kind === 'full') return { status: 'closed', contract: state.contract, term: state.term, closedBy: 'early_withdrawal', on: d.on };
        return {
          ...state,
          term: { ...state.term, principal: minor(d.remaining), partialWithdrawals: d.partialWithdrawals, accrued: state.term.accrued - minor(d.settlement.accruedSettled) },
        };
      }
      case 'TimeDepositWithdrawnAfterMaturity':
        if (state.status !== 'held') return state;
        return { status: 'closed', contract: state.contract, term: state.term, closedBy: 'withdrawal_after_maturity', on: event.data.on };
    }
  };
