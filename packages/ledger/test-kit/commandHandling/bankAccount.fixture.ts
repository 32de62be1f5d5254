/** A tiny bank-account decider and its event schemas, used by the command handling tests. */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { BigIntFromString } from '../../src/codecs/bigIntFromString.js';
import { DecimalString } from '../../src/codecs/decimalString.js';
import type { Decider } from '../../src/commandHandling/decider.js';
import type { DomainEvent } from '../../src/commandHandling/domainEvent.js';
import { upcastFrom, type EventSchemas } from '../../src/commandHandling/eventSchemas.js';

export type AccountEvent =
  | DomainEvent<'AccountOpened', { readonly owner: string }>
  | DomainEvent<'FundsDeposited', { readonly minorUnits: bigint }>
  | DomainEvent<'FundsWithdrawn', { readonly minorUnits: bigint }>
  | DomainEvent<'TransfersBooked', { readonly transfers: readonly { readonly to: string; readonly amount: string }[] }>;

export type AccountCommand =
  | { readonly type: 'Open'; readonly owner: string }
  | { readonly type: 'Deposit'; readonly minorUnits: bigint }
  | { readonly type: 'Withdraw'; readonly minorUnits: bigint }
  | { readonly type: 'Noop' };

export interface AccountState {
  readonly open: boolean;
  readonly balance: bigint;
}

export type AccountError = { readonly code: 'account_not_open' } | { readonly code: 'already_open' } | { readonly code: 'insufficient_funds'; readonly balance: bigint };

export const accountDecider: Decider<AccountCommand, AccountEvent, AccountState, AccountError> = {
  initialState: () => ({ open: false, balance: 0n }),
  decide: (command, state) => {
    switch (command.type) {
      case 'Open':
        return state.open ? E.left({ code: 'already_open' }) : E.right([{ type: 'AccountOpened', data: { owner: command.owner } }]);
      case 'Deposit':
        if (!state.open) return E.left({ code: 'account_not_open' });
        return E.right([{ type: 'FundsDeposited', data: { minorUnits: command.minorUnits } }]);
      case 'Withdraw':
        if (!state.open) return E.left({ code: 'account_not_open' });
        if (state.balance < command.minorUnits) return E.left({ code: 'insufficient_funds', balance: state.balance });
        return E.right([{ type: 'FundsWithdrawn', data: { minorUnits: command.minorUnits } }]);
      case 'Noop':
        return E.right([]);
    }
  },
  evolve: (state, event) => {
    switch (event.type) {
      case 'AccountOpened':
        return { ...state, open: true };
      case 'FundsDeposited':
        return { ...state, balance: state.balance + event.data.minorUnits };
      case 'FundsWithdrawn':
        return { ...state, balance: state.balance - event.data.minorUnits };
      case 'TransfersBooked':
        return state;
    }
  },
};

const MinorUnits = t.type({ minorUnits: BigIntFromString });

export const accountSchemas: EventSchemas<AccountEvent> = {
  AccountOpened: { version: 1, codec: t.type({ owner: t.string }) },
  FundsDeposited: {
    version: 2,
    codec: MinorUnits,
    // v1 stored `{ cents: number }`, before amounts became strings.
    upcasters: { 1: upcastFrom(t.type({ cents: t.number }), (old) => ({ minorUnits: BigInt(old.cents) })) },
  },
  FundsWithdrawn: { version: 1, codec: MinorUnits },
  TransfersBooked: { version: 1, codec: t.type({ transfers: t.readonlyArray(t.type({ to: t.string, amount: DecimalString })) }) },
};
