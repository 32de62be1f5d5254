/**
 * The risk read model: an in-memory projection over recorded collateral and warning events. It
 * lists open warnings (raised, not resolved; acknowledged ones included) by loan, rule and
 * severity, paged, counts them, and keeps each loan's collateral in force for LTV checks. Like
 * the ledger's projections it remembers the last global position it saw and ignores events at
 * or below it, so a re-delivered page changes nothing.
 */
import * as E from 'fp-ts/lib/Either.js';
import { decodeEvent, type Page, type PageRequest, type Processor, type RecordedEvent } from '@ecoledger/ledger';
import { choiceOf, identifierOf } from '../../input/fields.js';
import { closedRecord } from '../../interest/input.js';
import { COLLATERAL_STREAM_PREFIX, collateralEventSchemas } from '../collateral/events.js';
import { WARNING_STREAM_PREFIX, earlyWarningEventSchemas } from './events.js';
import { riskPageOf } from './riskPage.js';
import type { CollateralInForce } from './warningProcessor.js';
import { EARLY_WARNING_RULES, WARNING_SEVERITIES, type EarlyWarning, type EarlyWarningRule, type WarningSeverity } from './warning.js';

/** A warning as the read model lists it. */
export interface WarningView extends EarlyWarning {
  readonly status: 'open' | 'acknowledged' | 'resolved';
  readonly acknowledgedBy?: string;
}
/** Which open warnings to list (all given filters apply). */
export interface OpenWarningFilter {
  readonly loanContractId?: string;
  readonly rule?: EarlyWarningRule;
  readonly severity?: WarningSeverity;
}
/** Open warnings counted by rule and severity. */
export interface OpenWarningCounts {
  readonly total: number;
  readonly byRule: Readonly<Record<EarlyWarningRule, number>>;
  readonly bySeverity: Readonly<Record<WarningSeverity, number>>;
}

const COLLATERAL_TYPES = new Set(Object.keys(collateralEventSchemas));
const WARNING_TYPES = new Set(Object.keys(earlyWarningEventSchemas));
const countsOf = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** The risk read model; feed it with {@link RiskReadModel.apply} or {@link riskReadModelProcessor}. */
export class RiskReadModel {
  readonly name = 'loan-risk-read-model';
  #position: bigint | undefined = undefined;
  // Append-only, in raised order: cursors are positions in these lists.
  readonly #warnings: WarningView[] = [];
  readonly #byLoan = new Map<string, number[]>();
  readonly #indexOf = new Map<string, number>();
  readonly #collateral = new Map<string, Map<string, CollateralInForce>>();

  /** Global position of the last event seen; undefined before the first. */
  get position(): bigint | undefined {
    return this.#position;
  }

  /** Whether the model reads events of this stream and type. */
  canHandle(event: Pick<RecordedEvent, 'streamName' | 'type'>): boolean {
    return (
      (event.streamName.startsWith(COLLATERAL_STREAM_PREFIX) && COLLATERAL_TYPES.has(event.type)) ||
      (event.streamName.startsWith(WARNING_STREAM_PREFIX) && WARNING_TYPES.has(event.type))
    );
  }

  /**
   * Applies one event of the log; true when it changed the model. Events are decoded with their
   * schemas: a malformed one throws its schema error and leaves the model unchanged.
   */
  apply(event: RecordedEvent): boolean {
    if (this.#position !== undefined && event.position <= this.#position) return false;
    const handled = this.canHandle(event);
    if (handled) {
      if (COLLATERAL_TYPES.has(event.type)) this.#applyCollateral(event);
      else this.#applyWarning(event);
    }
    this.#position = event.position;
    return handled;
  }

  /** Applies events in order; returns how many changed the model. */
  applyAll(events: Iterable<RecordedEvent>): number {
    let applied = 0;
    for (const event of events) if (this.apply(event)) applied++;
    return applied;
  }

  #applyCollateral(event: RecordedEvent): void {
    const decoded = decodeEvent(collateralEventSchemas, event);
    if (E.isLeft(decoded)) throw decoded.left;
    const { data } = decoded.right;
    const loan = this.#collateral.get(data.loanContractId) ?? new Map<string, CollateralInForce>();
    this.#collateral.set(data.loanContractId, loan);
    if (decoded.right.type === 'CollateralReleased') loan.delete(data.collateralId);
    else loan.set(data.collateralId, { collateralId: data.collateralId, valuation: decoded.right.data.valuation, haircutPercent: decoded.right.data.haircutPercent });
  }

