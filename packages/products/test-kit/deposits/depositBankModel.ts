/**
 * The model of the online-deposit properties (`src/deposits/onlineDeposits.properties.test.ts`): a
 * few customers with Class I/II/III demand accounts and time deposits, run through the REAL
 * handlers, book and close of business of a {@link DepositBank}, and checked against the same pure
 * deciders run by hand, with the ledger's guard emulated (a debit beyond the balance is refused).
 *
 * Each runner asserts as it goes (vitest `expect`): the same refusal with nothing recorded or
 * moved, or the same events recorded. {@link checkInvariants} runs after every step;
 * {@link checkClassLimits} and {@link checkReplay} after a run.
 */
import { Book, decimalToMinor, decodeEvent, type DomainEvent, type EventSchemas, type RecordedEvent } from '@ecoledger/ledger';
import * as E from 'fp-ts/lib/Either.js';
import { expect } from 'vitest';
import { addDays, dateParts, type BusinessDate } from '../../src/calendar/businessDate.js';
import type { AccountClass } from '../../src/deposits/demand/classLimits.js';
import type { DemandDepositCommand } from '../../src/deposits/demand/commands.js';
import { demandDepositSchemas, type DemandDepositEvent } from '../../src/deposits/demand/events.js';
import type { DemandDepositState } from '../../src/deposits/demand/state.js';
import type { TimeDepositCommand } from '../../src/deposits/time/commands.js';
import { timeDepositEventSchemas, type InterestSettlement, type TimeDepositEvent } from '../../src/deposits/time/events.js';
import { depositBalance, type TimeDepositState } from '../../src/deposits/time/state.js';
import { checkProductPostings, trialBalanceGaps } from '../productPostingsCheck.js';
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
} from './depositBank.js';

const CLASSES: readonly AccountClass[] = ['I', 'II', 'III'];
/** The customers: each has a Class I, II and III demand account (`alice-II`), II and III bound to I. */
export const CUSTOMERS = ['alice', 'bo'];
/** Every demand account of the model. */
export const ACCOUNTS = CUSTOMERS.flatMap((customer) => CLASSES.map((accountClass) => ({ id: `${customer}-${accountClass}`, customer, accountClass })));
const fen = (text: string): bigint => decimalToMinor(text, 2);
/** Yuan text of a count of fen (an integer from an arbitrary: never money arithmetic). */
export const yuan = (cents: number): string => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

/** The model and the bank it is compared with. */
export interface World {
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

/** A demand-account command, online. */
export const demandCommand = async (w: World, contractId: string, command: DemandDepositCommand): Promise<readonly DemandDepositEvent[] | string> => {
  const state = w.demand.get(contractId)!;
  // The balance through the command's events, in order (interest paid out at close never reaches it): no debit may exceed it.
  const beyond = (events: readonly DemandDepositEvent[]): boolean => {
    let balance = state.balance;
    for (const e of events) {
      if (e.type === 'InterestPosted' && e.data.paidTo === undefined) balance += fen(e.data.net);
      if (e.type === 'DepositMade') balance += fen(e.data.amount);
      if (e.type !== 'WithdrawalMade') continue;
      if (fen(e.data.amount) > balance) return true;
      balance -= fen(e.data.amount);
    }
    return false;
  };
  const result = await online(w, w.bank.demand.handle, w.bank.demand.decider, demandStreamOf(contractId), state, command, beyond);
  if (typeof result === 'string') return result;
  for (const e of result.events) {
    if (e.type === 'DepositMade' && e.data.source === 'bound_account') w.clearing += fen(e.data.amount);
    if (e.type === 'WithdrawalMade' && e.data.destination === 'bound_account') w.clearing -= fen(e.data.amount);
    if (e.type === 'InterestPosted' && e.data.paidTo === 'bound_account') w.clearing -= fen(e.data.net);
  }
  w.demand.set(contractId, result.state);
  return result.events;
};

/** A time-deposit command, online. */
export const timeCommand = async (w: World, contractId: string, command: TimeDepositCommand): Promise<readonly TimeDepositEvent[] | string> => {
  const entry = w.time.get(contractId)!;
  const result = await online(w, w.bank.time.handle, w.bank.time.decider, timeStreamOf(contractId), entry.state, command, () => false);
  if (typeof result === 'string') return result;
  clearTime(w, result.events);
  w.time.set(contractId, { ...entry, state: result.state });
  return result.events;
};

/** The instant of a command taken on the model's date. */
export const at = (w: World): string => `${w.date}T10:00:00.000Z`;
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
export const payBack = async (w: World, funding: string, events: readonly TimeDepositEvent[]): Promise<void> => {
  const amount = events.reduce((sum, e) => sum + (settlementOf(e) === undefined ? 0n : paidOut(settlementOf(e)!)), 0n);
  if (amount === 0n) return;
  const reference = `payback-${++w.seq}`;
  const answer = await demandCommand(w, funding, { type: 'Deposit', amount: yuan(Number(amount)), source: 'bound_account', reference, on: w.date, at: at(w) });
  expect(typeof answer).not.toBe('string');
};

/** Close of business of the model's date (time deposits, pay-backs, demand accounts), maybe killed once; then the date moves on. */
export const closeBusinessDay = async (w: World, gap: number, killAt: number | undefined): Promise<void> => {
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
export const checkInvariants = async (w: World): Promise<void> => {
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
export const checkClassLimits = async (w: World): Promise<void> => {
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
export const checkReplay = async (w: World): Promise<void> => {
  const { bank } = w;
  for (const [id, state] of w.demand) expect(await replayContract(bank.store, demandStreamOf(id), bank.demand.decider, demandDepositSchemas)).toEqual(state);
  for (const [id, { state }] of w.time) expect(await replayContract(bank.store, timeStreamOf(id), bank.time.decider, timeDepositEventSchemas)).toEqual(state);
  const reopened = await Book.open({ store: bank.store, snapshotEvery: 0 });
  expect(bookBalances(reopened)).toEqual(bookBalances(bank.book));
  const report = await checkProductPostings(bank.store, bank.book, bank.sources);
  expect({ ...report, events: 0, owedPostings: 0 }).toEqual({ events: 0, owedPostings: 0, missing: [], lost: [], mismatched: [], unexpected: [], pendingOwed: [], pendingOrphaned: [] });
};

/** A fresh bank on `start` with every account open and funded, and the model of it. */
export const openWorld = async (start: BusinessDate): Promise<World> => {
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
