/**
 * The deposit-specific invariants the scenario ends with, on top of the book's: every contract's
 * state (folded from its stream) equals its ledger account, no product hold is left pending,
 * internal clearing nets to zero, and a close of business run again for a date changes nothing.
 */
import { decimalToMinor, foldState, decodeEvent, type EventStore } from '@ecoledger/ledger';
import {
  contractAccountId,
  demandDepositDecider,
  demandDepositSchemas,
  depositBalance,
  DEMAND_DEPOSIT_PRODUCT,
  parseHoldReference,
  TIME_DEPOSIT_PRODUCT,
  timeDepositDecider,
  timeDepositEventSchemas,
  bankAccountId,
  type DemandDepositEvent,
  type TimeDepositEvent,
} from '@ecoledger/products';
import * as E from 'fp-ts/lib/Either.js';
import type { DepositBank } from './depositBank.js';
import { demandProduct, LEDGER, timeProduct } from './depositBank.js';
import type { DomainEvent, EventSchemas } from '@ecoledger/ledger';

const eventsOf = async <Event extends DomainEvent>(store: EventStore, stream: string, schemas: EventSchemas<Event>): Promise<Event[]> => {
  const events: Event[] = [];
  for (const recorded of await store.readStream(stream)) {
    if (!Object.hasOwn(schemas, recorded.type)) continue; // repair markers
    const decoded = decodeEvent(schemas, recorded);
    if (E.isLeft(decoded)) throw decoded.left;
    events.push(decoded.right);
  }
  return events;
};

const ledgerBalance = (bank: DepositBank, id: string): bigint => {
  const account = bank.book.account(id);
  return account === undefined ? 0n : decimalToMinor(account.balance, 2);
};

/** Checks the contracts of the run; returns the failures in words. */
export const checkDeposits = async (
  bank: DepositBank,
  contracts: { readonly demand: readonly { stream: string; contractId: string }[]; readonly time: readonly { stream: string; contractId: string }[] },
): Promise<string[]> => {
  const failures: string[] = [];
  const demand = demandDepositDecider(demandProduct);
  for (const { stream, contractId } of contracts.demand) {
    const state = foldState(demand, await eventsOf<DemandDepositEvent>(bank.store, stream, demandDepositSchemas));
    const ledger = ledgerBalance(bank, contractAccountId(DEMAND_DEPOSIT_PRODUCT, contractId, 'customer'));
    if (state.balance !== ledger) failures.push(`demand account ${contractId}: state ${state.balance} fen, ledger ${ledger} fen`);
  }
  const time = timeDepositDecider(timeProduct);
  for (const { stream, contractId } of contracts.time) {
    const state = foldState(time, await eventsOf<TimeDepositEvent>(bank.store, stream, timeDepositEventSchemas));
    const ledger = ledgerBalance(bank, contractAccountId(TIME_DEPOSIT_PRODUCT, contractId, 'customer'));
    if (depositBalance(state) !== ledger) failures.push(`time deposit ${contractId}: state ${depositBalance(state)} fen, ledger ${ledger} fen`);
  }
  let after: string | undefined;
  do {
    const page = bank.book.openHoldsPage(after === undefined ? { limit: 1000 } : { limit: 1000, after });
    for (const hold of page.items) if (parseHoldReference(hold.userData) !== undefined) failures.push(`product hold ${hold.id} is still pending`);
    after = page.nextCursor;
  } while (after !== undefined);
  const clearing = ledgerBalance(bank, bankAccountId(LEDGER, 'internal-clearing'));
  if (clearing !== 0n) failures.push(`internal clearing does not net to zero: ${clearing} fen`);
  return failures;
};
