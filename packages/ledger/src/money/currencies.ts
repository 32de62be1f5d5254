import * as E from 'fp-ts/lib/Either.js';
import type { Asset } from './asset.js';
import { MoneyError, describe } from './moneyError.js';

const currency = <const C extends string>(code: C, scale: number, name: string): Asset<C> =>
  Object.freeze({ code, scale, kind: 'currency', name });

// ISO-4217 codes with their official minor units (the exponent column of the standard).

/** Chinese yuan renminbi (2). */
export const CNY = currency('CNY', 2, 'Yuan Renminbi');
/** US dollar (2). */
export const USD = currency('USD', 2, 'US Dollar');
/** Euro (2). */
export const EUR = currency('EUR', 2, 'Euro');
/** Pound sterling (2). */
export const GBP = currency('GBP', 2, 'Pound Sterling');
/** Japanese yen (0). */
export const JPY = currency('JPY', 0, 'Yen');
/** Hong Kong dollar (2). */
export const HKD = currency('HKD', 2, 'Hong Kong Dollar');
/** Macanese pataca (2). */
export const MOP = currency('MOP', 2, 'Pataca');
/** New Taiwan dollar (2). */
export const TWD = currency('TWD', 2, 'New Taiwan Dollar');
/** Singapore dollar (2). */
export const SGD = currency('SGD', 2, 'Singapore Dollar');
/** South Korean won (0). */
export const KRW = currency('KRW', 0, 'Won');
/** Swiss franc (2). */
export const CHF = currency('CHF', 2, 'Swiss Franc');
/** Australian dollar (2). */
export const AUD = currency('AUD', 2, 'Australian Dollar');
/** New Zealand dollar (2). */
export const NZD = currency('NZD', 2, 'New Zealand Dollar');
/** Canadian dollar (2). */
export const CAD = currency('CAD', 2, 'Canadian Dollar');
/** Swedish krona (2). */
export const SEK = currency('SEK', 2, 'Swedish Krona');
/** Norwegian krone (2). */
export const NOK = currency('NOK', 2, 'Norwegian Krone');
/** Danish krone (2). */
export const DKK = currency('DKK', 2, 'Danish Krone');
/** Indian rupee (2). */
export const INR = currency('INR', 2, 'Indian Rupee');
/** Thai baht (2). */
export const THB = currency('THB', 2, 'Baht');
/** Malaysian ringgit (2). */
export const MYR = currency('MYR', 2, 'Malaysian Ringgit');
/** Indonesian rupiah (2). */
export const IDR = currency('IDR', 2, 'Rupiah');
/** Philippine peso (2). */
export const PHP = currency('PHP', 2, 'Philippine Peso');
/** Vietnamese dong (0). */
export const VND = currency('VND', 0, 'Dong');
/** UAE dirham (2). */
export const AED = currency('AED', 2, 'UAE Dirham');
/** Saudi riyal (2). */
export const SAR = currency('SAR', 2, 'Saudi Riyal');
/** Kuwaiti dinar (3). */
export const KWD = currency('KWD', 3, 'Kuwaiti Dinar');
/** Bahraini dinar (3). */
export const BHD = currency('BHD', 3, 'Bahraini Dinar');
/** Omani rial (3). */
export const OMR = currency('OMR', 3, 'Rial Omani');
/** Jordanian dinar (3). */
export const JOD = currency('JOD', 3, 'Jordanian Dinar');
/** Tunisian dinar (3). */
export const TND = currency('TND', 3, 'Tunisian Dinar');
/** Brazilian real (2). */
export const BRL = currency('BRL', 2, 'Brazilian Real');
/** Mexican peso (2). */
export const MXN = currency('MXN', 2, 'Mexican Peso');
/** Chilean peso (0). */
export const CLP = currency('CLP', 0, 'Chilean Peso');
/** South African rand (2). */
export const ZAR = currency('ZAR', 2, 'Rand');
/** Iceland krona (0). */
export const ISK = currency('ISK', 0, 'Iceland Krona');

/** The built-in ISO-4217 currencies by code. */
export const currencies = Object.freeze({
  CNY, USD, EUR, GBP, JPY, HKD, MOP, TWD, SGD, KRW, CHF, AUD, NZD, CAD, SEK, NOK, DKK, INR, THB, MYR,
  IDR, PHP, VND, AED, SAR, KWD, BHD, OMR, JOD, TND, BRL, MXN, CLP, ZAR, ISK,
});

/** Code of a built-in currency. */
export type CurrencyCode = keyof typeof currencies;

/** True when `code` is a built-in currency code (exact, upper case). */
export const isCurrencyCode = (code: unknown): code is CurrencyCode =>
  typeof code === 'string' && Object.hasOwn(currencies, code);

/** The built-in currency with this code (case-sensitive: 'usd' is unknown), or Left `asset_unknown`. */
export function currencyOf(code: string): E.Either<MoneyError, Asset> {
  return isCurrencyCode(code) ? E.right(currencies[code]) : E.left(new MoneyError('asset_unknown', describe(code)));
}
