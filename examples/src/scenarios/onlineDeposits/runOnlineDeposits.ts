/**
 * "Online deposits": a month of the bank's online deposit business on the ledger. Customers open
 * demand accounts through the app, the web and a branch; PBoC Class II and III limits refuse what
 * they must (and nothing moves); the ledger's guard refuses an overdraft; a time deposit is placed
 * from a demand account and broken early at the demand rate; close of business accrues interest
 * every day and credits it on 20 March, across a posted rate change. It ends with the invariant
 * checks: the book's (trial balance, read model, replay) and the deposits' (contract = ledger
 * account, no pending hold, clearing nets to zero, close of business twice = once).
 *
 * Each run on a store opens its own contracts (suffix `-r<n>`), so a durable store can run it again.
 */
import { randomUUID } from 'node:crypto';
import { createInMemoryCheckpointStore, createInMemoryEventStore, decimalToMinor, decodeEvent, minorToDecimal, runProcessorOnce, type EventStore } from '@ecoledger/ledger';
import { businessDate, businessDateOf, isBusinessDay, runCloseOfBusiness, valueDateOf, type DemandDepositCommand, type TimeDepositCommand, type TimeDepositEvent } from '@ecoledger/products';
import * as E from 'fp-ts/lib/Either.js';
import { checkBook, type AssetTotals } from '../bookChecks.js';
import { checkDeposits } from './depositChecks.js';
import { calendar, customerContext, openDepositBank, type DepositBank } from './depositBank.js';
import { explainInterest, movementLine, timeLine, trialBalanceTable } from './depositReport.js';
import { demandDepositSchemas } from '@ecoledger/products';

/** Options of {@link runOnlineDeposits}. */
export interface OnlineDepositsOptions {
  readonly store?: EventStore;
  readonly print?: (line: string) => void;
}

/** What the scenario found. */
export interface OnlineDepositsReport {
  readonly ok: boolean;
  readonly failures: readonly string[];
  readonly lines: readonly string[];
  readonly trialBalance: Readonly<Record<string, AssetTotals>>;
}

const RUNS_STREAM = 'scenario-online-deposits-runs';
const dayOf = (day: number): string => `2026-03-${String(day).padStart(2, '0')}`;

