import * as E from 'fp-ts/lib/Either.js';
import { createInMemoryCheckpointStore, runProcessorOnce, type Processor } from '@ecoledger/ledger';
import { describe, expect, it } from 'vitest';
import { balanceOf, bankContext, demandAccountOf, demandStreamOf, glAccountOf, openDepositBank, type DepositBank } from '../../../test-kit/deposits/depositBank.js';
import type { DemandDepositCommand } from './commands.js';

const ON = '2026-01-05';
const AT = '2026-01-05T09:30:00.000Z';

const run = async (bank: DepositBank, contractId: string, command: DemandDepositCommand, commandId: string): Promise<string> => {
  const outcome = await bank.demand.handle(demandStreamOf(contractId), command, bankContext(commandId));
  return E.isRight(outcome) ? 'ok' : (outcome.left as { code: string }).code;
};

const open = (contractId: string, accountClass: 'I' | 'III' = 'I'): DemandDepositCommand => ({
  type: 'Open',
  contractId,
  customerId: contractId,
  kycReference: `kyc-${contractId}`,
  channel: 'app',
  accountClass,
  ...(accountClass === 'I' ? {} : { boundAccountId: 'somewhere' }),
  openedOn: ON,
  at: AT,
});

/** A bank with Alice holding 1,000.00, Bob's Class I and Carol's Class III (holding 1,900.00) accounts. */
const bankWithCustomers = async (): Promise<DepositBank> => {
  const bank = await openDepositBank();
  for (const [id, command] of [
    ['alice', open('alice')],
    ['alice', { type: 'Deposit', amount: '1000.00', source: 'cash', reference: 'in', on: ON, at: AT }],
    ['bob', open('bob')],
    ['carol', open('carol', 'III')],
    ['carol', { type: 'Deposit', amount: '1900.00', source: 'cash', reference: 'in', on: ON, at: AT }],
  ] as const) {
    expect(await run(bank, id, command, `setup-${id}-${command.type}`)).toBe('ok');
  }
  return bank;
};

const transfer = (to: string, amount: string, reference: string): DemandDepositCommand => ({
  type: 'Withdraw',
  amount,
  destination: 'customer_account',
  counterpartyContractId: to,
  reference,
  on: ON,
  at: AT,
});

const settle = (bank: DepositBank, checkpoints = createInMemoryCheckpointStore(), processor: Processor = bank.transfers) =>
  runProcessorOnce({ source: bank.store, checkpoints, processor });

describe('transfers between customers’ demand accounts', () => {
  it('moves the money to the payee through internal clearing, exactly once', async () => {
    const bank = await bankWithCustomers();
    expect(await run(bank, 'alice', transfer('bob', '300.00', 'rent'), 't-1')).toBe('ok');
    expect(balanceOf(bank.book, glAccountOf('internal-clearing'))).not.toBe(0n);
    const checkpoints = createInMemoryCheckpointStore();
    await settle(bank, checkpoints);
    expect([balanceOf(bank.book, demandAccountOf('alice')), balanceOf(bank.book, demandAccountOf('bob'))]).toEqual([70_000n, 30_000n]);
    expect(balanceOf(bank.book, glAccountOf('internal-clearing'))).toBe(0n);
    // Delivered again from the start (a lost checkpoint): the derived command ids make it a no-op.
    await settle(bank);
    expect(balanceOf(bank.book, demandAccountOf('bob'))).toBe(30_000n);
    const bobs = await bank.store.readStream(demandStreamOf('bob'));
    expect(bobs.filter((e) => e.type === 'DepositMade').map((e) => (e.data as { counterpartyContractId?: string }).counterpartyContractId)).toEqual(['alice']);
  });

  it('returns the money when the payee refuses it (a Class III balance cap, an unknown account)', async () => {
    const bank = await bankWithCustomers();
    expect(await run(bank, 'alice', transfer('carol', '200.00', 'gift'), 't-1')).toBe('ok');
    expect(await run(bank, 'alice', transfer('nobody', '50.00', 'typo'), 't-2')).toBe('ok');
    await settle(bank);
    expect(balanceOf(bank.book, demandAccountOf('alice'))).toBe(100_000n);
    expect(balanceOf(bank.book, demandAccountOf('carol'))).toBe(190_000n);
    expect(balanceOf(bank.book, glAccountOf('internal-clearing'))).toBe(0n);
    const returns = (await bank.store.readStream(demandStreamOf('alice'))).filter((e) => e.type === 'DepositMade' && (e.data as { source: string }).source === 'internal');
    expect(returns.map((e) => (e.data as { reference: string }).reference)).toEqual(['return:gift', 'return:typo']);
  });

  it('refuses a transfer without a payee, to itself, or naming a payee for another movement', async () => {
    const bank = await bankWithCustomers();
    expect(await run(bank, 'alice', { type: 'Withdraw', amount: '1.00', destination: 'customer_account', reference: 'r', on: ON, at: AT }, 'x-1')).toBe('counterparty_contract_invalid');
    expect(await run(bank, 'alice', transfer('alice', '1.00', 'self'), 'x-2')).toBe('counterparty_contract_invalid');
    expect(await run(bank, 'alice', { type: 'Withdraw', amount: '1.00', destination: 'cash', counterpartyContractId: 'bob', reference: 'r', on: ON, at: AT }, 'x-3')).toBe('counterparty_contract_invalid');
    expect(await run(bank, 'alice', transfer('bob', '5000.00', 'too-much'), 'x-4')).toBe('insufficient_funds');
  });

  it('settles a transfer once when the reactor dies after crediting the payee', async () => {
    const bank = await bankWithCustomers();
    expect(await run(bank, 'alice', transfer('bob', '300.00', 'rent'), 't-1')).toBe('ok');
    const checkpoints = createInMemoryCheckpointStore();
    const dying: Processor = {
      ...bank.transfers,
      handle: async (events, context) => {
        await bank.transfers.handle(events, context);
        throw new Error('killed before the checkpoint');
      },
    };
    await expect(settle(bank, checkpoints, dying)).rejects.toThrow();
    await settle(bank, checkpoints);
    expect(balanceOf(bank.book, demandAccountOf('bob'))).toBe(30_000n);
    expect(balanceOf(bank.book, glAccountOf('internal-clearing'))).toBe(0n);
  });
});
