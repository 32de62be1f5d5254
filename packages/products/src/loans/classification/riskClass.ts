/**
 * The five risk classes of a credit asset under 《商业银行金融资产风险分类办法》 (NFRA/PBoC order
 * 2023 No. 1), best to worst, and the non-performing ones (substandard, doubtful, loss).
 */
import { ProductsError, describeValue } from '../../errors.js';

/** 正常 normal, 关注 special-mention, 次级 substandard, 可疑 doubtful, 损失 loss. */
export type RiskClass = 'normal' | 'special-mention' | 'substandard' | 'doubtful' | 'loss';

/** Every class, best first: a later class is a downgrade. */
export const RISK_CLASSES: readonly RiskClass[] = Object.freeze(['normal', 'special-mention', 'substandard', 'doubtful', 'loss']);

/** The regulation's Chinese name of each class, for reports. */
export const RISK_CLASS_NAMES_ZH: Readonly<Record<RiskClass, string>> = Object.freeze({
  normal: '正常',
  'special-mention': '关注',
  substandard: '次级',
  doubtful: '可疑',
  loss: '损失',
});

/** The non-performing classes (不良). */
export const NON_PERFORMING_CLASSES: readonly RiskClass[] = Object.freeze(['substandard', 'doubtful', 'loss']);

/** True for substandard, doubtful and loss. */
export const isNonPerforming = (riskClass: RiskClass): boolean => NON_PERFORMING_CLASSES.includes(riskClass);

/** 0 for normal … 4 for loss. @internal */
export const rankOf = (riskClass: RiskClass): number => RISK_CLASSES.indexOf(riskClass);

/** The worse of two classes. */
export const worseOf = (a: RiskClass, b: RiskClass): RiskClass => (rankOf(a) >= rankOf(b) ? a : b);

/** Checks an untyped class name. @throws ProductsError `risk_class_unknown`. */
export const riskClassOf = (value: unknown, field = 'riskClass'): RiskClass => {
  if (typeof value !== 'string' || !(RISK_CLASSES as readonly string[]).includes(value)) throw new ProductsError('risk_class_unknown', describeValue(value), field);
  return value as RiskClass;
};
