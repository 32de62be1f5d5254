/**
 * The commands of a loan's warning stream (`loan-warnings-<loanContractId>`): raise a warning the
 * rules produced, acknowledge it (someone is looking), resolve it (dealt with). Run-time parsing
 * refuses unknown fields; a raised warning is checked with its event codec.
 */
import * as E from 'fp-ts/lib/Either.js';
import { ProductsError, describeValue } from '../../errors.js';
import { identifierOf, instantOf } from '../../input/fields.js';
import { closedRecord } from '../../interest/input.js';
import { textOf } from '../collateral/text.js';
import { DETAIL_FIELD_OF_RULE, EarlyWarningCodec, type EarlyWarning } from './warning.js';

/** Records a warning (from `earlyWarningsFor`); raising a warning id already recorded changes nothing. */
export interface RaiseWarningCommand {
  readonly type: 'Raise';
  readonly warning: EarlyWarning;
}
/** Someone in risk has seen the warning and is working on it. */
export interface AcknowledgeWarningCommand {
  readonly type: 'Acknowledge';
  readonly warningId: string;
  readonly by: string;
  readonly note: string;
  readonly at: string;
}
/** The warning is dealt with (collateral topped up, loan restructured, false alarm). */
export interface ResolveWarningCommand {
  readonly type: 'Resolve';
  readonly warningId: string;
  readonly by: string;
  readonly reason: string;
  readonly at: string;
}
/** Every command of a warning stream. */
export type EarlyWarningCommand = RaiseWarningCommand | AcknowledgeWarningCommand | ResolveWarningCommand;

/** The warning of a Raise, decoded by its codec and with a detail of its rule's shape. @throws `warning_invalid`. */
const warningOf = (value: unknown): EarlyWarning => {
  const decoded = EarlyWarningCodec.decode(value);
  if (E.isLeft(decoded)) throw new ProductsError('warning_invalid', `not an early warning: ${describeValue(value)}`, 'warning');
  const warning = decoded.right;
  if (!(DETAIL_FIELD_OF_RULE[warning.rule] in warning.detail)) throw new ProductsError('warning_invalid', `the detail is not that of rule ${warning.rule}`, 'warning.detail');
  return warning;
};

/**
 * Checks an untyped command: known type, no unknown field, every field well formed.
 * @throws ProductsError with the specific code of the first bad field.
 */
export const parseWarningCommand = (command: unknown): EarlyWarningCommand => {
  if (typeof command !== 'object' || command === null || Array.isArray(command)) throw new ProductsError('input_not_object', describeValue(command));
  const type = (command as Record<string, unknown>)['type'];
  switch (type) {
    case 'Raise': {
      const r = closedRecord(command, ['type', 'warning']);
      if (r['warning'] === undefined) throw new ProductsError('field_missing', 'warning', 'warning');
      return { type, warning: warningOf(r['warning']) };
    }
    case 'Acknowledge': {
      const r = closedRecord(command, ['type', 'warningId', 'by', 'note', 'at']);
      return { type, warningId: identifierOf(r, 'warningId'), by: identifierOf(r, 'by'), note: textOf(r, 'note'), at: instantOf(r, 'at') };
    }
    case 'Resolve': {
      const r = closedRecord(command, ['type', 'warningId', 'by', 'reason', 'at']);
      return { type, warningId: identifierOf(r, 'warningId'), by: identifierOf(r, 'by'), reason: textOf(r, 'reason'), at: instantOf(r, 'at') };
    }
    default:
      throw new ProductsError('command_unknown', describeValue(type), 'type');
  }
};
