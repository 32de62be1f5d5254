/**
 * The minor units (scale) of every active ISO-4217 currency, from the standard's list. A ledger
 * defined with one of these codes must use its scale; any other code is a custom asset (loyalty
 * points, fund units, gold) with the scale it declares. Codes without minor units in the standard
 * (XAU, XDR, XTS ...) are not currencies here: they are custom assets.
 */

const withScale = (scale: number, codes: string): [string, number][] => codes.split(' ').map((code) => [code, scale]);

/** ISO-4217 code -> minor units, for every active currency that has minor units. */
export const ISO_4217_SCALES: ReadonlyMap<string, number> = new Map([
  ...withScale(0, 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF'),
  ...withScale(3, 'BHD IQD JOD KWD LYD OMR TND'),
  ...withScale(4, 'CLF UYW'),
  ...withScale(
    2,
    'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD ' +
      'CAD CDF CHE CHF CHW CNY COP COU CRC CUC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL ' +
      'GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD ' +
      'LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN ' +
      'PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL ' +
      'THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG ZWL',
  ),
]);

/** The standard scale of an ISO-4217 currency code, or `undefined` for any other code (a custom asset). */
export const isoScaleOf = (code: string): number | undefined => ISO_4217_SCALES.get(code);
