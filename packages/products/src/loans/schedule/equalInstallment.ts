import { divideRounded, type RoundingMode } from '@ecoledger/ledger';
import { RATE_DENOMINATOR } from '../../interest/input.js';
import type { PrincipalRule } from './amortize.js';

/**
 * The equal installment (等额本息) of `principal` repaid over `count` periods at the periodic rate
 * `rateUnits` ÷ (10^10 × `perYear`): P·r·(1+r)^n ÷ ((1+r)^n − 1), computed as one exact bigint
 * fraction and rounded once with `mode`; P ÷ n at a zero rate.
 */
export const equalPayment = (principal: bigint, rateUnits: bigint, perYear: number, count: number, mode: RoundingMode): bigint => {
  if (rateUnits === 0n) return divideRounded(principal, BigInt(count), mode);
  // r = R / d; (1 + r)^n = (d + R)^n / d^n, so the payment is P·R·(d+R)^n ÷ (d·((d+R)^n − d^n)).
  const d = RATE_DENOMINATOR * BigInt(perYear);
  const grown = (d + rateUnits) ** BigInt(count);
  return divideRounded(principal * rateUnits * grown, d * (grown - d ** BigInt(count)), mode);
};

/**
 * 等额本息: after `principalGrace` interest-only periods, every installment is `payment`; its
 * principal part is what the period's interest leaves of it.
 */
export const equalInstallmentRule =
  (payment: bigint, principalGrace: number): PrincipalRule =>
  (k, accrued) =>
    k <= principalGrace ? 0n : payment - accrued;