/** Runs the scenario; see the module comment. */
export const runOnlineDeposits = async (options: OnlineDepositsOptions = {}): Promise<OnlineDepositsReport> => {
  const store = options.store ?? createInMemoryEventStore();
  const lines: string[] = [];
  const say = (line: string) => {
    lines.push(line);
    options.print?.(line);
  };
  const failures: string[] = [];
  const run = await nextRun(store);
  const bank = await openDepositBank(store, run);
  const id = (name: string) => `${name}-r${run}`;
  const demandStreams: { stream: string; contractId: string }[] = [];
  const timeStreams: { stream: string; contractId: string }[] = [];

  let step = 0;
  const transferCheckpoints = createInMemoryCheckpointStore();
  const demand = async (contract: string, command: DemandDepositCommand, channel: 'app' | 'web' | 'branch', expect: 'ok' | string) => {
    const contractId = id(contract);
    const stream = bank.demand.streamOf(contractId);
    if (command.type === 'Open' && !demandStreams.some((s) => s.stream === stream)) demandStreams.push({ stream, contractId });
    const typed = command.type === 'Open' ? { ...command, contractId, ...(command.boundAccountId === undefined ? {} : { boundAccountId: id(command.boundAccountId) }) } : command;
    const outcome = await bank.demand.handle(stream, typed, customerContext(`${id('cmd')}-${++step}`, contractId, channel));
    const answer = E.isRight(outcome) ? 'ok' : (outcome.left as { code: string }).code;
    say(movementLine(contractId, command, channel, answer));
    if (answer !== expect) failures.push(`${contractId} ${command.type}: expected ${expect}, got ${answer}`);
  };
  const time = async (contract: string, command: TimeDepositCommand): Promise<TimeDepositEvent[]> => {
    const contractId = id(contract);
    const stream = bank.time.streamOf(contractId);
    if (command.type === 'Place' && !timeStreams.some((s) => s.stream === stream)) timeStreams.push({ stream, contractId });
    const typed = command.type === 'Place' ? { ...command, contractId } : command;
    const outcome = await bank.time.handle(stream, typed, customerContext(`${id('cmd')}-${++step}`, contractId, 'app'));
    const answer = E.isRight(outcome) ? 'ok' : (outcome.left as { code: string }).code;
    say(timeLine(contractId, command, answer));
    if (E.isLeft(outcome)) {
      failures.push(`${contractId} ${command.type}: ${answer}`);
      return [];
    }
    return [...outcome.right.events];
  };

  say(`Online deposits (run ${run}): the bank's CNY book "${bank.book.bookId}", demand rate 0.35 % (0.30 % from 16 March), ACT/360, credited quarterly on the 20th; close of business on business days (17:00 cut-off, Beijing).`);
  say('');
  for (let day = 2; day <= 31; day++) {
    const date = dayOf(day);
    bank.setNow(`${date}T02:00:00.000Z`);
    const at = bank.now().toISOString();
    if (day === 2) {
      say(`${date}: accounts opened online and at a branch; PBoC class limits`);
      const open = (contract: string, accountClass: 'I' | 'II' | 'III', channel: 'app' | 'web' | 'branch', bound?: string): DemandDepositCommand => ({
        type: 'Open', contractId: contract, customerId: contract.split('-')[0]!, kycReference: `kyc-${contract}`, channel, accountClass, openedOn: date, at,
        ...(bound === undefined ? {} : { boundAccountId: bound }),
      });
      const dep = (amount: string, source: 'cash' | 'bound_account' | 'unbound_account'): DemandDepositCommand => ({ type: 'Deposit', amount, source, reference: `dep-${++step}`, on: date, at });
      const wd = (amount: string, destination: 'cash' | 'bound_account' | 'unbound_account' | 'spending' | 'internal'): DemandDepositCommand => ({ type: 'Withdraw', amount, destination, reference: `wd-${++step}`, on: date, at });
      await demand('alice-1', open('alice-1', 'I', 'app'), 'app', 'ok');
      await demand('alice-1', dep('80000.00', 'unbound_account'), 'app', 'ok');
      await demand('bob-1', open('bob-1', 'I', 'branch'), 'branch', 'ok');
      await demand('bob-1', dep('20000.00', 'cash'), 'branch', 'ok');
      await demand('bob-2', open('bob-2', 'II', 'web', 'bob-1'), 'web', 'ok');
      await demand('bob-2', dep('8000.00', 'unbound_account'), 'web', 'ok');
      await demand('bob-2', dep('3000.00', 'unbound_account'), 'web', 'class_ii_daily_in_limit_exceeded');
      // Money from the bound Class I account leaves it (internal) and arrives in Class II (bound): not counted.
      await demand('bob-1', wd('15000.00', 'internal'), 'web', 'ok');
      await demand('bob-2', dep('15000.00', 'bound_account'), 'web', 'ok');
      await demand('bob-2', wd('9500.00', 'spending'), 'web', 'ok');
      await demand('bob-2', wd('1000.00', 'unbound_account'), 'web', 'class_ii_daily_out_limit_exceeded');
      await demand('carol-1', open('carol-1', 'I', 'web'), 'web', 'ok');
      await demand('carol-3', open('carol-3', 'III', 'app', 'carol-1'), 'app', 'ok');
      await demand('carol-3', dep('1800.00', 'unbound_account'), 'app', 'ok');
      await demand('carol-3', dep('500.00', 'bound_account'), 'app', 'class_iii_balance_limit_exceeded');
      await demand('alice-1', wd('1000000.00', 'cash'), 'app', 'insufficient_funds');
    }
    if (day === 5) {
      say('');
      say(`${date}: Alice moves 30,000.00 from her demand account into a 12-month time deposit at 1.45 %`);
      await demand('alice-1', { type: 'Withdraw', amount: '30000.00', destination: 'internal', reference: 'td-funding', on: date, at }, 'app', 'ok');
      await time('alice-td', { type: 'Place', contractId: 'alice-td', customerId: 'alice', principal: '30000.00', termMonths: 12, maturityInstruction: 'payout', placedOn: date, channel: 'app' });
    }
    if (day === 7) {
      say('');
      say(`${date} (Saturday): online banking takes deposits on a closed day; interest counts from the calendar day`);
      await demand('carol-1', { type: 'Deposit', amount: '500.00', source: 'unbound_account', reference: 'weekend-topup', on: valueDateOf(calendar, bank.now()), at }, 'app', 'ok');
    }
    if (day === 10) {
      say('');
      say(`${date}: transfers between customers: the payer's withdrawal is answered at once, the transfer reactor credits the payee (or returns the money)`);
      const pay = (to: string, amount: string, reference: string): DemandDepositCommand => ({ type: 'Withdraw', amount, destination: 'customer_account', counterpartyContractId: id(to), reference, on: date, at });
      await demand('alice-1', pay('bob-1', '1200.00', 'rent-march'), 'app', 'ok');
      await demand('alice-1', pay('carol-3', '500.00', 'gift'), 'app', 'ok');
      await runProcessorOnce({ source: store, checkpoints: transferCheckpoints, processor: bank.transfers });
      for (const line of await transferOutcomes(bank, [id('bob-1'), id('carol-3'), id('alice-1')], date)) say(line);
    }
    if (day === 13) {
      bank.setNow(`${date}T10:30:00.000Z`); // 18:30 in Beijing: after the 17:00 cut-off
      const late = bank.now();
      say('');
      say(`${date} 18:30 Beijing: a deposit after the cut-off belongs to business date ${businessDateOf(calendar, late)}, and earns from value date ${valueDateOf(calendar, late)}`);
      await demand('bob-1', { type: 'Deposit', amount: '2000.00', source: 'unbound_account', reference: 'late-transfer', on: valueDateOf(calendar, late), at: late.toISOString() }, 'app', 'ok');
    }
    if (day === 25) {
      say('');
      say(`${date}: Alice breaks the time deposit early: the whole principal earns the demand rate posted today`);
      const events = await time('alice-td', { type: 'WithdrawEarly', on: date });
      const broken = events.find((event) => event.type === 'TimeDepositWithdrawnEarly');
      if (broken === undefined) failures.push('the early withdrawal recorded no TimeDepositWithdrawnEarly');
      else {
        for (const line of explainInterest('time deposit alice-td, early withdrawal', broken.data.segments, broken.data.rounding)) say(line);
        const { principalPaidOut, interestPaidOut } = broken.data.settlement;
        const amount = minorToDecimal(decimalToMinor(principalPaidOut, 2) + decimalToMinor(interestPaidOut, 2), 2);
        await demand('alice-1', { type: 'Deposit', amount, source: 'internal', reference: 'td-payout', on: date, at }, 'app', 'ok');
      }
    }
    if (isBusinessDay(calendar, businessDate(date))) await closeBusinessDay(bank, date, demandStreams, timeStreams, failures);
    if (day === 20) {
      say('');
      say(`${date}: close of business credits the quarter's interest`);
      for (const line of await creditedInterest(bank, demandStreams, date)) say(line);
    }
  }

  // Close of business twice equals once: the last date again writes nothing.
  const before = (await store.readAll()).length;
  await closeBusinessDay(bank, dayOf(31), demandStreams, timeStreams, failures);
  if ((await store.readAll()).length !== before) failures.push('running close of business again for 2026-03-31 wrote events');

  const check = await checkBook(store, bank.book);
  say('');
  for (const line of trialBalanceTable(check.trialBalance)) say(line);
  failures.push(...check.failures, ...(await checkDeposits(bank, { demand: demandStreams, time: timeStreams })));
  say('');
  if (failures.length === 0) say('All invariants hold: debits = credits, read model = book, replay = live, every contract = its ledger account, no pending hold, clearing nets to zero, close of business twice = once.');
  else for (const failure of failures) say(`INVARIANT FAILED: ${failure}`);
  return { ok: failures.length === 0, failures, lines, trialBalance: check.totals };
};

