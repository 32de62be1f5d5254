import { DeciderSpecification } from '@ecoledger/ledger/testing';
import { describe, expect, it } from 'vitest';
import { AT, accrueThrough, deposit, fixtureDecider, history, openBound, openCommand, withdraw } from '../../../test-kit/deposits/demandFixtures.js';
import { businessDate } from '../../calendar/businessDate.js';
import type { DemandDepositCommand } from './commands.js';
import type { DemandDepositEvent } from './events.js';

const decider = fixtureDecider();
const given = DeciderSpecification.for(decider);
const run = (...commands: DemandDepositCommand[]): DemandDepositEvent[] => history(decider, commands).events;
const opened = run(openCommand());
const funded = run(openCommand(), deposit('100.00', '2025-12-21'));
const freeze = (freezeId: string, amount?: string): DemandDepositCommand => ({ type: 'Freeze', freezeId, authority: 'court-1', reference: 'order-1', at: AT, ...(amount === undefined ? {} : { amount }) });

describe('demand deposit decider: lifecycle', () => {
  it('Open records the account with the product code', () => {
    given([]).when(openCommand()).then({
      type: 'DemandDepositOpened',
      data: { contractId: 'dd-1', customerId: 'cust-1', kycReference: 'kyc-1', channel: 'app', accountClass: 'I', openedOn: businessDate('2025-12-21'), at: AT, productCode: 'DD-CNY-01' },
    });
    given([]).when(openBound('II')).thenState((s) => s.status === 'open' && s.accountClass === 'II' && s.boundAccountId === 'class-i-1');
  });

  it('Open refuses a second open and a Class II/III without a bound account', () => {
    given(opened).when(openCommand()).thenFails('account_already_open');
    given([]).when(openCommand({ accountClass: 'II' })).thenFails('bound_account_required');
    given([]).when(openCommand({ accountClass: 'III' })).thenFails('bound_account_required');
  });

  it('Open refuses bad input with specific codes', () => {
    given([]).when(openCommand({ channel: 'fax' as never })).thenFails('channel_unknown');
    given([]).when(openCommand({ accountClass: 'IV' as never })).thenFails('account_class_unknown');
    given([]).when(openCommand({ contractId: '' })).thenFails('identifier_invalid');
    given([]).when(openCommand({ customerId: 'a\nb' })).thenFails('identifier_invalid');
    given([]).when(openCommand({ openedOn: '2026-02-30' })).thenFails('date_invalid');
    given([]).when(openCommand({ openedOn: '1900-01-01' })).thenFails('date_invalid');
    given([]).when(openCommand({ at: '2026-01-05 09:30' })).thenFails('instant_invalid');
    given([]).when({ ...openCommand(), extra: 1 } as never).thenFails('field_unknown');
    given([]).when({ ...openCommand(), kycReference: undefined } as never).thenFails('field_missing');
    given([]).when({ ...openCommand(), customerId: 7 } as never).thenFails('field_not_string');
    given([]).when({ type: 'Transfer' } as never).thenFails('command_unknown');
    given([]).when(null as never).thenFails('input_not_object');
  });

  it('commands before Open fail with account_not_open; after Close with account_closed', () => {
    given([]).when(deposit('1.00', '2026-01-01')).thenFails('account_not_open');
    given([]).when(accrueThrough('2026-01-01')).thenFails('account_not_open');
    const closed = run(openCommand(), { type: 'Close', on: '2025-12-22', at: AT, destination: 'cash', reference: 'close-1' });
    given(closed).when(deposit('1.00', '2026-01-01')).thenFails('account_closed');
    given(closed).when(freeze('f1')).thenFails('account_closed');
    // Close of business runs over every account: a closed one simply accrues nothing.
    given(closed).when(accrueThrough('2026-01-10')).thenNothingHappened();
    given(closed).when({ type: 'PostInterest', on: '2026-03-20' }).thenNothingHappened();
  });
});

