/**
 * Maturity of a term: its interest is the term-deposit quote (compounding, segments, one rounding)
 * on the principal still at the contracted rate. The instruction decides where the money goes:
 * paid out, rolled over (principal, or principal and net interest) into a new term at the rate
 * posted on the maturity date, or held in the deposit account until withdrawn.
 */
import { decimalToMinor, minorToDecimal } from '@ecoledger/ledger';
import { addMonths, type BusinessDate } from '../../calendar/businessDate.js';
import { ProductsError } from '../../errors.js';
import { quoteTermDeposit } from '../../interest/termDeposit.js';
import { rateOn } from '../../rates/rateTable.js';
import type { MaturityOutcome, TimeDepositEvent } from './events.js';
import { offeredTerm, type TimeDepositProduct } from './product.js';
import { settleInterest } from './settlement.js';
import type { TimeDepositContract, TimeDepositTermState } from './state.js';

const outcomeOf = (contract: TimeDepositContract): MaturityOutcome =>
  contract.maturityInstruction === 'payout' ? 'paid_out' : contract.maturityInstruction === 'hold_at_maturity' ? 'held' : 'rolled_over';

/** The term's interest at maturity, by the product's compounding and term interest basis. */
export const maturityQuote = (product: TimeDepositProduct, term: TimeDepositTermState): ReturnType<typeof quoteTermDeposit> =>
  quoteTermDeposit({
    principal: minorToDecimal(term.principal, product.asset.scale),
    annualRate: term.rate,
    months: term.months,
    compounding: product.compounding,
    rounding: product.rounding,
    asset: product.asset,
    ...(product.termInterestBasis === 'days' ? { dayCount: product.dayCount, start: term.start } : {}),
  });

/**
 * The events of one term maturing, processed on `on`: `TimeDepositMatured`, and for a rollover
 * `TimeDepositRolledOver` opening the next term.
 * @throws ProductsError `term_not_offered` when a rollover's term is no longer offered.
 */
export function matureTerm(product: TimeDepositProduct, contract: TimeDepositContract, term: TimeDepositTermState, on: BusinessDate): TimeDepositEvent[] {
  const quote = maturityQuote(product, term);
  const gross = decimalToMinor(quote.interest, product.asset.scale);
  const outcome = outcomeOf(contract);
  const capitalise = contract.maturityInstruction === 'rollover_principal_and_interest' || outcome === 'held';
  const settlement = settleInterest(product, gross, term.accrued, { principalPaidOut: outcome === 'paid_out' ? term.principal : 0n, capitalise });
  const matured: TimeDepositEvent = {
    type: 'TimeDepositMatured',
    data: {
      contractId: contract.contractId,
      term: term.number,
      maturityDate: term.maturityDate,
      on,
      principal: minorToDecimal(term.principal, product.asset.scale),
      rate: term.rate,
      compounding: product.compounding,
      segments: quote.segments,
      rounding: quote.rounding,
      settlement,
      outcome,
    },
  };
  if (outcome !== 'rolled_over') return [matured];
  const offered = offeredTerm(product, term.months);
  if (offered === undefined) throw new ProductsError('term_not_offered', `rollover of ${term.months} months`, 'termMonths');
  const principal = term.principal + (capitalise ? decimalToMinor(settlement.netInterest, product.asset.scale) : 0n);
  return [
    matured,
    {
      type: 'TimeDepositRolledOver',
      data: {
        contractId: contract.contractId,
        term: term.number + 1,
        start: term.maturityDate,
        months: term.months,
        rate: rateOn(offered.rates, term.maturityDate),
        principal: minorToDecimal(principal, product.asset.scale),
        maturityDate: addMonths(term.maturityDate, term.months),
      },
    },
  ];
}
