/**
 * Given/when/then tests for deciders, after Emmett's `DeciderSpecification`:
 *
 * ```ts
 * const given = DeciderSpecification.for(decider);
 * given([opened]).when(deposit).then([deposited]);
 * given([]).when(withdraw).thenFails('account_not_found');
 * ```
 */
import * as E from 'fp-ts/lib/Either.js';
import { expect } from 'vitest';
import type { Decider } from '../commandHandling/decider.js';
import { foldState } from '../commandHandling/foldState.js';

/** Checks a failure: an error code/tag (or the error itself, when it is a string), or a predicate. */
export type FailureExpectation<DecideError> = string | ((error: DecideError) => boolean | void);

/** Checks a thrown exception: an error class, or a predicate. */
export type ThrowExpectation = (abstract new (...args: never[]) => unknown) | ((error: unknown) => boolean | void);

/** The assertions available after `when`. Each one runs the decider. */
export interface DeciderThen<Event, State, DecideError> {
  /** `decide` returns Right with exactly these events (deep equality). */
  then(expected: readonly Event[] | Event): void;
  /** `decide` returns Right with no events. */
  thenNothingHappened(): void;
  /** `decide` returns Left, matching `expected` when given. */
  thenFails(expected?: FailureExpectation<DecideError>): void;
  /** `decide` throws (a bug, not a business rejection), matching `expected` when given. */
  thenThrows(expected?: ThrowExpectation): void;
  /** `decide` returns Right and evolving its events yields this state (deep equality) or passes this check. */
  thenState(expected: State | ((state: State) => boolean | void)): void;
}

/** `when(command)`. */
export interface DeciderWhen<Command, Event, State, DecideError> {
  when(command: Command): DeciderThen<Event, State, DecideError>;
}

/** `given(events)`: the history the command is decided against (an empty array or nothing for none). */
export type DeciderGiven<Command, Event, State, DecideError> = (
  events?: readonly Event[] | Event,
) => DeciderWhen<Command, Event, State, DecideError>;

const show = (value: unknown): string => {
  try {
    return JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? `${item}n` : item)) ?? String(value);
  } catch {
    return String(value);
  }
};

const matchesFailure = <DecideError>(error: DecideError, expected: string): boolean => {
  if (typeof error === 'string') return error === expected;
  if (typeof error !== 'object' || error === null) return false;
  const record = error as Record<string, unknown>;
  return record['code'] === expected || record['_tag'] === expected || record['type'] === expected;
};

const isErrorClass = (candidate: ThrowExpectation): candidate is abstract new (...args: never[]) => unknown =>
  candidate === Error || (candidate as { prototype?: unknown }).prototype instanceof Error;

const asArray = <Event>(events: readonly Event[] | Event | undefined): readonly Event[] =>
  events === undefined ? [] : Array.isArray(events) ? (events as readonly Event[]) : [events as Event];

/** Entry point: `DeciderSpecification.for(decider)` returns `given`. */
export const DeciderSpecification = {
  for:
    <Command, Event, State, DecideError>(
      decider: Decider<Command, Event, State, DecideError>,
    ): DeciderGiven<Command, Event, State, DecideError> =>
    (given) => ({
      when: (command) => {
        const history = asArray(given);
        const run = (): { state: State; result: E.Either<DecideError, readonly Event[]> } => {
          const state = foldState(decider, history);
          return { state, result: decider.decide(command, state) };
        };
        const decided = (): { state: State; events: readonly Event[] } => {
          const { state, result } = run();
          if (E.isLeft(result)) {
            expect.unreachable(`expected decide to succeed, but it failed with ${show(result.left)}`);
            throw new Error('unreachable');
          }
          return { state, events: result.right };
        };
        return {
          then: (expected) => {
            expect(decided().events).toEqual(asArray(expected));
          },
          thenNothingHappened: () => {
            expect(decided().events).toEqual([]);
          },
          thenFails: (expected) => {
            const { result } = run();
            if (E.isRight(result)) {
              expect.unreachable(`expected decide to fail, but it produced ${show(result.right)}`);
              return;
            }
            if (expected === undefined) return;
            if (typeof expected === 'string') {
              expect(matchesFailure(result.left, expected), `expected failure ${expected}, got ${show(result.left)}`).toBe(true);
              return;
            }
            expect(expected(result.left), `failure did not pass the check: ${show(result.left)}`).not.toBe(false);
          },
          thenThrows: (expected) => {
            let thrown: { error: unknown } | undefined;
            try {
              run();
            } catch (error) {
              thrown = { error };
            }
            if (thrown === undefined) {
              expect.unreachable('expected decide to throw, but it returned');
              return;
            }
            if (expected === undefined) return;
            if (isErrorClass(expected)) {
              expect(thrown.error).toBeInstanceOf(expected);
              return;
            }
            const check = expected as (error: unknown) => boolean | void;
            expect(check(thrown.error), `thrown error did not pass the check: ${String(thrown.error)}`).not.toBe(false);
          },
          thenState: (expected) => {
            const { state, events } = decided();
            let next = state;
            for (const event of events) next = decider.evolve(next, event);
            if (typeof expected === 'function') {
              const check = expected as (state: State) => boolean | void;
              expect(check(next), `state did not pass the check: ${show(next)}`).not.toBe(false);
              return;
            }
            expect(next).toEqual(expected);
          },
        };
      },
    }),
};
