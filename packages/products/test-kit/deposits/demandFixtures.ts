/** Fixtures of the demand-deposit tests: a product, commands, and histories made by the real decider. */
import { runAccepted } from '../runCommands.js';
import { demandDepositDecider, type DemandDepositDecider } from '../../src/deposits/demand/decider.js';
import type { DemandDepositCommand, MovementDestination, MovementSource, OpenCommand } from '../../src/deposits/demand/commands.js';
import type { DemandDepositEvent } from '../../src/deposits/demand/events.js';
import type { DemandRoleResolver } from '../../src/deposits/demand/postingRules.js';
import { demandDepositProduct, type DemandDepositProduct, type DemandDepositProductInput } from '../../src/deposits/demand/product.js';
import type { DemandDepositState } from '../../src/deposits/demand/state.js';

/** A CNY demand product: 0.36 % ACT/360, credited quarterly on the 20th, accrual basis. */
export const demandProductInput: DemandDepositProductInput = {
  code: 'DD-CNY-01',
  rates: [{ from: '2000-01-01', ratePercent: '0.36' }],
  dayCount: 'ACT/360',
  postingSchedule: { frequency: 'quarterly', day: 20 },
  accountingBasis: 'accrual',
  ledger: 'CNY',
  customerAccountCode: 2011,
  transferCodes: { deposit: 3101, withdrawal: 3102, interestAccrual: 3103, interestPayment: 3104, withholdingTax: 3105 },
};

/** The product, with overrides. */
export const demandProduct = (overrides: Partial<DemandDepositProductInput> = {}): DemandDepositProduct =>
  demandDepositProduct({ ...demandProductInput, ...overrides });

/** The instant every fixture command is taken at (the aggregate does not compare instants). */
export const AT = '2026-01-05T09:30:00.000Z';

/** An Open command (Class I unless overridden). */
export const openCommand = (overrides: Partial<OpenCommand> = {}): OpenCommand => ({
  type: 'Open',
  contractId: 'dd-1',
  customerId: 'cust-1',
  kycReference: 'kyc-1',
  channel: 'app',
  accountClass: 'I',
  openedOn: '2025-12-21',
  at: AT,
  ...overrides,
});

/** Opens a Class II/III account bound to a Class I account. */
export const openBound = (accountClass: 'II' | 'III', openedOn = '2025-12-21'): OpenCommand =>
  openCommand({ accountClass, boundAccountId: 'class-i-1', openedOn });

/** A deposit. */
export const deposit = (amount: string, on: string, source: MovementSource = 'cash', reference = `dep-${on}-${amount}`): DemandDepositCommand => ({
  type: 'Deposit',
  amount,
  source,
  reference,
  on,
  at: AT,
});

/** A withdrawal. */
export const withdraw = (
  amount: string,
  on: string,
  destination: MovementDestination = 'cash',
  reference = `wd-${on}-${amount}`,
): DemandDepositCommand => ({ type: 'Withdraw', amount, destination, reference, on, at: AT });

/** Close of business through `through`. */
export const accrueThrough = (through: string): DemandDepositCommand => ({ type: 'AccrueInterest', through });

/** Runs commands with the real decider: every command must succeed. Returns all events and the state. */
export const history = (decider: DemandDepositDecider, commands: readonly DemandDepositCommand[]): { events: DemandDepositEvent[]; state: DemandDepositState } =>
  runAccepted(decider, commands);

/** The fixture decider. */
export const fixtureDecider = (overrides: Partial<DemandDepositProductInput> = {}): DemandDepositDecider => demandDepositDecider(demandProduct(overrides));

/** Customer accounts by contract; bank accounts by role. */
export const resolveDemandRole: DemandRoleResolver = (role, event) => (role === 'customer' ? `dd:${event.data.contractId}` : `gl:${role}`);
