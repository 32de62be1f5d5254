/**
 * A deliberately naive reference model of the book for model-based tests: one ledger, two-leg
 * transfers (zero amounts included), balancing transfers (the amount is a cap; a retry is the
 * same while its cap covers what moved), holds with timeouts, closing holds (which close an account
 * until voided or expired), posts and voids (AMOUNT_MAX and zero meaning "the full pending
 * amount" as in TigerBeetle), reversals, balanced journal entries and linked chains (which only
 * created items keep going). It shares no code with the book; it recomputes each rule the plain way.
 */

/** 2^128 - 1: posting it posts the full pending amount. */
export const MODEL_AMOUNT_MAX = 2n ** 128n - 1n;

export type Guard = 'none' | 'debits' | 'credits';

export interface ModelAccount {
  readonly id: string;
  readonly guard: Guard;
  readonly limit: bigint;
  dp: bigint;
  dP: bigint;
  cp: bigint;
  cP: bigint;
  closed: boolean;
}

/** A closing hold closes its debit or its credit account. */
export type Closing = 'debit' | 'credit' | undefined;

type Kind = 'plain' | 'pending' | 'post' | 'void' | 'reversal' | 'journal';

interface ModelTransfer {
  readonly id: string;
  readonly kind: Kind;
  readonly body: string;
  readonly debit: string;
  readonly credit: string;
  readonly amount: bigint;
  readonly expiresAt: bigint;
  readonly legs: readonly ModelLeg[];
  readonly closing?: Closing;
  readonly pendingId?: string;
  status?: 'pending' | 'posted' | 'voided' | 'expired';
  reversed?: boolean;
}

export interface ModelLeg {
  readonly accountId: string;
  readonly side: 'debit' | 'credit';
  readonly amount: bigint;
}

/** A single item the model understands. */
export type ModelItem =
  | {
      readonly kind: 'plain' | 'pending';
      readonly id: string;
      readonly debit: string;
      readonly credit: string;
      readonly amount: bigint;
      readonly timeout: number;
      readonly closing?: Closing;
      /** The amount is a cap: move at most what the debit (credit) side has room for. */
      readonly balancing?: 'debit' | 'credit';
    }
  | { readonly kind: 'post' | 'void'; readonly id: string; readonly pendingId: string; readonly amount: bigint | undefined }
  | { readonly kind: 'reversal'; readonly id: string; readonly reverses: string }
  | { readonly kind: 'journal'; readonly id: string; readonly legs: readonly ModelLeg[] };

export class ReferenceModel {
  readonly accounts = new Map<string, ModelAccount>();
  readonly transfers = new Map<string, ModelTransfer>();
  readonly failed = new Set<string>();
  last = 0n;

  constructor(accounts: readonly { id: string; guard: Guard; limit: bigint }[]) {
    for (const a of accounts) this.accounts.set(a.id, { ...a, dp: 0n, dP: 0n, cp: 0n, cP: 0n, closed: false });
  }

  /** Applies a batch of items (a linked batch when `linked`); returns one result per item. */
  apply(items: readonly ModelItem[], now: bigint, linked: boolean): string[] {
    const base = now > this.last ? now : this.last + 1n;
    for (const t of this.transfers.values()) {
      if (t.kind === 'pending' && t.status === 'pending' && t.expiresAt > 0n && t.expiresAt <= base) {
        this.account(t.debit).dp -= t.amount;
        this.account(t.credit).cp -= t.amount;
        this.reopen(t);
        t.status = 'expired';
        if (base > this.last) this.last = base;
      }
    }
    if (!linked) {
      return items.map((item, index) => {
        const result = this.applyOne(item, base + 1n + BigInt(index));
        return result;
      });
    }
    // Linked: run on a copy, keep it only if every item succeeds.
    const backup = this.save();
    const results: string[] = [];
    for (let index = 0; index < items.length; index++) {
      const result = this.applyOne(items[index]!, base + 1n + BigInt(index));
      // Only a created item keeps a chain going: `exists` fails it too (TigerBeetle).
      if (result !== 'ok') {
        const failedIds = [...this.failed];
        this.restore(backup);
        for (const id of failedIds) this.failed.add(id);
        return items.map((_, i) => (i === index ? result : 'linked_event_failed'));
      }
      results.push(result);
    }
    return results;
  }

  private save() {
    return {
      accounts: new Map([...this.accounts].map(([k, v]) => [k, { ...v }])),
      transfers: new Map([...this.transfers].map(([k, v]) => [k, { ...v }])),
      last: this.last,
    };
  }

