/**
 * `LedgerIndex`: what every projection needs to know about a book besides balances (ledgers,
 * accounts, open holds), and the one place that turns `TransfersCommitted` into per-account
 * {@link Movement}s. What each record does to balances is not decided here: it comes from the
 * book's own effects module (`ledger/effects/postingEffects.ts`: `transferEffect`,
 * `expiryEffect`, `applyToSide`), the rules the decider and the book state apply.
 *
 * Several projections may share one index (the read model does), so that each event is parsed
 * once: {@link LedgerIndex.movementsOf} remembers the movements of the latest event and hands them
 * out again for the same position. Sharing projections must be fed the same events in lockstep.
 */
import { accountStateOf, type AccountState } from '../ledger/bookState.js';
import type { AccountRecord, JournalRecord, LedgerRecord, TransferRecord } from '../ledger/events.js';
import { applyToSide, expiryEffect, transferEffect, type ClosingEffect, type EffectKind, type TransferEffect } from '../ledger/effects/postingEffects.js';
import { TransferFlag, transferFlagsFromNames } from '../ledger/flags.js';
import { normalSideOf, type Side } from '../ledger/inputs.js';
import type { BalanceFields } from '../ledger/accountView.js';
import { storedAmount } from '../ledger/amounts.js';
import { ProjectionConsistencyError, type EventPosition, type ProjectedEvent } from './projection.js';

/** An account as the projections know it: its record, its ledger's asset, and parsed flags. */
export interface IndexedAccount {
  readonly id: string;
  readonly record: AccountRecord;
  readonly ledger: LedgerRecord;
  readonly assetCode: string;
  readonly scale: number;
  readonly normalSide: Side;
  /** Instant the account was opened (its record's timestamp). */
  readonly openedAt: bigint;
  /**
   * The account's opening state as the book builds it (`accountStateOf`): parsed flags and
   * overdraft limit for `availableBalance`. Its balance fields stay zero; projections keep their own.
   */
  readonly opening: AccountState;
  /** Whether the account is closed now (after the latest event the index has seen). */
  closed: boolean;
}

/** What a statement line is about (see the effects module's {@link EffectKind}). */
export type MovementKind = EffectKind;

/** One change to one side of one account, in book order. */
export interface Movement {
  readonly accountId: string;
  /** The side of `accountId` that moved. */
  readonly side: Side;
  readonly kind: MovementKind;
  /** Id of the record that caused it; for an expiry, the hold's id. */
  readonly transferId: string;
  readonly timestamp: bigint;
  /** Minor units: the posted amount, or the hold's amount for holds, voids and expiries. */
  readonly amount: bigint;
  /** Change of this side's pending field (negative when a hold is released). */
  readonly pendingDelta: bigint;
  /** Change of this side's posted field. */
  readonly postedDelta: bigint;
  /** Accounts on the other side of the record (distinct, in record order). */
  readonly counterparties: readonly string[];
  readonly code: number;
  readonly userData?: string;
  readonly reversalOf?: string;
  /** The hold a post or void refers to. */
  readonly pendingId?: string;
  /** Minor units taken out of pending by a post, void or expiry (the hold's full amount). */
  readonly released?: bigint;
}

/** The four TigerBeetle balance fields, mutable: what projections accumulate. */
export interface BalanceCounters {
  debitsPending: bigint;
  debitsPosted: bigint;
  creditsPending: bigint;
  creditsPosted: bigint;
}

/** Fresh all-zero counters. */
export const zeroCounters = (): BalanceCounters => ({ debitsPending: 0n, debitsPosted: 0n, creditsPending: 0n, creditsPosted: 0n });

/** A frozen copy of balance fields (for history entries). */
export const snapshotCounters = (fields: BalanceFields): BalanceFields =>
  Object.freeze({
    debitsPending: fields.debitsPending,
    debitsPosted: fields.debitsPosted,
    creditsPending: fields.creditsPending,
    creditsPosted: fields.creditsPosted,
  });

/** Adds a movement to an account's counters, in place (through the effects module's one writer). */
export const applyMovement = (counters: BalanceCounters, movement: Movement): void =>
  applyToSide(counters, movement.side, movement.pendingDelta, movement.postedDelta);

/** Options shared by the projections that read a {@link LedgerIndex}. */
export interface IndexedProjectionOptions {
  /** Share one index between projections fed in lockstep (default: a private one). */
  readonly index?: LedgerIndex;
}

/** An open hold: its record, parsed amount and flags, until it is posted, voided or expires. */
interface OpenHold {
  readonly record: TransferRecord;
  readonly amount: bigint;
  readonly flags: number;
}
const POST_OR_VOID = TransferFlag.post_pending_transfer | TransferFlag.void_pending_transfer;
const NO_MOVEMENTS: readonly Movement[] = Object.freeze([]);

