import * as E from 'fp-ts/lib/Either.js';
import { assetProblem, type Asset } from './asset.js';
import { currencyOf, isCurrencyCode, currencies } from './currencies.js';
import { MoneyError, describe } from './moneyError.js';

/**
 * Resolves asset codes to assets: the built-in ISO-4217 currencies plus registered custom assets.
 * Immutable: `register` returns a new registry and leaves this one unchanged.
 */
export interface AssetRegistry {
  /** The asset with this code, or Left `asset_unknown`. */
  readonly resolve: (code: string) => E.Either<MoneyError, Asset>;
  /**
   * A new registry that also knows `asset`. Registering an identical asset again is a no-op.
   * @throws MoneyError `asset_invalid` when the asset is malformed, reuses a currency code,
   *   or conflicts with a registered asset of the same code.
   */
  readonly register: (asset: Asset) => AssetRegistry;
  /** The registered custom assets, in registration order. */
  readonly customAssets: () => readonly Asset[];
}

/**
 * Creates a registry of the built-in currencies plus `custom` assets.
 * @throws MoneyError `asset_invalid` on a malformed or conflicting custom asset (a configuration error).
 */
export function createAssetRegistry(custom: readonly Asset[] = []): AssetRegistry {
  let byCode: ReadonlyMap<string, Asset> = new Map();
  for (const asset of custom) byCode = withAsset(byCode, asset);
  return fromMap(byCode);
}

function fromMap(byCode: ReadonlyMap<string, Asset>): AssetRegistry {
  return Object.freeze({
    resolve: (code: string) => {
      const custom = typeof code === 'string' ? byCode.get(code) : undefined;
      return custom !== undefined ? E.right(custom) : currencyOf(code);
    },
    register: (asset: Asset) => fromMap(withAsset(byCode, asset)),
    customAssets: () => Object.freeze([...byCode.values()]),
  });
}

function withAsset(byCode: ReadonlyMap<string, Asset>, asset: Asset): ReadonlyMap<string, Asset> {
  const problem = assetProblem(asset);
  if (problem !== undefined) throw new MoneyError('asset_invalid', problem);
  if (isCurrencyCode(asset.code)) {
    // A currency code always means the ISO currency; silently shadowing it would corrupt amounts.
    throw new MoneyError('asset_invalid', `code ${asset.code} is the ISO-4217 currency ${currencies[asset.code].name}`);
  }
  if (asset.kind !== 'custom') throw new MoneyError('asset_invalid', `kind ${describe(asset.kind)} for ${asset.code}`);
  const existing = byCode.get(asset.code);
  if (existing !== undefined) {
    if (existing.scale === asset.scale && existing.name === asset.name) return byCode;
    throw new MoneyError('asset_invalid', `code ${asset.code} is already registered with another definition`);
  }
  const next = new Map(byCode);
  const frozen = Object.isFrozen(asset)
    ? asset
    : Object.freeze({ code: asset.code, scale: asset.scale, kind: 'custom' as const, name: asset.name });
  next.set(asset.code, frozen);
  return next;
}
