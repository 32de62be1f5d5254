/**
 * Runs a batch item by item with TigerBeetle's linked-chain rule: items flagged `linked` form a
 * chain with the item after them; the chain succeeds or fails as a whole. The failing item keeps
 * its own code, every other item of the chain gets `linked_event_failed`, and everything the chain
 * had applied to the scratch state is rolled back. As in TigerBeetle, only a created item keeps a
 * chain going: an item that answers `exists` fails its chain too (it keeps `exists`).
 */
import type { LedgerErrorCode } from '../errors.js';
import type { ItemResult } from './ledgerError.js';
import { isLinked, isRecord } from './validation.js';

/** How a batch decider plugs into {@link runLinkedBatch}. */
export interface BatchSteps<Accepted extends object> {
  /** Validates one item against the scratch state: an error code, `'exists'`, or what to apply. */
  readonly decide: (item: unknown, index: number) => LedgerErrorCode | 'exists' | Accepted;
  /** Applies an accepted item to the scratch state. */
  readonly apply: (accepted: Accepted) => void;
  /** Starts recording undo information. */
  readonly beginChain: () => void;
  /** Stops recording and forgets the undo information. */
  readonly endChain: () => void;
  /** Undoes everything applied since {@link beginChain}. */
  readonly rollbackChain: () => void;
}

/** Per-item results and the accepted items in application order. */
export interface BatchOutcome<Accepted> {
  readonly results: ItemResult[];
  readonly accepted: Accepted[];
}

const idOf = (item: unknown): string => (isRecord(item) && typeof item['id'] === 'string' ? item['id'] : '');

/** Runs a batch; see the module comment for the chain rule. */
export const runLinkedBatch = <Accepted extends object>(items: readonly unknown[], steps: BatchSteps<Accepted>): BatchOutcome<Accepted> => {
  const results: ItemResult[] = [];
  const accepted: Accepted[] = [];
  let chainStart = -1;
  let acceptedAtChainStart = 0;

  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    const linked = isLinked(item);
    if (chainStart < 0 && linked) {
      chainStart = index;
      acceptedAtChainStart = accepted.length;
      steps.beginChain();
    }
    const outcome: LedgerErrorCode | 'exists' | Accepted =
      linked && index === items.length - 1 ? 'linked_event_chain_open' : steps.decide(item, index);

    if (typeof outcome === 'string') {
      const code: LedgerErrorCode | 'exists' = outcome;
      if (chainStart < 0) {
        results.push({ index, id: idOf(item), result: code });
        continue;
      }
      // The chain fails: undo it, mark its earlier items, then skip to its end.
      steps.rollbackChain();
      steps.endChain();
      accepted.length = acceptedAtChainStart;
      for (let i = chainStart; i < index; i++) results[i] = { index: i, id: idOf(items[i]), result: 'linked_event_failed' };
      results.push({ index, id: idOf(item), result: code });
      let last = index;
      while (isLinked(items[last]) && last + 1 < items.length) {
        last++;
        const open = last === items.length - 1 && isLinked(items[last]);
        results.push({ index: last, id: idOf(items[last]), result: open ? 'linked_event_chain_open' : 'linked_event_failed' });
      }
      index = last;
      chainStart = -1;
      continue;
    }

    steps.apply(outcome);
    accepted.push(outcome);
    results.push({ index, id: idOf(item), result: 'ok' });
    if (chainStart >= 0 && !linked) {
      steps.endChain();
      chainStart = -1;
    }
  }
  return { results, accepted };
};