  private restore(saved: ReturnType<ReferenceModel['save']>): void {
    this.accounts.clear();
    for (const [k, v] of saved.accounts) this.accounts.set(k, v);
    this.transfers.clear();
    for (const [k, v] of saved.transfers) this.transfers.set(k, v);
    this.last = saved.last;
  }

  private account(id: string): ModelAccount {
    return this.accounts.get(id)!;
  }

  private reopen(hold: ModelTransfer): void {
    if (hold.closing === 'debit') this.account(hold.debit).closed = false;
    if (hold.closing === 'credit') this.account(hold.credit).closed = false;
  }

  /** The amount a post or void moves: AMOUNT_MAX (post), zero (void) or none means the full hold. */
  private effective(kind: 'post' | 'void', amount: bigint | undefined, hold: ModelTransfer): bigint {
    return amount === undefined || amount === (kind === 'post' ? MODEL_AMOUNT_MAX : 0n) ? hold.amount : amount;
  }

  /** What a retry must repeat: the body, except that a post or void compares what it moved. */
  private sameAs(existing: ModelTransfer, item: ModelItem, body: string): boolean {
    if ((item.kind === 'plain' || item.kind === 'pending') && item.balancing !== undefined) {
      return existing.body.replace(/"amount":"[0-9]+"/, '') === body.replace(/"amount":"[0-9]+"/, '') && item.amount >= existing.amount;
    }
    if (item.kind !== 'post' && item.kind !== 'void') return existing.body === body;
    if (existing.kind !== item.kind || existing.pendingId !== item.pendingId) return false;
    return this.effective(item.kind, item.amount, this.transfers.get(item.pendingId)!) === existing.amount;
  }

  private exceeds(debit: ModelAccount, credit: ModelAccount, amount: bigint): string | undefined {
    if (debit.guard === 'debits' && debit.dp + debit.dP + amount > debit.cP + debit.limit) return 'exceeds_credits';
    if (credit.guard === 'credits' && credit.cp + credit.cP + amount > credit.dP + credit.limit) return 'exceeds_debits';
    return undefined;
  }

  private fail(id: string, code: string): string {
    const transient = [
      'exceeds_credits',
      'exceeds_debits',
      'pending_transfer_not_found',
      'transfer_to_reverse_not_found',
      'debit_account_already_closed',
      'credit_account_already_closed',
      'leg_account_already_closed',
    ];
    if (transient.includes(code)) this.failed.add(id);
    return code;
  }