describe('demand deposit decider: movements', () => {
  it('Deposit and Withdraw record the movement in fen and move the balance', () => {
    given(opened)
      .when(deposit('10000', '2025-12-21'))
      .then({ type: 'DepositMade', data: { contractId: 'dd-1', amount: '10000.00', source: 'cash', reference: 'dep-2025-12-21-10000', on: businessDate('2025-12-21'), at: AT } });
    given(funded).when(withdraw('30.5', '2025-12-22', 'spending')).thenState((s) => s.balance === 6950n);
  });

  it('does not check the balance (the ledger guard does), but refuses bad amounts', () => {
    given(funded).when(withdraw('500.00', '2025-12-22')).thenState((s) => s.balance === -40000n);
    given(opened).when(deposit('0', '2025-12-21')).thenFails('amount_not_positive');
    given(opened).when(deposit('-1', '2025-12-21')).thenFails('amount_negative');
    given(opened).when(deposit('1.001', '2025-12-21')).thenFails('amount_invalid');
    given(opened).when(deposit('1e3', '2025-12-21')).thenFails('amount_invalid');
    given(opened).when(deposit('170141183460469231731687303715884105728', '2025-12-21')).thenFails('amount_invalid');
    // 2^127 − 1 minor units is the ledger's largest amount: one fen more cannot be held.
    const full = run(openCommand(), deposit('1701411834604692317316873037158841057.27', '2025-12-21'));
    given(full).when(deposit('0.01', '2025-12-21')).thenFails('amount_out_of_range');
    given(opened).when({ ...deposit('1', '2025-12-21'), source: 'atm' } as never).thenFails('movement_source_unknown');
    given(opened).when({ ...withdraw('1', '2025-12-21'), destination: 'atm' } as never).thenFails('movement_destination_unknown');
  });

  it('value dates never go backwards and never fall on an accrued day', () => {
    const later = run(openCommand(), deposit('1.00', '2026-01-10'));
    given(later).when(deposit('1.00', '2026-01-09')).thenFails('value_date_before_last_activity');
    given(opened).when(deposit('1.00', '2025-12-20')).thenFails('value_date_before_last_activity');
    const accrued = run(openCommand(), accrueThrough('2026-01-10'));
    given(accrued).when(deposit('1.00', '2026-01-10')).thenFails('value_date_already_accrued');
    given(accrued).when(deposit('1.00', '2026-01-11')).thenState((s) => s.balance === 100n);
  });

  it('a movement with the bound account needs one', () => {
    given(opened).when(deposit('1.00', '2025-12-21', 'bound_account')).thenFails('bound_account_missing');
    given(opened).when(withdraw('1.00', '2025-12-21', 'bound_account')).thenFails('bound_account_missing');
  });

  it('too many value dates waiting for accrual: accrual_overdue', () => {
    const commands: DemandDepositCommand[] = [openCommand()];
    for (let i = 0; i < 1_000; i++) commands.push(deposit('0.01', `20${26 + Math.floor(i / 300)}-01-01`.replace('-01-01', '') + dayOfYear(i % 300)));
    const events = run(...commands);
    given(events).when(deposit('0.01', '2029-12-31')).thenFails('accrual_overdue');
  });
});

// Day i (0..299) of a year as -MM-DD, through late October.
const dayOfYear = (i: number): string => {
  const date = new Date(Date.UTC(2001, 0, 1 + i));
  return `-${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`;
};

