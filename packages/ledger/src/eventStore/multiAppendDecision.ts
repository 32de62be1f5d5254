/**
 * The all-or-nothing rule of `appendMany` on an atomic store, shared by the in-memory, SQLite and
 * PostgreSQL adapters. Given, per stream in input order, its current revision and its replay check
 * (`idempotentReplay.ts`), it decides: replay the whole call, write every stream, or fail.
 *
 * Why a mixture (some streams already hold their events, others not) fails: on an atomic store a
 * call commits whole or not at all, so a retry that finds only part of itself stored is not a
 * retry of a call that committed (its streams changed since). Acknowledging it would tell a close
 * of business that one commit holds the date when two do; writing the rest would split the date
 * over two commits. The caller must look at the streams and decide.
 */
import type { ActualRevision, MultiAppendResult, StreamAppendResult } from './eventStore.js';
import { WrongExpectedVersionError } from './errors.js';
import { resolveAppend, type ReplayCheck } from './idempotentReplay.js';
import type { ValidStreamAppend } from './multiAppendArguments.js';

/** What an adapter found for one stream of the call. */
export interface StreamCheck {
  readonly current: ActualRevision;
  readonly replay: ReplayCheck;
}

/** What to do with the call. */
export type MultiAppendDecision =
  | { readonly kind: 'replayed'; readonly result: MultiAppendResult }
  | { readonly kind: 'write' };

/** The result of a call given each stream's result, in input order. */
export const multiAppendResult = (streams: readonly StreamAppendResult[]): MultiAppendResult => {
  let position = 0n;
  for (const stream of streams) if (stream.position > position) position = stream.position;
  return { streams, position };
};

/**
 * Decides the call from its checks (`checks[i]` belongs to `appends[i]`).
 * @throws WrongExpectedVersionError naming the first stream (input order) whose expectation fails
 *   or whose stored tail has other content; else, for a mixture, the first stream already written.
 */
export const decideMultiAppend = (
  appends: readonly ValidStreamAppend[],
  checks: readonly StreamCheck[],
): MultiAppendDecision => {
  const replayed: StreamAppendResult[] = [];
  let firstReplayed: number | undefined;
  for (let i = 0; i < appends.length; i++) {
    const { stream, expectedRevision } = appends[i] as ValidStreamAppend;
    const { current, replay } = checks[i] as StreamCheck;
    const result = resolveAppend(stream, expectedRevision, current, replay);
    if (result !== undefined) {
      firstReplayed ??= i;
      replayed.push({ stream, ...result });
    }
  }
  if (firstReplayed === undefined) return { kind: 'write' };
  if (replayed.length === appends.length) return { kind: 'replayed', result: multiAppendResult(replayed) };
  const { stream, expectedRevision } = appends[firstReplayed] as ValidStreamAppend;
  throw new WrongExpectedVersionError(stream, expectedRevision, (checks[firstReplayed] as StreamCheck).current);
};
