/**
 * End-to-end properties of online deposits on the ledger: random activity of a few customers
 * (Class I/II/III demand accounts, time deposits) through the REAL handlers, book and close of
 * business, against a model that runs the same pure deciders and the ledger's guard by hand.
 * After every step: the trial balance is zero, each contract's balance is its ledger account,
 * interest payable is what is accrued and unpaid, internal clearing is square, no hold is left
 * open, and a refused command recorded and moved nothing. After each run: class limits hold on
 * the recorded movements, every stream replays to the model's state, a reopened book has the live
 * balances, and every recorded event's postings exist exactly once.
 */
import { Book, decimalToMinor, decodeEvent, type DomainEvent, type EventSchemas, type RecordedEvent } from '@ecoledger/ledger';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { checkProductPostings, trialBalanceGaps } from '../../test-kit/productPostingsCheck.js';
import {
  DEMAND_STREAM_PREFIX,
  TIME_STREAM_PREFIX,
  balanceOf,
  bankContext,
  bookBalances,
  closeResuming,
  demandAccountOf,
  demandStreamOf,
  glAccountOf,
  openDepositBank,
  replayContract,
  timeAccountOf,
  timeCobCommands,
  timeStreamOf,
  type DepositBank,
} from '../../test-kit/deposits/depositBank.js';
import { addDays, businessDate, dateParts, type BusinessDate } from '../calendar/businessDate.js';
import type { AccountClass } from './demand/classLimits.js';
import type { DemandDepositCommand, MovementDestination, MovementSource } from './demand/commands.js';
import { demandDepositSchemas, type DemandDepositEvent } from './demand/events.js';
import type { DemandDepositState } from './demand/state.js';
import type { MaturityInstruction, TimeDepositCommand } from './time/commands.js';
import { timeDepositEventSchemas, type InterestSettlement, type TimeDepositEvent } from './time/events.js';
import { depositBalance, type TimeDepositState } from './time/state.js';

const CLASSES: readonly AccountClass[] = ['I', 'II', 'III'];
const CUSTOMERS = ['alice', 'bo'];
const ACCOUNTS = CUSTOMERS.flatMap((customer) => CLASSES.map((accountClass) => ({ id: `${customer}-${accountClass}`, customer, accountClass })));
const fen = (text: string): bigint => decimalToMinor(text, 2);
const yuan = (cents: number): string => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

/** The model and the bank it is compared with. */
interface World {
  readonly bank: DepositBank;
  date: BusinessDate;
  readonly demand: Map<string, DemandDepositState>;
  readonly time: Map<string, { state: TimeDepositState; funding: string }>;
  seq: number;
  position: bigint | 'start';
  /** Internal clearing's expected balance: bound-account movements in minus out, placements minus payouts. */
  clearing: bigint;
}

const isProductStream = (event: RecordedEvent): boolean => event.streamName.startsWith(DEMAND_STREAM_PREFIX) || event.streamName.startsWith(TIME_STREAM_PREFIX);

/** The events recorded since the last call (every stream: the book's too). */
const recordedSince = async (w: World): Promise<RecordedEvent[]> => {
  const events = await w.bank.store.readAll({ after: w.position });
  if (events.length > 0) w.position = events[events.length - 1]!.position;
  return events;
};

const codeOf = (error: unknown): string => (error as { code?: string }).code ?? String(error);

/**
 * Runs one online command through the real handler and checks it against the model: the same
 * refusal (the model's decider, or the ledger's guard for a debit beyond the balance), with nothing
 * recorded or moved; or the same events, recorded in the stream. Returns the events, or the code.
 */
