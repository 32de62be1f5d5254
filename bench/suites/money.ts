/**
 * Money micro-benchmarks: parse, add, compare and a 0.35% fee rounded half-even, each with our
 * `Money` API, with raw bigint minor units (what a careful user writes by hand), and with raw
 * decimal.js (what many users reach for). The three implementations are checked to agree before
 * anything is timed. Notes carry the ratio ours / raw (ops/s; below 1 means ours is slower).
 */
import { Decimal } from 'decimal.js';
import { add, applyRate, CNY, compare, decimalToMinor, isMoneyError, minorToDecimal, money, type Money } from '@ecoledger/ledger';
import { measure, type BenchResult, type MeasureOptions } from '../harness.js';
import { MAX_WORKLOAD_AMOUNT, mulberry32 } from './workload.js';

/** The fee rate: 0.35%. */
const RATE = '0.0035';
// The same rate as an integer fraction, for the hand-written bigint fee.
const RATE_NUMERATOR = 35n;
const RATE_DENOMINATOR = 10_000n;
const DECIMAL_RATE = new Decimal(RATE);

/** Distinct operands, cycled through; a power of two so the index is a mask. */
const POOL = 1024;
const MASK = POOL - 1;

/** Written by every timed loop so no work can be optimised away. */
let sink: unknown;

/** The fee in minor units with integer math and half-even rounding written by hand. */
const bigintFee = (minor: bigint): bigint => {
  const n = minor * RATE_NUMERATOR;
  const q = n / RATE_DENOMINATOR;
  const r = n % RATE_DENOMINATOR;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice < RATE_DENOMINATOR) return q;
  const away = n < 0n ? q - 1n : q + 1n;
  if (twice > RATE_DENOMINATOR) return away;
  return (q & 1n) === 0n ? q : away; // exact tie: to the even neighbour
};

/** The operands in each representation. */
interface Operands {
  readonly strings: string[];
  readonly minors: bigint[];
  readonly moneys: Money<'CNY'>[];
  readonly decimals: Decimal[];
}

const makeOperands = (seed: number): Operands => {
  const random = mulberry32(seed);
  const minors = Array.from({ length: POOL }, () => BigInt(1 + Math.floor(random() * MAX_WORKLOAD_AMOUNT)));
  const strings = minors.map((m) => minorToDecimal(m, 2));
  return { strings, minors, moneys: strings.map((s) => money(s, CNY)), decimals: strings.map((s) => new Decimal(s)) };
};

/** Proves the three implementations compute the same results on every operand before timing them. */
const crossCheck = (a: Operands, b: Operands): void => {
  for (let i = 0; i < POOL; i++) {
    const ours = add(a.moneys[i]!, b.moneys[i]!).minor;
    const raw = a.minors[i]! + b.minors[i]!;
    const dec = BigInt(a.decimals[i]!.plus(b.decimals[i]!).times(100).toFixed());
    if (ours !== raw || raw !== dec) throw new Error(`add disagrees on operand ${i}: ${ours} ${raw} ${dec}`);
    const cmp = compare(a.moneys[i]!, b.moneys[i]!);
    const rawCmp = a.minors[i]! < b.minors[i]! ? -1 : a.minors[i]! > b.minors[i]! ? 1 : 0;
    if (cmp !== rawCmp || cmp !== a.decimals[i]!.cmp(b.decimals[i]!)) throw new Error(`compare disagrees on operand ${i}`);
    const fee = applyRate(a.moneys[i]!, RATE).minor;
    const rawFee = bigintFee(a.minors[i]!);
    const decFee = BigInt(a.decimals[i]!.times(DECIMAL_RATE).toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN).times(100).toFixed());
    if (fee !== rawFee || rawFee !== decFee) throw new Error(`fee disagrees on ${a.strings[i]}: ${fee} ${rawFee} ${decFee}`);
  }
};

/** One timed implementation: `body(i)` performs operation number i. */
type Body = (i: number) => void;

const opCase = (name: string, ops: number, steps: number, runs: MeasureOptions, body: Body): Promise<BenchResult> => {
  const perStep = Math.ceil(ops / steps);
  return measure(
    'money',
    name,
    runs,
    async () => ({
      ops: perStep * steps,
      steps: Array.from({ length: steps }, (_, s) => () => {
        const start = s * perStep;
        for (let i = start; i < start + perStep; i++) body(i);
      }),
    }),
    { ops: perStep * steps, stepOps: perStep },
  );
};

/** The three implementations of one money operation. */
interface Operation {
  readonly op: string;
  readonly ours: Body;
  readonly bigint: Body;
  readonly decimal: Body;
  readonly note: string;
}

