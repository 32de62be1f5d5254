/**
 * The repair path: settles holds whose command never finished. A hold names the stream and the
 * revision where its command's events go (`p1:<revision>:<stream>`); the product stream decides:
 *
 * - the command's events are there: the hold is owed a post (the process crashed after recording);
 * - another command's events, or an abandoned-attempt marker, are there: the attempt lost and the
 *   hold is voided;
 * - the revision is still free: the attempt crashed before recording, or is still running. Holds
 *   younger than the grace period are left alone; older ones get the marker appended at exactly
 *   that revision (so a late append of the command fails with a conflict and decides again), then
 *   are voided. The append's expected revision makes the marker and the command's own append
 *   mutually exclusive, whichever comes first.
 */
import { isWrongExpectedVersion, type EventStore, type PostingRecord } from '@ecoledger/ledger';
import { abandonedAttemptEnvelope, POSTING_ATTEMPT_ABANDONED } from './abandonedAttempt.js';
import { placePostings } from './eventPostings.js';
import { finishPostings, placeOf } from './finishPostings.js';
import { failureOf } from './ledgerAnswers.js';
import { ledgerRequestIdOf, parseHoldReference, voidIdOf } from './postingIds.js';
import type { PostingPort } from './postingPort.js';
import { recordedEffects, type PostingSource } from './postingSources.js';
import { ProductsError } from '../errors.js';

/** What a repair run needs. */
export interface RepairHoldsOptions {
  readonly store: EventStore;
  readonly port: PostingPort;
  readonly sources: readonly PostingSource[];
  readonly clock: () => Date;
  /** Holds younger than this are left to the command that is (perhaps) still running. */
  readonly graceMs: number;
}

/** What a repair run did. */
export interface RepairReport {
  readonly posted: readonly string[];
  readonly voided: readonly string[];
  /** Holds left alone: younger than the grace period. */
  readonly waiting: readonly string[];
}

const NS_PER_MS = 1_000_000n;

/** Walks every pending hold products made and settles it (see the module comment). */
export const repairHolds = async (options: RepairHoldsOptions): Promise<RepairReport> => {
  const report = { posted: [] as string[], voided: [] as string[], waiting: [] as string[] };
  const cutoff = BigInt(options.clock().getTime() - options.graceMs) * NS_PER_MS;
  const stale: PostingRecord[] = [];
  let after: string | undefined;
  do {
    const page = await options.port.openHoldsPage(after === undefined ? { limit: 1000 } : { limit: 1000, after });
    for (const hold of page.items) {
      if (parseHoldReference(hold.userData) === undefined) continue;
      if (BigInt(hold.timestamp) > cutoff) report.waiting.push(hold.id);
      else stale.push(hold);
    }
    after = page.nextCursor;
  } while (after !== undefined);
  // Settle after the walk: settling changes the list the cursor walks.
  for (const hold of stale) {
    const outcome = await settleHold(options, hold);
    if (outcome === 'posted') report.posted.push(hold.id);
    else if (outcome === 'voided') report.voided.push(hold.id);
  }
  return report;
};

const settleHold = async (options: RepairHoldsOptions, hold: PostingRecord): Promise<'posted' | 'voided' | 'settled'> => {
  const { stream, revision } = parseHoldReference(hold.userData)!;
  // Two rounds at most: a lost race with the command's own append is decided by reading again.
  for (let round = 0; round < 2; round++) {
    if (!(await options.port.isHoldPending(hold.id))) return 'settled';
    const [head] = await options.store.readStream(stream, { fromRevision: revision, maxCount: 1 });
    if (head === undefined) {
      const marked = await markAbandoned(options, stream, revision);
      if (!marked) continue;
      return voidHold(options.port, hold, stream, revision);
    }
    if (head.type !== POSTING_ATTEMPT_ABANDONED && head.metadata.commandId !== undefined) {
      const command = await options.store.readStream(stream, { fromRevision: revision });
      for (const event of command) {
        if (event.metadata.commandId !== head.metadata.commandId) break;
        const effects = recordedEffects(options.sources, event);
        if (effects === undefined) continue;
        if (placePostings(placeOf(event), effects.postings).some((posting) => posting.holdId === hold.id)) {
          await finishPostings(options.port, placeOf(event), effects);
          return 'posted';
        }
      }
    }
    return voidHold(options.port, hold, stream, revision);
  }
  throw new ProductsError('posting_incomplete', `the hold ${hold.id} could not be settled: ${stream}@${revision} keeps changing`);
};

const markAbandoned = async (options: RepairHoldsOptions, stream: string, revision: bigint): Promise<boolean> => {
  try {
    await options.store.append(stream, [abandonedAttemptEnvelope(stream, revision, options.clock())], revision === 0n ? 'no_stream' : revision - 1n);
    return true;
  } catch (error) {
    if (isWrongExpectedVersion(error)) return false;
    throw error;
  }
};

const voidHold = async (port: PostingPort, hold: PostingRecord, stream: string, revision: bigint): Promise<'voided'> => {
  const answer = await port.createTransfers([{ id: voidIdOf(hold.id), pendingId: hold.id, flags: { voidPendingTransfer: true } }], {
    commandId: ledgerRequestIdOf('voids', stream, revision, hold.id),
  });
  const failure = failureOf(answer);
  if (failure !== undefined) throw new ProductsError('posting_incomplete', `voiding ${hold.id}: the ledger answered ${failure}`);
  return 'voided';
};
