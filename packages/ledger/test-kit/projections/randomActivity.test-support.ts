/**
 * Random ledger activity shared by the projection tests (in memory against the decider, and in
 * SQL through a real `Book`): the accounts, the funding batch, the item generator, and the
 * translation of generated operations into transfer batch items.
 */
import fc from 'fast-check';
import { minorToDecimal } from '../../src/money/decimalString.js';

/** Accounts of the test book, per ledger (CNY scale 2, JPY scale 0). */
export const LEDGER_ACCOUNTS = { cny: ['cash', 'alice', 'bob', 'income', 'expense'], jpy: ['vault', 'carol'] } as const;
const SCALES = { cny: 2, jpy: 0 } as const;

/** Funds the accounts, so that most random items are accepted rather than refused. */
export const FUNDING = [
  { id: 'f1', debitAccountId: 'cash', creditAccountId: 'alice', amount: '5000', code: 9 },
  { id: 'f2', debitAccountId: 'cash', creditAccountId: 'bob', amount: '5000', code: 9 },
  { id: 'f3', debitAccountId: 'vault', creditAccountId: 'carol', amount: '5000000', code: 9 },
  { id: 'f4', debitAccountId: 'expense', creditAccountId: 'cash', amount: '5000', code: 9 },
];

/** One random item: a transfer (maybe a hold or balancing), a post or void, a journal entry, a reversal. */
export const opArb = fc.oneof(
  fc.record({
    op: fc.constant('transfer' as const),
    ledger: fc.constantFrom('cny' as const, 'jpy' as const),
    from: fc.nat(),
    to: fc.nat(),
    amount: fc.bigInt({ min: 1n, max: 50_000n }),
    pending: fc.boolean(),
    timeout: fc.integer({ min: 0, max: 3 }),
    balancing: fc.constantFrom(undefined, 'balancingDebit', 'balancingCredit'),
  }),
  fc.record({ op: fc.constantFrom('post' as const, 'void' as const), hold: fc.nat(), partial: fc.oneof(fc.constant(0n), fc.bigInt({ min: 1n, max: 5_000n })) }),
  fc.record({
    op: fc.constant('journal' as const),
    legs: fc.array(fc.record({ account: fc.nat(), side: fc.constantFrom('debit' as const, 'credit' as const), amount: fc.bigInt({ min: 1n, max: 20_000n }) }), { minLength: 1, maxLength: 4 }),
    balancer: fc.nat(),
  }),
  fc.record({ op: fc.constant('reverse' as const), target: fc.nat() }),
);

/** A generated item. */
export type RandomOp = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

const pick = <T>(items: readonly T[], i: number): T | undefined => items[i % Math.max(1, items.length)];

/** Turns generated operations into batch items, remembering ids so later items can refer to them. */
export class RandomItems {
  private n = 0;
  private readonly holds: string[] = [];
  private readonly issued: string[] = [];

  /** An account of either ledger, for close/reopen. */
  account(i: number): string | undefined {
    return pick([...LEDGER_ACCOUNTS.cny, ...LEDGER_ACCOUNTS.jpy], i);
  }

  /** The batch items of `ops`. */
  itemsOf(ops: readonly RandomOp[]): Record<string, unknown>[] {
    return ops.map((op) => {
      const id = `i${++this.n}`;
      this.issued.push(id);
      switch (op.op) {
        case 'transfer': {
          const ids = LEDGER_ACCOUNTS[op.ledger];
          const debit = ids[op.from % ids.length] as string;
          const credit = ids[(op.from + 1 + (op.to % (ids.length - 1))) % ids.length] as string;
          if (op.pending) this.holds.push(id);
          return {
            id,
            debitAccountId: debit,
            creditAccountId: credit,
            amount: minorToDecimal(op.amount, SCALES[op.ledger]),
            code: 1,
            ...(op.pending ? { timeout: op.timeout } : {}),
            flags: { pending: op.pending, ...(op.balancing === undefined ? {} : { [op.balancing]: true }) },
          };
        }
        case 'post':
        case 'void':
          return {
            id,
            pendingId: pick(this.holds, op.hold) ?? 'none',
            code: 1,
            ...(op.op === 'post' && op.partial > 0n ? { amount: minorToDecimal(op.partial, 2) } : {}),
            flags: op.op === 'post' ? { postPendingTransfer: true } : { voidPendingTransfer: true },
          };
        case 'journal': {
          const ids = LEDGER_ACCOUNTS.cny;
          const legs = op.legs.map((leg) => ({ accountId: ids[leg.account % ids.length] as string, side: leg.side, amount: leg.amount }));
          const net = legs.reduce((sum, leg) => sum + (leg.side === 'debit' ? leg.amount : -leg.amount), 0n);
          if (net !== 0n) legs.push({ accountId: ids[op.balancer % ids.length] as string, side: net > 0n ? 'credit' : 'debit', amount: net > 0n ? net : -net });
          return { id, code: 2, legs: legs.map((leg) => ({ ...leg, amount: minorToDecimal(leg.amount, 2) })) };
        }
        case 'reverse':
          return { id, reverses: pick(this.issued.slice(0, -1), op.target) ?? 'none' };
      }
    });
  }
}