const online = async <Command, Event, State>(
  w: World,
  handle: (stream: string, command: Command, context: ReturnType<typeof bankContext>) => Promise<E.Either<unknown, { readonly events: readonly Event[] }>>,
  decider: { decide: (c: Command, s: State) => E.Either<{ code: string }, readonly Event[]>; evolve: (s: State, e: Event) => State },
  stream: string,
  state: State,
  command: Command,
  debitBeyond: (events: readonly Event[]) => boolean,
): Promise<{ readonly events: readonly Event[]; readonly state: State } | string> => {
  const expected = decider.decide(command, state);
  const before = bookBalances(w.bank.book);
  const outcome = await handle(stream, command, bankContext(`cmd-${++w.seq}`));
  const refusal = E.isLeft(expected) ? expected.left.code : debitBeyond(expected.right) ? 'insufficient_funds' : undefined;
  const recorded = (await recordedSince(w)).filter(isProductStream);
  if (refusal !== undefined) {
    expect(E.isLeft(outcome) ? codeOf(outcome.left) : 'accepted').toBe(refusal);
    expect(recorded).toEqual([]);
    expect(bookBalances(w.bank.book)).toEqual(before);
    return refusal;
  }
  if (E.isLeft(outcome)) throw new Error(`${JSON.stringify(command)} refused: ${codeOf(outcome.left)}`);
  const events = (expected as E.Right<readonly Event[]>).right;
  expect(outcome.right.events).toEqual(events);
  expect(recorded.map((r) => [r.streamName, r.type])).toEqual(events.map((e) => [stream, (e as { type: string }).type]));
  return { events, state: events.reduce(decider.evolve, state) };
};

const demandCommand = async (w: World, contractId: string, command: DemandDepositCommand): Promise<readonly DemandDepositEvent[] | string> => {
  const state = w.demand.get(contractId)!;
  const beyond = (events: readonly DemandDepositEvent[]) => events.some((e) => e.type === 'WithdrawalMade' && fen(e.data.amount) > state.balance);
  const result = await online(w, w.bank.demand.handle, w.bank.demand.decider, demandStreamOf(contractId), state, command, beyond);
  if (typeof result === 'string') return result;
  for (const e of result.events) {
    if (e.type === 'DepositMade' && e.data.source === 'bound_account') w.clearing += fen(e.data.amount);
    if (e.type === 'WithdrawalMade' && e.data.destination === 'bound_account') w.clearing -= fen(e.data.amount);
  }
  w.demand.set(contractId, result.state);
  return result.events;
};

const timeCommand = async (w: World, contractId: string, command: TimeDepositCommand): Promise<readonly TimeDepositEvent[] | string> => {
  const entry = w.time.get(contractId)!;
  const result = await online(w, w.bank.time.handle, w.bank.time.decider, timeStreamOf(contractId), entry.state, command, () => false);
  if (typeof result === 'string') return result;
  clearTime(w, result.events);
  w.time.set(contractId, { ...entry, state: result.state });
  return result.events;
};

const at = (w: World): string => `${w.date}T10:00:00.000Z`;
const paidOut = (s: InterestSettlement): bigint => fen(s.principalPaidOut) + fen(s.interestPaidOut);
const settlementOf = (e: TimeDepositEvent): InterestSettlement | undefined => ('settlement' in e.data ? e.data.settlement : undefined);

const clearTime = (w: World, events: readonly TimeDepositEvent[]): void => {
  for (const e of events) {
    if (e.type === 'TimeDepositPlaced') w.clearing += fen(e.data.principal);
    const settlement = settlementOf(e);
    if (settlement !== undefined) w.clearing -= paidOut(settlement);
  }
};

/** Money a time deposit paid to internal clearing goes on to the customer's Class II account, the same day. */
const payBack = async (w: World, funding: string, events: readonly TimeDepositEvent[]): Promise<void> => {
  const amount = events.reduce((sum, e) => sum + (settlementOf(e) === undefined ? 0n : paidOut(settlementOf(e)!)), 0n);
  if (amount === 0n) return;
  const reference = `payback-${++w.seq}`;
  const answer = await demandCommand(w, funding, { type: 'Deposit', amount: yuan(Number(amount)), source: 'bound_account', reference, on: w.date, at: at(w) });
  expect(typeof answer).not.toBe('string');
};

