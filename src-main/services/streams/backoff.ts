export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

/**
 * Exponential backoff with full jitter above a floor: the n-th retry waits between `baseMs` and
 * min(capMs, baseMs·2ⁿ), so hundreds of cameras coming back after a power cut do not reconnect in lock-step,
 * and no retry is ever immediate.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  const floor = Math.min(policy.baseMs, ceiling);
  return Math.round(floor + random() * (ceiling - floor));
}
