/** Promise helpers of the store contract suites: a rejection to inspect, a condition to wait for. */

/** The rejection of `promise`, failing the test if it fulfils. */
export const rejectionOf = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it fulfilled');
};

/** Polls `predicate` every few milliseconds until it holds, or fails after `timeoutMs`. */
export const eventually = async (predicate: () => boolean, timeoutMs = 10_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
};