/** Close of business of the model's date (time deposits, pay-backs, demand accounts), maybe killed once; then the date moves on. */
const closeBusinessDay = async (w: World, gap: number, killAt: number | undefined): Promise<void> => {
  const { bank, date } = w;
  const timeIds = [...w.time.keys()];
  const demandIds = ACCOUNTS.map((a) => a.id);
  const expectedTime = new Map<string, TimeDepositEvent[]>();
  for (const id of timeIds) {
    let state = w.time.get(id)!.state;
    const events: TimeDepositEvent[] = [];
    for (const command of timeCobCommands(state, date)) {
      const decided = bank.time.decider.decide(command, state);
      if (E.isLeft(decided)) throw new Error(`model: ${id} refused ${command.type}: ${decided.left.code}`);
      events.push(...decided.right);
      state = decided.right.reduce(bank.time.decider.evolve, state);
    }
    expectedTime.set(id, events);
    clearTime(w, events);
    w.time.set(id, { ...w.time.get(id)!, state });
  }
  const timeReport = await closeResuming((port) => bank.closeTime(date, timeIds, port), bank.port, killAt);
  expect(timeReport.refused).toEqual([]);
  await expectCobEvents(w, expectedTime, timeStreamOf, timeDepositEventSchemas);
  for (const [id, events] of expectedTime) await payBack(w, w.time.get(id)!.funding, events);

  const expectedDemand = new Map<string, DemandDepositEvent[]>();
  for (const id of demandIds) {
    const state = w.demand.get(id)!;
    const decided = bank.demand.decider.decide({ type: 'AccrueInterest', through: date }, state);
    if (E.isLeft(decided)) throw new Error(`model: ${id} refused AccrueInterest: ${decided.left.code}`);
    expectedDemand.set(id, [...decided.right]);
    w.demand.set(id, decided.right.reduce(bank.demand.decider.evolve, state));
  }
  const demandReport = await closeResuming((port) => bank.closeDemand(date, demandIds, port), bank.port, killAt);
  expect(demandReport.refused).toEqual([]);
  await expectCobEvents(w, expectedDemand, demandStreamOf, demandDepositSchemas);

  // The same date again changes nothing: not the log, not a balance.
  const balances = bookBalances(bank.book);
  expect((await bank.closeTime(date, timeIds)).alreadyCompleted).toBe(true);
  expect((await bank.closeDemand(date, demandIds)).alreadyCompleted).toBe(true);
  expect(await recordedSince(w)).toEqual([]);
  expect(bookBalances(bank.book)).toEqual(balances);
  w.date = addDays(date, gap);
};

/** The contract events close of business recorded are exactly the model's. */
const expectCobEvents = async <Event extends DomainEvent>(w: World, expected: Map<string, Event[]>, streamOf: (id: string) => string, schemas: EventSchemas<Event>): Promise<void> => {
  const recorded = (await recordedSince(w)).filter(isProductStream);
  const decoded = recorded.map((r) => {
    const event = decodeEvent(schemas, r);
    if (E.isLeft(event)) throw event.left;
    return [r.streamName, event.right];
  });
  expect(decoded).toEqual([...expected].flatMap(([id, events]) => events.map((event) => [streamOf(id), event])));
};

/** The invariants after every step. */
const checkInvariants = async (w: World): Promise<void> => {
  const { book } = w.bank;
  expect(trialBalanceGaps(book)).toEqual([]);
  expect(book.openHoldsPage().items).toEqual([]);
  let payable = 0n;
  for (const [id, state] of w.demand) {
    expect([id, balanceOf(book, demandAccountOf(id))]).toEqual([id, state.balance]);
    payable += state.accrual.postedToLedger;
  }
  for (const [id, { state }] of w.time) {
    expect([id, balanceOf(book, timeAccountOf(id))]).toEqual([id, depositBalance(state)]);
    if (state.status === 'active') payable += state.term.accrued;
  }
  // Interest payable holds exactly what is accrued and not yet paid; clearing, what went through it.
  expect(balanceOf(book, glAccountOf('interest-payable'))).toBe(payable);
  expect(balanceOf(book, glAccountOf('internal-clearing'))).toBe(w.clearing);
};

/** For Class II/III, the counted movements recorded per day and year, and a Class III balance after a deposit, stay within the limits. */
const checkClassLimits = async (w: World): Promise<void> => {
  const limits = w.bank.demand.product.classLimits;
  for (const { id, accountClass } of ACCOUNTS.filter((a) => a.accountClass !== 'I')) {
    const limit = limits[accountClass];
    const used = new Map<string, bigint>();
    const use = (key: string, amount: bigint, max: bigint | undefined): void => {
      used.set(key, (used.get(key) ?? 0n) + amount);
      if (max !== undefined) expect(used.get(key)!, `${id} ${key}`).toBeLessThanOrEqual(max);
    };
    let balance = 0n;
    for (const recorded of await w.bank.store.readStream(demandStreamOf(id))) {
      const decoded = decodeEvent(demandDepositSchemas, recorded);
      if (E.isLeft(decoded)) throw decoded.left;
      const event = decoded.right;
      if (event.type === 'InterestPosted') balance += fen(event.data.net);
      if (event.type !== 'DepositMade' && event.type !== 'WithdrawalMade') continue;
      const inward = event.type === 'DepositMade';
      const amount = fen(event.data.amount);
      balance += inward ? amount : -amount;
      if (inward && limit.maxBalance !== undefined) expect(balance).toBeLessThanOrEqual(limit.maxBalance);
      if ((inward ? event.data.source : event.data.destination) === 'bound_account') continue;
      const direction = inward ? 'in' : 'out';
      use(`${direction} ${event.data.on}`, amount, inward ? limit.dailyIn : limit.dailyOut);
      use(`${direction} ${dateParts(event.data.on as BusinessDate).year}`, amount, inward ? limit.yearlyIn : limit.yearlyOut);
    }
  }
};