  private applyOne(item: ModelItem, ts: bigint): string {
    // Keys sorted: the same item built in another key order is the same body.
    const body = JSON.stringify(Object.fromEntries(Object.entries(item).sort(([x], [y]) => (x < y ? -1 : 1))), (_, v) =>
      typeof v === 'bigint' ? v.toString() : v,
    );
    const existing = this.transfers.get(item.id);
    if (existing !== undefined) return this.sameAs(existing, item, body) ? 'exists' : 'exists_with_different';
    if (this.failed.has(item.id)) return 'id_already_failed';
    const record = (t: Omit<ModelTransfer, 'body' | 'id'>): string => {
      this.transfers.set(item.id, { ...t, id: item.id, body });
      if (ts > this.last) this.last = ts;
      return 'ok';
    };
    switch (item.kind) {
      case 'plain':
      case 'pending': {
        const debit = this.account(item.debit);
        const credit = this.account(item.credit);
        if (debit.closed) return this.fail(item.id, 'debit_account_already_closed');
        if (credit.closed) return this.fail(item.id, 'credit_account_already_closed');
        const max = (x: bigint) => (x > 0n ? x : 0n);
        const room =
          item.balancing === 'debit'
            ? max(debit.cP + (debit.guard === 'debits' ? debit.limit : 0n) - debit.dP - debit.dp)
            : item.balancing === 'credit'
              ? max(credit.dP + (credit.guard === 'credits' ? credit.limit : 0n) - credit.cP - credit.cp)
              : item.amount;
        const amount = room < item.amount ? room : item.amount;
        const error = this.exceeds(debit, credit, amount);
        if (error !== undefined) return this.fail(item.id, error);
        if (item.kind === 'pending') {
          debit.dp += amount;
          credit.cp += amount;
          if (item.closing === 'debit') debit.closed = true;
          if (item.closing === 'credit') credit.closed = true;
        } else {
          debit.dP += amount;
          credit.cP += amount;
        }
        return record({
          kind: item.kind,
          debit: item.debit,
          credit: item.credit,
          amount,
          legs: [],
          expiresAt: item.kind === 'pending' && item.timeout > 0 ? ts + BigInt(item.timeout) * 1_000_000_000n : 0n,
          closing: item.closing,
          ...(item.kind === 'pending' ? { status: 'pending' as const } : {}),
        });
      }
      case 'post':
      case 'void': {
        const hold = this.transfers.get(item.pendingId);
        if (hold === undefined) return this.fail(item.id, 'pending_transfer_not_found');
        if (hold.kind !== 'pending') return 'pending_transfer_not_pending';
        const amount = this.effective(item.kind, item.amount, hold);
        if (amount > hold.amount) return 'exceeds_pending_transfer_amount';
        if (item.kind === 'void' && amount < hold.amount) return 'pending_transfer_has_different_amount';
        if (hold.status === 'posted') return 'pending_transfer_already_posted';
        if (hold.status === 'voided') return 'pending_transfer_already_voided';
        if (hold.status === 'expired' || (hold.expiresAt > 0n && hold.expiresAt <= ts)) return 'pending_transfer_expired';
        // Only a void may move a closed account (the closing hold itself can only be voided).
        if (item.kind === 'post' && this.account(hold.debit).closed) return this.fail(item.id, 'debit_account_already_closed');
        if (item.kind === 'post' && this.account(hold.credit).closed) return this.fail(item.id, 'credit_account_already_closed');
        this.account(hold.debit).dp -= hold.amount;
        this.account(hold.credit).cp -= hold.amount;
        if (item.kind === 'post') {
          this.account(hold.debit).dP += amount;
          this.account(hold.credit).cP += amount;
        } else {
          this.reopen(hold);
        }
        hold.status = item.kind === 'post' ? 'posted' : 'voided';
        return record({ kind: item.kind, debit: hold.debit, credit: hold.credit, amount, legs: [], expiresAt: 0n, pendingId: item.pendingId });
      }
      case 'reversal': {
        const target = this.transfers.get(item.reverses);
        if (target === undefined) return this.fail(item.id, 'transfer_to_reverse_not_found');
        if (target.kind === 'pending' || target.kind === 'void') return 'transfer_to_reverse_is_pending';
        if (target.kind === 'reversal') return 'transfer_to_reverse_is_a_reversal';
        if (target.reversed === true) return 'transfer_already_reversed';
        if (target.kind === 'journal') {
          const swapped = target.legs.map((l) => ({ ...l, side: l.side === 'debit' ? ('credit' as const) : ('debit' as const) }));
          const error = this.checkLegs(swapped);
          if (error !== undefined) return this.fail(item.id, error);
          this.postLegs(swapped);
        } else {
          if (this.account(target.credit).closed) return this.fail(item.id, 'debit_account_already_closed');
          if (this.account(target.debit).closed) return this.fail(item.id, 'credit_account_already_closed');
          const error = this.exceeds(this.account(target.credit), this.account(target.debit), target.amount);
          if (error !== undefined) return this.fail(item.id, error);
          this.account(target.credit).dP += target.amount;
          this.account(target.debit).cP += target.amount;
        }
        target.reversed = true;
        return record({ kind: 'reversal', debit: target.credit, credit: target.debit, amount: target.amount, legs: [], expiresAt: 0n });
      }
      case 'journal': {
        const error = this.checkLegs(item.legs);
        if (error !== undefined) return this.fail(item.id, error);
        this.postLegs(item.legs);
        return record({ kind: 'journal', debit: '', credit: '', amount: 0n, legs: item.legs, expiresAt: 0n });
      }
    }
  }

  private checkLegs(legs: readonly ModelLeg[]): string | undefined {
    for (const leg of legs) if (this.account(leg.accountId).closed) return 'leg_account_already_closed';
    for (const leg of legs) {
      const a = this.account(leg.accountId);
      if (leg.side === 'debit' && a.guard === 'debits' && a.dp + a.dP + leg.amount > a.cP + a.limit) return 'exceeds_credits';
      if (leg.side === 'credit' && a.guard === 'credits' && a.cp + a.cP + leg.amount > a.dP + a.limit) return 'exceeds_debits';
    }
    return undefined;
  }

  private postLegs(legs: readonly ModelLeg[]): void {
    for (const leg of legs) {
      if (leg.side === 'debit') this.account(leg.accountId).dP += leg.amount;
      else this.account(leg.accountId).cP += leg.amount;
    }
  }
}
