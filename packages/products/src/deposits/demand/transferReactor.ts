/**
 * Transfers between customers' demand accounts at the bank, as a workflow: the payer's
 * `Withdraw { destination: 'customer_account', counterpartyContractId }` is the synchronous part
 * (the ledger's guard decides whether the money is there; it moves into internal clearing). This
 * reactor, a ledger `Processor` over the demand streams, then deposits it into the payee's account
 * (`Deposit { source: 'customer_account' }`); if the payee's account refuses (closed, unknown,
 * over a class limit) it returns the money to the payer (`Deposit { source: 'internal' }`, not
 * counted against limits). Command ids derive from the reactor, the withdrawal event and the step,
 * so a re-delivered withdrawal never deposits or returns twice; internal clearing nets to zero once
 * every transfer is settled.
 */
import * as E from 'fp-ts/lib/Either.js';
import { decodeEvent, deriveReactorCommandId, type Processor, type RecordedEvent } from '@ecoledger/ledger';
import type { BusinessDate } from '../../calendar/businessDate.js';
import { isProductsError, ProductsError } from '../../errors.js';
import type { ProductCommandHandler } from '../../posting/productCommandHandler.js';
import type { DemandDepositCommand } from './commands.js';
import { demandDepositSchemas, type DemandDepositEvent } from './events.js';

/** What the transfer reactor needs. */
export interface DemandTransferReactorOptions {
  /** The processor's name: its checkpoint key and part of every derived command id (default `demand-transfers`). */
  readonly name?: string;
  /** Streams of the demand accounts start with this (`deposit-demand-`); a contract's stream is prefix + contract id. */
  readonly streamPrefix: string;
  readonly handler: ProductCommandHandler<DemandDepositCommand, DemandDepositEvent, ProductsError>;
  /**
   * Today's value date: a deposit is value-dated the later of the withdrawal's date and today, so a
   * transfer settled after a close of business never lands on a day already accrued.
   */
  readonly today: () => BusinessDate;
}

const laterOf = (a: string, b: string): string => (a >= b ? a : b);

/** The transfer reactor; see the module comment. */
export const demandTransferReactor = (options: DemandTransferReactorOptions): Processor => {
  const name = options.name ?? 'demand-transfers';
  const settle = async (event: RecordedEvent): Promise<void> => {
    const decoded = decodeEvent(demandDepositSchemas, event);
    if (E.isLeft(decoded)) throw decoded.left;
    const withdrawal = decoded.right;
    if (withdrawal.type !== 'WithdrawalMade' || withdrawal.data.destination !== 'customer_account') return;
    const { contractId, counterpartyContractId, amount, reference, on, at } = withdrawal.data;
    if (counterpartyContractId === undefined) throw new ProductsError('counterparty_contract_invalid', `${event.streamName}@${event.revision} names no payee`);
    const context = (index: number) => ({
      commandId: deriveReactorCommandId(name, event.id, index),
      metadata: { correlationId: event.metadata.correlationId, causationId: event.id, tenant: event.metadata.tenant, actor: name, channel: 'system' as const },
    });
    const valueDate = laterOf(on, options.today());
    const credited = await options.handler(
      `${options.streamPrefix}${counterpartyContractId}`,
      { type: 'Deposit', amount, source: 'customer_account', counterpartyContractId: contractId, reference, on: valueDate, at },
      context(0),
    );
    if (E.isRight(credited)) return;
    // Only the payee's refusal returns the money; a store failure is retried by redelivery.
    if (!isProductsError(credited.left)) throw credited.left;
    const returned = await options.handler(
      `${options.streamPrefix}${contractId}`,
      { type: 'Deposit', amount, source: 'internal', reference: `return:${reference}`.slice(0, 128), on: valueDate, at },
      context(1),
    );
    if (E.isLeft(returned)) throw returned.left;
  };
  return {
    name,
    canHandle: (event) => event.type === 'WithdrawalMade' && event.streamName.startsWith(options.streamPrefix),
    handle: async (events) => {
      for (const event of events) await settle(event);
    },
  };
};
