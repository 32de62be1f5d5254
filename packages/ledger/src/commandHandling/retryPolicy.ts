/** Bounded exponential backoff with injected jitter, for optimistic-concurrency retries. */
import { DEFAULT_RETRY_MAX_DELAY_MS } from '../limits.js';

/** How often and how patiently a conflicting command is retried. */
export interface RetryPolicy {
  /** Total attempts, the first included (>= 1). */
  readonly maxAttempts: number;
  /** Backoff before the 2nd attempt; doubles each time. */
  readonly baseDelayMs: number;
  /** Cap of the backoff (default 1000 ms). */
  readonly maxDelayMs?: number;
  /** Injected randomness in [0, 1): spreads competing writers apart. */
  readonly jitter: () => number;
  /** Injected timer (default `setTimeout`); tests pass a fake to run instantly. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Used when no policy is given: 5 attempts from 10 ms, no jitter (randomness must be injected). */
export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 10, maxDelayMs: DEFAULT_RETRY_MAX_DELAY_MS, jitter: () => 0 };

/**
 * Delay after failed attempt `attempt` (1-based): "equal jitter" — half of the capped exponential
 * backoff, plus up to the other half scaled by `jitter()`. Never exceeds `maxDelayMs`.
 */
export const retryDelayMs = (policy: RetryPolicy, attempt: number): number => {
  const cap = policy.maxDelayMs ?? DEFAULT_RETRY_MAX_DELAY_MS;
  const backoff = Math.min(cap, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const jitter = Math.min(1, Math.max(0, policy.jitter()));
  return backoff / 2 + (backoff / 2) * jitter;
};

/** Resolves after `ms` milliseconds. */
export const sleepMs = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
