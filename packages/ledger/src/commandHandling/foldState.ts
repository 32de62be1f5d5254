import type { Decider } from './decider.js';

/** Rebuilds state by evolving a fresh initial state through `events`, in order. */
export const foldState = <Command, Event, State, Error>(
  decider: Decider<Command, Event, State, Error>,
  events: Iterable<Event>,
): State => {
  let state = decider.initialState();
  for (const event of events) state = decider.evolve(state, event);
  return state;
};
