import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import {
  BigIntFromString,
  closedStruct,
  DecimalString,
  formatValidationErrors,
  IsoInstant,
  JsonValue,
  NonEmptyString,
  PositiveInteger,
  Uuid,
  validationIssues,
} from './index.js';

const errorsOf = <A, O>(codec: t.Type<A, O, unknown>, value: unknown, root?: string): string => {
  const result = codec.decode(value);
  if (E.isRight(result)) throw new Error(`expected ${codec.name} to reject ${String(value)}`);
  return formatValidationErrors(result.left, root);
};

describe('DecimalString', () => {
  it.each(['0', '1', '-1', '10.50', '0.000001', '-0.5', '12345678901234567890.123456789'])('accepts %s', (value) => {
    expect(DecimalString.decode(value)).toEqual(E.right(value));
  });

  it.each([12.5, 0, 10n, '', '-', '+1', '01', '-01.5', '1.', '.5', '1e5', '1E-3', '-0', '-0.00', ' 1', '1 ', '1,5', 'NaN', 'Infinity', null])(
    'rejects %s',
    (value) => {
      expect(E.isLeft(DecimalString.decode(value))).toBe(true);
    },
  );

  it('names the path and the offending value', () => {
    const Booking = t.type({ data: t.type({ transfers: t.array(t.type({ amount: DecimalString })) }) });
    const transfers = [{ amount: '1' }, { amount: '2' }, { amount: '3' }, { amount: 12.5 }];
    expect(errorsOf(Booking, { data: { transfers } })).toBe('$.data.transfers[3].amount: expected decimal string, got 12.5');
  });

  it('accepts every canonical decimal and rejects every JS number (property)', () => {
    const canonical = fc
      .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.option(fc.stringMatching(/^[0-9]{1,12}$/), { nil: undefined }))
      .map(([negative, whole, fraction]) => `${negative ? '-' : ''}${whole}${fraction === undefined ? '' : `.${fraction}`}`)
      .filter((value) => !/^-0(\.0+)?$/.test(value));
    fc.assert(fc.property(canonical, (value) => E.isRight(DecimalString.decode(value))));
    fc.assert(fc.property(fc.double(), (value) => E.isLeft(DecimalString.decode(value))));
  });
});

describe('BigIntFromString', () => {
  it('decodes integer strings to bigints and encodes them back', () => {
    expect(BigIntFromString.decode('-9007199254740993')).toEqual(E.right(-9007199254740993n));
    expect(BigIntFromString.encode(123n)).toBe('123');
    fc.assert(fc.property(fc.bigInt(), (value) => {
      expect(BigIntFromString.decode(BigIntFromString.encode(value))).toEqual(E.right(value));
    }));
  });

  it.each([1, 1n, '1.0', '01', '-0', '+1', '1e3', '', ' 1'])('rejects %s', (value) => {
    expect(errorsOf(BigIntFromString, value)).toMatch(/^\$: expected bigint string, got /);
  });
});

describe('IsoInstant', () => {
  it.each(['2024-05-01T12:00:00Z', '2024-05-01T12:00:00.000Z', '2024-02-29T23:59:59.123456789Z', new Date(0).toISOString()])(
    'accepts %s',
    (value) => {
      expect(E.isRight(IsoInstant.decode(value))).toBe(true);
    },
  );

  it.each([
    '2024-05-01T12:00:00+02:00',
    '2024-05-01 12:00:00Z',
    '2024-05-01',
    '2023-02-29T00:00:00Z',
    '2024-13-01T00:00:00Z',
    '2024-01-01T24:00:00Z',
    '2024-01-01T23:60:00Z',
    '2024-01-01T00:00:00.Z',
    1714564800000,
    new Date(0),
  ])('rejects %s', (value) => {
    expect(E.isLeft(IsoInstant.decode(value))).toBe(true);
  });
});

describe('Uuid, NonEmptyString and PositiveInteger', () => {
  it('accept canonical values and reject others with readable reasons', () => {
    expect(E.isRight(Uuid.decode('52345799-80af-4bc1-bd3d-36c44db77953'))).toBe(true);
    expect(errorsOf(Uuid, '52345799-80AF-4BC1-BD3D-36C44DB77953')).toBe(
      '$: expected lowercase UUID, got "52345799-80AF-4BC1-BD3D-36C44DB77953"',
    );
    expect(errorsOf(NonEmptyString, '')).toBe('$: expected non-empty string, got ""');
    expect(errorsOf(PositiveInteger, 0)).toBe('$: expected positive integer, got 0');
    expect(errorsOf(PositiveInteger, 2.5)).toBe('$: expected positive integer, got 2.5');
  });
});