/** After a run: replay from the store equals the model, a reopened book equals the live one, every posting is there once. */
const checkReplay = async (w: World): Promise<void> => {
  const { bank } = w;
  for (const [id, state] of w.demand) expect(await replayContract(bank.store, demandStreamOf(id), bank.demand.decider, demandDepositSchemas)).toEqual(state);
  for (const [id, { state }] of w.time) expect(await replayContract(bank.store, timeStreamOf(id), bank.time.decider, timeDepositEventSchemas)).toEqual(state);
  const reopened = await Book.open({ store: bank.store, snapshotEvery: 0 });
  expect(bookBalances(reopened)).toEqual(bookBalances(bank.book));
  const report = await checkProductPostings(bank.store, bank.book, bank.sources);
  expect({ ...report, events: 0, owedPostings: 0 }).toEqual({ events: 0, owedPostings: 0, missing: [], lost: [], mismatched: [], unexpected: [], pendingOwed: [], pendingOrphaned: [] });
};

type Step = fc.AsyncCommand<World, World>;
const step = (label: string, act: (w: World) => Promise<unknown>, guard: (w: World) => boolean = () => true): Step => ({
  check: guard,
  run: async (w) => {
    await act(w);
    await checkInvariants(w);
  },
  toString: () => label,
});

const cents = fc.oneof(fc.integer({ min: 1, max: 300_000 }), fc.constantFrom(100, 200_000, 500_000, 1_000_000));
const account = fc.integer({ min: 0, max: ACCOUNTS.length - 1 }).map((i) => ACCOUNTS[i]!.id);

const deposit = fc.record({ id: account, amount: cents, source: fc.constantFrom<MovementSource>('cash', 'bound_account', 'unbound_account') }).map(({ id, amount, source }) =>
  step(`deposit ${yuan(amount)} from ${source} to ${id}`, (w) => demandCommand(w, id, { type: 'Deposit', amount: yuan(amount), source, reference: `ref-${w.seq}`, on: w.date, at: at(w) })),
);
const withdraw = fc
  .record({ id: account, amount: cents, destination: fc.constantFrom<MovementDestination>('cash', 'bound_account', 'unbound_account', 'spending') })
  .map(({ id, amount, destination }) =>
    step(`withdraw ${yuan(amount)} from ${id} to ${destination}`, (w) => demandCommand(w, id, { type: 'Withdraw', amount: yuan(amount), destination, reference: `ref-${w.seq}`, on: w.date, at: at(w) })),
  );
const freeze = fc.record({ id: account, amount: fc.option(cents, { nil: undefined }) }).map(({ id, amount }) =>
  step(`freeze ${amount === undefined ? 'all' : yuan(amount)} of ${id}`, (w) =>
    demandCommand(w, id, { type: 'Freeze', freezeId: `f-${w.seq}`, authority: 'court', reference: `order-${w.seq}`, at: at(w), ...(amount === undefined ? {} : { amount: yuan(amount) }) }),
  ),
);
const unfreeze = account.map((id) =>
  step(`unfreeze ${id}`, (w) => demandCommand(w, id, { type: 'Unfreeze', freezeId: w.demand.get(id)!.freezes[0]?.freezeId ?? 'none', at: at(w) })),
);