describe('demand deposit decider: judicial freezes', () => {
  it('an amount freeze keeps its money in; a whole-account freeze blocks every debit', () => {
    const partly = run(openCommand(), deposit('100.00', '2025-12-21'), freeze('f1', '60'));
    given(partly).when(withdraw('40.00', '2025-12-22')).thenState((s) => s.balance === 6000n);
    given(partly).when(withdraw('40.01', '2025-12-22')).thenFails('amount_frozen');
    given(partly).when(deposit('1.00', '2025-12-22')).thenState((s) => s.balance === 10100n);
    const whole = run(openCommand(), deposit('100.00', '2025-12-21'), freeze('f1'));
    given(whole).when(withdraw('0.01', '2025-12-22')).thenFails('account_frozen');
    given(whole).when({ type: 'Close', on: '2025-12-22', at: AT, destination: 'cash', reference: 'c' }).thenFails('account_frozen');
    given(partly).when({ type: 'Close', on: '2025-12-22', at: AT, destination: 'cash', reference: 'c' }).thenFails('account_frozen');
  });

  it('Freeze and Unfreeze record and lift freezes by id', () => {
    given(funded).when(freeze('f1', '10')).then({ type: 'FundsFrozen', data: { contractId: 'dd-1', freezeId: 'f1', authority: 'court-1', reference: 'order-1', at: AT, amount: '10.00' } });
    const frozen = run(openCommand(), deposit('100.00', '2025-12-21'), freeze('f1'));
    given(frozen).when(freeze('f1', '1')).thenFails('freeze_id_in_use');
    given(frozen).when({ type: 'Unfreeze', freezeId: 'f2', at: AT }).thenFails('freeze_not_found');
    given(frozen).when({ type: 'Unfreeze', freezeId: 'f1', at: AT }).thenState((s) => s.freezes.length === 0);
    given(funded).when(freeze('f1', '0')).thenFails('amount_not_positive');
    const many = run(openCommand(), ...Array.from({ length: 64 }, (_, i) => freeze(`f${i}`, '1')));
    given(many).when(freeze('f64', '1')).thenFails('too_many_freezes');
  });
});

describe('demand deposit decider: interest commands', () => {
  it('AccrueInterest for a date already accrued produces nothing', () => {
    const accrued = run(openCommand(), deposit('100.00', '2025-12-21'), accrueThrough('2026-01-10'));
    given(accrued).when(accrueThrough('2026-01-10')).thenNothingHappened();
    given(accrued).when(accrueThrough('2026-01-01')).thenNothingHappened();
  });

  it('refuses spans beyond the limit and dates before the rate table', () => {
    given(opened).when(accrueThrough('2036-01-01')).thenFails('accrual_span_too_long');
    const early = fixtureDecider({ rates: [{ from: '2026-01-01', ratePercent: '0.35' }] });
    DeciderSpecification.for(early)(history(early, [openCommand()]).events)
      .when(accrueThrough('2026-01-02'))
      .thenFails('rate_not_posted');
  });

  it('PostInterest needs a posting date, accrues through it, and is then a no-op', () => {
    given(funded).when({ type: 'PostInterest', on: '2026-03-21' }).thenFails('not_a_posting_date');
    given(funded)
      .when({ type: 'PostInterest', on: '2026-03-20' })
      .thenState((s) => s.accrual.lastAccrued === '2026-03-20' && s.balance === 10009n && s.accrual.periodStart === '2026-03-21');
    const posted = run(openCommand(), deposit('100.00', '2025-12-21'), { type: 'PostInterest', on: '2026-03-20' });
    given(posted).when({ type: 'PostInterest', on: '2026-03-20' }).thenNothingHappened();
  });

  it('Close pays interest to the day before and the balance out to the destination, and closes', () => {
    const thousand = run(openCommand(), deposit('10000.00', '2025-12-21'));
    const close: DemandDepositCommand = { type: 'Close', on: '2026-01-20', at: AT, destination: 'cash', reference: 'close-1' };
    given(thousand)
      .when(close)
      .thenState((s) => s.status === 'closed' && s.balance === 0n);
    // 10,000.00 × 0.36 % × 30/360 = 3.00 for Dec 21 .. Jan 19.
    const events = run(openCommand(), deposit('10000.00', '2025-12-21'), close);
    // The interest goes straight to the destination (paidTo), never through the account: a credit and a debit of
    // one account in one command would be held together, and the ledger's guard counts posted credits only.
    const paid = events.find((e) => e.type === 'WithdrawalMade' && e.data.reference === 'close-1');
    expect(paid?.data).toMatchObject({ amount: '10000.00', destination: 'cash' });
    const interest = events.find((e) => e.type === 'InterestPosted');
    expect(interest?.data).toMatchObject({ net: '3.00', paidTo: 'cash' });
    given(thousand).when({ ...close, on: '2025-12-20' }).thenFails('value_date_before_last_activity');
    given(thousand).when({ ...close, destination: 'bound_account' }).thenFails('bound_account_missing');
  });
});

