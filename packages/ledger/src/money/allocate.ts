import { MoneyError, describe } from './moneyError.js';
import { fromMinor, type Money } from './money.js';
import { MAX_RATIO_LENGTH, MAX_ALLOCATION_PARTS } from '../limits.js';

// No nested or overlapping quantifiers: linear time on any input.
const RATIO = /^(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/;

/** Ratios as exact non-negative integers sharing one power-of-ten scale ("0.7", "0.25" → 70n, 25n). */
function integerRatios(ratios: readonly (string | bigint)[]): bigint[] {
  if (!Array.isArray(ratios) || ratios.length === 0) throw new MoneyError('ratio_invalid', 'no ratios');
  const parts: { digits: bigint; decimals: number }[] = [];
  let maxDecimals = 0;
  for (const r of ratios as readonly unknown[]) {
    if (typeof r === 'bigint') {
      if (r < 0n) throw new MoneyError('ratio_invalid', `negative ratio ${describe(r)}`);
      parts.push({ digits: r, decimals: 0 });
    } else if (typeof r === 'string' && r.length <= MAX_RATIO_LENGTH && RATIO.test(r)) {
      const point = r.indexOf('.');
      const decimals = point < 0 ? 0 : r.length - point - 1;
      parts.push({ digits: BigInt(point < 0 ? r : r.slice(0, point) + r.slice(point + 1)), decimals });
      if (decimals > maxDecimals) maxDecimals = decimals;
    } else {
      throw new MoneyError('ratio_invalid', `ratio ${describe(r)}`);
    }
  }
  return parts.map((p) => p.digits * 10n ** BigInt(maxDecimals - p.decimals));
}

/**
 * Splits m into parts proportional to `ratios` (bigints or plain decimal strings such as "0.7";
 * they need not sum to 1) without losing or creating a minor unit: the parts always sum to m.
 *
 * Largest-remainder method in minor units: each part first gets the floor of its exact share; the
 * few units left over go one each to the parts with the largest fractional remainders, and on equal
 * remainders the earlier index wins. So every part differs from its exact share by less than one
 * minor unit, and a zero ratio always gets zero. A negative amount is allocated as its absolute
 * value and each part negated, so allocation is symmetric around zero.
 *
 * @throws MoneyError `ratio_invalid` for an empty list, a negative or malformed ratio (JS numbers
 *   included), or ratios that sum to zero.
 */
export function allocate<C extends string>(m: Money<C>, ratios: readonly (string | bigint)[]): Money<C>[] {
  const weights = integerRatios(ratios);
  let total = 0n;
  for (const w of weights) total += w;
  if (total === 0n) throw new MoneyError('ratio_invalid', 'ratios sum to zero');

  const negative = m.minor < 0n;
  const amount = negative ? -m.minor : m.minor;
  const shares: bigint[] = [];
  const remainders: bigint[] = [];
  let handedOut = 0n;
  for (const w of weights) {
    const product = amount * w;
    const share = product / total;
    shares.push(share);
    remainders.push(product % total);
    handedOut += share;
  }
  // Fewer than weights.length units remain (each floor lost < 1 unit).
  let leftover = amount - handedOut;
  if (leftover > 0n) {
    const order = weights.map((_, i) => i);
    // Largest remainder first; Array.prototype.sort is stable, so earlier indexes win ties.
    order.sort((i, j) => {
      const ri = remainders[i] as bigint;
      const rj = remainders[j] as bigint;
      return ri > rj ? -1 : ri < rj ? 1 : 0;
    });
    for (const i of order) {
      if (leftover === 0n) break;
      shares[i] = (shares[i] as bigint) + 1n;
      leftover--;
    }
  }
  return shares.map((s) => fromMinor(negative ? -s : s, m.asset));
}

/** Largest accepted part count for {@link allocateEvenly}. */
export { MAX_ALLOCATION_PARTS };

/**
 * Splits m into `parts` equal shares (a positive integer count ≤ 1,000,000); the earlier parts get
 * the leftover minor units, e.g. 100 fen in 3 → 34, 33, 33. @throws MoneyError `ratio_invalid`.
 */
export function allocateEvenly<C extends string>(m: Money<C>, parts: number): Money<C>[] {
  if (!Number.isSafeInteger(parts) || parts < 1 || parts > MAX_ALLOCATION_PARTS) {
    throw new MoneyError('ratio_invalid', `part count ${describe(parts)} is not an integer 1..${MAX_ALLOCATION_PARTS}`);
  }
  return allocate(m, new Array<bigint>(parts).fill(1n));
}
