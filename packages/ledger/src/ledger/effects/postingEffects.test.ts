import { describe, expect, it } from 'vitest';
import type { PendingStatus, StoredPosting, StoredTransfer } from '../bookState.js';
import { TransferFlag } from '../flags.js';
import type { Side } from '../inputs.js';
import { applyExpiry, applyPosting, applyToSide, expiryEffect, transferEffect, type Balances, type EffectTarget } from './postingEffects.js';

const zero = (): Balances => ({ debitsPending: 0n, debitsPosted: 0n, creditsPending: 0n, creditsPosted: 0n });
const { pending, post_pending_transfer: post, void_pending_transfer: voids, closing_debit, closing_credit } = TransferFlag;

describe('transferEffect / expiryEffect: what a posting does to the four fields', () => {
  it('a plain (balancing, reversal) transfer posts its amount on both sides', () => {
    expect(transferEffect(0, 500n, undefined)).toEqual({ kind: 'posted', pendingDelta: 0n, postedDelta: 500n, holdStatus: undefined, closing: undefined });
  });

  it('a hold reserves its amount in pending; a closing hold closes the accounts its flags name', () => {
    expect(transferEffect(pending, 300n, undefined)).toEqual({ kind: 'pending', pendingDelta: 300n, postedDelta: 0n, holdStatus: 'pending', closing: undefined });
    expect(transferEffect(pending | closing_credit, 0n, undefined).closing).toEqual({ debit: false, credit: true, closed: true });
  });

  it('a post releases the whole hold and posts its own amount; a void releases and posts nothing', () => {
    const hold = { amount: 300n, flags: pending | closing_debit };
    expect(transferEffect(post, 120n, hold)).toEqual({ kind: 'pending_posted', pendingDelta: -300n, postedDelta: 120n, holdStatus: 'posted', closing: undefined });
    expect(transferEffect(voids, 300n, hold)).toEqual({ kind: 'pending_voided', pendingDelta: -300n, postedDelta: 0n, holdStatus: 'voided', closing: { debit: true, credit: false, closed: false } });
    expect(() => transferEffect(post, 1n, undefined)).toThrow(TypeError);
  });

  it('an expiry releases the hold and reopens what a closing hold closed', () => {
    expect(expiryEffect({ amount: 70n, flags: pending | closing_debit | closing_credit })).toEqual({
      kind: 'expired',
      pendingDelta: -70n,
      postedDelta: 0n,
      holdStatus: 'expired',
      closing: { debit: true, credit: true, closed: false },
    });
  });

  it('applyToSide changes only the fields of its side', () => {
    const b = zero();
    applyToSide(b, 'debit', 5n, 7n);
    applyToSide(b, 'credit', -2n, 3n);
    expect(b).toEqual({ debitsPending: 5n, debitsPosted: 7n, creditsPending: -2n, creditsPosted: 3n });
  });
});

/** A target that keeps balances per account id and logs every other call. */
class RecordingTarget implements EffectTarget<string> {
  readonly balances = new Map<string, Balances>();
  readonly calls: string[] = [];
  constructor(private readonly holds: Map<string, StoredTransfer> = new Map()) {}
  account(id: string): string {
    return id;
  }
  adjust(account: string, side: Side, pendingDelta: bigint, postedDelta: bigint): void {
    const b = this.balances.get(account) ?? zero();
    this.balances.set(account, b);
    applyToSide(b, side, pendingDelta, postedDelta);
  }
  hold(id: string): StoredTransfer {
    return this.holds.get(id)!;
  }
  addPosting(posting: StoredPosting): void {
    this.calls.push(`add ${posting.record.id}`);
    if (posting.kind === 'transfer') this.holds.set(posting.record.id, posting);
  }
  setStatus(id: string, status: PendingStatus): void {
    this.calls.push(`status ${id} ${status}`);
  }
  setClosed(account: string, closed: boolean): void {
    this.calls.push(`${closed ? 'close' : 'reopen'} ${account}`);
  }
  setReversed(originalId: string, reversalId: string): void {
    this.calls.push(`reversed ${originalId} by ${reversalId}`);
  }
}

const transfer = (id: string, flags: number, amount: bigint, extra: Record<string, string> = {}): StoredTransfer =>
  ({ kind: 'transfer', record: { id, debitAccountId: 'a', creditAccountId: 'b', ...extra } as unknown as StoredTransfer['record'], amount, flags, expiresAt: 0n }) as StoredTransfer;

describe('applyPosting / applyExpiry: the effects applied to a target', () => {
  it('hold, partial post, reversal: balances, statuses and links', () => {
    const target = new RecordingTarget();
    applyPosting(target, transfer('h', pending | closing_debit, 100n));
    applyPosting(target, transfer('p', post, 40n, { pendingId: 'h' }));
    applyPosting(target, transfer('r', 0, 40n, { reversalOf: 'p' }));
    expect(target.balances.get('a')).toEqual({ debitsPending: 0n, debitsPosted: 80n, creditsPending: 0n, creditsPosted: 0n });
    expect(target.balances.get('b')).toEqual({ debitsPending: 0n, debitsPosted: 0n, creditsPending: 0n, creditsPosted: 80n });
    expect(target.calls).toEqual(['add h', 'close a', 'status h pending', 'add p', 'status h posted', 'add r', 'reversed p by r']);
  });

  it('a void and an expiry release the hold and reopen the closed accounts', () => {
    const target = new RecordingTarget();
    applyPosting(target, transfer('h1', pending | closing_credit, 30n));
    applyPosting(target, transfer('v', voids, 30n, { pendingId: 'h1' }));
    const h2 = transfer('h2', pending, 9n);
    applyPosting(target, h2);
    applyExpiry(target, h2);
    expect(target.balances.get('a')).toEqual(zero());
    expect(target.balances.get('b')).toEqual(zero());
    expect(target.calls).toEqual(['add h1', 'close b', 'status h1 pending', 'add v', 'reopen b', 'status h1 voided', 'add h2', 'status h2 pending', 'status h2 expired']);
  });

  it('journal legs post on their own side', () => {
    const target = new RecordingTarget();
    const journal = {
      kind: 'journal',
      record: { id: 'j' },
      legs: [
        { accountId: 'a', side: 'debit', amount: 10n },
        { accountId: 'b', side: 'credit', amount: 6n },
        { accountId: 'c', side: 'credit', amount: 4n },
      ],
    } as unknown as StoredPosting;
    applyPosting(target, journal);
    expect([...target.balances].map(([id, b]) => [id, b.debitsPosted, b.creditsPosted])).toEqual([
      ['a', 10n, 0n],
      ['b', 0n, 6n],
      ['c', 0n, 4n],
    ]);
  });
});
