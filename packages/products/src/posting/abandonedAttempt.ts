/**
 * The marker a repair run appends to a product stream when it releases holds whose event never
 * got recorded. It takes the very revision the abandoned event would have had, so the product
 * stream decides who wins: a late append of the event at that revision now fails with a conflict
 * (the command is then decided again, with new holds), and a repair that comes after the event
 * finds the event instead and posts the holds. Deciders never see the marker.
 */
import type { EventEnvelope } from '@ecoledger/ledger';
import { v5 } from 'uuid';

/** Event type of the marker. */
export const POSTING_ATTEMPT_ABANDONED = 'PostingAttemptAbandoned';

const MARKER_NAMESPACE = 'fcc4ca71-ef0b-572e-82cd-503de1e48256';

/** The marker for the attempt whose first event would have been at `revision`. */
export const abandonedAttemptEnvelope = (stream: string, revision: bigint, occurredAt: Date): EventEnvelope => ({
  id: v5(`${stream}\n${revision}`, MARKER_NAMESPACE),
  type: POSTING_ATTEMPT_ABANDONED,
  version: 1,
  data: { revision: revision.toString() },
  metadata: {
    correlationId: `repair:${stream}`,
    causationId: `repair:${stream}:${revision}`,
    tenant: 'system',
    actor: 'posting-repair',
    channel: 'system',
    occurredAt: occurredAt.toISOString(),
  },
});
