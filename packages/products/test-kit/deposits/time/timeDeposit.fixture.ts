/** Fixtures for the time-deposit tests: a product, commands, folding, and the ledger's view of the deposit account. */
import { decimalToMinor, foldState } from '@ecoledger/ledger';
import { runAccepted } from '../../runCommands.js';
import { timeDepositDecider } from '../../../src/deposits/time/decider.js';
import type { TimeDepositEvent } from '../../../src/deposits/time/events.js';
import { timeDepositLedgerEffects, type TimeDepositRole } from '../../../src/deposits/time/postingRules.js';
import { timeDepositProduct, type TimeDepositProduct } from '../../../src/deposits/time/product.js';
import type { TimeDepositState } from '../../../src/deposits/time/state.js';

/** A CNY product: 3/6/12/24/36/60 months at 1.10..1.95 % (12 months 1.75 %), demand 0.35 %, ACT/365, simple, half-up. */
export const productInput = {
  code: 'TD-CNY',
  ledger: 'bank-cny',
  depositAccountCode: 2012,
  terms: [
    { months: 3, rates: [{ from: '2020-01-01', ratePercent: '1.10' }] },
    { months: 6, rates: [{ from: '2020-01-01', ratePercent: '1.30' }] },
    { months: 12, rates: [{ from: '2020-01-01', ratePercent: '1.75' }, { from: '2027-01-01', ratePercent: '1.50' }] },
    { months: 24, rates: [{ from: '2020-01-01', ratePercent: '2.25' }] },
    { months: 36, rates: [{ from: '2020-01-01', ratePercent: '2.75' }] },
    { months: 60, rates: [{ from: '2020-01-01', ratePercent: '2.75' }] },
  ],
  demandRates: [{ from: '2020-01-01', ratePercent: '0.35' }],
  dayCount: 'ACT/365',
  minimumPrincipal: '50.00',
  minimumRemainingPrincipal: '50.00',
  maxPartialWithdrawals: 1,
  accountingBasis: 'cash',
  transferCodes: { place: 3101, interest: 3102, payout: 3103, withholding: 3104 },
} as const;

/** The product with `overrides` applied. */
export const testProduct = (overrides: Record<string, unknown> = {}): TimeDepositProduct => timeDepositProduct({ ...productInput, ...overrides });

/** A Place command for contract `td-1`: 10,000.00 for 12 months from 2026-01-01, paid out at maturity. */
export const placeCommand = (overrides: Record<string, unknown> = {}) => ({
  type: 'Place',
  contractId: 'td-1',
  customerId: 'cust-1',
  principal: '10000.00',
  termMonths: 12,
  maturityInstruction: 'payout',
  placedOn: '2026-01-01',
  channel: 'app',
  ...overrides,
}) as const;

/** Decides `commands` one after another from nothing; throws on the first refusal. Returns all events and the final state. */
export const run = (product: TimeDepositProduct, commands: readonly unknown[]): { events: TimeDepositEvent[]; state: TimeDepositState } =>
  runAccepted(timeDepositDecider(product), commands as never[]);

/** The state rebuilt from the events alone (replay). */
export const replay = (product: TimeDepositProduct, events: readonly TimeDepositEvent[]): TimeDepositState => foldState(timeDepositDecider(product), events);

/** Every role resolves to `role:<name>`, the deposit to `deposit:<contractId>`. */
export const resolveRole = (role: TimeDepositRole, event: TimeDepositEvent): string => (role === 'deposit' ? `deposit:${event.data.contractId}` : `role:${role}`);

/** Net credits minus debits per account (minor units), over the postings of `events`. */
export const ledgerBalances = (product: TimeDepositProduct, events: readonly TimeDepositEvent[]): Map<string, bigint> => {
  const balances = new Map<string, bigint>();
  const move = (id: string, amount: bigint): void => void balances.set(id, (balances.get(id) ?? 0n) + amount);
  for (const event of events) {
    for (const posting of timeDepositLedgerEffects(product, event, resolveRole).postings) {
      const minor = decimalToMinor(posting.amount, product.asset.scale);
      move(posting.creditAccountId, minor);
      move(posting.debitAccountId, -minor);
    }
  }
  return balances;
};