const operations = (a: Operands, b: Operands): Operation[] => [
  {
    op: 'parse',
    note: "decimal string '12.34' -> amount; raw bigint is BigInt(s.replace('.', '')) with no validation",
    ours: (i) => void (sink = money(a.strings[i & MASK]!, CNY)),
    bigint: (i) => void (sink = BigInt(a.strings[i & MASK]!.replace('.', ''))),
    decimal: (i) => void (sink = new Decimal(a.strings[i & MASK]!)),
  },
  {
    op: 'add',
    note: 'a + b',
    ours: (i) => void (sink = add(a.moneys[i & MASK]!, b.moneys[i & MASK]!)),
    bigint: (i) => void (sink = a.minors[i & MASK]! + b.minors[i & MASK]!),
    decimal: (i) => void (sink = a.decimals[i & MASK]!.plus(b.decimals[i & MASK]!)),
  },
  {
    op: 'compare',
    note: '-1 | 0 | 1',
    ours: (i) => void (sink = compare(a.moneys[i & MASK]!, b.moneys[i & MASK]!)),
    bigint: (i) => {
      const x = a.minors[i & MASK]!;
      const y = b.minors[i & MASK]!;
      sink = x < y ? -1 : x > y ? 1 : 0;
    },
    decimal: (i) => void (sink = a.decimals[i & MASK]!.cmp(b.decimals[i & MASK]!)),
  },
  {
    op: 'fee',
    note: `amount * ${RATE} rounded half-even to 2 decimals; ours gets the rate as the string '${RATE}' (parsed per call), decimal.js as a prebuilt Decimal`,
    ours: (i) => void (sink = applyRate(a.moneys[i & MASK]!, RATE)),
    bigint: (i) => void (sink = bigintFee(a.minors[i & MASK]!)),
    decimal: (i) => void (sink = a.decimals[i & MASK]!.times(DECIMAL_RATE).toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN)),
  },
];

const ratio = (ours: number, raw: number): number => (raw > 0 ? Number((ours / raw).toFixed(3)) : 0);

/**
 * Parsing hostile amounts (a million digits, then a bad character; a million-digit number out of
 * range) must stay linear in their length: the time per character at 100,000 and at 1,000,000
 * characters should be about the same, or better once warm (the money tests' former timed case,
 * moved here).
 */
const hostileCase = async (length: number, runs: { warmup: number; runs: number }): Promise<BenchResult> => {
  const inputs = ['1'.repeat(length) + 'x', '1'.repeat(length) + 'e', `1.${'0'.repeat(length)}e`, '9'.repeat(length)];
  return measure(
    'money.hostile',
    `decimalToMinor rejects 4 hostile amounts of ${length.toLocaleString('en-US')} characters`,
    runs,
    async () => ({
      ops: inputs.length * length,
      steps: inputs.map((input) => () => {
        try {
          sink = decimalToMinor(input, 2);
        } catch (error) {
          if (!isMoneyError(error)) throw error;
          sink = error;
          return;
        }
        throw new Error('a hostile amount was accepted');
      }),
    }),
    { unit: 'characters/s' },
  );
};

/** Runs the money suite: per operation, ours vs raw bigint vs raw decimal.js, in the same run. */
export const moneySuite = async (quick: boolean, log: (line: string) => void): Promise<BenchResult[]> => {
  const runs = quick ? { warmup: 0, runs: 1 } : { warmup: 2, runs: 7 };
  const ops = quick ? 20_000 : 1_000_000;
  const steps = quick ? 2 : 10;
  const a = makeOperands(11);
  const b = makeOperands(12);
  crossCheck(a, b);
  const results: BenchResult[] = [];
  for (const { op, note, ours, bigint, decimal } of operations(a, b)) {
    const raw = await opCase(`${op} raw bigint`, ops, steps, runs, bigint);
    const dec = await opCase(`${op} raw decimal.js`, ops, steps, runs, decimal);
    const mine = await opCase(`${op} ours`, ops, steps, runs, ours);
    const withRatios: BenchResult = {
      ...mine,
      notes: { ...mine.notes, what: note, oursOverRawBigint: ratio(mine.opsPerSec, raw.opsPerSec), oursOverRawDecimalJs: ratio(mine.opsPerSec, dec.opsPerSec) },
    };
    results.push(raw, dec, withRatios);
    log(
      `  ${op}: ours ${mine.opsPerSec.toLocaleString('en-US')}/s, bigint ${raw.opsPerSec.toLocaleString('en-US')}/s, decimal.js ${dec.opsPerSec.toLocaleString('en-US')}/s (ours/bigint ${withRatios.notes!['oursOverRawBigint']}, ours/decimal.js ${withRatios.notes!['oursOverRawDecimalJs']})`,
    );
  }
  const short = await hostileCase(100_000, runs);
  const long = await hostileCase(1_000_000, runs);
  const linearity = ratio(long.opsPerSec, short.opsPerSec);
  results.push(short, { ...long, notes: { ...long.notes, charactersPerSecOver100k: linearity } });
  log(`  hostile amounts: ${short.opsPerSec.toLocaleString('en-US')} characters/s at 100,000, ${long.opsPerSec.toLocaleString('en-US')} at 1,000,000 (ratio ${linearity}: 1 or above is linear, well below 1 would grow faster than the length)`);
  if (sink === undefined) throw new Error('money bench produced nothing');
  return results;
};