/** Ledgers, accounts and open holds of a book, and the movements of each event. See the module comment. */
export class LedgerIndex {
  private readonly ledgerById = new Map<string, LedgerRecord>();
  private readonly accountById = new Map<string, IndexedAccount>();
  private readonly holds = new Map<string, OpenHold>();
  private lastPosition: bigint | undefined = undefined;
  private lastMovements: readonly Movement[] = NO_MOVEMENTS;

  /** The account, if opened. */
  account(id: string): IndexedAccount | undefined {
    return this.accountById.get(id);
  }

  /** Every account, in opening order. */
  accounts(): IterableIterator<IndexedAccount> {
    return this.accountById.values();
  }

  /** The ledger, if defined. */
  ledger(id: string): LedgerRecord | undefined {
    return this.ledgerById.get(id);
  }

  /**
   * Learns from an event and returns its movements (none for anything but `TransfersCommitted`).
   * Calling it again with the latest event's position returns the same movements without
   * re-applying, which is how projections share one index.
   * @throws ProjectionConsistencyError for an older event, an unknown account, ledger or hold.
   */
  movementsOf(event: ProjectedEvent): readonly Movement[] {
    if (this.lastPosition !== undefined) {
      if (event.position === this.lastPosition) return this.lastMovements;
      if (event.position < this.lastPosition) {
        throw new ProjectionConsistencyError(`the shared ledger index is already at position ${this.lastPosition}`, event);
      }
    }
    const movements = this.learn(event);
    this.lastPosition = event.position;
    this.lastMovements = movements;
    return movements;
  }

  private learn(event: ProjectedEvent): readonly Movement[] {
    switch (event.type) {
      case 'PeriodClosed':
        // Closing a period moves no money: balances and open holds carry forward.
        return NO_MOVEMENTS;
      case 'LedgersDefined':
        for (const ledger of event.data.ledgers) this.ledgerById.set(ledger.id, ledger);
        return NO_MOVEMENTS;
      case 'AccountsOpened':
        for (const record of event.data.accounts) this.open(record, event);
        return NO_MOVEMENTS;
      case 'AccountsClosed':
      case 'AccountsReopened':
        // Like the book: a status change of an unknown account is ignored.
        for (const { id } of event.data.accounts) {
          const account = this.accountById.get(id);
          if (account !== undefined) account.closed = event.type === 'AccountsClosed';
        }
        return NO_MOVEMENTS;
      case 'TransfersCommitted': {
        const movements: Movement[] = [];
        // Same order as the book: expiries first, then the accepted items.
        for (const { id, timestamp } of event.data.expired) {
          const hold = this.holds.get(id);
          // The book releases only holds it knows; so do we.
          if (hold === undefined) continue;
          this.holds.delete(id);
          const effect = expiryEffect(hold);
          this.close(hold.record, effect);
          pushPair(movements, hold.record, {
            kind: effect.kind,
            transferId: id,
            timestamp: BigInt(timestamp),
            amount: hold.amount,
            pendingDelta: effect.pendingDelta,
            postedDelta: effect.postedDelta,
            released: hold.amount,
          });
        }
        for (const record of event.data.transfers) {
          if (record.kind === 'transfer') this.transfer(record, event, movements);
          else this.journal(record, event, movements);
        }
        return movements;
      }
    }
  }

  /** A closing hold closes its accounts; voiding it or its expiry reopens them, as in the book. */
  private close(record: TransferRecord, effect: TransferEffect): void {
    const closing: ClosingEffect | undefined = effect.closing;
    if (closing === undefined) return;
    if (closing.debit) this.accountById.get(record.debitAccountId)!.closed = closing.closed;
    if (closing.credit) this.accountById.get(record.creditAccountId)!.closed = closing.closed;
  }

  private open(record: AccountRecord, event: EventPosition): void {
    const ledger = this.ledgerById.get(record.ledger);
    if (ledger === undefined) throw new ProjectionConsistencyError(`account ${record.id} is on unknown ledger ${record.ledger}`, event);
    const { scale, code } = ledger.asset;
    // The book replaces an account opened twice (it never emits that); so do we.
    this.accountById.set(record.id, {
      id: record.id,
      record,
      ledger,
      assetCode: code,
      scale,
      normalSide: normalSideOf[record.type],
      openedAt: BigInt(record.timestamp),
      opening: accountStateOf(record, scale),
      closed: false,
    });
  }