  #applyWarning(event: RecordedEvent): void {
    const decoded = decodeEvent(earlyWarningEventSchemas, event);
    if (E.isLeft(decoded)) throw decoded.left;
    const warning = decoded.right;
    if (warning.type === 'EarlyWarningRaised') {
      if (this.#indexOf.has(warning.data.warningId)) return;
      const index = this.#warnings.push({ ...warning.data, status: 'open' }) - 1;
      this.#indexOf.set(warning.data.warningId, index);
      const loan = this.#byLoan.get(warning.data.loanContractId) ?? [];
      loan.push(index);
      this.#byLoan.set(warning.data.loanContractId, loan);
      return;
    }
    const index = this.#indexOf.get(warning.data.warningId);
    // A decided stream never acknowledges an unknown warning; a model fed another slice of the log ignores it.
    if (index === undefined) return;
    const current = this.#warnings[index]!;
    this.#warnings[index] =
      warning.type === 'EarlyWarningAcknowledged' ? { ...current, status: 'acknowledged', acknowledgedBy: warning.data.by } : { ...current, status: 'resolved' };
  }

  /**
   * Open warnings matching `filter`, oldest raised first, a page at a time.
   * @throws ProductsError `page_request_invalid`, `field_unknown`, `identifier_invalid`, `early_warning_rule_unknown`, `severity_unknown`.
   */
  openWarnings(filter: OpenWarningFilter = {}, page?: PageRequest): Page<WarningView> {
    const f = closedRecord(filter, ['loanContractId', 'rule', 'severity']);
    const loan = f['loanContractId'] === undefined ? undefined : identifierOf(f, 'loanContractId');
    const rule = f['rule'] === undefined ? undefined : choiceOf(f, 'rule', EARLY_WARNING_RULES, 'early_warning_rule_unknown');
    const severity = f['severity'] === undefined ? undefined : choiceOf(f, 'severity', WARNING_SEVERITIES, 'severity_unknown');
    const keep = (warning: WarningView): WarningView | undefined =>
      warning.status !== 'resolved' && (rule === undefined || warning.rule === rule) && (severity === undefined || warning.severity === severity) ? warning : undefined;
    if (loan === undefined) return riskPageOf(this.#warnings, page, keep);
    return riskPageOf(this.#byLoan.get(loan) ?? [], page, (index) => keep(this.#warnings[index]!));
  }

  /** Open warnings counted by rule and by severity. */
  openCounts(): OpenWarningCounts {
    const byRule = countsOf(EARLY_WARNING_RULES);
    const bySeverity = countsOf(WARNING_SEVERITIES);
    let total = 0;
    for (const warning of this.#warnings) {
      if (warning.status === 'resolved') continue;
      total++;
      byRule[warning.rule]++;
      bySeverity[warning.severity]++;
    }
    return { total, byRule, bySeverity };
  }

  /** The loan's collateral in force (pledged, not released) with its latest valuation: an input of `ltvInputsOf`. */
  collateralOf(loanContractId: string): readonly CollateralInForce[] {
    return [...(this.#collateral.get(loanContractId)?.values() ?? [])];
  }
}

/** A processor keeping `model` up to date from the global log (checkpointed like any processor). */
export const riskReadModelProcessor = (model: RiskReadModel): Processor => ({
  name: model.name,
  canHandle: (event) => model.canHandle(event),
  handle: async (events) => {
    model.applyAll(events);
  },
});