/** A time deposit funded from the customer's Class II account: a withdrawal to the bound account, then Place, the same day. */
const place = fc
  .record({
    customer: fc.constantFrom(...CUSTOMERS),
    amount: fc.integer({ min: 5_000, max: 800_000 }),
    termMonths: fc.constantFrom(3, 3, 6, 12),
    instruction: fc.constantFrom<MaturityInstruction>('payout', 'rollover_principal', 'rollover_principal_and_interest', 'hold_at_maturity'),
  })
  .map(({ customer, amount, termMonths, instruction }) =>
    step(`place ${yuan(amount)} for ${termMonths} months (${instruction}) from ${customer}-II`, async (w) => {
      const funding = `${customer}-II`;
      const funded = await demandCommand(w, funding, { type: 'Withdraw', amount: yuan(amount), destination: 'bound_account', reference: `td-funding-${w.seq}`, on: w.date, at: at(w) });
      if (typeof funded === 'string') return;
      const contractId = `td-${w.seq}`;
      w.time.set(contractId, { state: w.bank.time.decider.initialState(), funding });
      const placed = await timeCommand(w, contractId, {
        type: 'Place',
        contractId,
        customerId: customer,
        principal: yuan(amount),
        termMonths,
        maturityInstruction: instruction,
        placedOn: w.date,
        channel: 'app',
      });
      expect(typeof placed).not.toBe('string');
    }),
  );

/** Money out of a time deposit (early, wholly or in part; or after maturity when held), paid back to the funding account. */
const takeOut = fc.record({ index: fc.nat(), amount: fc.option(fc.integer({ min: 1, max: 800_000 }), { nil: undefined }) }).map(({ index, amount }) =>
  step(
    `take ${amount === undefined ? 'all' : yuan(amount)} out of time deposit #${index}`,
    async (w) => {
      const ids = [...w.time.keys()];
      const id = ids[index % ids.length]!;
      const { state, funding } = w.time.get(id)!;
      const command: TimeDepositCommand =
        state.status === 'held' ? { type: 'WithdrawAfterMaturity', on: w.date } : { type: 'WithdrawEarly', on: w.date, ...(amount === undefined ? {} : { amount: yuan(amount) }) };
      const events = await timeCommand(w, id, command);
      if (typeof events !== 'string') await payBack(w, funding, events);
    },
    (w) => w.time.size > 0,
  ),
);

const closeOfBusiness = fc
  .record({ gap: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 4, max: 30 }), fc.integer({ min: 31, max: 95 })), killAt: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }) })
  .map(({ gap, killAt }) => step(`close of business, ${killAt === undefined ? '' : `killed at posting ${killAt} and resumed, `}then ${gap} days on`, (w) => closeBusinessDay(w, gap, killAt)));

const activity = fc.commands(
  [deposit, deposit, withdraw, withdraw, freeze, unfreeze, place, takeOut, closeOfBusiness, closeOfBusiness, closeOfBusiness],
  { maxCommands: 30, size: 'max' },
);

const openWorld = async (start: BusinessDate): Promise<World> => {
  const w: World = { bank: await openDepositBank(), date: start, demand: new Map(), time: new Map(), seq: 0, position: 'start', clearing: 0n };
  for (const { id, customer, accountClass } of ACCOUNTS) {
    w.demand.set(id, w.bank.demand.decider.initialState());
    const opened = await demandCommand(w, id, {
      type: 'Open',
      contractId: id,
      customerId: customer,
      kycReference: `kyc-${customer}`,
      channel: 'app',
      accountClass,
      ...(accountClass === 'I' ? {} : { boundAccountId: `${customer}-I` }),
      openedOn: start,
      at: at(w),
    });
    expect(typeof opened).not.toBe('string');
    // Money to work with: Class I from cash, Class II and III from the bound account (no limit counted).
    const opening = { I: '50000.00', II: '20000.00', III: '1500.00' }[accountClass];
    const source = accountClass === 'I' ? 'cash' : 'bound_account';
    expect(typeof (await demandCommand(w, id, { type: 'Deposit', amount: opening, source, reference: `opening-${id}`, on: start, at: at(w) }))).not.toBe('string');
  }
  await recordedSince(w);
  return w;
};

describe('online deposits on the ledger (model-based, real handlers, book and close of business)', () => {
  it('keep the books balanced, balances equal to ledger accounts, class limits, COB idempotent and replay exact', async () => {
    const start = fc.integer({ min: 0, max: 400 }).map((n) => addDays(businessDate('2026-01-01'), n));
    await fc.assert(
      fc.asyncProperty(start, activity, async (from, commands) => {
        const w = await openWorld(from);
        await fc.asyncModelRun(() => ({ model: w, real: w }), commands);
        await checkClassLimits(w);
        await checkReplay(w);
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