  private transfer(record: TransferRecord, event: EventPosition, movements: Movement[]): void {
    this.requireAccount(record.debitAccountId, event);
    this.requireAccount(record.creditAccountId, event);
    const ledger = this.ledgerById.get(record.ledger);
    if (ledger === undefined) throw new ProjectionConsistencyError(`transfer ${record.id} is on unknown ledger ${record.ledger}`, event);
    // u128, like the book's fields (the money module's signed range stops at 2^127 - 1).
    const amount = storedAmount(record.amount, ledger.asset.scale);
    const flags = transferFlagsFromNames(record.flags);
    const timestamp = BigInt(record.timestamp);
    const transferId = record.id;
    const pendingId = (flags & POST_OR_VOID) === 0 ? undefined : (record.pendingId ?? '');
    const hold = pendingId === undefined ? undefined : this.holds.get(pendingId);
    if (pendingId !== undefined && hold === undefined) throw new ProjectionConsistencyError(`transfer ${record.id} settles unknown hold "${pendingId}"`, event);
    const effect = transferEffect(flags, amount, hold);
    if (effect.kind === 'pending') this.holds.set(record.id, { record, amount, flags });
    else if (hold !== undefined) this.holds.delete(pendingId!);
    // A post or void names its hold's accounts, so the closing flags apply to this record's pair.
    this.close(record, effect);
    if (hold === undefined) {
      pushPair(movements, record, { transferId, timestamp, amount, kind: effect.kind, pendingDelta: effect.pendingDelta, postedDelta: effect.postedDelta });
      return;
    }
    // A void posts nothing; its line shows the released hold amount.
    pushPair(movements, record, {
      transferId,
      timestamp,
      kind: effect.kind,
      amount: effect.kind === 'pending_posted' ? amount : hold.amount,
      pendingDelta: effect.pendingDelta,
      postedDelta: effect.postedDelta,
      pendingId: pendingId!,
      released: hold.amount,
    });
  }

  private journal(record: JournalRecord, event: EventPosition, movements: Movement[]): void {
    const timestamp = BigInt(record.timestamp);
    const sides = { debit: distinct(record.legs, 'debit'), credit: distinct(record.legs, 'credit') };
    for (const leg of record.legs) {
      // Each leg is at its own account's scale, as in the book.
      const account = this.requireAccount(leg.accountId, event);
      const amount = storedAmount(leg.amount, account.scale);
      movements.push({
        accountId: leg.accountId,
        side: leg.side,
        kind: 'posted',
        transferId: record.id,
        timestamp,
        amount,
        pendingDelta: 0n,
        postedDelta: amount,
        counterparties: leg.side === 'debit' ? sides.credit : sides.debit,
        code: record.code,
        ...extras(record),
      });
    }
  }

  private requireAccount(id: string, event: EventPosition): IndexedAccount {
    const account = this.accountById.get(id);
    if (account === undefined) throw new ProjectionConsistencyError(`unknown account ${id}`, event);
    return account;
  }
}

type PairFields = Omit<Movement, 'accountId' | 'side' | 'counterparties' | 'code' | 'userData' | 'reversalOf'>;

/** One side of a two-leg record. Built field by field: this runs twice for every transfer. */
const sideOf = (record: TransferRecord, fields: PairFields, side: Side): Movement => {
  const movement: { -readonly [K in keyof Movement]: Movement[K] } = {
    accountId: side === 'debit' ? record.debitAccountId : record.creditAccountId,
    side,
    kind: fields.kind,
    transferId: fields.transferId,
    timestamp: fields.timestamp,
    amount: fields.amount,
    pendingDelta: fields.pendingDelta,
    postedDelta: fields.postedDelta,
    counterparties: [side === 'debit' ? record.creditAccountId : record.debitAccountId],
    code: record.code,
  };
  if (fields.pendingId !== undefined) movement.pendingId = fields.pendingId;
  if (fields.released !== undefined) movement.released = fields.released;
  if (record.userData !== undefined) movement.userData = record.userData;
  if (record.reversalOf !== undefined) movement.reversalOf = record.reversalOf;
  return movement;
};

/** Pushes the debit-side and credit-side movements of a two-leg record. */
const pushPair = (movements: Movement[], record: TransferRecord, fields: PairFields): void => {
  movements.push(sideOf(record, fields, 'debit'), sideOf(record, fields, 'credit'));
};

/** `userData` and `reversalOf`, only where present (exactOptionalPropertyTypes). */
const extras = (record: { readonly userData?: string; readonly reversalOf?: string }): Pick<Movement, 'userData' | 'reversalOf'> => ({
  ...(record.userData === undefined ? {} : { userData: record.userData }),
  ...(record.reversalOf === undefined ? {} : { reversalOf: record.reversalOf }),
});

const distinct = (legs: JournalRecord['legs'], side: Side): readonly string[] => [
  ...new Set(legs.filter((leg) => leg.side === side).map((leg) => leg.accountId)),
];