describe('demand deposit decider: class limits (each breach has its own code, nothing happens)', () => {
  const classII = run(openBound('II'));
  const classIII = run(openBound('III'));
  it('Class II: 10,000.00 a day in and out, counted separately; bound-account movements are free', () => {
    given(classII).when(deposit('10000.00', '2025-12-21')).thenState((s) => s.usage.dayIn === 1_000_000n);
    given(classII).when(deposit('10000.01', '2025-12-21')).thenFails('class_ii_daily_in_limit_exceeded');
    given(classII).when(deposit('10000.01', '2025-12-21', 'unbound_account')).thenFails('class_ii_daily_in_limit_exceeded');
    given(classII).when(deposit('50000.00', '2025-12-21', 'bound_account')).thenState((s) => s.usage.dayIn === 0n);
    const full = run(openBound('II'), deposit('50000.00', '2025-12-21', 'bound_account'), withdraw('10000.00', '2025-12-21', 'spending'));
    given(full).when(withdraw('0.01', '2025-12-21', 'unbound_account')).thenFails('class_ii_daily_out_limit_exceeded');
    given(full).when(withdraw('0.01', '2025-12-22', 'cash')).thenState((s) => s.usage.dayOut === 1n && s.usage.yearOut === 1_000_001n);
    given(full).when(withdraw('5000.00', '2025-12-21', 'bound_account')).thenState((s) => s.usage.dayOut === 1_000_000n);
  });

  it('movements with the customer’s own products at the bank (internal) need no bound account and are not counted', () => {
    given(opened).when(deposit('1.00', '2025-12-21', 'internal')).thenState((s) => s.balance === 100n);
    const full = run(openBound('II'), deposit('50000.00', '2025-12-21', 'bound_account'), withdraw('10000.00', '2025-12-21', 'spending'));
    given(full).when(withdraw('30000.00', '2025-12-21', 'internal')).thenState((s) => s.usage.dayOut === 1_000_000n && s.balance === 1_000_000n);
    given(classII).when(deposit('30000.00', '2025-12-21', 'internal')).thenState((s) => s.usage.dayIn === 0n);
  });

  it('Class II: 200,000.00 a year each way; a new calendar year starts again', () => {
    const commands: DemandDepositCommand[] = [openBound('II', '2025-01-01')];
    for (let day = 1; day <= 20; day++) commands.push(deposit('10000.00', `2025-01-${String(day).padStart(2, '0')}`));
    const inYear = run(...commands);
    given(inYear).when(deposit('0.01', '2025-01-21')).thenFails('class_ii_yearly_in_limit_exceeded');
    given(inYear).when(deposit('10000.00', '2026-01-01')).thenState((s) => s.usage.yearIn === 1_000_000n);
    const out: DemandDepositCommand[] = [openBound('II', '2025-01-01'), deposit('300000.00', '2025-01-01', 'bound_account')];
    for (let day = 1; day <= 20; day++) out.push(withdraw('10000.00', `2025-01-${String(day).padStart(2, '0')}`, 'spending'));
    given(run(...out)).when(withdraw('0.01', '2025-01-21', 'cash')).thenFails('class_ii_yearly_out_limit_exceeded');
  });

  it('Class III: balance at most 2,000.00, 2,000.00 a day and 50,000.00 a year each way', () => {
    given(classIII).when(deposit('2000.00', '2025-12-21', 'bound_account')).thenState((s) => s.balance === 200_000n);
    given(classIII).when(deposit('2000.01', '2025-12-21', 'bound_account')).thenFails('class_iii_balance_limit_exceeded');
    const half = run(openBound('III'), deposit('1500.00', '2025-12-21', 'unbound_account'), withdraw('1500.00', '2025-12-21', 'bound_account'));
    given(half).when(deposit('500.01', '2025-12-21', 'cash')).thenFails('class_iii_daily_in_limit_exceeded');
    const spent = run(openBound('III'), deposit('2000.00', '2025-12-21', 'bound_account'), withdraw('2000.00', '2025-12-21', 'spending'), deposit('2000.00', '2025-12-21', 'bound_account'));
    given(spent).when(withdraw('0.01', '2025-12-21', 'spending')).thenFails('class_iii_daily_out_limit_exceeded');
    const yearIn: DemandDepositCommand[] = [openBound('III', '2025-01-01')];
    const yearOut: DemandDepositCommand[] = [openBound('III', '2025-01-01')];
    for (let day = 0; day < 25; day++) {
      const on = new Date(Date.UTC(2025, 0, 1 + day)).toISOString().slice(0, 10);
      yearIn.push(deposit('2000.00', on, 'unbound_account'), withdraw('2000.00', on, 'bound_account'));
      yearOut.push(deposit('2000.00', on, 'bound_account'), withdraw('2000.00', on, 'spending'));
    }
    given(run(...yearIn)).when(deposit('0.01', '2025-01-26', 'cash')).thenFails('class_iii_yearly_in_limit_exceeded');
    const outDone = run(...yearOut, deposit('1.00', '2025-01-26', 'bound_account'));
    given(outDone).when(withdraw('0.01', '2025-01-26', 'cash')).thenFails('class_iii_yearly_out_limit_exceeded');
  });

  it('configured limits on any class, including the close payout, and the other class-II balance/Class I codes', () => {
    const limited = fixtureDecider({ classLimits: { I: { dailyIn: '1', yearlyIn: '2', dailyOut: '1', yearlyOut: '2', maxBalance: '3' }, II: { maxBalance: '5' } } });
    const spec = DeciderSpecification.for(limited);
    const base = history(limited, [openCommand({ openedOn: '2025-01-01' })]).events;
    spec(base).when(deposit('1.01', '2025-01-01')).thenFails('class_i_daily_in_limit_exceeded');
    spec(base).when(deposit('3.01', '2025-01-01', 'bound_account' as never)).thenFails('bound_account_missing');
    const two = history(limited, [openCommand({ openedOn: '2025-01-01' }), deposit('1', '2025-01-01'), deposit('1', '2025-01-02')]).events;
    spec(two).when(deposit('0.01', '2025-01-03')).thenFails('class_i_yearly_in_limit_exceeded');
    spec(two).when(withdraw('1.01', '2025-01-03')).thenFails('class_i_daily_out_limit_exceeded');
    const out2 = history(limited, [openCommand({ openedOn: '2025-01-01' }), deposit('1', '2025-01-01'), deposit('1', '2025-01-02'), withdraw('1', '2025-01-02'), withdraw('1', '2025-01-03')]).events;
    spec(out2).when(withdraw('0.01', '2025-01-04')).thenFails('class_i_yearly_out_limit_exceeded');
    const big = fixtureDecider({ classLimits: { I: { maxBalance: '3' }, II: { maxBalance: '5' } } });
    DeciderSpecification.for(big)(history(big, [openCommand()]).events).when(deposit('3.01', '2025-12-21')).thenFails('class_i_balance_limit_exceeded');
    DeciderSpecification.for(big)(history(big, [openBound('II')]).events).when(deposit('5.01', '2025-12-21')).thenFails('class_ii_balance_limit_exceeded');
    // Closing pays out through the limits: a close that would break one is refused whole.
    const closing = run(openBound('III'), deposit('2000.00', '2025-12-21', 'bound_account'), withdraw('1000.00', '2025-12-22', 'spending'));
    given(closing).when({ type: 'Close', on: '2025-12-22', at: AT, destination: 'spending', reference: 'c' }).thenFails('class_iii_daily_out_limit_exceeded');
  });
});
