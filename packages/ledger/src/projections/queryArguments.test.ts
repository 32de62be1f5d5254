import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AccountStatementProjection } from './accountStatement.js';
import { BalancesAsOfProjection } from './balancesAsOf.js';
import { QueryArgumentError } from './queryError.js';
import { at, logEventOf, scenario } from '../../test-kit/projections/testFixtures.js';

const asOf = () => {
  const projection = new BalancesAsOfProjection();
  projection.applyAll(scenario().events.map(logEventOf));
  return projection;
};

const expectQueryError = (query: () => unknown, argument: string) => {
  let thrown: unknown;
  try {
    query();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(QueryArgumentError);
  expect(thrown).toMatchObject({ code: 'query_invalid', argument });
};

describe('balanceAsOf rejects what its type does not accept, with a typed error', () => {
  it.each([
    ['a number of milliseconds', 1_700_000_000_000],
    ['an invalid Date', new Date('not a date')],
    ['a string', '2026-01-01'],
    ['null', null],
    ['undefined', undefined],
    ['an object', { at: 1n }],
  ])('instant: %s', (_name, instant) => {
    const projection = asOf();
    expectQueryError(() => projection.balanceAsOf('alice', instant as never), 'instant');
    expectQueryError(() => projection.fieldsAsOf('alice', instant as never), 'instant');
    expectQueryError(() => projection.balancesAsOf(instant as never), 'instant');
    expectQueryError(() => projection.trialBalanceAsOf(instant as never), 'instant');
  });

  it.each([
    ['a number', 42],
    ['null', null],
    ['an object', { id: 'alice' }],
    ['a malformed id', 'has space'],
    ['the empty string', ''],
  ])('account id: %s', (_name, id) => {
    expectQueryError(() => asOf().balanceAsOf(id as never, at(2000)), 'accountId');
  });

  it('a well-formed id of no account is simply not there', () => {
    expect(asOf().balanceAsOf('nobody', at(2000))).toBeUndefined();
  });

  it('statements check their range and id the same way', () => {
    const statements = new AccountStatementProjection();
    statements.applyAll(scenario().events.map(logEventOf));
    expectQueryError(() => statements.statementOf('alice', { from: 5 as never }), 'range.from');
    expectQueryError(() => statements.statementOf('alice', { to: new Date(NaN) }), 'range.to');
    expectQueryError(() => statements.statementOf('alice', null as never), 'range');
    expectQueryError(() => statements.statementOf(7 as never), 'accountId');
  });

  it('fuzz: any value answers with a view, undefined, or a QueryArgumentError, never anything else', () => {
    const projection = asOf();
    fc.assert(
      fc.property(fc.anything(), fc.oneof(fc.anything(), fc.bigInt(), fc.date({ noInvalidDate: false })), (id, instant) => {
        try {
          const view = projection.balanceAsOf(id as never, instant as never);
          expect(view === undefined || typeof view.balance === 'string').toBe(true);
          expect(typeof instant === 'bigint' || instant instanceof Date).toBe(true);
          expect(typeof id).toBe('string');
        } catch (error) {
          expect(error).toBeInstanceOf(QueryArgumentError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