/** The number of this run on the store (1 for the first), recorded so a durable store can run the scenario again. */
const nextRun = async (store: EventStore): Promise<number> => {
  const previous = await store.readStream(RUNS_STREAM);
  const run = previous.length + 1;
  await store.append(
    RUNS_STREAM,
    [{ id: randomUUID(), type: 'ScenarioRunStarted', version: 1, data: { run }, metadata: { correlationId: `run-${run}`, causationId: `run-${run}`, tenant: 'bank', actor: 'scenario', channel: 'system', occurredAt: new Date().toISOString() } }],
    previous.length === 0 ? 'no_stream' : BigInt(previous.length - 1),
  );
  return run;
};

/** Close of business for one date: demand accounts accrue (and credit on posting dates), time deposits accrue and mature. */
const closeBusinessDay = async (bank: DepositBank, date: string, demandStreams: readonly { contractId: string }[], timeStreams: readonly { contractId: string }[], failures: string[]): Promise<void> => {
  const demand = await bank.closeDemand(date, demandStreams.map((s) => s.contractId));
  const time = await bank.closeTime(date, timeStreams.map((s) => s.contractId));
  for (const refused of [...demand.refused, ...time.refused]) failures.push(`close of business ${date}: ${refused.stream} refused: ${refused.error.code}`);
};

/** What the transfer reactor recorded on a date: deposits from other customers and returns. */
const transferOutcomes = async (bank: DepositBank, contractIds: readonly string[], date: string): Promise<string[]> => {
  const lines: string[] = [];
  for (const contractId of contractIds) {
    for (const recorded of await bank.store.readStream(bank.demand.streamOf(contractId))) {
      const decoded = decodeEvent(demandDepositSchemas, recorded);
      if (E.isLeft(decoded) || decoded.right.type !== 'DepositMade' || decoded.right.data.on !== date) continue;
      const { source, amount, reference, counterpartyContractId } = decoded.right.data;
      if (source === 'customer_account') lines.push(`  ${contractId.padEnd(12)} (reactor) received ${amount} from ${counterpartyContractId ?? '?'} (${reference})`);
      if (source === 'internal' && reference.startsWith('return:')) lines.push(`  ${contractId.padEnd(12)} (reactor) got ${amount} back: the payee refused it (${reference})`);
    }
  }
  return lines;
};

/** The interest credited on a posting date, explained from the events alone. */
const creditedInterest = async (bank: DepositBank, demandStreams: readonly { stream: string; contractId: string }[], date: string): Promise<string[]> => {
  const lines: string[] = [];
  for (const { stream, contractId } of demandStreams) {
    for (const recorded of await bank.store.readStream(stream)) {
      if (recorded.type !== 'InterestPosted') continue;
      const decoded = decodeEvent(demandDepositSchemas, recorded);
      if (E.isLeft(decoded) || decoded.right.type !== 'InterestPosted' || decoded.right.data.on !== date) continue;
      const { gross, net, segments, rounding } = decoded.right.data;
      if (decimalToMinor(gross, 2) === 0n) continue;
      lines.push(...explainInterest(`${contractId}: credited ${net}`, segments, rounding));
    }
  }
  return lines;
};
