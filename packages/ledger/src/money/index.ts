/**
 * Exact money: assets, decimal-string amounts held as bigint minor units, named rounding,
 * allocation, and one narrow decimal.js calculator for rates, ratios and powers.
 */
export { MoneyError, isMoneyError, type MoneyErrorCode } from './moneyError.js';
export { defineAsset, sameAsset, isValidScale, MAX_SCALE, type Asset, type AssetDefinition } from './asset.js';
export * from './currencies.js';
export { ISO_4217_SCALES, isoScaleOf } from './iso4217.js';
export { createAssetRegistry, type AssetRegistry } from './assetRegistry.js';
export { MAX_MINOR, MIN_MINOR, isMinorInRange } from './range.js';
export {
  DEFAULT_ROUNDING,
  ROUNDING_MODES,
  isRoundingMode,
  divideRounded,
  type RoundingMode,
} from './rounding.js';
export {
  DECIMAL_PRECISION,
  MAX_POWER_EXPONENT,
  toDecimal,
  toPlainString,
  multiplyMinor,
  divideMinor,
  power,
  ratioOf,
  roundToScale,
  type Decimal,
} from './calculator.js';
export { decimalToMinor, minorToDecimal } from './decimalString.js';
export {
  money,
  parseMoney,
  fromMinor,
  zero,
  add,
  subtract,
  negate,
  abs,
  multiply,
  divide,
  applyRate,
  sum,
  compare,
  equals,
  lessThan,
  greaterThan,
  isZero,
  isPositive,
  isNegative,
  min,
  max,
  toDecimalString,
  toJSON,
  serializeMoney,
  deserializeMoney,
  type Money,
  type MoneyJSON,
} from './money.js';
export { allocate, allocateEvenly, MAX_ALLOCATION_PARTS } from './allocate.js';
