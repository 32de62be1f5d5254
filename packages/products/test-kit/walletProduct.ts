/**
 * A minimal product for testing the posting machinery: a wallet that opens a guarded customer
 * account, takes deposits from the bank's settlement account and pays withdrawals back to it.
 * Its decider never checks the balance: the ledger's guard does (that is the point under test).
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { Book, decimalToMinor, minorToDecimal, type Decider, type EventSchemas, type EventStore } from '@ecoledger/ledger';
import type { LedgerEffects } from '../src/posting/ledgerEffects.js';
import { bookPostingPort, type PostingPort } from '../src/posting/postingPort.js';
import { postingSource, type PostingSource } from '../src/posting/postingSources.js';

export type WalletCommand =
  | { readonly type: 'Open'; readonly walletId: string }
  | { readonly type: 'Deposit'; readonly amount: string }
  | { readonly type: 'Withdraw'; readonly amount: string }
  | { readonly type: 'Pay'; readonly amounts: readonly string[] }
  /** A deposit topped up by the bank: one journal entry with three legs. */
  | { readonly type: 'DepositWithBonus'; readonly amount: string; readonly bonus: string }
  /** Close of business: a reward of 0.01 a day, once per date. */
  | { readonly type: 'Reward'; readonly date: string };

export type WalletEvent =
  | { readonly type: 'WalletOpened'; readonly data: { readonly walletId: string } }
  | { readonly type: 'Deposited'; readonly data: { readonly walletId: string; readonly amount: string } }
  | { readonly type: 'Withdrawn'; readonly data: { readonly walletId: string; readonly amount: string } }
  | { readonly type: 'Rewarded'; readonly data: { readonly walletId: string; readonly date: string; readonly amount: string } }
  | { readonly type: 'DepositedWithBonus'; readonly data: { readonly walletId: string; readonly amount: string; readonly bonus: string } };

export interface WalletState {
  readonly walletId?: string;
  /** Minor units: what the ledger account must hold. */
  readonly balance: bigint;
  readonly lastRewarded?: string;
}

export type WalletError = { readonly code: 'wallet_not_open' | 'wallet_already_open' };

export const WALLET_PREFIX = 'wallet-';
export const SETTLEMENT = 'bank-settlement';
export const REWARDS = 'bank-rewards';
export const LEDGER = 'cny';
export const walletAccount = (walletId: string): string => `wallet:${walletId}`;

const notOpen = E.left<WalletError>({ code: 'wallet_not_open' });

export const walletDecider: Decider<WalletCommand, WalletEvent, WalletState, WalletError> = {
  initialState: () => ({ balance: 0n }),
  decide: (command, state) => {
    if (command.type === 'Open') {
      return state.walletId === undefined ? E.right([{ type: 'WalletOpened', data: { walletId: command.walletId } }]) : E.left({ code: 'wallet_already_open' });
    }
    const walletId = state.walletId;
    if (walletId === undefined) return notOpen;
    if (command.type === 'Deposit') return E.right([{ type: 'Deposited', data: { walletId, amount: command.amount } }]);
    if (command.type === 'Withdraw') return E.right([{ type: 'Withdrawn', data: { walletId, amount: command.amount } }]);
    if (command.type === 'DepositWithBonus') return E.right([{ type: 'DepositedWithBonus', data: { walletId, amount: command.amount, bonus: command.bonus } }]);
    if (command.type === 'Reward') {
      return state.lastRewarded !== undefined && state.lastRewarded >= command.date ? E.right([]) : E.right([{ type: 'Rewarded', data: { walletId, date: command.date, amount: '0.01' } }]);
    }
    return E.right(command.amounts.map((amount) => ({ type: 'Withdrawn' as const, data: { walletId, amount } })));
  },
  evolve: (state, event) => {
    switch (event.type) {
      case 'WalletOpened':
        return { ...state, walletId: event.data.walletId };
      case 'Deposited':
        return { ...state, balance: state.balance + decimalToMinor(event.data.amount, 2) };
      case 'Withdrawn':
        return { ...state, balance: state.balance - decimalToMinor(event.data.amount, 2) };
      case 'Rewarded':
        return { ...state, balance: state.balance + decimalToMinor(event.data.amount, 2), lastRewarded: event.data.date };
      case 'DepositedWithBonus':
        return { ...state, balance: state.balance + decimalToMinor(event.data.amount, 2) + decimalToMinor(event.data.bonus, 2) };
    }
  },
};

const Move = t.type({ walletId: t.string, amount: t.string });
export const walletSchemas: EventSchemas<WalletEvent> = {
  WalletOpened: { version: 1, codec: t.type({ walletId: t.string }) },
  Deposited: { version: 1, codec: Move },
  Withdrawn: { version: 1, codec: Move },
  Rewarded: { version: 1, codec: t.type({ walletId: t.string, date: t.string, amount: t.string }) },
  DepositedWithBonus: { version: 1, codec: t.type({ walletId: t.string, amount: t.string, bonus: t.string }) },
};

export const walletEffects = (event: WalletEvent): LedgerEffects => {
  const account = walletAccount(event.data.walletId);
  switch (event.type) {
    case 'WalletOpened':
      return { accounts: [{ id: account, ledger: LEDGER, code: 2011, type: 'liability', guard: 'debits_must_not_exceed_credits' }], postings: [] };
    case 'Deposited':
      return { accounts: [], postings: [{ key: 'deposit', ledger: LEDGER, debitAccountId: SETTLEMENT, creditAccountId: account, amount: event.data.amount, code: 1 }] };
    case 'Withdrawn':
      return { accounts: [], postings: [{ key: 'withdrawal', ledger: LEDGER, debitAccountId: account, creditAccountId: SETTLEMENT, amount: event.data.amount, code: 2 }] };
    case 'Rewarded':
      return { accounts: [], postings: [{ key: 'reward', ledger: LEDGER, debitAccountId: REWARDS, creditAccountId: account, amount: event.data.amount, code: 3 }] };
    case 'DepositedWithBonus': {
      const total = minorToDecimal(decimalToMinor(event.data.amount, 2) + decimalToMinor(event.data.bonus, 2), 2);
      const legs = [
        { accountId: SETTLEMENT, side: 'debit' as const, amount: event.data.amount },
        { accountId: REWARDS, side: 'debit' as const, amount: event.data.bonus },
        { accountId: account, side: 'credit' as const, amount: total },
      ];
      return { accounts: [], postings: [], journals: [{ key: 'deposit-with-bonus', legs, code: 4 }] };
    }
  }
};

export const walletSource: PostingSource = postingSource({ streamPrefix: WALLET_PREFIX, schemas: walletSchemas, effects: walletEffects });

/** A book with the CNY ledger and the bank's settlement account, and a port over it. */
export const walletBook = async (store: EventStore, clock?: () => Date): Promise<{ readonly book: Book; readonly port: PostingPort }> => {
  const book = await Book.open({ store, ...(clock === undefined ? {} : { clock }) });
  await book.defineLedgers([{ id: LEDGER, asset: { code: 'CNY', scale: 2 } }], { commandId: 'wallet-setup-ledgers' });
  await book.openAccounts(
    [
      { id: SETTLEMENT, ledger: LEDGER, code: 1002, type: 'asset' },
      { id: REWARDS, ledger: LEDGER, code: 5211, type: 'expense' },
    ],
    { commandId: 'wallet-setup-accounts' },
  );
  return { book, port: bookPostingPort(book) };
};

export const walletContext = (commandId: string) => ({
  commandId,
  metadata: { correlationId: commandId, tenant: 'bank', actor: 'test', channel: 'app' as const },
});
