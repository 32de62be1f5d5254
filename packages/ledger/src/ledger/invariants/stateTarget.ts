/**
 * The book state as the target of the effects module: where committed batches are applied, in
 * place, with TigerBeetle-style assertions. Each assertion is O(1) on what the event names (no
 * history scans), so it runs on the live path and on replay alike; a corrupt event or state throws
 * a {@link LedgerInvariantError} before it can spread.
 */
import { AMOUNT_MAX } from '../amounts.js';
import type { AccountState, BookState, PendingStatus, StoredPosting, StoredTransfer } from '../bookState.js';
import { applyToSide, type EffectTarget } from '../effects/postingEffects.js';
import { TransferFlag } from '../flags.js';
import type { Side } from '../inputs.js';
import { LedgerInvariantError } from './invariantError.js';

/** Fails unless a balance field is a u128. */
const assertU128 = (account: AccountState, field: string, value: bigint): void => {
  if (value >= 0n && value <= AMOUNT_MAX) return;
  if (value < 0n) throw new LedgerInvariantError('balance_not_negative', `account ${account.id}`, { field, value: value.toString() });
  if (value > AMOUNT_MAX) throw new LedgerInvariantError('balance_within_u128', `account ${account.id}`, { field, value: value.toString() });
};

/** Applies effects to a {@link BookState}, asserting as it goes. */
export class StateTarget implements EffectTarget<AccountState> {
  constructor(private readonly state: BookState) {}

  account(id: string): AccountState {
    const account = this.state.accounts.get(id);
    if (account === undefined) throw new LedgerInvariantError('account_exists', `account ${id}`);
    return account;
  }

  adjust(account: AccountState, side: Side, pendingDelta: bigint, postedDelta: bigint): void {
    applyToSide(account, side, pendingDelta, postedDelta);
    // Only a field that moved can have left the u128 range.
    if (side === 'debit') {
      if (pendingDelta !== 0n) assertU128(account, 'debitsPending', account.debitsPending);
      if (postedDelta !== 0n) assertU128(account, 'debitsPosted', account.debitsPosted);
    } else {
      if (pendingDelta !== 0n) assertU128(account, 'creditsPending', account.creditsPending);
      if (postedDelta !== 0n) assertU128(account, 'creditsPosted', account.creditsPosted);
    }
  }

  hold(id: string, settling?: StoredTransfer): StoredTransfer {
    const hold = this.state.postings.get(id);
    if (hold?.kind !== 'transfer' || (hold.flags & TransferFlag.pending) === 0) throw new LedgerInvariantError('hold_exists', `hold ${id}`);
    // Asked before anything moves: a hold settled or expired twice fails here, balances untouched.
    const status = this.state.pendingStatus.get(id);
    if (status !== 'pending') throw new LedgerInvariantError('hold_status_transition', `hold ${id}`, { from: status ?? 'none', to: 'settled' });
    if (settling !== undefined) assertSettlesItsHold(settling, hold);
    return hold;
  }

  addPosting(posting: StoredPosting): void {
    const id = posting.record.id;
    const { postings } = this.state;
    const size = postings.size;
    // One map operation, not two: a stored id does not grow the map (the state is unusable after any invariant error).
    if (postings.set(id, posting).size === size) throw new LedgerInvariantError('posting_unique', `${posting.kind} ${id}`);
    if (posting.kind === 'transfer' && posting.expiresAt > 0n) this.state.expiries.push({ at: posting.expiresAt, id });
  }

  /**
   * The transition is asserted before anything moves: a new hold's id is new (`posting_unique`), and
   * a post, void or expiry first asks {@link hold}, which requires `pending`.
   */
  setStatus(id: string, status: PendingStatus): void {
    this.state.pendingStatus.set(id, status);
  }

  setClosed(account: AccountState, closed: boolean): void {
    account.closed = closed;
  }

  setReversed(originalId: string, reversalId: string): void {
    this.state.reversedBy.set(originalId, reversalId);
  }
}

/** A post moves at most its hold's amount, and a post or void names its hold's accounts. */
const assertSettlesItsHold = (transfer: StoredTransfer, hold: StoredTransfer): void => {
  const { record } = transfer;
  const subject = `transfer ${record.id}`;
  if (transfer.amount > hold.amount) {
    throw new LedgerInvariantError('post_within_hold', subject, { amount: transfer.amount.toString(), held: hold.amount.toString() });
  }
  if (record.debitAccountId !== hold.record.debitAccountId || record.creditAccountId !== hold.record.creditAccountId) {
    throw new LedgerInvariantError('post_within_hold', subject, { accounts: `${record.debitAccountId}/${record.creditAccountId}`, held: `${hold.record.debitAccountId}/${hold.record.creditAccountId}` });
  }
};

/** The journal legs of one batch net to zero per asset (two-leg records balance by construction). */
export const assertBatchBalanced = (state: BookState, postings: readonly StoredPosting[]): void => {
  let net: Map<string, bigint> | undefined;
  for (const posting of postings) {
    if (posting.kind !== 'journal') continue;
    net ??= new Map();
    for (const leg of posting.legs) {
      const account = state.accounts.get(leg.accountId);
      if (account === undefined) throw new LedgerInvariantError('account_exists', `account ${leg.accountId}`);
      const asset = state.ledgers.get(account.ledger)?.asset.code ?? account.ledger;
      net.set(asset, (net.get(asset) ?? 0n) + (leg.side === 'debit' ? leg.amount : -leg.amount));
    }
  }
  if (net === undefined) return;
  for (const [asset, value] of net) if (value !== 0n) throw new LedgerInvariantError('batch_balanced', `asset ${asset}`, { net: value.toString() });
};
