import type { Either } from 'fp-ts/lib/Either.js';

/**
 * A decider: the pure core of an event-sourced model.
 * `decide` and `evolve` do no I/O and read no clock or randomness: time and ids arrive in the command.
 * `initialState` is a factory because large states (the ledger book) are evolved in place by
 * their single writer; replaying the same events must always rebuild an equal state.
 */
export interface Decider<Command, Event, State, Error> {
  readonly initialState: () => State;
  readonly decide: (command: Command, state: State) => Either<Error, readonly Event[]>;
  readonly evolve: (state: State, event: Event) => State;
}
