import { DeciderSpecification } from '@ecoledger/ledger/testing';
import { describe, it } from 'vitest';
import { historyOf } from '../../../test-kit/loans/collateralFixtures.js';
import type { EarlyWarningCommand } from './commands.js';
import { earlyWarningDecider } from './decider.js';
import { earlyWarningsFor } from './rules.js';
import type { EarlyWarning } from './warning.js';

const decider = earlyWarningDecider();
const given = DeciderSpecification.for(decider);
const AT = '2026-07-02T09:00:00.000Z';
const downgrade = (eventId: string, loanContractId = 'loan-1'): EarlyWarning =>
  earlyWarningsFor({ kind: 'class-change', loanContractId, triggeringEventId: eventId, at: '2026-07-01T08:00:00.000Z', previousClass: 'normal', nextClass: 'special-mention' })[0]!;
const w1 = downgrade('evt-1');
const raise = (warning: EarlyWarning): EarlyWarningCommand => ({ type: 'Raise', warning });
const ack = (warningId: string): EarlyWarningCommand => ({ type: 'Acknowledge', warningId, by: 'officer-3', note: 'called the borrower', at: AT });
const resolve = (warningId: string): EarlyWarningCommand => ({ type: 'Resolve', warningId, by: 'officer-3', reason: 'arrears cleared', at: AT });
const raised = historyOf(decider, [raise(w1)]);

describe('warning stream decider: Raise', () => {
  it('records a warning once: raising its id again changes nothing (also after resolution)', () => {
    given([]).when(raise(w1)).then({ type: 'EarlyWarningRaised', data: w1 });
    given(raised).when(raise(w1)).thenNothingHappened();
    given(historyOf(decider, [raise(w1), resolve(w1.warningId)])).when(raise(w1)).thenNothingHappened();
    given(raised).when(raise(downgrade('evt-2'))).thenState((s) => s.warnings.size === 2);
  });

  it('refuses a warning of another loan, a malformed warning, and more than the limit', () => {
    given(raised).when(raise(downgrade('evt-2', 'loan-2'))).thenFails('warning_invalid');
    given([]).when(raise({ ...w1, severity: 'low' } as never)).thenFails('warning_invalid');
    given([]).when(raise({ ...w1, extra: 1 } as never)).thenFails('warning_invalid');
    given([]).when(raise({ ...w1, rule: 'ltv-above-threshold' })).thenFails('warning_invalid');
    given([]).when({ type: 'Raise' } as never).thenFails('field_missing');
    const full = historyOf(decider, Array.from({ length: 1_000 }, (_, i) => raise(downgrade(`evt-${i + 10}`))));
    given(full).when(raise(downgrade('evt-one-more'))).thenFails('too_many_warnings');
  });
});

describe('warning stream decider: Acknowledge and Resolve', () => {
  it('acknowledges an open warning once, resolves an open or acknowledged one once', () => {
    given(raised).when(ack(w1.warningId)).then({ type: 'EarlyWarningAcknowledged', data: { loanContractId: 'loan-1', warningId: w1.warningId, by: 'officer-3', note: 'called the borrower', at: AT } });
    const acked = historyOf(decider, [raise(w1), ack(w1.warningId)]);
    given(acked).when(ack(w1.warningId)).thenFails('warning_already_acknowledged');
    given(acked).when(resolve(w1.warningId)).then({ type: 'EarlyWarningResolved', data: { loanContractId: 'loan-1', warningId: w1.warningId, by: 'officer-3', reason: 'arrears cleared', at: AT } });
    given(raised).when(resolve(w1.warningId)).thenState((s) => s.warnings.get(w1.warningId) === 'resolved');
    const done = historyOf(decider, [raise(w1), resolve(w1.warningId)]);
    given(done).when(resolve(w1.warningId)).thenFails('warning_already_resolved');
    given(done).when(ack(w1.warningId)).thenFails('warning_already_resolved');
    given(raised).when(ack('unknown')).thenFails('warning_not_found');
    given([]).when(resolve('unknown')).thenFails('warning_not_found');
  });

  it('refuses bad input with specific codes', () => {
    given(raised).when({ ...ack(w1.warningId), note: '' } as never).thenFails('text_invalid');
    given(raised).when({ ...ack(w1.warningId), at: 'now' } as never).thenFails('instant_invalid');
    given(raised).when({ ...resolve(w1.warningId), by: undefined } as never).thenFails('field_missing');
    given(raised).when({ ...resolve(w1.warningId), extra: true } as never).thenFails('field_unknown');
    given(raised).when({ type: 'Escalate' } as never).thenFails('command_unknown');
    given(raised).when('Raise' as never).thenFails('input_not_object');
  });
});
