import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { defineAsset, sameAsset, type Asset } from './asset.js';
import { createAssetRegistry } from './assetRegistry.js';
import { isoScaleOf } from './iso4217.js';
import { BHD, CNY, JPY, KRW, KWD, USD, currencies, currencyOf } from './currencies.js';
import { expectLeft, expectMoneyError, expectRight } from '../../test-kit/money/testSupport.js';

describe('currencies', () => {
  it('carry the ISO-4217 minor units', () => {
    const scales = Object.fromEntries(Object.values(currencies).map((c) => [c.code, c.scale]));
    expect(scales).toMatchObject({
      CNY: 2, USD: 2, EUR: 2, GBP: 2, JPY: 0, HKD: 2, SGD: 2, KRW: 0, CHF: 2, AUD: 2, CAD: 2, KWD: 3, BHD: 3,
    });
    for (const [code, asset] of Object.entries(currencies)) {
      expect(asset.code).toBe(code);
      expect(asset.kind).toBe('currency');
      expect(Object.isFrozen(asset)).toBe(true);
    }
    expect(Object.isFrozen(currencies)).toBe(true);
  });

  it('currencyOf resolves exact upper-case codes only', () => {
    expect(expectRight(currencyOf('KWD'))).toBe(KWD);
    const e = expectLeft(currencyOf('usd'), 'asset_unknown');
    expect(e.message).toBe('asset is not a known ISO-4217 currency or registered custom asset: "usd"');
    expectLeft(currencyOf('toString'), 'asset_unknown');
    expectLeft(currencyOf('__proto__'), 'asset_unknown');
  });
});

describe('defineAsset', () => {
  it('defines frozen custom assets keeping the code literal type', () => {
    const fund = expectRight(defineAsset({ code: 'FUNDX', scale: 6, name: 'Fund X units' }));
    const code: 'FUNDX' = fund.code;
    expect(code).toBe('FUNDX');
    expect(fund).toEqual({ code: 'FUNDX', scale: 6, kind: 'custom', name: 'Fund X units' });
    expect(Object.isFrozen(fund)).toBe(true);
    expect(expectRight(defineAsset({ code: 'PTS', scale: 0, name: 'Loyalty points' })).scale).toBe(0);
  });

  it.each([
    { code: '', scale: 2, name: 'x' },
    { code: 'lower', scale: 2, name: 'x' },
    { code: 'TOO_LONG_CODE_', scale: 2, name: 'x' },
    { code: 'A-B', scale: 2, name: 'x' },
    { code: 'PTS', scale: -1, name: 'x' },
    { code: 'PTS', scale: 19, name: 'x' },
    { code: 'PTS', scale: 2.5, name: 'x' },
    { code: 'PTS', scale: Number.NaN, name: 'x' },
    { code: 'PTS', scale: 2, name: '  ' },
  ])('rejects %j with asset_invalid', (definition) => {
    const e = expectLeft(defineAsset(definition), 'asset_invalid');
    expect(e.message.startsWith('asset definition is invalid (code must be 1-12 chars A-Z0-9_, scale an integer 0..18): ')).toBe(true);
  });

  it('sameAsset compares code and scale', () => {
    expect(sameAsset(CNY, { ...CNY })).toBe(true);
    expect(sameAsset(CNY, USD)).toBe(false);
    expect(sameAsset(CNY, { ...CNY, scale: 3 })).toBe(false);
  });
});

describe('AssetRegistry', () => {
  const fund = expectRight(defineAsset({ code: 'FUNDX', scale: 6, name: 'Fund X units' }));
  const points = expectRight(defineAsset({ code: 'PTS', scale: 0, name: 'Points' }));

  it('resolves currencies and registered custom assets', () => {
    const registry = createAssetRegistry([fund]);
    expect(expectRight(registry.resolve('FUNDX'))).toBe(fund);
    expect(expectRight(registry.resolve('JPY'))).toBe(JPY);
    expectLeft(registry.resolve('PTS'), 'asset_unknown');
    expect(registry.customAssets()).toEqual([fund]);
  });

  it('register returns a new registry and leaves the old one unchanged', () => {
    const empty = createAssetRegistry();
    const withPoints = empty.register(points);
    expect(E.isRight(withPoints.resolve('PTS'))).toBe(true);
    expect(E.isLeft(empty.resolve('PTS'))).toBe(true);
    expect(withPoints.register(points).customAssets()).toEqual([points]); // idempotent
  });

  it('rejects conflicts and malformed assets', () => {
    const registry = createAssetRegistry([points]);
    expectMoneyError(() => registry.register({ ...points, scale: 2 }), 'asset_invalid');
    expectMoneyError(() => registry.register({ code: 'CNY', scale: 4, kind: 'custom', name: 'fake yuan' }), 'asset_invalid');
    expectMoneyError(() => registry.register(KRW), 'asset_invalid');
    expectMoneyError(() => registry.register({ code: 'x', scale: 0, kind: 'custom', name: 'x' }), 'asset_invalid');
    expectMoneyError(() => createAssetRegistry([{ code: 'NEW', scale: 2, kind: 'currency', name: 'x' } as Asset]), 'asset_invalid');
    expect(expectRight(registry.resolve('BHD'))).toBe(BHD);
  });
});

describe('ISO-4217 scales', () => {
  it('the built-in currencies agree with the ISO table, and the table knows the odd scales', () => {
    for (const currency of Object.values(currencies)) expect(isoScaleOf(currency.code), currency.code).toBe(currency.scale);
    expect([isoScaleOf('CNY'), isoScaleOf('JPY'), isoScaleOf('KWD'), isoScaleOf('CLF'), isoScaleOf('XAU'), isoScaleOf('PTS')]).toEqual([2, 0, 3, 4, undefined, undefined]);
  });
});
