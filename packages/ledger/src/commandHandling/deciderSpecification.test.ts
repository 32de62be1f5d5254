import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { DeciderSpecification } from '../testing/deciderSpecification.js';
import { accountDecider, type AccountEvent } from '../../test-kit/commandHandling/bankAccount.fixture.js';
import type { Decider } from './decider.js';

const given = DeciderSpecification.for(accountDecider);
const opened: AccountEvent = { type: 'AccountOpened', data: { owner: 'ada' } };
const deposited = (minorUnits: bigint): AccountEvent => ({ type: 'FundsDeposited', data: { minorUnits } });

describe('DeciderSpecification', () => {
  it('then: asserts the decided events', () => {
    given([opened]).when({ type: 'Deposit', minorUnits: 5n }).then([deposited(5n)]);
    given(opened).when({ type: 'Deposit', minorUnits: 5n }).then(deposited(5n));
    given().when({ type: 'Open', owner: 'ada' }).then([opened]);
    expect(() => given([opened]).when({ type: 'Deposit', minorUnits: 5n }).then([deposited(6n)])).toThrow();
    expect(() => given([]).when({ type: 'Deposit', minorUnits: 5n }).then([deposited(5n)])).toThrow(/failed with .*account_not_open/);
  });

  it('thenNothingHappened: asserts no events', () => {
    given([opened]).when({ type: 'Noop' }).thenNothingHappened();
    expect(() => given([opened]).when({ type: 'Deposit', minorUnits: 1n }).thenNothingHappened()).toThrow();
  });

  it('thenFails: asserts a Left, by code or predicate', () => {
    given([]).when({ type: 'Deposit', minorUnits: 1n }).thenFails();
    given([]).when({ type: 'Deposit', minorUnits: 1n }).thenFails('account_not_open');
    given([opened, deposited(3n)])
      .when({ type: 'Withdraw', minorUnits: 4n })
      .thenFails((error) => error.code === 'insufficient_funds' && error.balance === 3n);
    expect(() => given([opened]).when({ type: 'Open', owner: 'x' }).thenFails('account_not_open')).toThrow(/already_open/);
    expect(() => given([opened]).when({ type: 'Noop' }).thenFails()).toThrow(/expected decide to fail/);
    expect(() => given([]).when({ type: 'Deposit', minorUnits: 1n }).thenFails(() => false)).toThrow();
  });

  it('thenState: asserts the state after the decided events', () => {
    given([opened, deposited(3n)]).when({ type: 'Deposit', minorUnits: 4n }).thenState({ open: true, balance: 7n });
    given([opened]).when({ type: 'Deposit', minorUnits: 4n }).thenState((state) => state.balance === 4n);
    given([opened]).when({ type: 'Deposit', minorUnits: 4n }).thenState((state) => {
      expect(state.balance).toBe(4n);
    });
    expect(() => given([opened]).when({ type: 'Deposit', minorUnits: 4n }).thenState({ open: true, balance: 5n })).toThrow();
  });

  it('thenThrows: asserts that decide threw, by class or predicate', () => {
    const throwing: Decider<string, never, null, never> = {
      initialState: () => null,
      decide: (command) => {
        if (command === 'boom') throw new RangeError('boom');
        return E.right([]);
      },
      evolve: (state) => state,
    };
    const spec = DeciderSpecification.for(throwing);
    spec().when('boom').thenThrows();
    spec().when('boom').thenThrows(RangeError);
    spec().when('boom').thenThrows((error) => error instanceof Error && error.message === 'boom');
    expect(() => spec().when('boom').thenThrows(TypeError)).toThrow();
    expect(() => spec().when('fine').thenThrows()).toThrow(/expected decide to throw/);
  });
});
