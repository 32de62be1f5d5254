/** Runs commands through a product's decider for tests, as the command handler would: decide, then evolve. */
import type { Decider } from '@ecoledger/ledger';
import * as E from 'fp-ts/lib/Either.js';

/** What a run gave: every event, the final state, the refusals, and the state after each accepted command. */
export interface CommandRun<Event, State, Failure> {
  readonly events: Event[];
  readonly state: State;
  readonly refused: Failure[];
  /** After each accepted command: the state and how many events had been recorded by then. */
  readonly states: { readonly state: State; readonly events: number }[];
}

/** Decides `commands` one after another from the initial state; a refused command is kept in `refused` and changes nothing. */
export const runCommands = <Command, Event, State, Failure>(decider: Decider<Command, Event, State, Failure>, commands: readonly Command[]): CommandRun<Event, State, Failure> => {
  let state = decider.initialState();
  const events: Event[] = [];
  const refused: Failure[] = [];
  const states: { state: State; events: number }[] = [];
  for (const command of commands) {
    const result = decider.decide(command, state);
    if (E.isLeft(result)) {
      refused.push(result.left);
      continue;
    }
    for (const event of result.right) {
      events.push(event);
      state = decider.evolve(state, event);
    }
    states.push({ state, events: events.length });
  }
  return { events, state, refused, states };
};

/** Like {@link runCommands} for fixtures whose every command must succeed: the first refusal is thrown. */
export const runAccepted = <Command, Event, State, Failure>(decider: Decider<Command, Event, State, Failure>, commands: readonly Command[]): { events: Event[]; state: State } => {
  const { events, state, refused } = runCommands(decider, commands);
  if (refused.length > 0) throw refused[0];
  return { events, state };
};
