/**
 * The storage floor of a close of business: what the event store alone costs to record one
 * `InterestAccrued` event per account per day, with nothing decided and nothing posted. Each run
 * is one business date: N events (the real decider's, encoded untimed beforehand with the ids and
 * metadata a run gives them) appended 1,000 streams to an `appendMany` call, the chunk size close
 * of business uses, each stream at its exact expected revision. Successive runs add a day to the
 * same store, as nightly runs do, so the later runs show how the cost grows with the store.
 *
 * This is a lower bound for any close of business that keeps a per-contract event a day: on
 * SQLite most of it is the unique index on event ids (random uuid v5 keys dirty about one index
 * page per insert; see docs/PERFORMANCE.md).
 */
import * as E from 'fp-ts/lib/Either.js';
import { encodeEvent, type EventEnvelope } from '@ecoledger/ledger';
import { addDays, businessDate, demandDepositSchemas, productEventId, type DemandDepositState } from '@ecoledger/products';
import { makeBenchStore } from './benchStores.js';
import { measure, type BenchResult, type MeasureOptions } from '../harness.js';
import { OPENED_ON, benchDecider, contractStream, fundingCommandsOf } from './demandAccounts.js';

const SUITE = 'products';
const CHUNK = 1_000;

/** A funded account's state (what the close of business decides from): the setup's own commands, folded. */
const fundedState = (): DemandDepositState => {
  let state = benchDecider.initialState();
  for (const { command } of fundingCommandsOf(contractStream(0))) {
    const decision = benchDecider.decide(command, state);
    if (E.isLeft(decision)) throw new Error(`storeFloor setup: ${JSON.stringify(decision.left)}`);
    for (const event of decision.right) state = benchDecider.evolve(state, event);
  }
  return state;
};

/** The day's `InterestAccrued` envelope of every stream (the same data, each with its own ids). */
const dayEnvelopes = (state: DemandDepositState, streams: readonly string[], date: string): EventEnvelope[] => {
  const decision = benchDecider.decide({ type: 'AccrueInterest', through: date }, state);
  if (E.isLeft(decision) || decision.right.length !== 1) throw new Error('storeFloor setup: expected one accrual event');
  const event = decision.right[0]!;
  const base = { correlationId: `cob:demand-deposit:${date}`, tenant: 'bank', actor: 'close-of-business', channel: 'batch' as const, occurredAt: `${date}T16:00:00.000Z` };
  return streams.map((stream) => {
    const commandId = productEventId(stream, `cob-${date}`, 0);
    return encodeEvent(demandDepositSchemas, event, { id: productEventId(stream, commandId, 0), metadata: { ...base, commandId, causationId: commandId } });
  });
};

/** The floor cases (one per store kind); see the module comment. */
export const storeFloorCases = async (kind: 'memory' | 'sqlite', accounts: number, runs: MeasureOptions): Promise<BenchResult> => {
  const { store, dispose } = await makeBenchStore(kind, 'floor');
  const streams = Array.from({ length: accounts }, (_, i) => contractStream(i));
  const state = fundedState();
  let date = businessDate(OPENED_ON);
  let revision: bigint | 'no_stream' = 'no_stream';
  const result = await measure(
    SUITE,
    `store floor: appendMany of one accrual event per account, ${kind}, ${accounts.toLocaleString('en-US')} accounts`,
    runs,
    async () => {
      date = addDays(date, 1);
      const envelopes = dayEnvelopes(state, streams, date);
      const expected = revision;
      revision = expected === 'no_stream' ? 0n : expected + 1n;
      const steps: (() => Promise<void>)[] = [];
      for (let start = 0; start < accounts; start += CHUNK) {
        const appends = streams.slice(start, start + CHUNK).map((stream, i) => ({ stream, events: [envelopes[start + i]!], expectedRevision: expected }));
        steps.push(async () => void (await store.appendMany(appends)));
      }
      return { ops: accounts, steps };
    },
    { accounts, store: kind, chunkSize: CHUNK },
  );
  await dispose();
  return result;
};
