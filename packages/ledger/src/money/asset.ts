import * as E from 'fp-ts/lib/Either.js';
import { MoneyError, describe } from './moneyError.js';
import { ASSET_CODE_PATTERN as CODE_PATTERN, MAX_SCALE } from '../limits.js';

/**
 * What an amount is counted in: an ISO-4217 currency or a custom unit (loyalty points, fund units).
 * `scale` is the number of decimal places of one minor unit (CNY 2: 1 fen = 0.01 yuan).
 * A scale is a count, not money, so it is a plain integer 0..18.
 */
export interface Asset<Code extends string = string> {
  readonly code: Code;
  readonly scale: number;
  readonly kind: 'currency' | 'custom';
  readonly name: string;
}

/** Largest supported scale (decimal places). */
export { MAX_SCALE };

/** Input of {@link defineAsset}. */
export interface AssetDefinition<Code extends string = string> {
  readonly code: Code;
  readonly scale: number;
  readonly name: string;
}

/** True when `scale` is an integer 0..{@link MAX_SCALE}. */
export const isValidScale = (scale: unknown): scale is number =>
  typeof scale === 'number' && Number.isInteger(scale) && scale >= 0 && scale <= MAX_SCALE;

/** Throws `asset_invalid` unless `scale` is an integer 0..18 (cheap guard for hot paths). @internal */
export function assertScale(scale: number): void {
  if (!isValidScale(scale)) throw new MoneyError('asset_invalid', `scale ${describe(scale)}`);
}

/** Why `def` is not a valid asset definition, or undefined when it is. @internal */
export function assetProblem(def: unknown): string | undefined {
  if (typeof def !== 'object' || def === null) return 'definition must be an object';
  const { code, scale, name } = def as Record<string, unknown>;
  if (typeof code !== 'string' || !CODE_PATTERN.test(code)) return `code ${describe(code)}`;
  if (!isValidScale(scale)) return `scale ${describe(scale)} for ${code}`;
  if (typeof name !== 'string' || name.trim() === '') return `name ${describe(name)} for ${code}`;
  return undefined;
}

/**
 * Defines a custom asset (kind `custom`), e.g. `defineAsset({ code: 'FUNDX', scale: 6, name: 'Fund X units' })`.
 * The code literal type is kept, so amounts of different assets cannot be mixed at compile time.
 * Left `asset_invalid` when the code is not 1-12 chars A-Z0-9_, the scale not an integer 0..18,
 * or the name empty.
 */
export function defineAsset<const Code extends string>(
  definition: AssetDefinition<Code>,
): E.Either<MoneyError, Asset<Code>> {
  const problem = assetProblem(definition);
  if (problem !== undefined) return E.left(new MoneyError('asset_invalid', problem));
  return E.right(
    Object.freeze({ code: definition.code, scale: definition.scale, kind: 'custom', name: definition.name }),
  );
}

/** True when both assets denote the same unit (same code and scale). */
export const sameAsset = (a: Asset, b: Asset): boolean => a === b || (a.code === b.code && a.scale === b.scale);
