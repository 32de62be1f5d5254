/**
 * Structural sharing between two states of one contract. The loan service keeps two states a loan
 * (the accrual and the assessment caches, see closeStates.ts), each first built by its own full
 * fold, so equal parts (the installment plan, the credit decision, the application, the rate
 * table) were held twice, about 2.7 KB a loan. States are immutable (a decider's `evolve` returns
 * new states and leaves its input alone), so an equal part can be the same object in both.
 */

/** Deeper than this, parts are not compared (and so not shared): a loan state is four levels deep. */
const MAX_COMPARE_DEPTH = 8;

/** Deep equality of immutable state values: primitives (bigints by value), arrays, plain objects. */
export const sameValue = (a: unknown, b: unknown, depth = 0): boolean => {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || depth >= MAX_COMPARE_DEPTH) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i], depth + 1)) return false;
    return true;
  }
  if (Array.isArray(b) || Object.getPrototypeOf(a) !== Object.prototype || Object.getPrototypeOf(b) !== Object.prototype) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if (!Object.prototype.hasOwnProperty.call(b, key)) return false;
    if (!sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
};

/**
 * `state` with each object-valued top-level part that is deeply equal to the same part of `other`
 * replaced by `other`'s: an equal state whose unchanged parts are shared. `state` itself is
 * returned when nothing is to be shared.
 */
export const shareEqualParts = <State extends object>(state: State, other: State): State => {
  let shared: Record<string, unknown> | undefined;
  for (const key of Object.keys(state)) {
    const mine = (state as Record<string, unknown>)[key];
    const theirs = (other as Record<string, unknown>)[key];
    if (mine === theirs || typeof mine !== 'object' || mine === null || !sameValue(mine, theirs)) continue;
    shared ??= {};
    shared[key] = theirs;
  }
  return shared === undefined ? state : { ...state, ...shared };
};
