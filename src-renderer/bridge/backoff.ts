export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

export const RECONNECT_BACKOFF: BackoffPolicy = { baseMs: 1_000, capMs: 30_000 };

/**
 * Delay before reconnect attempt `attempt` (1-based): exponential, capped, with ±25 % jitter so a wall of
 * workstations restarting together does not reconnect in lock-step. `random` is injectable for tests.
 */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy = RECONNECT_BACKOFF,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  const jitter = exponential * 0.25 * (random() * 2 - 1);
  return Math.max(policy.baseMs / 2, Math.round(exponential + jitter));
}
