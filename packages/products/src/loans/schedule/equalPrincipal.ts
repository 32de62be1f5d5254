import { divideRounded, type RoundingMode } from '@ecoledger/ledger';
import type { PrincipalRule } from './amortize.js';

/** The equal principal part (等额本金) of `principal` over `count` periods, rounded once with `mode`. */
export const equalPrincipalPart = (principal: bigint, count: number, mode: RoundingMode): bigint => divideRounded(principal, BigInt(count), mode);

/**
 * 等额本金: after `principalGrace` interest-only periods, every installment repays `part` of the
 * principal plus the period's interest, so payments fall as the balance does.
 */
export const equalPrincipalRule =
  (part: bigint, principalGrace: number): PrincipalRule =>
  (k) =>
    k <= principalGrace ? 0n : part;