describe('formatValidationErrors', () => {
  it('reports missing fields, odd keys and a custom root', () => {
    const Codec = t.type({ 'odd key': t.type({ amount: DecimalString }) });
    expect(errorsOf(Codec, { 'odd key': {} }, '$.data')).toBe('$.data["odd key"].amount: missing, expected decimal string');
  });

  it('collapses a union none of whose members matched', () => {
    const Kind = t.union([t.literal('credit'), t.literal('debit')]);
    expect(errorsOf(t.type({ kind: Kind }), { kind: 'loan' })).toBe('$.kind: expected ("credit" | "debit"), got "loan"');
  });

  it('reports only the members of a union that matched structurally', () => {
    const Entry = t.union([
      t.type({ kind: t.literal('credit'), amount: DecimalString }),
      t.type({ kind: t.literal('debit'), account: t.string }),
    ]);
    const issues = validationIssues(
      (Entry.decode({ kind: 'credit', amount: 5 }) as E.Left<t.Errors>).left,
    );
    expect(issues).toContainEqual({ path: '$.amount', reason: 'expected decimal string, got 5' });
    expect(issues.every((issue) => issue.path !== '$')).toBe(true);
  });

  it('describes values without dumping them', () => {
    expect(errorsOf(DecimalString, 10n)).toBe('$: expected decimal string, got 10n');
    expect(errorsOf(DecimalString, new Date(0))).toBe('$: expected decimal string, got a Date');
    expect(errorsOf(DecimalString, [1, 2])).toBe('$: expected decimal string, got an array of 2');
    expect(errorsOf(DecimalString, 'x'.repeat(200))).toMatch(/got "x{59}…"$/);
  });
});

describe('JsonValue', () => {
  it('returns a deep-frozen copy', () => {
    const input = { amount: '1.00', lines: [{ amount: '1.00' }], zero: -0 };
    const result = JsonValue.decode(input);
    if (E.isLeft(result)) throw new Error('expected JSON');
    const copy = result.right as { amount: string; lines: { amount: string }[]; zero: number };
    expect(copy).toEqual({ amount: '1.00', lines: [{ amount: '1.00' }], zero: 0 });
    expect(Object.is(copy.zero, 0)).toBe(true);
    expect(copy).not.toBe(input);
    expect(Object.isFrozen(copy) && Object.isFrozen(copy.lines) && Object.isFrozen(copy.lines[0])).toBe(true);
    input.lines[0]!.amount = '9.00';
    expect(copy.lines[0]?.amount).toBe('1.00');
  });

  it('keeps a "__proto__" key as data', () => {
    const input = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as unknown;
    const result = JsonValue.decode(input);
    if (E.isLeft(result)) throw new Error('expected JSON');
    expect(Object.getPrototypeOf(result.right)).toBe(Object.prototype);
    expect(Object.keys(result.right as object)).toEqual(['__proto__', 'a']);
  });

  it('names the path of the first non-JSON value', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(errorsOf(JsonValue, { a: [1, { b: 2n }] }, '$.data')).toBe('$.data.a[1].b: expected JSON value, got a bigint');
    expect(errorsOf(JsonValue, { a: undefined })).toBe('$.a: expected JSON value, got undefined');
    expect(errorsOf(JsonValue, [Number.NaN])).toBe('$[0]: expected JSON value, got NaN (not finite)');
    expect(errorsOf(JsonValue, { at: new Date(0) })).toBe('$.at: expected JSON value, got a Date');
    expect(errorsOf(JsonValue, cyclic)).toBe('$.self: expected JSON value, got a circular reference');
    expect(errorsOf(JsonValue, [1, , 3])).toBe('$[1]: expected JSON value, got undefined');
  });

  it('accepts whatever JSON.parse produces (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = JsonValue.decode(value);
        expect(E.isRight(result)).toBe(true);
        expect(JSON.stringify((result as E.Right<unknown>).right)).toBe(JSON.stringify(value));
      }),
    );
  });

  it('shares repeated (non-cyclic) references without complaint', () => {
    const shared = { amount: '1.00' };
    expect(E.isRight(JsonValue.decode({ a: shared, b: shared, list: [shared, shared] }))).toBe(true);
  });
});

describe('closedStruct', () => {
  const Point = closedStruct('Point', { x: DecimalString }, { label: NonEmptyString });

  it('rejects unknown fields and drops optional fields set to undefined', () => {
    expect(errorsOf(Point, { x: '1', y: '2' })).toBe('$.y: unexpected field');
    expect(Point.decode({ x: '1', label: undefined })).toEqual(E.right({ x: '1' }));
    expect(Point.decode({ x: '1', label: 'a' })).toEqual(E.right({ x: '1', label: 'a' }));
    expect(Point.is({ x: '1' })).toBe(true);
    expect(Point.is({ x: '1', y: 1 })).toBe(false);
    expect(errorsOf(Point, null)).toBe('$: expected Point, got null');
  });
});
